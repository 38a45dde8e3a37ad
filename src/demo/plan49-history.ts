/**
 * The demo's Plan 49-KH/ĐTN (2020–2022) as an ended plan with a history of its own
 * (data/demo/history-49.json): some sample cadres' earlier posts and theory levels, classes held and closed in
 * 2020–2022 with their certificates, and a few status reports — so that `/baocaonam 2021` and
 * `/baocaoketthuc 49-KH/ĐTN` show something. Dates are fixed: history does not move with the load day.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { nextClassCode } from "../domain/courses";
import { asHeldOn, currentPostSince } from "../domain/posts";
import { periodDates } from "../domain/periods";
import { progressWindow } from "../domain/progress";
import { IsoDate, Position, TheoryLevel } from "../domain/records";
import { unitFacts } from "../domain/report-rules";
import { addDays, zoned } from "../domain/zoned-time";
import type { Plan } from "../domain/plan";
import type { Collections } from "../store/store";
import type { DemoContext } from "./activity";

const History = z.object({
  posts: z.array(z.object({ personId: z.string(), position: Position, from: IsoDate })),
  since: z.array(z.object({ personId: z.string(), since: IsoDate })),
  theory: z.array(z.object({ personId: z.string(), level: TheoryLevel, until: IsoDate })).default([]),
  classes: z.array(
    z.object({ id: z.string(), kind: z.string(), title: z.string(), dates: z.array(IsoDate).min(1), certified: z.array(z.string()) }),
  ),
  reports: z.array(
    z.object({ unitId: z.string(), period: z.string(), committeeApproved: z.boolean(), difficulties: z.string(), proposals: z.string() }),
  ),
});

/** The id of the plan whose history the demo carries. */
export const PLAN_49 = "49-KH/ĐTN";

async function addPosts(tx: Collections, history: z.infer<typeof History>): Promise<void> {
  for (const s of history.since) {
    const c = await tx.cadres.get(s.personId);
    if (c) await tx.cadres.put({ ...c, postSince: s.since });
  }
  for (const p of history.posts) {
    const c = await tx.cadres.get(p.personId);
    if (!c) continue;
    const since = currentPostSince(c);
    await tx.cadres.put({ ...c, formerPosts: [{ unitId: c.unitId, position: p.position, from: p.from, until: addDays(since, -1) }] });
  }
}

/** Earlier political theory levels: held until `until`, the current level from the day after. */
async function addTheory(tx: Collections, history: z.infer<typeof History>): Promise<void> {
  for (const t of history.theory) {
    const c = await tx.cadres.get(t.personId);
    if (c) await tx.cadres.put({ ...c, theorySince: addDays(t.until, 1), formerTheory: [{ level: t.level, until: t.until }] });
  }
}

async function addClasses(tx: Collections, ctx: DemoContext, plan: Plan, history: z.infer<typeof History>): Promise<void> {
  const tz = ctx.config.timeZone;
  for (const c of history.classes) {
    const year = Number(c.dates[0]!.slice(0, 4));
    const last = c.dates.at(-1)!;
    const titled = plan.courseKinds.find((k) => k.id === c.kind)?.titleCertificate ?? false;
    await tx.courses.put({
      id: c.id,
      code: nextClassCode(await tx.courses.all(), year),
      kind: c.kind,
      title: c.title,
      year,
      sessions: c.dates.map((date, i) => ({ id: `s${i + 1}`, date, start: "08:00", end: "11:30", place: "Hội trường Đoàn Khối (mẫu)" })),
      deadline: zoned(addDays(c.dates[0]!, -3), "23:59", tz).toISOString(),
      capacity: 100,
      lecturers: [],
      quotas: {},
      status: "completed",
      createdBy: "demo-admin",
      createdAt: zoned(addDays(c.dates[0]!, -30), "08:00", tz).toISOString(),
      completedAt: zoned(last, "17:00", tz).toISOString(),
    });
    for (const [i, personId] of c.certified.entries())
      await tx.certificates.put({
        id: `cc-${c.id}-${i + 1}`,
        number: `MAU-${year}-${c.id.slice(-2).toUpperCase()}-${String(i + 1).padStart(3, "0")}`,
        personId,
        courseId: c.id,
        kind: c.kind,
        title: titled,
        issuedOn: last,
      });
  }
}

async function addReports(tx: Collections, ctx: DemoContext, plan: Plan, history: z.infer<typeof History>): Promise<void> {
  const certificates = await tx.certificates.all();
  for (const r of history.reports) {
    const { to } = periodDates(r.period, plan.reporting.cadence);
    const cadres = asHeldOn(await tx.cadres.find({ unitId: r.unitId }), to).filter((c) => c.unitId === r.unitId);
    const secretary = cadres.find((c) => c.position === "secretary") ?? cadres[0];
    if (!secretary) continue;
    const facts = unitFacts(cadres, certificates, { plan, today: to, window: { ...progressWindow(plan.period), to } });
    await tx.reports.put({
      id: `${r.unitId}:${r.period}`,
      unitId: r.unitId,
      period: r.period,
      submittedAt: zoned(addDays(to, 5), "09:00", ctx.config.timeZone).toISOString(),
      submittedBy: secretary.id,
      late: false,
      facts,
      proposedForTheory: [],
      committeeApproved: r.committeeApproved,
      difficulties: r.difficulties,
      proposals: r.proposals,
      history: [],
    });
  }
}

/** Adds Plan 49's history, inside the demo's transaction; nothing when the store holds no Plan 49 (another plan file). */
export async function addPlan49History(tx: Collections, ctx: DemoContext, dir = "data/demo"): Promise<void> {
  const plan = await tx.plans.get(PLAN_49);
  if (!plan) return;
  const history = History.parse(JSON.parse(readFileSync(join(dir, "history-49.json"), "utf8")));
  await addPosts(tx, history);
  await addTheory(tx, history);
  await addClasses(tx, ctx, plan, history);
  await addReports(tx, ctx, plan, history);
}
