/**
 * The demo's activity (data/demo/activity.json): the year's classes with sessions in the weeks
 * after the day the demo is loaded, two past classes with their certificates, a few enrolments,
 * and a few status reports for the period being collected — so that /lichhoc, /ghidanh, /tiendo,
 * /tinhhinh, /dudieukien and /xuat show something. Quotas are spread with the classes feature's
 * own rule (`defaultQuotas`); enrolments are placed by the enrolment rules and never pass a quota.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { Course, nextClassCode, Session, type Enrollment } from "../domain/courses";
import { defaultQuotas, isEligible, placement, seatsTaken } from "../domain/enrolment";
import { reportingPeriod } from "../domain/periods";
import { progressWindow } from "../domain/progress";
import { needsReview, unitFacts } from "../domain/report-rules";
import { addDays, localDate, zoned } from "../domain/zoned-time";
import type { Collections } from "../store/store";

type Tx = Collections;
import type { Deps } from "../app/deps";

const DemoClass = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  capacity: z.number().int().min(1),
  /** Registration closes at 23:59 this many days before the first session. */
  closesDaysBefore: z.number().int().min(0),
  completed: z.boolean().default(false),
  lecturers: z.array(z.string()).default([]),
  sessions: z.array(Session.omit({ id: true, date: true }).extend({ day: z.number().int() })).min(1),
  enrolled: z.array(z.string()).default([]),
  /** Past classes: who completed it and holds its certificate. */
  certified: z.array(z.string()).default([]),
});

const DemoActivity = z.object({
  firstStartInDays: z.number().int().min(1),
  classes: z.array(DemoClass),
  reports: z.array(z.object({ unitId: z.string(), committeeApproved: z.boolean(), difficulties: z.string(), proposals: z.string() })),
});
type DemoClass = z.infer<typeof DemoClass>;

/** What the demo needs to place itself in time: the plan, the clock and the time zone. */
export type DemoContext = Pick<Deps, "plan" | "now" | "config">;

/** A demo class whose enrolment the rules refuse: the sample data needs fixing. */
export class DemoDataError extends Error {
  constructor(message: string) {
    super(`data/demo/activity.json: ${message}`);
    this.name = "DemoDataError";
  }
}

/** The class record: session dates from the first start, quotas spread by unit size over the units with cadres in its audience. */
async function courseOf(tx: Tx, ctx: DemoContext, c: DemoClass, firstStart: string, createdAt: string): Promise<Course> {
  const sessions = c.sessions.map((s, i) => ({
    id: `s${i + 1}`,
    date: addDays(firstStart, s.day),
    start: s.start,
    end: s.end,
    place: s.place,
  }));
  const approved = (await tx.cadres.all()).filter((x) => x.status === "approved" && isEligible(ctx.plan, c.kind, x));
  const audienceUnits = (await tx.units.all()).filter((u) => approved.some((x) => x.unitId === u.id));
  const closes = zoned(addDays(sessions[0]!.date, -c.closesDaysBefore), "23:59", ctx.config.timeZone);
  const year = Number(sessions[0]!.date.slice(0, 4));
  return Course.parse({
    id: c.id,
    code: nextClassCode(await tx.courses.all(), year),
    kind: c.kind,
    title: c.title,
    year,
    sessions,
    deadline: closes.toISOString(),
    capacity: c.capacity,
    lecturers: c.lecturers,
    quotas: defaultQuotas(c.capacity, audienceUnits),
    status: c.completed ? "completed" : "open",
    createdBy: "demo-admin",
    createdAt,
    ...(c.completed ? { completedAt: zoned(sessions.at(-1)!.date, sessions.at(-1)!.end, ctx.config.timeZone).toISOString() } : {}),
  });
}

/** Enrols the listed people one after another, as the enrolment rules would place them. */
async function enrolAll(tx: Tx, ctx: DemoContext, course: Course, people: readonly string[], at: string): Promise<void> {
  const taken: Enrollment[] = [];
  for (const [seq, personId] of people.entries()) {
    const cadre = await tx.cadres.get(personId);
    if (!cadre || !isEligible(ctx.plan, course.kind, cadre)) throw new DemoDataError(`${personId} may not join ${course.id}`);
    const placed = placement(course, seatsTaken(taken), cadre.unitId);
    if (placed === "quotaFull") throw new DemoDataError(`${cadre.unitId} has no seat left in ${course.id} for ${personId}`);
    taken.push(
      await tx.enrollments.put({
        id: `${course.id}:${personId}`,
        courseId: course.id,
        personId,
        unitId: cadre.unitId,
        status: placed,
        at,
        seq,
        attendance: {},
      }),
    );
  }
}

/** Certificates of a completed class, issued on its last day. */
async function certify(tx: Tx, ctx: DemoContext, course: Course, people: readonly string[]): Promise<void> {
  const titled = ctx.plan.courseKinds.find((k) => k.id === course.kind)?.titleCertificate ?? false;
  const issuedOn = course.sessions.at(-1)!.date;
  for (const [i, personId] of people.entries()) {
    const id = `cc-${course.id}-${i + 1}`;
    await tx.certificates.put({
      id,
      number: `MAU-${course.year}-${String(i + 1).padStart(3, "0")}`,
      personId,
      courseId: course.id,
      kind: course.kind,
      title: titled,
      issuedOn,
    });
  }
}

/** Reports of the period being collected, filed by each unit's first Secretary a few hours ago. */
async function fileReports(tx: Tx, ctx: DemoContext, reports: z.infer<typeof DemoActivity>["reports"]): Promise<void> {
  const now = ctx.now();
  const today = localDate(now, ctx.config.timeZone);
  const period = reportingPeriod(now, ctx.plan.reporting, ctx.config.timeZone);
  const certificates = await tx.certificates.all();
  for (const [i, r] of reports.entries()) {
    const cadres = (await tx.cadres.find({ unitId: r.unitId })).filter((c) => c.status === "approved");
    const secretary = cadres.find((c) => c.position === "secretary");
    if (!secretary) throw new DemoDataError(`${r.unitId} has no Secretary to file its report`);
    const facts = unitFacts(cadres, certificates, { plan: ctx.plan, today, window: progressWindow(ctx.plan.period) });
    const unitType = (await tx.units.get(r.unitId))?.type ?? "agency";
    const proposed = needsReview(cadres, ctx.plan, unitType, today)
      .slice(0, 1)
      .map((c) => c.cadre.id);
    const submittedAt = new Date(now.getTime() - (i + 1) * 3_600_000).toISOString();
    await tx.reports.put({
      id: `${r.unitId}:${period}`,
      period,
      submittedAt,
      submittedBy: secretary.id,
      late: false,
      facts,
      proposedForTheory: proposed,
      ...r,
      history: [],
    });
  }
}

/** Adds the demo activity, inside the transaction that put the demo units and cadres. */
export async function addDemoActivity(tx: Tx, ctx: DemoContext, dir = "data/demo"): Promise<void> {
  const data = DemoActivity.parse(JSON.parse(readFileSync(join(dir, "activity.json"), "utf8")));
  const now = ctx.now();
  const firstStart = addDays(localDate(now, ctx.config.timeZone), data.firstStartInDays);
  const at = now.toISOString();
  for (const c of data.classes) {
    const course = await tx.courses.put(await courseOf(tx, ctx, c, firstStart, at));
    await enrolAll(tx, ctx, course, c.enrolled, at);
    await certify(tx, ctx, course, c.certified);
  }
  await fileReports(tx, ctx, data.reports);
}
