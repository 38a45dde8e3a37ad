/**
 * The planner: a pure function from the data, the plan and `now` to the messages due. It looks
 * back over the time since the last tick (bounded by `catchUpHours`), so a tick missed while the
 * bot was down is caught up; what has lost its point (stale) is left out. The outbox makes
 * re-planning harmless: each Due has a deterministic key and is inserted only once.
 */
import { classOpenings } from "./due/class-open";
import { PlanContext, type Due, type PlannerData } from "./due/context";
import { weeklyDigest } from "./due/digest";
import { enrolmentNudges } from "./due/enrolment";
import { registrationEscalations } from "./due/registrations";
import { reportNudges } from "./due/reports";
import { secretaryTitleNudges } from "./due/secretary-title";
import { sessionReminders } from "./due/sessions";
import { twoSecretaryNotices } from "./due/two-secretaries";
import { unclosedClassNotices } from "./due/unclosed";
import { yearlyAnnouncements, yearlyClassWarnings } from "./due/yearly";

export type { Due, DueRecipient, PlannerData } from "./due/context";

const kinds = [
  yearlyAnnouncements,
  yearlyClassWarnings,
  classOpenings,
  enrolmentNudges,
  sessionReminders,
  reportNudges,
  secretaryTitleNudges,
  weeklyDigest,
  registrationEscalations,
  unclosedClassNotices,
  twoSecretaryNotices,
];

/** Start of the window a tick covers: the last tick, or at most `catchUpHours` back. */
export function windowStart(data: PlannerData, now: Date): number {
  const bound = now.getTime() - data.plan.reminders.catchUpHours * 3_600_000;
  return Math.max(bound, data.lastTickAt?.getTime() ?? bound);
}

/**
 * Everything due in `(lastTick, now]` and not yet stale.
 * @example const due = plan({ plan, timeZone, units, cadres, courses, enrollments, certificates, reports, lastTickAt }, now);
 */
export function plan(data: PlannerData, now: Date): Due[] {
  const ctx = new PlanContext(data, now, windowStart(data, now));
  return kinds.flatMap((kind) => kind(ctx));
}
