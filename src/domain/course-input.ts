/**
 * Parsing what an admin types (or a workbook holds) when creating a class: sessions, dates,
 * capacity, lecturers, quota edits. Pure; each failure names a locale key of the classes feature.
 */
import type { z } from "zod";
import { Course, Session } from "./courses";
import { itemLimit, lengthLimits, numberLimits } from "./limits";
import { fold, tidy } from "./text";
import { zoned } from "./zoned-time";
import { readDate } from "./date-input";

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string; line?: number; vars?: Record<string, unknown> };

/** A clock time: `8:00`, `08:00`, `8h`, `8h30`, `8g30` → `08:00`, `08:30`. */
function clock(text: string): string | undefined {
  const m = /^(\d{1,2})(?:[:hg.](\d{2})|[hg])$/i.exec(text.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2] ?? 0) > 59) return undefined;
  return `${m[1]!.padStart(2, "0")}:${m[2] ?? "00"}`;
}

const TIME = "\\d{1,2}(?:[:hg.]\\d{2}|[hg])";
const SESSION_LINE = new RegExp(`^(\\S+)\\s+(${TIME})\\s*[-–]\\s*(${TIME})\\s+(.+)$`, "i");

/**
 * One session line: `05/12/2026 08:00-11:00 Hội trường A` (a place or an online link); times also
 * as `8h`, `8h30`; given `today` (ISO), a date without the year (`20/12`) is the next such day.
 */
export function parseSession(line: string, id: string, today?: string): Parsed<Session> {
  const m = SESSION_LINE.exec(tidy(line));
  if (!m) return { ok: false, problem: "classes:input.sessionFormat" };
  const read = readDate(m[1]!, today);
  const [start, end] = [clock(m[2]!), clock(m[3]!)];
  if (!("date" in read)) {
    const problem = read.problem === "calendar" ? "classes:input.notOnCalendar" : "classes:input.badDate";
    return { ok: false, problem, vars: { date: m[1] } };
  }
  const date = read.date;
  if (!start || !end) return { ok: false, problem: "classes:input.badTime" };
  if (end <= start) return { ok: false, problem: "classes:input.endBeforeStart" };
  const parsed = Session.safeParse({ id, date, start, end, place: m[4]!.trim() });
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problem: "classes:input.badPlace", vars: lengthLimits(Session.shape.place) };
}

/**
 * Several sessions, one per line (or separated by ";" before the next date, where a chat sends one
 * line), sorted by date and time; `today` (ISO) lets a date go without its year.
 */
export function parseSessions(text: string, today?: string): Parsed<Session[]> {
  const lines = text
    .split(/\n|;(?=\s*\d{1,2}[/.-]\d{1,2}\b)/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0 || lines.length > itemLimit(Course.shape.sessions)) return { ok: false, problem: "classes:input.sessionFormat" };
  const sessions: Session[] = [];
  for (const [i, line] of lines.entries()) {
    const s = parseSession(line, `s${i + 1}`, today);
    if (!s.ok) return { ...s, line: i + 1 };
    sessions.push(s.value);
  }
  sessions.sort((a, b) => `${a.date}${a.start}`.localeCompare(`${b.date}${b.start}`));
  return { ok: true, value: sessions.map((s, i) => ({ ...s, id: `s${i + 1}` })) };
}

/**
 * A deadline `dd/mm/yyyy [HH:mm]` (end of day when no time) as an ISO instant in the time zone;
 * given `today` (ISO), the year may be left out.
 */
export function parseDeadline(text: string, timeZone: string, today?: string): Parsed<string> {
  const [d, t] = tidy(text).split(" ");
  const read = readDate(d ?? "", today);
  if (!("date" in read) && read.problem === "calendar")
    return { ok: false, problem: "classes:input.deadlineNotOnCalendar", vars: { date: d } };
  const time = t ? clock(t) : "23:59";
  if (!("date" in read) || !time) return { ok: false, problem: "classes:input.badDeadline" };
  return { ok: true, value: zoned(read.date, time, timeZone).toISOString() };
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

/** "None yet", as people type it: `-`, "chưa có", "không có ai", "none". */
const NO_LECTURER = /^(-|chua( co)?( ai)?|khong( co)?( ai)?|none|no one|nobody)$/;

/** Lecturers separated by commas or new lines; `-` or empty for none. */
export function parseLecturers(text: string): string[] {
  const t = tidy(text);
  if (t === "" || NO_LECTURER.test(fold(t))) return [];
  return t
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, itemLimit(Course.shape.lecturers))
    .map((s) => s.slice(0, lengthLimits(Course.shape.lecturers.unwrap().element).max));
}

/**
 * Quota edits, `unitId seats` one per line or separated by `;` (`u01 3; u02 5`); a unit code in
 * any case (`U01`).
 */
export function parseQuotaEdits(text: string, unitIds: ReadonlySet<string>): Parsed<Record<string, number>> {
  const edits: Record<string, number> = {};
  const byFolded = new Map([...unitIds].map((id) => [id.toLowerCase(), id]));
  for (const [i, line] of text
    .split(/[\n;]/)
    .map((l) => l.trim())
    .filter(Boolean)
    .entries()) {
    const m = /^(\S+)\s*[:=]?\s*(\d{1,5})$/.exec(line);
    if (!m) return { ok: false, problem: "classes:input.quotaFormat", line: i + 1 };
    const id = byFolded.get(m[1]!.toLowerCase());
    if (!id) return { ok: false, problem: "classes:input.unknownUnit", line: i + 1 };
    edits[id] = Number(m[2]);
  }
  return { ok: true, value: edits };
}
