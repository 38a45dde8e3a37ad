/** A class opening for enrolment: to the linked groups of units with seats, and to eligible cadres (R1). */
import { classCode, type Course } from "../../domain/courses";
import { localDmy, dmy } from "../../domain/zoned-time";
import { person, type Due, type PlanContext } from "./context";

/** Units with seats in a course; every unit when the course has no quotas. */
export function unitsWithSeats(ctx: PlanContext, course: Course): string[] {
  const ids = Object.keys(course.quotas);
  if (ids.length === 0) return ctx.data.units.map((u) => u.id);
  return ids.filter((id) => (course.quotas[id] ?? 0) > 0);
}

/** Due when the class is created; stale at its registration deadline. */
export function classOpenings(ctx: PlanContext): Due[] {
  const out: Due[] = [];
  for (const course of ctx.data.courses) {
    if (course.status !== "open") continue;
    const at = new Date(course.createdAt);
    const staleAt = new Date(course.deadline);
    if (!ctx.due(at, staleAt)) continue;
    const key = `class:open:${course.id}`;
    const vars = {
      title: course.title,
      code: classCode(course),
      kind: ctx.kindName(course.kind),
      deadline: localDmy(staleAt, ctx.timeZone),
      start: dmy(course.sessions[0]!.date),
    };
    const eligible = ctx.eligiblePositions(course.kind);
    const make = (recipient: Due["recipient"], messageKey: string) =>
      ctx.make({ key, kind: "class:open", recipient, message: { key: messageKey, vars }, essential: false, at, staleAt });
    for (const unitId of unitsWithSeats(ctx, course)) {
      for (const g of ctx.groupsOf(unitId)) out.push(make(g, "scheduler:classOpen.group"));
      for (const c of ctx.cadresByUnit.get(unitId) ?? []) {
        if (eligible.has(c.position)) out.push(make(person(c.id), "scheduler:classOpen.person"));
      }
    }
  }
  return out;
}
