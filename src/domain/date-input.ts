/**
 * The one reader of a calendar date typed by a person or held in a workbook cell. Every feature
 * reads dates here, so `5/12/2026`, `05-12-2026`, `05.12.2026` and `2026-12-05` are accepted alike
 * everywhere. Formatting is the other way: `dmy` and `localDmy` in zoned-time.ts.
 */

/** A date read: the ISO day, or why it was refused (`format`: not a date at all; `calendar`: no such day, e.g. 31/11). */
export type DateRead = { date: string } | { problem: "format" | "calendar" };

const DAY_MONTH_YEAR = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const YEAR_MONTH_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DAY_MONTH = /^(\d{1,2})[/.-](\d{1,2})$/;

/** True when year-month-day is a day on the calendar (no 31/11, no 29/02/2027). */
function onCalendar(y: number, m: number, d: number): boolean {
  const back = new Date(Date.UTC(y, m - 1, d));
  return m >= 1 && m <= 12 && back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

/**
 * Reads `dd/mm/yyyy` (also `d/m/yyyy`, with `-` or `.`, or `yyyy-mm-dd`). Given `today` (ISO), a
 * day and month without the year (`20/12`) is the next such day on or after today.
 * @example readDate("31/11/2026") // { problem: "calendar" }
 * @example readDate("20/12", "2026-12-07") // { date: "2026-12-20" }
 */
export function readDate(text: string, today?: string): DateRead {
  const t = text.trim();
  const full = DAY_MONTH_YEAR.exec(t);
  const ymd = YEAR_MONTH_DAY.exec(t);
  const parts = full ? [full[3], full[2], full[1]] : ymd ? [ymd[1], ymd[2], ymd[3]] : undefined;
  if (parts) {
    const [y, m, d] = parts.map(Number) as [number, number, number];
    return onCalendar(y, m, d) ? { date: iso(y, m, d) } : { problem: "calendar" };
  }
  const short = today ? DAY_MONTH.exec(t) : null;
  if (!short || !today) return { problem: "format" };
  const [d, m] = [Number(short[1]), Number(short[2])];
  if (!onCalendar(2000, m, d)) return { problem: "calendar" }; // 2000 is a leap year: 29/02 passes here
  const year = Number(today.slice(0, 4));
  for (const y of [year, year + 1, year + 2, year + 3, year + 4]) {
    if (onCalendar(y, m, d) && iso(y, m, d) >= today) return { date: iso(y, m, d) };
  }
  return { problem: "calendar" };
}

/**
 * A date as ISO, or undefined when it is not one (the reason does not matter to the caller).
 * @example parseDate("5/12/2026") // "2026-12-05"
 */
export function parseDate(text: string, today?: string): string | undefined {
  const read = readDate(text, today);
  return "date" in read ? read.date : undefined;
}

/**
 * A day and month that every year has (so not 29/02), as `mm-dd`.
 * @example parseDayMonth("15/5") // "05-15"
 */
export function parseDayMonth(text: string): string | undefined {
  const m = DAY_MONTH.exec(text.trim());
  return m && onCalendar(2001, Number(m[2]), Number(m[1])) ? iso(2001, Number(m[2]), Number(m[1])).slice(5) : undefined;
}
