/**
 * Report deadline nudges to the officers of units that have not reported: before, on the day and
 * after the deadline (`reportDeadlineDays`: 3 = three days before, -2 = two days after), then the
 * units still missing escalated to the admins. The morning after a deadline, the period's summary
 * goes to the bloc's Standing Committee groups (to each admin when none is linked).
 */
import { periodLabel, translator } from "../../i18n";
import { composerNames } from "../../domain/composers";
import { deadlineOf, recentPeriods } from "../../domain/periods";
import { addDays, DAY_MS, dmy, zoned } from "../../domain/zoned-time";
import { admins, person, type Due, type PlanContext } from "./context";

/** A period as people read it, in each language: "Quý 4/2026", "Q4 2026" (never its id). */
function labelOf(period: string): { vi: string; en: string } {
  return { vi: periodLabel(translator("vi"), period), en: periodLabel(translator("en"), period) };
}

/** A reporting period and the last local day (`yyyy-mm-dd`) on which its report is on time. */
interface ReportPeriod {
  id: string;
  deadline: string;
}

/** The current period and the `count - 1` before it, with their deadline days (src/domain/periods.ts). */
export function periodsWithDeadlines(ctx: PlanContext, count: number): ReportPeriod[] {
  return recentPeriods(ctx.now, ctx.plan.reporting.cadence, ctx.timeZone, count).map((id) => ({
    id,
    deadline: deadlineOf(id, ctx.plan.reporting, ctx.timeZone).dueDate,
  }));
}

/** `d-3` three days before, `d0` on the day, `d+2` two days after. */
export function stepLabel(daysBefore: number): string {
  return daysBefore > 0 ? `d-${daysBefore}` : daysBefore === 0 ? "d0" : `d+${-daysBefore}`;
}

function missingUnits(ctx: PlanContext, period: ReportPeriod): string[] {
  return ctx.data.units.filter((u) => !ctx.reported.has(`${u.id}:${period.id}`)).map((u) => u.id);
}

function officerNudges(ctx: PlanContext, period: ReportPeriod, d: number): Due[] {
  const at = zoned(addDays(period.deadline, -d), ctx.plan.reminders.dayTime, ctx.timeZone);
  const staleAt = new Date(at.getTime() + DAY_MS);
  if (!ctx.due(at, staleAt)) return [];
  const step = stepLabel(d);
  const messageKey = d > 0 ? "scheduler:report.before" : d === 0 ? "scheduler:report.today" : "scheduler:report.after";
  const vars = { period: labelOf(period.id), deadline: dmy(period.deadline), days: Math.abs(d) };
  return missingUnits(ctx, period).flatMap((unitId) =>
    ctx.officersOf(unitId).map((c) =>
      ctx.make({
        key: `nudge:report:${period.id}:${unitId}:${step}`,
        kind: "nudge:report",
        recipient: person(c.id),
        message: { key: messageKey, vars },
        essential: true,
        at,
        staleAt,
      }),
    ),
  );
}

function escalation(ctx: PlanContext, period: ReportPeriod): Due[] {
  const at = zoned(addDays(period.deadline, ctx.plan.reminders.reportEscalationDays), ctx.plan.reminders.dayTime, ctx.timeZone);
  const staleAt = new Date(at.getTime() + 3 * DAY_MS);
  if (!ctx.due(at, staleAt)) return [];
  const missing = missingUnits(ctx, period);
  if (missing.length === 0) return [];
  const names = missing.slice(0, 40).map((id) => `• ${ctx.unitById.get(id)?.name ?? id}`);
  if (missing.length > 40) names.push(`… (+${missing.length - 40})`);
  const vars = {
    period: labelOf(period.id),
    deadline: dmy(period.deadline),
    missing: missing.length,
    total: ctx.data.units.length,
    units: names.join("\n"),
  };
  const message = { key: "scheduler:report.escalation", vars };
  return [
    ctx.make({ key: `nudge:report:${period.id}:escalate`, kind: "nudge:report", recipient: admins, message, essential: true, at, staleAt }),
  ];
}

/**
 * The period summary, due at the day time the day after the deadline; stale a week later. It reads
 * the store when sent (reports filed until then count), so the Due names the reports feature's
 * composer and carries only the period; `scheduler:report.summary` is its short fallback.
 */
function summary(ctx: PlanContext, period: ReportPeriod): Due[] {
  const at = zoned(addDays(period.deadline, 1), ctx.plan.reminders.dayTime, ctx.timeZone);
  const staleAt = new Date(at.getTime() + 7 * DAY_MS);
  if (!ctx.due(at, staleAt)) return [];
  const message = {
    key: "scheduler:report.summary",
    vars: { period: period.id, label: labelOf(period.id) },
    compose: composerNames.periodSummary,
  };
  const groups = ctx.blocGroups();
  return (groups.length ? groups : [admins]).map((recipient) =>
    ctx.make({ key: `summary:report:${period.id}`, kind: "summary:report", recipient, message, essential: true, at, staleAt }),
  );
}

/** Every report nudge and summary due in the window, for the current period and the two before it. */
export function reportNudges(ctx: PlanContext): Due[] {
  const out: Due[] = [];
  for (const period of periodsWithDeadlines(ctx, 3)) {
    for (const d of ctx.plan.reminders.reportDeadlineDays) out.push(...officerNudges(ctx, period, d));
    out.push(...escalation(ctx, period), ...summary(ctx, period));
  }
  return out;
}
