/**
 * The running plan: plans are store records; `deps.plan` holds the one covering today (or, when
 * none does, the latest, whose rules still apply while its numbers are not shown). The plan file
 * (`PLAN_FILE`) seeds the store on first start.
 */
import type { Plan } from "../domain/plan";
import { covers, runningPlan } from "../domain/plans";
import type { Store } from "../store/store";
import { today, type Deps } from "./deps";

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

/** Re-reads which plan runs today after plans changed, and hands it to every feature and the scheduler. */
export async function refreshPlan(deps: Pick<Deps, "plan" | "store" | "now" | "config">): Promise<Plan> {
  const next = runningPlan(await deps.store.plans.all(), today(deps));
  if (next) deps.plan = next;
  return deps.plan;
}
