/**
 * The clock: a node-cron task every minute (Asia/Ho_Chi_Minh, no overlap) that plans, enqueues and
 * delivers. At start, entries left `sending` by a crash are recovered and delivery resumes.
 */
import cron from "node-cron";
import type { Deps } from "../app/deps";
import type { Composer } from "../chat/feature";
import { translator } from "../i18n";
import type { ChannelName } from "../domain/records";
import { createBroadcastProgress, type BroadcastProgress } from "./broadcast-progress";
import type { ChannelSender } from "../app/sender";
import { Delivery, type DeliveryOptions } from "./delivery";
import { recoverInFlight } from "./outbox";
import { quotaAlert } from "./quota-alert";
import { planTick } from "./tick";
import { pruneIfDue } from "./retention";
import { DEFAULT_RETENTION, type RetentionPolicy } from "../domain/retention";

/**
 * Who plans and delivers among several instances on one database (the PostgreSQL leader);
 * absent, this process alone does.
 */
export interface SchedulerLead {
  leading(): boolean;
  /** Called with true when this instance becomes the leader, false when it stops being it. */
  onChange(listener: (leading: boolean) => void): void;
  /** Called on the leader when another instance asks for delivery. */
  onWake(listener: () => void): void;
  /** Asks the leader, wherever it runs, to deliver now. */
  wake(): Promise<void>;
}

export interface SchedulerOptions extends DeliveryOptions {
  /** Several instances: only the leader ticks and delivers. */
  lead?: SchedulerLead;
  /** Cron expression of the tick; default every minute. */
  cron?: string;
  /** How a broadcast's sender is kept informed; default: a progress message edited where the channel can, else steps as notices. */
  progress?: BroadcastProgress;
  /** The features' composers (`core.composers`), for messages written at send time. */
  composers?: Readonly<Record<string, Composer>>;
  /** How long old records are kept; pruned by the tick once a day. Default `DEFAULT_RETENTION`. */
  retention?: RetentionPolicy;
}

export interface SchedulerHandle {
  delivery: Delivery;
  /** Runs one tick now (what the cron task runs). */
  tick(): Promise<void>;
  /** Stops the clock and waits for the delivery in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Starts the scheduler and sets `deps.wakeOutbox`, so features (broadcasts) can start delivery at once.
 * @example const scheduler = startScheduler(deps, { telegram: telegramSender }, { composers: core.composers }); … await scheduler.stop();
 */
export function startScheduler(
  deps: Deps,
  channels: Partial<Record<ChannelName, ChannelSender>>,
  options: SchedulerOptions = {},
): SchedulerHandle {
  const progress = options.progress ?? createBroadcastProgress(deps, { editIntervalMs: 3000 / (options.timeScale ?? 1) });
  const { lead } = options;
  const leading = () => lead?.leading() ?? true;
  const delivery = new Delivery({ store: deps.store, log: deps.log, now: deps.now, defaultLocale: deps.config.defaultLocale }, channels, {
    onQuotaRefusing: quotaAlert(deps),
    ...options,
    active: leading,
    compose: async (name, vars, locale) => options.composers?.[name]?.(deps, vars, translator(locale), locale),
    onFinal: async (entry, live) => {
      await options.onFinal?.(entry, live);
      await progress.onFinal(entry, live);
    },
  });
  const deliverNow = () => void delivery.kick().catch((err) => deps.log.error({ err }, "delivery failed"));
  deps.wakeOutbox = () => {
    if (leading()) deliverNow();
    else void lead?.wake().catch((err) => deps.log.warn({ err }, "could not wake the scheduler's leader"));
  };
  const tick = async () => {
    if (!leading()) return;
    try {
      const { due, added } = await planTick(deps);
      if (added) deps.log.info({ due, added }, "scheduler: new messages due");
      await delivery.kick();
      await pruneIfDue(deps, options.retention ?? DEFAULT_RETENTION);
    } catch (err) {
      deps.log.error({ err }, "scheduler tick failed");
    }
  };
  /** On start, or when this instance takes the lead: resend what the last leader left in flight, then tick. */
  const takeOver = async () => {
    try {
      const recovered = await recoverInFlight(deps.store);
      if (recovered) deps.log.warn({ recovered }, "scheduler: resending messages left in flight by a crash");
    } catch (err) {
      deps.log.error({ err }, "scheduler: recovering messages in flight failed");
    }
    await tick();
  };
  let started = leading() ? takeOver() : Promise.resolve();
  lead?.onChange((now) => {
    deps.log.info({ leading: now }, now ? "scheduler: this instance leads" : "scheduler: this instance no longer leads");
    if (now) started = started.catch(() => {}).then(takeOver);
  });
  lead?.onWake(deliverNow);
  const task = cron.schedule(options.cron ?? "* * * * *", tick, {
    timezone: deps.config.timeZone,
    noOverlap: true,
    name: "doan-bot-scheduler",
  });
  return {
    delivery,
    tick,
    async stop() {
      await task.destroy();
      await started.catch(() => {});
      await delivery.stop();
      deps.wakeOutbox = undefined;
    },
  };
}
