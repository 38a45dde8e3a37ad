/**
 * Attendance rules, pure: when a session's check-in window is open, whether a code is accepted,
 * the mark a check-in earns, and who reaches the plan's attendance threshold.
 */
import type { AttendanceMark, CheckIn, Course, Enrollment, Session } from "./courses";
import type { Plan } from "./plan";
import { zoned } from "./zoned-time";

const MINUTE = 60_000;

/** The instants a session starts and ends. */
export function sessionSpan(session: Session, timeZone: string): { start: Date; end: Date } {
  return { start: zoned(session.date, session.start, timeZone), end: zoned(session.date, session.end, timeZone) };
}

/** The check-in window of a session: from `opensBeforeMinutes` before it starts to its end. */
export function checkInWindow(plan: Plan, session: Session, timeZone: string): { opensAt: Date; closesAt: Date } {
  const { start, end } = sessionSpan(session, timeZone);
  return { opensAt: new Date(start.getTime() - plan.checkIn.opensBeforeMinutes * MINUTE), closesAt: end };
}

/** Why a check-in code is refused, or undefined when it is accepted. */
export type CheckInProblem = "wrongCode" | "expired" | "notYetOpen" | "notEnrolled";

/** Checks a code against the open check-in windows and the person's enrolment. */
export function checkInProblem(checkIn: CheckIn | undefined, enrollment: Enrollment | undefined, now: Date): CheckInProblem | undefined {
  if (!checkIn) return "wrongCode";
  if (now.getTime() > Date.parse(checkIn.closesAt)) return "expired";
  if (now.getTime() < Date.parse(checkIn.opensAt)) return "notYetOpen";
  if (!enrollment || enrollment.status !== "enrolled") return "notEnrolled";
  return undefined;
}

/** Present when checked in by `lateAfterMinutes` after the start, late after that. */
export function markFor(plan: Plan, session: Session, timeZone: string, at: Date): AttendanceMark {
  const { start } = sessionSpan(session, timeZone);
  return at.getTime() <= start.getTime() + plan.checkIn.lateAfterMinutes * MINUTE ? "present" : "late";
}

/** Share of the class's sessions a person attended (present or late). */
export function attendedShare(course: Pick<Course, "sessions">, enrollment: Pick<Enrollment, "attendance">): number {
  const attended = course.sessions.filter((s) => {
    const mark = enrollment.attendance[s.id];
    return mark === "present" || mark === "late";
  }).length;
  return course.sessions.length ? attended / course.sessions.length : 0;
}

/** True when the person's attendance reaches the plan's threshold. */
export function completes(plan: Plan, course: Pick<Course, "sessions">, enrollment: Enrollment): boolean {
  return enrollment.status === "enrolled" && attendedShare(course, enrollment) + 1e-9 >= plan.attendanceThreshold;
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A short check-in code from random integers (`pick(n)` gives 0..n-1), without look-alike letters. */
export function makeCode(pick: (n: number) => number, length = 6): string {
  let code = "";
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[pick(CODE_ALPHABET.length)];
  return code;
}
