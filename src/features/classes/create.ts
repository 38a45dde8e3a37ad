/** Creating a class (admins): the use case the wizard and the workbook import share. */
import type { Deps } from "../../app/deps";
import { audit } from "../../app/audit";
import { DomainError } from "../../app/errors";
import type { Course, Session } from "../../domain/courses";
import { Course as CourseSchema, nextClassCode } from "../../domain/courses";
import type { Collections, Store } from "../../store/store";
import { sessionSpan } from "../../domain/attendance";
import { dmy } from "../../domain/zoned-time";
import { defaultQuotas } from "../../domain/enrolment";
import type { Unit } from "../../domain/records";
import { openUnits } from "../../domain/units";

export interface NewCourse {
  kind: string;
  title: string;
  year: number;
  sessions: Session[];
  /** ISO instant. */
  deadline: string;
  capacity: number;
  lecturers: string[];
  /** Unit id → seats; absent means spread by unit size. */
  quotas?: Record<string, number>;
}

/** Quotas add up to more seats than the class has. */
export class QuotasOverCapacity extends DomainError {
  constructor(allotted: number, capacity: number) {
    super("classes:errors.quotasOverCapacity", { allotted, capacity });
    this.name = "QuotasOverCapacity";
  }
}

/** The default spread of a capacity over every unit of the bloc, by unit size. */
export async function spreadQuotas(deps: Deps, capacity: number): Promise<Record<string, number>> {
  return defaultQuotas(capacity, openUnits(await deps.store.units.all()));
}

/** Problems with a new class that the schema cannot see: the kind, the deadline, the quotas. Returns locale keys. */
export function courseProblems(deps: Deps, input: NewCourse): { key: string; vars?: Record<string, unknown> }[] {
  const problems: { key: string; vars?: Record<string, unknown> }[] = [];
  if (!deps.plan.courseKinds.some((k) => k.id === input.kind))
    problems.push({ key: "classes:input.unknownKind", vars: { kind: input.kind } });
  const firstStart = sessionSpan(input.sessions[0]!, deps.config.timeZone).start;
  const past = input.sessions.find((s) => sessionSpan(s, deps.config.timeZone).start <= deps.now());
  if (past) problems.push({ key: "classes:input.sessionPast", vars: { session: `${dmy(past.date)} ${past.start}` } });
  if (Date.parse(input.deadline) > firstStart.getTime()) problems.push({ key: "classes:input.deadlineAfterStart" });
  const allotted = Object.values(input.quotas ?? {}).reduce((a, b) => a + b, 0);
  if (allotted > input.capacity) problems.push({ key: "classes:errors.quotasOverCapacity", vars: { allotted, capacity: input.capacity } });
  return problems;
}

/** Builds a new open class record (not yet stored); quotas default to the capacity spread over `units` by size. */
export function buildCourse(deps: Deps, createdBy: string, input: NewCourse, units: readonly Pick<Unit, "id" | "members">[]): Course {
  const [problem] = courseProblems(deps, input);
  if (problem) throw new DomainError(problem.key, problem.vars);
  return CourseSchema.parse({
    id: deps.newId("c"),
    ...input,
    quotas: input.quotas ?? defaultQuotas(input.capacity, units),
    status: "open",
    createdBy,
    createdAt: deps.now().toISOString(),
  });
}

/**
 * Stores new classes inside a transaction, each given the next short code of its year (`L26-03`):
 * transactions run one at a time on every backend, so two admins never get the same code.
 */
export async function putNewCourses(tx: Pick<Collections, "courses">, courses: readonly Course[]): Promise<Course[]> {
  const known: Pick<Course, "code">[] = await tx.courses.all();
  const stored: Course[] = [];
  for (const course of courses) {
    const code = nextClassCode(known, course.year);
    const put = await tx.courses.put({ ...course, code });
    known.push(put);
    stored.push(put);
  }
  return stored;
}

/**
 * Gives a short code to each class stored before codes existed, in the order they start (its old
 * `c-…` id keeps working). Run at every start; a class that has a code keeps it.
 * @example await codeOlderClasses(store) // 2: L26-01 and L26-02 for two classes of 2026
 */
export async function codeOlderClasses(store: Store): Promise<number> {
  return store.transaction(async (tx) => {
    const all = await tx.courses.all();
    const older = all
      .filter((c) => !c.code)
      .sort((a, b) => (a.sessions[0]?.date ?? "").localeCompare(b.sessions[0]?.date ?? "") || a.id.localeCompare(b.id));
    const known: Pick<Course, "code">[] = [...all];
    for (const course of older) known.push(await tx.courses.put({ ...course, code: nextClassCode(known, course.year) }));
    return older.length;
  });
}

/** Creates an open class; quotas default to the capacity spread by unit size. */
export async function createCourse(deps: Deps, createdBy: string, input: NewCourse): Promise<Course> {
  const course = buildCourse(deps, createdBy, input, openUnits(await deps.store.units.all()));
  return deps.store.transaction(async (tx) => {
    await audit(deps, tx, { actorId: createdBy, action: "class.create", subjectId: course.id });
    const [stored] = await putNewCourses(tx, [course]);
    return stored!;
  });
}
