/**
 * The running plan is read, not held: plans are store records, and the plan running on a day is
 * the one whose period holds it (or, when none does, the latest, whose rules still apply while its
 * numbers are not shown). A `PlanSource` reads them for every update and tick, from a cache checked
 * against the store at most once a second (`BlocSettings.plansChangedAt`, one small record), so a
 * plan starting tomorrow takes over at midnight where the bloc lives, and every instance on one
 * database sees a saved plan within a second. The plan file (`PLAN_FILE`) seeds the store on first start.
 */
import { BLOC_ID } from "../domain/bloc";
import type { Plan } from "../domain/plan";
import { covers, runningPlan } from "../domain/plans";
import { localDate } from "../domain/zoned-time";
import type { Collections, Store } from "../store/store";
import { today, type Deps, type PlanSource } from "./deps";

export type { PlanSource };

/** How often, at most, a source asks the store whether a plan changed (ms). */
export const PLAN_CHECK_MS = 1000;

export interface PlanSourceOptions {
  /** Between two checks of the store, in ms of `clock` (default `PLAN_CHECK_MS`). */
  checkEveryMs?: number;
  /** Monotonic time for the checks (Date.now); tests move it. */
  clock?: () => number;
}

/**
 * A source over the store's plans; `fallback` runs when the store holds none.
 * @example deps.plans = planSource(store, config.timeZone, plan); const p = await deps.plans.running(deps.now());
 */
export function planSource(
  store: Pick<Store, "plans" | "bloc">,
  timeZone: string,
  fallback: Plan,
  options: PlanSourceOptions = {},
): PlanSource {
  const { checkEveryMs = PLAN_CHECK_MS, clock = () => Date.now() } = options;
  let plans: Plan[] | undefined;
  let version: string | undefined;
  let checkedAt = -Infinity;

  async function current(): Promise<Plan[]> {
    const now = clock();
    if (plans && now - checkedAt < checkEveryMs) return plans;
    checkedAt = now;
    const stamp = (await store.bloc.get(BLOC_ID))?.plansChangedAt ?? "";
    if (!plans || stamp !== version) {
      // The stamp first: a plan saved in between is read now and read again at the next check.
      version = stamp;
      plans = [...(await store.plans.all())];
    }
    return plans;
  }

  return {
    running: async (now) => runningPlan(await current(), localDate(now, timeZone)) ?? fallback,
    changed: () => void (plans = undefined),
  };
}

/** Records, inside the transaction that saves a plan, that plans changed: other instances read them again. */
export async function markPlansChanged(tx: Pick<Collections, "bloc">, now: Date): Promise<void> {
  const bloc = (await tx.bloc.get(BLOC_ID)) ?? { id: BLOC_ID, groups: [] };
  await tx.bloc.put({ ...bloc, plansChangedAt: now.toISOString() });
}

/**
 * The plan running now for these deps: read from their source, or the plan they were given (benches).
 * @example const ctxDeps = { ...deps, plan: await currentPlan(deps) };
 */
export async function currentPlan(deps: Pick<Deps, "plan" | "plans" | "now">): Promise<Plan> {
  return deps.plans ? deps.plans.running(deps.now()) : deps.plan;
}

/**
 * Reads the plan to run with from the store, putting `seed` there first when the store holds none.
 * @example const plan = await openPlans(store, loadPlan(config.planFile), localDate(new Date(), tz));
 */
export async function openPlans(store: Pick<Store, "plans">, seed: Plan, day: string): Promise<Plan> {
  if ((await store.plans.count()) === 0) await store.plans.put(seed);
  return runningPlan(await store.plans.all(), day)!;
}

/** True when the running plan's period holds today: its progress can be shown. */
export function planRunsToday(deps: Pick<Deps, "plan" | "now" | "config">): boolean {
  return covers(deps.plan, today(deps));
}
