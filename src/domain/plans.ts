/**
 * Plans over time, pure: which plan runs today, which periods overlap, what changes between two
 * plans, and the plan a dated record belongs to. Plans are store records (`plans`); Plan 49
 * (2020–2022) is kept as history, and a newer plan of the same shape runs now.
 *
 * **What belongs to which plan** (`planOf`, the one rule). A plan's years are the calendar years of
 * its period. Periods never overlap, and two plans share a year only when the earlier was ended
 * early (`endedEarly`, `/kehoach ketthuc`) before the later starts (`sharingYear`, refused on every
 * save otherwise). A record is dated by `courseDating` (a class: its plan year, and its first
 * session's day, else its creation day), `certificateDating` (its issue date) or `reportDating` (the
 * last day of its period). In a year one plan holds, the record is that plan's, whatever its day
 * (a class of January 2020 is Plan 49's, though Plan 49 began on 07/04/2020). In the last year of a
 * plan ended early, a record dated after the end is no longer that plan's: it belongs to the plan
 * starting after it in that year (the days before its start included), else to none. Nothing stores a
 * plan id: old records are attributed the same way, and only a change of a plan's period moves
 * records; the preview names them before the change is confirmed.
 */
import type { Certificate, Course } from "./courses";
import { periodDates } from "./periods";
import type { StatusReport } from "./reports";
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

type PlanSpan = Pick<Plan, "id" | "period" | "endedEarly">;

/**
 * Another plan sharing a calendar year with the candidate (the same id is the plan itself) where
 * the earlier of the two was not ended early: the only way two plans share a year is an early end
 * (the periods themselves never overlap, `overlapping`).
 * @example sharingYear([kh2026], { id: "KH-2027", period: { from: "2027-07-01", to: "2030-12-31" } }) // kh2026 unless it was ended early
 */
export function sharingYear<P extends PlanSpan>(plans: readonly P[], candidate: PlanSpan): P | undefined {
  const years = new Set(planYears(candidate));
  return plans.find((p) => {
    if (p.id === candidate.id || !planYears(p).some((y) => years.has(y))) return false;
    const earlier = p.period.from <= candidate.period.from ? p : candidate;
    return !earlier.endedEarly;
  });
}

/** When a record is dated: its plan year and its day (local date `yyyy-mm-dd`). */
export interface Dating {
  year: number;
  day: string;
}

/**
 * A class's dating: its plan year (chosen when it was created) and its first session's day, else its
 * creation day when the first session falls in another year.
 * @example courseDating({ year: 2027, sessions: [{ date: "2027-09-15", … }], createdAt }, tz) // { year: 2027, day: "2027-09-15" }
 */
export function courseDating(course: Pick<Course, "year" | "sessions" | "createdAt">, timeZone: string): Dating {
  const first = course.sessions.map((s) => s.date).sort()[0]!;
  if (yearOf(first) === course.year) return { year: course.year, day: first };
  const created = localDate(new Date(course.createdAt), timeZone);
  return { year: course.year, day: yearOf(created) === course.year ? created : first };
}

/** A certificate's dating: its issue date. */
export function certificateDating(certificate: Pick<Certificate, "issuedOn">): Dating {
  return { year: yearOf(certificate.issuedOn), day: certificate.issuedOn };
}

/** A status report's dating: the last day of its period (`2027-Q2` → 30/06/2027, `2027-08` → 31/08/2027). */
export function reportDating(report: Pick<StatusReport, "period">): Dating {
  const { to } = periodDates(report.period, report.period.includes("Q") ? "quarterly" : "monthly");
  return { year: yearOf(to), day: to };
}

/**
 * The plan a dated record belongs to (see the module's comment): among the plans holding its year,
 * the first, by start, that did not end before its day — a plan ended before the day is passed over
 * when it was ended early or a later plan holds the year too.
 * @example planOf([kh2026EndedJune2027, kh2027FromJuly], { year: 2027, day: "2027-09-15" }) // kh2027
 */
export function planOf<P extends Pick<Plan, "period" | "endedEarly">>(plans: readonly P[], dating: Dating): P | undefined {
  const holding = plansOfYear(plans, dating.year);
  return holding.find((p, i) => !(dating.day > p.period.to && (p.endedEarly || i < holding.length - 1)));
}

/** True when the dated record belongs to `plan` among `plans` (which hold `plan` itself, by id). */
export function belongsTo(plans: readonly PlanSpan[], plan: Pick<Plan, "id">, dating: Dating): boolean {
  return planOf(plans, dating)?.id === plan.id;
}

/**
 * The plan a year reports under (`/baocaonam`): the one holding the year's last day, else the last to
 * start among those holding the year (a plan ended early with none after it yet).
 */
export function planOfYear<P extends Pick<Plan, "period" | "endedEarly">>(plans: readonly P[], year: number): P | undefined {
  const holding = plansOfYear(plans, year);
  return planOf(holding, { year, day: `${year}-12-31` }) ?? holding.at(-1);
}

/** The plans holding a year, by start: two when a plan ended early and the next started within its last year. */
export function plansOfYear<P extends Pick<Plan, "period">>(plans: readonly P[], year: number): P[] {
  return plans.filter((p) => inPlanYears(p, year)).sort((a, b) => a.period.from.localeCompare(b.period.from));
}

/** True when a year is one of the plan's years: what is dated in it belongs to the plan, or to the next in a year they share (`planOf`). */
export function inPlanYears(plan: Pick<Plan, "period">, year: number): boolean {
  return year >= yearOf(plan.period.from) && year <= yearOf(plan.period.to);
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
