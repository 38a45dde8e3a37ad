/**
 * Enrolment use cases: enrol (by the person or nominated by an officer), withdraw, and the
 * waitlist promotion that follows any freed seat. Each runs in one store transaction, so the
 * read-check-write of the last seat is atomic: two people racing for it, exactly one gets it.
 */
import { audit } from "../../app/audit";
import { classCode } from "../../domain/courses";
import type { Deps } from "../../app/deps";
import { DomainError } from "../../app/errors";
import type { Course, Enrollment } from "../../domain/courses";
import { audiencesOf } from "../../domain/counting";
import { enrolsDirectly, isEligible, placement, promotions, seatsTaken, waitlistPlace } from "../../domain/enrolment";
import type { Audience } from "../../domain/plan";
import type { Cadre } from "../../domain/records";
import { formatDateTime, type T } from "../../i18n";
import { noticeKey } from "../../domain/outbox";
import type { Collections } from "../../store/store";
import { ClassClosed, getCourse, sessionLine } from "./common";

/** R1: the person's position is not among the audiences of the class's kind. */
export class NotEligible extends DomainError {
  constructor(
    title: string,
    /** The audiences the class is for (R1), from the plan. */
    public readonly audiences: Audience[],
  ) {
    super("classes:errors.notEligible", { title });
    this.name = "NotEligible";
  }
}

/** Registration for the class has closed. */
export class DeadlinePassed extends DomainError {
  /** `deadline` as `23:59 01/12/2026`: the sentence reads it as time and date. */
  constructor(title: string, deadline: string) {
    const [time, date] = deadline.split(" ");
    super("classes:errors.deadlinePassed", { title, time, date });
    this.name = "DeadlinePassed";
  }
}

/** R2: the unit has filled its quota and no open seat is left for it. */
export class QuotaFull extends DomainError {
  constructor(title: string, quota: number) {
    super("classes:errors.quotaFull", { title, quota });
    this.name = "QuotaFull";
  }
}

/** The person holds no place in the class. */
export class NotEnrolled extends DomainError {
  constructor(title: string) {
    super("classes:errors.notEnrolled", { title });
    this.name = "NotEnrolled";
  }
}

export interface EnrolOutcome {
  course: Course;
  enrollment: Enrollment;
  /** Place on the waitlist (1 = next), when waitlisted. */
  place?: number;
  /** The person already held a place or was waitlisted. */
  already: boolean;
}

/**
 * What a caller does in the transaction of a use case, once its change is made: the notices that
 * tell of it, so that the change and its notices commit together or neither does.
 */
export type InSameTransaction<R> = (tx: Collections, result: R) => Promise<void>;

/** The id of a person's enrolment in a class: one per person and class. */
export const enrollmentId = (courseId: string, personId: string) => `${courseId}:${personId}`;

function nextSeq(enrollments: readonly Enrollment[]): number {
  return enrollments.reduce((max, e) => Math.max(max, e.seq), 0) + 1;
}

/**
 * Enrols an approved cadre in a class, or puts them on its waitlist when it is full. A cadre's own
 * request for a class their unit sends them to (V.2, `enrolsDirectly` false) is stored as
 * `requested`, holding no seat, until an officer sends them (`nominatedBy`) or declines.
 * Refuses with `NotEligible` (R1), `DeadlinePassed`, `QuotaFull` (R2) or `ClassClosed`.
 */
