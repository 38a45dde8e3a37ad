/**
 * Pruning by the retention policy (`src/domain/retention.ts`), run by the scheduler's tick at most
 * once a day: the ids to remove are worked out from the records, then removed in one transaction.
 */
import { DAY_MS } from "../domain/zoned-time";
import type { Deps } from "../app/deps";
import { prunable, type PruneList, type RetentionPolicy } from "../domain/retention";

/** How often the tick prunes. */
export const PRUNE_EVERY_MS = DAY_MS;

type PruneDeps = Pick<Deps, "store" | "now" | "log">;

/**
 * Prunes what the policy says may go; returns how many records of each collection were removed.
 * @example const removed = await pruneOld(deps, DEFAULT_RETENTION); // { outbox: 120, audit: 0, … }
 */
export async function pruneOld(deps: PruneDeps, policy: RetentionPolicy): Promise<Record<keyof PruneList, number>> {
  const { store } = deps;
  const now = deps.now();
  return store.transaction(async (tx) => {
    const list = prunable(
      {
        outbox: await tx.outbox.all(),
        broadcasts: await tx.broadcasts.all(),
        linkCodes: await tx.linkCodes.all(),
        linkAttempts: await tx.linkAttempts.all(),
        wizards: await tx.wizards.all(),
        menus: await tx.menus.all(),
        audit: await tx.audit.all(),
      },
      policy,
      now,
    );
    const removed = {} as Record<keyof PruneList, number>;
    for (const name of Object.keys(list) as (keyof PruneList)[]) {
      for (const id of list[name]) await tx[name].remove(id);
      removed[name] = list[name].length;
    }
    const state = await tx.scheduler.get("scheduler");
    await tx.scheduler.put({ lastTickAt: now.toISOString(), ...state, id: "scheduler", lastPrunedAt: now.toISOString() });
    return removed;
  });
}

/** Prunes when the last pruning is a day old or more (or never happened); the tick calls it. */
export async function pruneIfDue(deps: PruneDeps, policy: RetentionPolicy): Promise<void> {
  const last = (await deps.store.scheduler.get("scheduler"))?.lastPrunedAt;
  if (last && deps.now().getTime() - Date.parse(last) < PRUNE_EVERY_MS) return;
  const removed = await pruneOld(deps, policy);
  if (Object.values(removed).some((n) => n > 0)) deps.log.info({ removed }, "retention: old records pruned");
}
