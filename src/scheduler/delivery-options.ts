/** What the delivery is given and what it tells: its clock, its dependencies, its options, its report. */
import type { Reply } from "../app/messages";
import type { Backoff } from "../domain/backoff";
import type { MessageSpec, OutboxEntry, OutboxStatus } from "../domain/outbox";
import type { ChannelName, Locale } from "../domain/records";
import type { Logger } from "pino";
import type { Store } from "../store/store";
import type { ChannelLimits } from "./limits";
import type { SentMessage } from "../app/deps";
import type { T } from "../i18n";

/** Pacing time: ms and sleep, injectable so tests run fast. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export interface DeliveryDeps {
  store: Store;
  log: Logger;
  /** The time written into entries and compared with `notBefore`/`staleAt`. */
  now: () => Date;
  defaultLocale: Locale;
}

/** Sends and edits outside the outbox, in the delivery's limits (`scheduler/live.ts`): a broadcast's progress message. */
export interface LiveSender {
  /**
   * Sends to a person only where the message can be edited later: undefined when the channel they
   * would be reached on cannot edit (Zalo, console) or the send failed.
   */
  toPersonEditable(personId: string, render: (t: T) => Reply): Promise<SentMessage | undefined>;
  /** Replaces the text of a message sent with `toPersonEditable`, in its reader's language; false when that failed. */
  edit(message: SentMessage, render: (t: T) => Reply): Promise<boolean>;
}

export interface DeliveryOptions {
  limits?: Partial<Record<ChannelName, ChannelLimits>>;
  clock?: Clock;
  /** Divides every duration (limits, retry_after, backoff): for a time-scaled fake server. */
  timeScale?: number;
  /** Between tries of a transient failure (default 1 s doubling to 5 min), at most `maxAttempts` tries (default 8). */
  backoff?: Backoff;
  maxAttempts?: number;
  /** Pauses of a channel refusing for quota, doubling with each refusal in a row (default `QUOTA_BACKOFF`). */
  quotaBackoff?: Backoff;
  /** Refusals in a row after which `onQuotaRefusing` is called, once per run of refusals (default `QUOTA_ALERT_AFTER`). */
  quotaAlertAfter?: number;
  /**
   * A channel keeps refusing for quota: `since` is its first refusal in a row. The scheduler puts
   * an alert to the admins in the outbox here; delivery loads it at once, on another channel where the admin has one.
   */
  onQuotaRefusing?: (channel: ChannelName, since: Date) => void | Promise<void>;
  /** Messages in flight at once; a crash may repeat up to this many. */
  concurrency?: number;
  /** A run waits at most this long for a retry; later ones are left to the next tick. */
  maxWaitMs?: number;
  /**
   * Writes a message that names a composer (`MessageSpec.compose`) at send time; undefined or a
   * throw falls back to the message's own locale key.
   */
  compose?: (name: string, vars: MessageSpec["vars"], locale: Locale) => Promise<Reply | undefined>;
  /** Called when an entry reaches a final status (sent, unreachable, failed, skipped). */
  onFinal?: (entry: OutboxEntry, live: LiveSender) => void | Promise<void>;
  /**
   * False while this instance may not deliver (another one leads the scheduler): no run starts,
   * and a run stops taking entries; the ones in flight finish. Default: always true.
   */
  active?: () => boolean;
}

export type FinalStatus = Exclude<OutboxStatus, "pending" | "sending">;
export type DeliveryReport = Record<FinalStatus, number> & { retried: number };

/** A report with every count at zero. */
export function emptyReport(): DeliveryReport {
  return { sent: 0, unreachable: 0, failed: 0, skipped: 0, retried: 0 };
}
