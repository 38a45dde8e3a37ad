/**
 * Registration deadline nudges (e.g. 7, 3 and 1 days before): to eligible cadres not yet enrolled,
 * and to units still under their quota (their linked groups and officers).
 */
import { classCode, type Course } from "../../domain/courses";
import { addDays, localDmy, localParts, zoned } from "../../domain/zoned-time";
import { person, type Due, type PlanContext } from "./context";
import { unitsWithSeats } from "./class-open";

function unitNudges(ctx: PlanContext, course: Course, d: number, at: Date, staleAt: Date): Due[] {
  const out: Due[] = [];
  const eligible = ctx.eligiblePositions(course.kind);
  const takers = ctx.takersOf(course.id);
  const base = { title: course.title, code: classCode(course), deadline: localDmy(staleAt, ctx.timeZone), days: d };
  for (const unitId of unitsWithSeats(ctx, course)) {
    const quota = course.quotas[unitId];
    const left = quota === undefined ? course.capacity - ctx.enrolledIn(course.id).length : quota - ctx.seatsUsed(course.id, unitId);
    if (left <= 0) continue;
    const unitKey = `nudge:quota:${course.id}:d-${d}:${unitId}`;
    const unitMessage = { key: "scheduler:enrol.unit", vars: { ...base, left, unit: ctx.unitById.get(unitId)?.name ?? unitId } };
    const recipients = [...ctx.groupsOf(unitId), ...ctx.officersOf(unitId).map((c) => person(c.id))];
    for (const recipient of recipients) {
      out.push(ctx.make({ key: unitKey, kind: "nudge:quota", recipient, message: unitMessage, essential: false, at, staleAt }));
    }
    for (const c of ctx.cadresByUnit.get(unitId) ?? []) {
      if (!eligible.has(c.position) || takers.has(c.id)) continue;
      const message = { key: "scheduler:enrol.person", vars: base };
      out.push(
        ctx.make({
          key: `nudge:enrol:${course.id}:d-${d}`,
          kind: "nudge:enrol",
          recipient: person(c.id),
          message,
          essential: false,
          at,
          staleAt,
        }),
      );
    }
  }
  return out;
}

/** Due at the day time, `d` local days before the deadline's day; stale at the deadline. */
export function enrolmentNudges(ctx: PlanContext): Due[] {
  const out: Due[] = [];
  for (const course of ctx.data.courses) {
    if (course.status !== "open") continue;
    const staleAt = new Date(course.deadline);
    if (staleAt.getTime() <= ctx.now.getTime()) continue;
    if (ctx.enrolledIn(course.id).length >= course.capacity) continue;
    const deadlineDay = localParts(staleAt, ctx.timeZone).date;
    for (const d of ctx.plan.reminders.enrolmentDeadlineDays) {
      const at = zoned(addDays(deadlineDay, -d), ctx.plan.reminders.dayTime, ctx.timeZone);
      if (ctx.due(at, staleAt)) out.push(...unitNudges(ctx, course, d, at, staleAt));
    }
  }
  return out;
}
