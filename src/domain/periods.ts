/**
 * Reporting periods (plan `reporting`): quarters `2026-Q4` or months `2026-11`, their bounds and
 * deadlines in the bloc's time zone. Pure: every function takes the moment and the zone it needs.
 *
 * A period's report is due by the end of `deadlineDay` of the month after the period ends
 * (2026-Q4 → 10/01/2027, 23:59:59 local time); a filing at or after 00:00 of the next day is late.
 */
import { addDays, daysIn, localDate, monthDate, startOfLocalDay } from "./zoned-time";
import type { Plan } from "./plan";
import { PeriodId } from "./reports";
import { fold } from "./text";

export type Cadence = Plan["reporting"]["cadence"];
export type Reporting = Plan["reporting"];

/** A period id that is malformed or of the other cadence (`2026-11` when reporting is quarterly). */
export class BadPeriod extends Error {
  constructor(
    public readonly period: string,
    public readonly cadence: Cadence,
  ) {
    super(`"${period}" is not a ${cadence} period`);
    this.name = "BadPeriod";
  }
}

interface Parsed {
  year: number;
  /** First and last month of the period, 1–12. */
  first: number;
  last: number;
  cadence: Cadence;
}

/**
 * Reads a period id, checking it matches the cadence.
 * @throws BadPeriod
 */
export function parsePeriod(period: string, cadence: Cadence): Parsed {
  if (!PeriodId.safeParse(period).success) throw new BadPeriod(period, cadence);
  const [y, rest] = period.split("-") as [string, string];
  const quarterly = rest.startsWith("Q");
  if (quarterly !== (cadence === "quarterly")) throw new BadPeriod(period, cadence);
  const first = quarterly ? (Number(rest.slice(1)) - 1) * 3 + 1 : Number(rest);
  return { year: Number(y), first, last: quarterly ? first + 2 : first, cadence };
}

/**
 * A period as a person types it, as its id, or undefined when it is not one of the cadence's:
 * quarters `2026-Q4`, `Q4/2026`, `q4 2026`, `quý 4/2026`, `quý 4 năm 2026`; months `2026-11`,
 * `11/2026`, `tháng 11/2026`. A bare `4/2026` is a month, never a quarter.
 * @example readPeriod("quý 4/2026", "quarterly") // "2026-Q4"
 */
export function readPeriod(text: string, cadence: Cadence): string | undefined {
  const s = fold(text)
    .replace(/\bnam\b/g, "/")
    .replace(/[\s/.-]+/g, "/");
  const yq = /^(\d{4})\/?(?:q|quy)\/?([1-4])$/.exec(s);
  const qy = /^(?:q|quy)\/?([1-4])\/(\d{4})$/.exec(s);
  if (yq || qy) return cadence === "quarterly" ? (yq ? `${yq[1]}-Q${yq[2]}` : `${qy![2]}-Q${qy![1]}`) : undefined;
  const ym = /^(\d{4})\/(\d{1,2})$/.exec(s);
  const my = /^(?:thang\/?)?(\d{1,2})\/(\d{4})$/.exec(s);
  const [year, month] = ym ? [ym[1]!, ym[2]!] : my ? [my[2]!, my[1]!] : [];
  if (!year || !month || cadence !== "monthly" || Number(month) < 1 || Number(month) > 12) return undefined;
  return `${year}-${month.padStart(2, "0")}`;
}

function idOf(year: number, month: number, cadence: Cadence): string {
  return cadence === "quarterly" ? `${year}-Q${Math.ceil(month / 3)}` : monthDate(year, month, 1).slice(0, 7);
}

/**
 * The period holding a moment, by its local date.
 * @example periodOf(new Date("2026-11-29T03:00:00Z"), "quarterly", "Asia/Ho_Chi_Minh") // "2026-Q4"
 */
export function periodOf(at: Date, cadence: Cadence, timeZone: string): string {
  const [y, m] = localDate(at, timeZone).split("-").map(Number) as [number, number];
  return idOf(y, m, cadence);
}

/** First and last local dates of a period, inclusive (`yyyy-mm-dd`). */
export function periodDates(period: string, cadence: Cadence): { from: string; to: string } {
  const p = parsePeriod(period, cadence);
  return { from: monthDate(p.year, p.first, 1), to: monthDate(p.year, p.last, daysIn(p.year, p.last)) };
}

/** The period after this one: `2026-Q4` → `2027-Q1`. */
export function nextPeriod(period: string, cadence: Cadence): string {
  const p = parsePeriod(period, cadence);
  const month = p.last + 1;
  return idOf(p.year + Math.floor((month - 1) / 12), ((month - 1) % 12) + 1, cadence);
}

/** The period before this one: `2026-01` → `2025-12`. */
export function previousPeriod(period: string, cadence: Cadence): string {
  const p = parsePeriod(period, cadence);
  const month = p.first - 1;
  return month === 0 ? idOf(p.year - 1, 12, cadence) : idOf(p.year, month, cadence);
}

/**
 * When a period's report is due: `dueDate` is the last local day on which it is on time, and
 * `passesAt` the moment (00:00 local of the next day) from which a filing is late.
 */
export function deadlineOf(period: string, reporting: Reporting, timeZone: string): { dueDate: string; passesAt: Date } {
  const p = parsePeriod(period, reporting.cadence);
  const dueDate = monthDate(p.year, p.last + 1, reporting.deadlineDay);
  const dayAfter = addDays(dueDate, 1);
  return { dueDate, passesAt: startOfLocalDay(dayAfter, timeZone) };
}

/** True when a filing at `at` is after the period's deadline. */
export function isLate(period: string, at: Date, reporting: Reporting, timeZone: string): boolean {
  return at.getTime() >= deadlineOf(period, reporting, timeZone).passesAt.getTime();
}

/**
 * The period whose reports are being collected at `now`: the previous period while its deadline
 * has not passed (early January files 2026-Q4), otherwise the current one.
 */
export function reportingPeriod(now: Date, reporting: Reporting, timeZone: string): string {
  const current = periodOf(now, reporting.cadence, timeZone);
  const previous = previousPeriod(current, reporting.cadence);
  return isLate(previous, now, reporting, timeZone) ? current : previous;
}

/** True when `period` starts after the period holding `now` (a report for the future). */
export function isFuture(period: string, now: Date, reporting: Reporting, timeZone: string): boolean {
  return periodDates(period, reporting.cadence).from > localDate(now, timeZone);
}

/**
 * The period holding `at` and the `count - 1` periods before it, newest first.
 * @example recentPeriods(new Date("2027-01-05T03:00:00Z"), "quarterly", "Asia/Ho_Chi_Minh", 2) // ["2027-Q1", "2026-Q4"]
 */
export function recentPeriods(at: Date, cadence: Cadence, timeZone: string, count: number): string[] {
  const out: string[] = [];
  for (let id = periodOf(at, cadence, timeZone); out.length < count; id = previousPeriod(id, cadence)) out.push(id);
  return out;
}
