/**
 * Local dates and times in the bot's time zone (Asia/Ho_Chi_Minh), without a date library: local
 * days (`2026-01-15`), clock times (`08:00`) and the instants they name. Every rule that reads a
 * calendar (deadlines, sessions, periods, quiet hours) goes through here.
 */

const MINUTE = 60_000;
export const DAY_MS = 24 * 60 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock parts of an instant in a time zone. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** `yyyy-mm-dd`. */
  date: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

/** Reads an instant's local date, time and weekday in `timeZone`. */
export function localParts(at: Date, timeZone: string): LocalParts {
  // The parts stop at the minute: the last answer serves every instant of the same minute (formatToParts is slow).
  const minute = Math.floor(at.getTime() / 60_000);
  if (lastParts.minute === minute && lastParts.timeZone === timeZone) return lastParts.parts;
  const parts = Object.freeze(computeParts(at, timeZone));
  lastParts = { minute, timeZone, parts };
  return parts;
}

let lastParts: { minute: number; timeZone: string; parts: LocalParts } = { minute: Number.NaN, timeZone: "", parts: {} as LocalParts };

function computeParts(at: Date, timeZone: string): LocalParts {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) if (part.type !== "literal") p[part.type] = Number(part.value);
  const date = `${p.year}-${pad(p.month!)}-${pad(p.day!)}`;
  const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, date, weekday };
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** Offset of the zone from UTC at an instant, in ms (Vietnam: +7 h). */
function offsetMs(at: number, timeZone: string): number {
  const p = localParts(new Date(at), timeZone);
  const seconds = at % MINUTE;
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) + seconds - at;
}

/**
 * The instant at which the local clock of `timeZone` shows `date` `time`.
 * @example zoned("2026-01-15", "08:00", "Asia/Ho_Chi_Minh") // 2026-01-15T01:00:00Z
 */
export function zoned(date: string, time: string, timeZone: string): Date {
  const key = `${date} ${time} ${timeZone}`;
  let at = zonedInstants.get(key);
  if (at === undefined) {
    const [y, m, d] = date.split("-").map(Number) as [number, number, number];
    const [hh, mm] = time.split(":").map(Number) as [number, number];
    const guess = Date.UTC(y, m - 1, d, hh, mm);
    const first = guess - offsetMs(guess, timeZone);
    at = guess - offsetMs(first, timeZone);
    if (zonedInstants.size >= 10_000) zonedInstants.clear();
    zonedInstants.set(key, at);
  }
  return new Date(at);
}

/** `zoned`'s answers (the scheduler asks for every session's start at every tick; `formatToParts` is slow). */
const zonedInstants = new Map<string, number>();

/** Adds days to a local date string: `addDays("2026-12-31", 1)` → `2027-01-01`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from local date `a` to local date `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Days in a month (1–12) of a year. */
export function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A date of `month` in `year`, months past 12 rolling into the next year: `monthDate(2026, 13, 10)` → `2027-01-10`. */
export function monthDate(year: number, month: number, day: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return `${y}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Adds months to a local date, the day clamped to the month's length: `addMonths("2026-01-31", 1)` → `2026-02-28`. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return monthDate(year, month, Math.min(d, daysIn(year, month)));
}

/** Minutes since local midnight of an `HH:mm` clock time. */
function minutesOf(time: string): number {
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return hh * 60 + mm;
}

/** Quiet hours as local clock times; `from` after `to` spans midnight (21:00 → 07:00). */
export interface QuietHours {
  from: string;
  to: string;
}

/**
 * Moves an instant that falls in the quiet hours to their end (the morning); others are kept.
 * @example deferQuiet(at22h, { from: "21:00", to: "07:00" }, tz) // 07:00 the next morning
 */
export function deferQuiet(at: Date, quiet: QuietHours, timeZone: string): Date {
  const p = localParts(at, timeZone);
  const now = p.hour * 60 + p.minute;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return at;
  const inside = from < to ? now >= from && now < to : now >= from || now < to;
  if (!inside) return at;
  const day = from > to && now >= from ? addDays(p.date, 1) : p.date;
  return zoned(day, quiet.to, timeZone);
}

/** `2026-01-15` → `15/01/2026`, the way people read dates here. */
export function dmy(date: string): string {
  const [y, m, d] = date.split("-");
  return `${d}/${m}/${y}`;
}

/**
 * An instant's local date as dd/mm/yyyy: the one date formatter (a calendar day, ISO, is `dmy`).
 * @example localDmy("2026-12-31T18:00:00Z", "Asia/Ho_Chi_Minh") // "01/01/2027"
 */
export function localDmy(at: Date | string, timeZone: string): string {
  return dmy(localParts(typeof at === "string" ? new Date(at) : at, timeZone).date);
}

/** The wall-clock date and time of an instant: `{ date: "2026-12-05", time: "08:00" }`. */
export function wallClock(at: Date, timeZone: string): { date: string; time: string } {
  const p = localParts(at, timeZone);
  return { date: p.date, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/**
 * The local calendar date of an instant, `yyyy-mm-dd`.
 * @example localDate(new Date("2026-12-31T18:00:00Z"), "Asia/Ho_Chi_Minh") // "2027-01-01"
 */
export function localDate(at: Date, timeZone: string): string {
  return localParts(at, timeZone).date;
}

/** The instant local midnight starts a date. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return zoned(date, "00:00", timeZone);
}
