/**
 * Enrolment rules, pure: who may join a class (R1, audiences from the plan), whether a unit has a
 * seat (R2, quotas plus the open pool of reclaimed seats), who the waitlist promotes, and the
 * default spread of a class's seats over the units by size.
 */
import type { Course, Enrollment } from "./courses";
import type { Plan } from "./plan";
import { audiencesOf, inAudience } from "./counting";
import { isOfficerPosition } from "./cadres";
import type { Cadre, Unit } from "./records";

/**
 * True when an approved person belongs to one of the course kind's audiences (R1): by post, by the
 * post they are planned for, or as a bloc lecturer — all read from the plan.
 */
export function isEligible(plan: Plan, kindId: string, cadre: Pick<Cadre, "position" | "status" | "plannedFor" | "lecturer">): boolean {
  return cadre.status === "approved" && audiencesOf(plan, kindId).some((a) => inAudience(a, cadre));
}

/** Seats taken per unit and in total, from the class's enrolments. */
export interface Seats {
  byUnit: Map<string, number>;
  total: number;
}

/** Counts the seats taken (status `enrolled`). */
export function seatsTaken(enrollments: readonly Enrollment[]): Seats {
  const byUnit = new Map<string, number>();
  let total = 0;
  for (const e of enrollments) {
    if (e.status !== "enrolled") continue;
    byUnit.set(e.unitId, (byUnit.get(e.unitId) ?? 0) + 1);
    total++;
  }
  return { byUnit, total };
}

/** Seats not allotted to any unit (capacity minus the quotas): reclaimed seats, open to every unit. */
export function openPool(course: Pick<Course, "capacity" | "quotas">): number {
  const allotted = Object.values(course.quotas).reduce((a, b) => a + b, 0);
  return Math.max(0, course.capacity - allotted);
}

function poolUsed(course: Pick<Course, "quotas">, seats: Seats): number {
  let used = 0;
  for (const [unit, n] of seats.byUnit) used += Math.max(0, n - (course.quotas[unit] ?? 0));
  return used;
}

/** Seats a unit can still fill: what is left of its quota plus what is left of the open pool. */
export function seatsLeftFor(course: Pick<Course, "capacity" | "quotas">, seats: Seats, unitId: string): number {
  const own = Math.max(0, (course.quotas[unitId] ?? 0) - (seats.byUnit.get(unitId) ?? 0));
  const pool = Math.max(0, openPool(course) - poolUsed(course, seats));
  return Math.min(own + pool, Math.max(0, course.capacity - seats.total));
}

/** Where a new enrolment of a unit's cadre lands: a seat, the waitlist (class full), or a refusal. */
export type Placement = "enrolled" | "waitlisted" | "quotaFull";

/** R2: a seat when the unit has one; the waitlist when the class is full; else the unit's quota is full. */
export function placement(course: Pick<Course, "capacity" | "quotas">, seats: Seats, unitId: string): Placement {
  if (seats.total >= course.capacity) return "waitlisted";
  return seatsLeftFor(course, seats, unitId) > 0 ? "enrolled" : "quotaFull";
}

/** The waitlist, first in line first. */
export function waitlist(enrollments: readonly Enrollment[]): Enrollment[] {
  return enrollments.filter((e) => e.status === "waitlisted").sort((a, b) => a.seq - b.seq);
}

/** 1-based place of an enrolment on its waitlist. */
export function waitlistPlace(enrollments: readonly Enrollment[], id: string): number {
  return waitlist(enrollments).findIndex((e) => e.id === id) + 1;
}

/**
 * The waitlisted enrolments that now get a seat, in waitlist order: each one whose unit has a
 * seat left, until the class is full. Someone whose unit has no seat keeps their place.
 */
export function promotions(course: Pick<Course, "capacity" | "quotas">, enrollments: readonly Enrollment[]): Enrollment[] {
  const seats = seatsTaken(enrollments);
  const promoted: Enrollment[] = [];
  for (const e of waitlist(enrollments)) {
    if (seats.total >= course.capacity) break;
    if (seatsLeftFor(course, seats, e.unitId) === 0) continue;
    promoted.push(e);
    seats.byUnit.set(e.unitId, (seats.byUnit.get(e.unitId) ?? 0) + 1);
    seats.total++;
  }
  return promoted;
}

/**
 * Spreads a capacity over units in proportion to their members (largest remainder), so the quotas
 * add up to the capacity. Units without members get none unless every unit has none.
 * @example defaultQuotas(10, [{ id: "a", members: 30 }, { id: "b", members: 10 }]) // { a: 8, b: 2 }
 */
export function defaultQuotas(capacity: number, units: readonly Pick<Unit, "id" | "members">[]): Record<string, number> {
  const total = units.reduce((a, u) => a + u.members, 0);
  const weight = (u: Pick<Unit, "members">) => (total > 0 ? u.members : 1);
  const sum = total > 0 ? total : units.length;
  if (sum === 0) return {};
  const shares = units.map((u) => ({ id: u.id, exact: (capacity * weight(u)) / sum }));
  const quotas: Record<string, number> = {};
  for (const s of shares) quotas[s.id] = Math.floor(s.exact);
  let left = capacity - Object.values(quotas).reduce((a, b) => a + b, 0);
  const byRemainder = [...shares].sort(
    (a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || a.id.localeCompare(b.id),
  );
  for (const s of byRemainder) {
    if (left <= 0) break;
    quotas[s.id]! += 1;
    left--;
  }
  return quotas;
}

/**
 * Quota reclaim (R2): each unit's quota cut to the seats it has filled; the difference goes to the
 * open pool. Returns the new quotas and the seats taken back from each unit.
 */
export function reclaim(
  course: Pick<Course, "quotas">,
  seats: Seats,
  unitIds: readonly string[],
): { quotas: Record<string, number>; reclaimed: Record<string, number> } {
  const quotas = { ...course.quotas };
  const reclaimed: Record<string, number> = {};
  for (const id of unitIds) {
    if (!Object.hasOwn(quotas, id)) continue;
    const unused = quotas[id]! - (seats.byUnit.get(id) ?? 0);
    if (unused <= 0) continue;
    quotas[id] = quotas[id]! - unused;
    reclaimed[id] = unused;
  }
  return { quotas, reclaimed };
}

/**
 * V.2: whether a cadre's own `/ghidanh` puts them in the class at once. Yes when the class's kind
 * lets cadres enrol directly, or when the cadre is their unit's Secretary or Deputy (who sends
 * the unit's cadres, themselves included); otherwise it is a request the unit's officers decide.
 */
export function enrolsDirectly(plan: Plan, kindId: string, cadre: Pick<Cadre, "position">): boolean {
  const kind = plan.courseKinds.find((k) => k.id === kindId);
  return kind?.sending === "direct" || isOfficerPosition(cadre.position);
}
