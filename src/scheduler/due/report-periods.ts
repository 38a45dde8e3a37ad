/**
 * SCHEDULER-LOCAL reporting-period helper, kept minimal on purpose: the reports feature owns
 * `src/domain/periods.ts`; when both exist, this file should be replaced by it at merge.
 * A period is `2026-Q4` (quarterly) or `2026-11` (monthly); its report is due on `deadlineDay`
 * of the month after it ends.
 */
import type { Plan } from "../../domain/plan";

export interface SchedulerPeriod {
  id: string;
  /** Local date `yyyy-mm-dd` of the deadline day. */
  deadline: string;
}

function monthIndex(year: number, month0: number): { year: number; month0: number } {
  return { year: year + Math.floor(month0 / 12), month0: ((month0 % 12) + 12) % 12 };
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * The period holding a local date and the `count - 1` before it, newest first.
 * @example schedulerPeriods("2027-01-05", plan.reporting, 2) // 2027-Q1 (due 2027-04-10), 2026-Q4 (due 2027-01-10)
 */
export function schedulerPeriods(localDate: string, reporting: Plan["reporting"], count: number): SchedulerPeriod[] {
  const [y, m] = localDate.split("-").map(Number) as [number, number];
  const months = reporting.cadence === "quarterly" ? 3 : 1;
  const firstMonth0 = Math.floor((m - 1) / months) * months;
  const out: SchedulerPeriod[] = [];
  for (let i = 0; i < count; i++) {
    const start = monthIndex(y, firstMonth0 - i * months);
    const due = monthIndex(start.year, start.month0 + months);
    const id = months === 3 ? `${start.year}-Q${start.month0 / 3 + 1}` : `${start.year}-${pad(start.month0 + 1)}`;
    out.push({ id, deadline: `${due.year}-${pad(due.month0 + 1)}-${pad(reporting.deadlineDay)}` });
  }
  return out;
}
