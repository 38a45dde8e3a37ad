/** What the benches give the chat core: the store, a plan, a fixed clock, no logs and no notices. */
import pino from "pino";
import type { Deps, Notifier } from "../src/app/deps";
import type { Plan } from "../src/domain/plan";
import type { Store } from "../src/store/store";

/** A notifier that queues nothing, for benches that measure something else than notices. */
export const quietNotifier: Notifier = {
  toPerson: async () => {},
  toChat: async () => {},
  scope: () => quietNotifier,
  flush: () => {},
};

/** The admin the benches speak as (`console:bench-admin`). */
export const BENCH_ADMIN = "console:bench-admin";

/**
 * The deps of a bench's chat core at the instant `now`, ids unique in the process.
 * @example const core = buildChat(benchDeps(store, currentPlan(), "2026-11-29T03:00:00.000Z"));
 */
export function benchDeps(store: Store, plan: Plan, now: string, adminIds: string[] = [BENCH_ADMIN]): Deps {
  let n = 0;
  return {
    store,
    plan,
    config: { adminIds, defaultLocale: "vi", timeZone: "Asia/Ho_Chi_Minh" },
    now: () => new Date(now),
    log: pino({ level: "silent" }),
    notify: quietNotifier,
    newId: (p) => `${p}-${++n}`,
  };
}
