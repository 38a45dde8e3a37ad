/** One tick: read the data, plan what is due, put it in the outbox, remember the tick, deliver. */
import type { Deps } from "../app/deps";
import { BLOC_ID } from "../domain/bloc";
import { enqueue } from "./outbox";
import { plan, type PlannerData } from "./planner";
import { openUnits } from "../domain/units";

type TickDeps = Pick<Deps, "store" | "plan" | "config" | "now">;

/** The records the planner reads, from the store. */
export async function readPlannerData(deps: TickDeps): Promise<PlannerData> {
  const { store } = deps;
  const state = await store.scheduler.get("scheduler");
  return {
    plan: deps.plan,
    timeZone: deps.config.timeZone,
    units: openUnits(await store.units.all()),
    cadres: await store.cadres.all(),
    courses: await store.courses.all(),
    enrollments: await store.enrollments.all(),
    certificates: await store.certificates.all(),
    reports: await store.reports.all(),
    blocGroups: (await store.bloc.get(BLOC_ID))?.groups ?? [],
    lastTickAt: state ? new Date(state.lastTickAt) : undefined,
  };
}

/**
 * Plans and enqueues; returns how many entries were new. The tick is recorded after the entries
 * are durable, so a crash in between only re-plans (harmless: keys are inserted once).
 */
export async function planTick(deps: TickDeps): Promise<{ due: number; added: number }> {
  const now = deps.now();
  const dues = plan(await readPlannerData(deps), now);
  const added = await enqueue(deps.store, dues, deps.config.adminIds, now);
  const state = await deps.store.scheduler.get("scheduler");
  await deps.store.scheduler.put({ ...state, id: "scheduler", lastTickAt: now.toISOString() });
  return { due: dues.length, added };
}
