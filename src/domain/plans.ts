/**
 * Plans over time, pure: which plan runs today, which periods overlap, what changes between two
 * plans, and the plan year a date belongs to. Plans are store records (`plans`); Plan 49 (2020–2022)
 * is kept as history, and a newer plan of the same shape runs now.
 *
 * **What belongs to which plan.** A plan's years are the calendar years of its period, and two
 * plans never share a year (`sharingYear`, refused on every save). So a year names at most one plan,
 * and a record belongs to the plan of its year: a class by its `year` (the plan year chosen when it
 * was created), a certificate by the year of its issue date, a report by the year of its period.
 * Nothing stores a plan id: old records are attributed the same way, and a class of 2022 stays Plan
 * 49's whichever plan runs today. Only changing a plan's period moves records, and the preview
 * names them before the change is confirmed (`yearsLeaving`, `yearsJoining`).
 */
import type { Course } from "./courses";
import type { CourseKind, Plan } from "./plan";
import { localDate } from "./zoned-time";

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

/** The calendar year of a local date `yyyy-mm-dd` or of a reporting period `2026-Q4` / `2026-11`. */
export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

/** Another plan sharing a calendar year with the candidate (the same id is the plan itself); plans never do. */
export function sharingYear<P extends Pick<Plan, "id" | "period">>(
  plans: readonly P[],
  candidate: Pick<Plan, "id" | "period">,
): P | undefined {
  const years = new Set(planYears(candidate));
  return plans.find((p) => p.id !== candidate.id && planYears(p).some((y) => years.has(y)));
}

/** The plan a year belongs to, if any (at most one: plans never share a year). */
export function planOfYear<P extends Pick<Plan, "period">>(plans: readonly P[], year: number): P | undefined {
  return plans.find((p) => planYears(p).includes(year));
}

/** True when a year is one of the plan's years: what is dated in it belongs to the plan. */
export function inPlanYears(plan: Pick<Plan, "period">, year: number): boolean {
  return year >= yearOf(plan.period.from) && year <= yearOf(plan.period.to);
}

/** Years of `before` that `after` (the same plan with a changed period) no longer holds. */
export function yearsLeaving(before: Pick<Plan, "period">, after: Pick<Plan, "period">): number[] {
  return planYears(before).filter((y) => !inPlanYears(after, y));
}

/** Years `after` (the same plan with a changed period) holds that `before` did not. */
export function yearsJoining(before: Pick<Plan, "period">, after: Pick<Plan, "period">): number[] {
  return yearsLeaving(after, before);
}

/** The calendar years of a plan's period, first to last: the plan years. */
export function planYears(plan: Pick<Plan, "period">): number[] {
  const first = yearOf(plan.period.from);
  const last = yearOf(plan.period.to);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** Top-level fields of a plan that differ between two versions, in the schema's order (for a preview). */
export function changedFields(before: Plan, after: Plan): (keyof Plan)[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])] as (keyof Plan)[];
  return keys.filter((k) => k !== "basedOn" && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

type ClassState = Pick<Course, "status" | "completedAt" | "sessions">;

/** The last day a class meets (local date). */
export function lastSessionDay(course: Pick<Course, "sessions">): string {
  return course.sessions.reduce((last, s) => (s.date > last ? s.date : last), course.sessions[0]!.date);
}

/**
 * A class held by the end of the local date `day` (III.2, "held means held"): its sessions took
 * place and it was closed with its completers (`/ketthuc`) by that day. A class created, or left
 * open after its last session, is not held.
 * @example isHeld(course, "2026-12-31", "Asia/Ho_Chi_Minh") // true for a class closed on 10/12/2026
 */
export function isHeld(course: ClassState, day: string, timeZone: string): boolean {
  return (
    course.status === "completed" &&
    lastSessionDay(course) <= day &&
    (!course.completedAt || localDate(new Date(course.completedAt), timeZone) <= day)
  );
}

/** An open class whose last session passed before `today` and which was never closed: a loose end, not a class held. */
export function isLeftOpen(course: ClassState, today: string): boolean {
  return course.status === "open" && lastSessionDay(course) < today;
}

/** An open class whose sessions are still to come (or under way) on `today`: scheduled. */
export function isScheduled(course: ClassState, today: string): boolean {
  return course.status === "open" && lastSessionDay(course) >= today;
}

/**
 * The plan's yearly course kinds (III.2: one youth-work, one supplementary, one lecturer class)
 * with no class of `year` held by `today` nor scheduled after it. A class left open after its last
 * session counts as neither: it must be closed first.
 * @example missingYearlyKinds(plan, courses, 2026, "2026-11-29", "Asia/Ho_Chi_Minh") // [supplementary, lecturers]
 */
export function missingYearlyKinds(
  plan: Pick<Plan, "courseKinds">,
  courses: readonly (ClassState & Pick<Course, "kind" | "year">)[],
  year: number,
  today: string,
  timeZone: string,
): CourseKind[] {
  const covered = new Set(
    courses.filter((c) => c.year === year && (isHeld(c, today, timeZone) || isScheduled(c, today))).map((c) => c.kind),
  );
  return plan.courseKinds.filter((k) => k.yearly && !covered.has(k.id));
}
