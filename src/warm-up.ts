/**
 * The process warms its own update path before it takes traffic (issue 22): the Telegram channel's
 * own webhook route, bot and chat core are fed synthetic updates over HTTP on 127.0.0.1, their Bot
 * API calls answered by a Bot API of the warm-up's own (channels/telegram/warm.ts), while the store
 * they all use (a `StoreSwitch`) points at a scratch in-memory copy of what the first commands read
 * (plans, units, classes and their enrolments); the real store's lookups the first commands make are
 * primed by reads. Bounded in time; the real store's data, the network and the people see nothing of it.
 */
import type { Deps } from "./app/deps";
import type { PreparedTelegram } from "./channels/telegram";
import { openLowdbStore } from "./store/lowdb-store";
import type { Store } from "./store/store";
import type { StoreSwitch } from "./store/switch";

/**
 * The warm-up ends after this many updates, or after `withinMs`, whichever comes first. A function
 * called once per update is compiled by the optimizing JIT after several hundred calls: 600 (the
 * bound before) left the chat core's and the channel's own functions to be compiled in the burst,
 * and a burst after 2,500 cost about a fifth less CPU than after 1,500 (docs/benchmarks.md).
 */
const MOST_UPDATES = 2500;
/**
 * The last part of the warm-up's time, ms: the optimizing JIT compiles on other threads, and the
 * functions it took up at the end of the warm-up are compiled now rather than during the first burst.
 */
const SETTLE_MS = 100;

/** Copies what a guest's first commands read into a new in-memory store. */
async function scratchCopy(store: Store): Promise<Store> {
  const scratch = await openLowdbStore({ checkNesting: false }); // no AsyncLocalStorage: its promise hooks would stay on
  const [plans, units, courses, enrollments] = await Promise.all([
    store.plans.all(),
    store.units.all(),
    store.courses.all(),
    store.enrollments.all(),
  ]);
  await scratch.transaction(async (tx) => {
    for (const p of plans) await tx.plans.put(p);
    for (const u of units) await tx.units.put(u);
    for (const c of courses) await tx.courses.put(c);
    for (const e of enrollments) await tx.enrollments.put(e);
  });
  return scratch;
}

/**
 * Builds the real store's field indexes the first commands look records up by (the embedded store
 * builds one on its first use), with values that match nothing: reads only.
 */
async function primeReads(store: Store): Promise<void> {
  const none = "\u0000warm-up";
  await Promise.all([
    store.courses.find({ status: "open" }),
    store.courses.find({ code: none }),
    store.enrollments.find({ personId: none }),
    store.enrollments.find({ courseId: none }),
    store.accounts.find({ personId: none }),
    store.cadres.find({ unitId: none, status: "approved" }),
  ]);
}

/**
 * Warms the Telegram update path for at most `withinMs`; resolves with the updates handled and the
 * time taken. `store` is the switch every part of the process reads the store through (`deps.store`):
 * it points at the scratch copy during the warm-up and back at the real store when it ends, failed or
 * not. Call it before anything else takes requests (the HTTP server, the scheduler). Never fails the
 * start: a failure is logged and the process goes on cold.
 * @example const { updates, ms } = await warmUpdatePath(deps, store, telegram, 6000);
 */
export async function warmUpdatePath(
  deps: Pick<Deps, "log">,
  store: StoreSwitch,
  telegram: Pick<PreparedTelegram, "warm">,
  withinMs: number,
): Promise<{ updates: number; ms: number }> {
  const started = performance.now();
  const end = Date.now() + withinMs;
  const real = store.target;
  let scratch: Store | undefined;
  try {
    await primeReads(real);
    scratch = await scratchCopy(real);
    store.use(scratch);
    const updates = await telegram.warm({ log: deps.log, most: MOST_UPDATES, withinMs: Math.max(0, end - SETTLE_MS - Date.now()) });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(SETTLE_MS, end - Date.now()))));
    return { updates, ms: Math.round(performance.now() - started) };
  } catch (err) {
    deps.log.warn({ err }, "warm-up failed; starting cold");
    return { updates: 0, ms: Math.round(performance.now() - started) };
  } finally {
    store.use(real);
    await scratch?.close();
  }
}
