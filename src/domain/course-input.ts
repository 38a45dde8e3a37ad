/**
 * Parsing what an admin types (or a workbook holds) when creating a class: sessions, dates,
 * capacity, lecturers, quota edits. Pure; each failure names a locale key of the classes feature.
 */
import type { z } from "zod";
import { Course, Session } from "./courses";
import { itemLimit, lengthLimits, numberLimits } from "./limits";
import { tidy } from "./text";
import { zoned } from "./zoned-time";

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string; line?: number; vars?: Record<string, unknown> };

const DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** `5/12/2026` → `2026-12-05`, or undefined when it is not a real date. */
export function parseDate(text: string): string | undefined {
  const m = DATE.exec(text.trim());
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const iso = `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const back = new Date(`${iso}T00:00:00Z`);
  return back.getUTCDate() === d && back.getUTCMonth() + 1 === mo ? iso : undefined;
}

function clock(text: string): string | undefined {
  const m = /^(\d{1,2})[:hg](\d{2})$/.exec(text.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  return `${m[1]!.padStart(2, "0")}:${m[2]}`;
}

/** One session line: `05/12/2026 08:00-11:00 Hội trường A` (a place or an online link). */
export function parseSession(line: string, id: string): Parsed<Session> {
  const m = /^(\S+)\s+(\d{1,2}[:hg]\d{2})\s*[-–]\s*(\d{1,2}[:hg]\d{2})\s+(.+)$/.exec(tidy(line));
  if (!m) return { ok: false, problem: "classes:input.sessionFormat" };
  const date = parseDate(m[1]!);
  const [start, end] = [clock(m[2]!), clock(m[3]!)];
  if (!date) return { ok: false, problem: "classes:input.badDate" };
  if (!start || !end) return { ok: false, problem: "classes:input.badTime" };
  if (end <= start) return { ok: false, problem: "classes:input.endBeforeStart" };
  const parsed = Session.safeParse({ id, date, start, end, place: m[4]!.trim() });
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problem: "classes:input.badPlace", vars: lengthLimits(Session.shape.place) };
}

/** Several sessions, one per line (or separated by ";" before the next date, where a chat sends one line), sorted by date and time. */
export function parseSessions(text: string): Parsed<Session[]> {
  const lines = text
    .split(/\n|;(?=\s*\d{1,2}\/\d{1,2}\/)/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0 || lines.length > itemLimit(Course.shape.sessions)) return { ok: false, problem: "classes:input.sessionFormat" };
  const sessions: Session[] = [];
  for (const [i, line] of lines.entries()) {
    const s = parseSession(line, `s${i + 1}`);
    if (!s.ok) return { ...s, line: i + 1 };
    sessions.push(s.value);
  }
  sessions.sort((a, b) => `${a.date}${a.start}`.localeCompare(`${b.date}${b.start}`));
  return { ok: true, value: sessions.map((s, i) => ({ ...s, id: `s${i + 1}` })) };
}

/** A deadline `dd/mm/yyyy [HH:mm]` (end of day when no time) as an ISO instant in the time zone. */
export function parseDeadline(text: string, timeZone: string): Parsed<string> {
  const [d, t] = tidy(text).split(" ");
  const date = parseDate(d ?? "");
  const time = t ? clock(t) : "23:59";
  if (!date || !time) return { ok: false, problem: "classes:input.badDeadline" };
  return { ok: true, value: zoned(date, time, timeZone).toISOString() };
}

/**
 * A whole number within the bounds a number schema sets.
 * @example parseCount("2026", Course.shape.year) // 2026
 */
export function parseCount(text: string, schema: z.ZodType<number>): number | undefined {
  const t = text.trim();
  if (!/^\d{1,6}$/.test(t)) return undefined;
  const { min, max } = numberLimits(schema);
  const n = Number(t);
  return n >= min && n <= max ? n : undefined;
}

/** Lecturers separated by commas or new lines; `-` or empty for none. */
export function parseLecturers(text: string): string[] {
  const t = tidy(text);
  if (t === "" || t === "-") return [];
  return t
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, itemLimit(Course.shape.lecturers))
    .map((s) => s.slice(0, lengthLimits(Course.shape.lecturers.unwrap().element).max));
}

/** Quota edits, one `unitId seats` per line. */
export function parseQuotaEdits(text: string, unitIds: ReadonlySet<string>): Parsed<Record<string, number>> {
  const edits: Record<string, number> = {};
  for (const [i, line] of text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .entries()) {
    const m = /^(\S+)\s*[:=]?\s*(\d{1,5})$/.exec(line);
    if (!m) return { ok: false, problem: "classes:input.quotaFormat", line: i + 1 };
    if (!unitIds.has(m[1]!)) return { ok: false, problem: "classes:input.unknownUnit", line: i + 1 };
    edits[m[1]!] = Number(m[2]);
  }
  return { ok: true, value: edits };
}
