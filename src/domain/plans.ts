/**
 * Plans over time, pure: which plan runs today, which periods overlap, what changes between two
 * plans, and the plan year a date belongs to. Plans are store records (`plans`); Plan 49 (2020–2022)
 * is kept as history, and a newer plan of the same shape runs now.
 */
import type { Course } from "./courses";
import type { CourseKind, Plan } from "./plan";

/** True when the plan's period holds the local date `today`. */
export function covers(plan: Pick<Plan, "period">, today: string): boolean {
  return plan.period.from <= today && today <= plan.period.to;
}

/** The plan whose period holds `today`, if any (periods never overlap). */
export function planCovering<P extends Pick<Plan, "period">>(plans: readonly P[], today: string): P | undefined {
  return plans.find((p) => covers(p, today));
}

/** The plan that started last: the one a new plan is copied from. */
export function latestPlan<P extends Pick<Plan, "period">>(plans: readonly P[]): P | undefined {
  return [...plans].sort((a, b) => b.period.from.localeCompare(a.period.from))[0];
}

/** The plan to run with: the one covering today, else the latest (its rules still apply, its numbers are not shown). */
export function runningPlan<P extends Pick<Plan, "period">>(plans: readonly P[], today: string): P | undefined {
  return planCovering(plans, today) ?? latestPlan(plans);
}

/** Another plan whose period overlaps the candidate's (the same id is the plan itself). */
export function overlapping<P extends Pick<Plan, "id" | "period">>(
  plans: readonly P[],
  candidate: Pick<Plan, "id" | "period">,
): P | undefined {
  return plans.find((p) => p.id !== candidate.id && p.period.from <= candidate.period.to && candidate.period.from <= p.period.to);
}

/** The calendar years of a plan's period, first to last: the plan years. */
export function planYears(plan: Pick<Plan, "period">): number[] {
  const first = Number(plan.period.from.slice(0, 4));
  const last = Number(plan.period.to.slice(0, 4));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** Top-level fields of a plan that differ between two versions, in the schema's order (for a preview). */
export function changedFields(before: Plan, after: Plan): (keyof Plan)[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])] as (keyof Plan)[];
  return keys.filter((k) => k !== "basedOn" && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** The plan's yearly course kinds (III.2: one youth-work, one supplementary, one lecturer class) with no class in `year` yet. */
export function missingYearlyKinds(
  plan: Pick<Plan, "courseKinds">,
  courses: readonly Pick<Course, "kind" | "year" | "status">[],
  year: number,
): CourseKind[] {
  const held = new Set(courses.filter((c) => c.year === year && c.status !== "cancelled").map((c) => c.kind));
  return plan.courseKinds.filter((k) => k.yearly && !held.has(k.id));
}
