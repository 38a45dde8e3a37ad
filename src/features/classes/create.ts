/** Creating a class (admins): the use case the wizard and the workbook import share. */
import type { Deps } from "../../app/deps";
import { DomainError } from "../../app/errors";
import type { Course, Session } from "../../domain/courses";
import { Course as CourseSchema } from "../../domain/courses";
import { sessionSpan } from "../../domain/attendance";
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
  if (!deps.plan.courseKinds.some((k) => k.id === input.kind)) problems.push({ key: "classes:input.unknownKind", vars: { kind: input.kind } });
  const firstStart = sessionSpan(input.sessions[0]!, deps.config.timeZone).start;
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

/** Creates an open class; quotas default to the capacity spread by unit size. */
export async function createCourse(deps: Deps, createdBy: string, input: NewCourse): Promise<Course> {
  return deps.store.courses.put(buildCourse(deps, createdBy, input, openUnits(await deps.store.units.all())));
}