export async function enrol(
  deps: Deps,
  input: { courseId: string; cadre: Cadre; nominatedBy?: string },
  then?: InSameTransaction<EnrolOutcome>,
): Promise<EnrolOutcome> {
  const now = deps.now();
  return deps.store.transaction(async (tx) => {
    const course = await getCourse(tx, input.courseId);
    if (course.status !== "open") throw new ClassClosed(course.title);
    if (!isEligible(deps.plan, course.kind, input.cadre)) throw new NotEligible(course.title, audiencesOf(deps.plan, course.kind));
    const id = enrollmentId(course.id, input.cadre.id);
    const all = await tx.enrollments.find({ courseId: course.id });
    const existing = all.find((e) => e.id === id);
    const requestOnly = !input.nominatedBy && !enrolsDirectly(deps.plan, course.kind, input.cadre);
    if (existing && existing.status !== "withdrawn" && !(existing.status === "requested" && !requestOnly)) {
      const outcome = { course, enrollment: existing, already: true, place: waitlistPlace(all, id) || undefined };
      await then?.(tx, outcome);
      return outcome;
    }
    if (now.getTime() > Date.parse(course.deadline))
      throw new DeadlinePassed(course.title, formatDateTime(course.deadline, deps.config.timeZone));
    const where = placement(course, seatsTaken(all), input.cadre.unitId);
    if (where === "quotaFull") throw new QuotaFull(course.title, course.quotas[input.cadre.unitId] ?? 0);
    const enrollment = await tx.enrollments.put({
      id,
      courseId: course.id,
      personId: input.cadre.id,
      unitId: input.cadre.unitId,
      status: requestOnly ? "requested" : where,
      at: now.toISOString(),
      seq: nextSeq(all),
      attendance: existing?.attendance ?? {},
      ...(input.nominatedBy ? { nominatedBy: input.nominatedBy } : {}),
    });
    // An officer sending a cadre acts on someone else's record: the audit log keeps who sent whom.
    if (input.nominatedBy)
      await audit(deps, tx, {
        actorId: input.nominatedBy,
        action: "class.nominate",
        subjectId: input.cadre.id,
        details: { courseId: course.id },
      });
    const after = [...all.filter((e) => e.id !== id), enrollment];
    const outcome = {
      course,
      enrollment,
      already: false,
      place: enrollment.status === "waitlisted" ? waitlistPlace(after, id) : undefined,
    };
    await then?.(tx, outcome);
    return outcome;
  });
}

/** The cadre's request is no longer waiting (sent, declined or withdrawn meanwhile). */
export class NoRequest extends DomainError {
  constructor(title: string, name: string) {
    super("classes:errors.noRequest", { title, name });
    this.name = "NoRequest";
  }
}

/** V.2: an officer declines a cadre's request for a class; the request is closed, no seat was held. */
export async function decline(
  deps: Deps,
  input: { courseId: string; cadre: Cadre; by: string },
  then?: InSameTransaction<Course>,
): Promise<Course> {
  const at = deps.now().toISOString();
  return deps.store.transaction(async (tx) => {
    const course = await getCourse(tx, input.courseId);
    const enrollment = await tx.enrollments.get(enrollmentId(course.id, input.cadre.id));
    if (enrollment?.status !== "requested") throw new NoRequest(course.title, input.cadre.fullName);
    await tx.enrollments.put({ ...enrollment, status: "withdrawn", declinedBy: input.by, at });
    await then?.(tx, course);
    return course;
  });
}

/**
 * Gives the seats now free to the waitlist, in order (inside a transaction). Returns who was promoted.
 */
export async function promoteWaitlist(tx: Collections, course: Course, at: string): Promise<Enrollment[]> {
  const all = await tx.enrollments.find({ courseId: course.id });
  const promoted: Enrollment[] = [];
  for (const e of promotions(course, all)) promoted.push(await tx.enrollments.put({ ...e, status: "enrolled", at }));
  return promoted;
}

/** Tells each promoted person that a seat is theirs, inside the transaction that promoted them. */
export async function tellPromoted(deps: Deps, course: Course, promoted: readonly Enrollment[], tx: Collections): Promise<void> {
  const first = course.sessions[0]!;
  for (const e of promoted) {
    const told = (t: T) => ({
      text: t("classes:enrol.promoted", { title: course.title, first: sessionLine(first, deps.config.timeZone) }),
      buttons: [[{ label: t("classes:buttons.details"), data: `/lichhoc ${classCode(course)}` }]],
    });
    await deps.notify.toPerson(e.personId, noticeKey("seat-given", course.id, e.at), told, tx);
  }
}

/** Frees a person's seat or waitlist place; the next waitlisted person of a unit with a seat left is promoted and told. */
export async function withdraw(
  deps: Deps,
  input: { courseId: string; personId: string },
  then?: InSameTransaction<Course>,
): Promise<{ course: Course; promoted: Enrollment[] }> {
  const at = deps.now().toISOString();
  const result = await deps.store.transaction(async (tx) => {
    const course = await getCourse(tx, input.courseId);
    const enrollment = await tx.enrollments.get(enrollmentId(course.id, input.personId));
    if (!enrollment || enrollment.status === "withdrawn") throw new NotEnrolled(course.title);
    if (course.status !== "open") throw new ClassClosed(course.title);
    await tx.enrollments.put({ ...enrollment, status: "withdrawn", at });
    const promoted = await promoteWaitlist(tx, course, at);
    await tellPromoted(deps, course, promoted, tx);
    await then?.(tx, course);
    return { course, promoted };
  });
  return result;
}
