/**
 * Delivery: sends the outbox's ready entries within each channel's rate limits. An entry is
 * marked `sending` durably before its send and `sent` after (the `sent` write rides with the next
 * entry's `sending` write), so a crash repeats at most the messages in flight — one, with the
 * default concurrency of 1 — and drops none. A 429 pauses the channel for its `retry_after`;
 * 5xx and timeouts are retried with backoff; a 403 marks the account unreachable.
 */
import type { Logger } from "pino";
import type { Reply } from "../app/messages";
import type { MessageSpec, OutboxEntry, OutboxStatus } from "../domain/outbox";
import type { ChannelName, Locale } from "../domain/records";
import type { Store } from "../store/store";
import { RateLimited, Rejected, Unreachable, type ChannelSender } from "../app/sender";
import { ChannelBuckets, defaultLimits, scaleLimits, type ChannelLimits } from "./limits";
import { renderMessage, resolveRecipient, type Target } from "./recipient";

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

export interface DeliveryOptions {
  limits?: Partial<Record<ChannelName, ChannelLimits>>;
  clock?: Clock;
  /** Divides every duration (limits, retry_after, backoff): for a time-scaled fake server. */
  timeScale?: number;
  backoff?: { baseMs: number; maxMs: number };
  maxAttempts?: number;
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
  onFinal?: (entry: OutboxEntry) => void | Promise<void>;
  /**
   * False while this instance may not deliver (another one leads the scheduler): no run starts,
   * and a run stops taking entries; the ones in flight finish. Default: always true.
   */
  active?: () => boolean;
}

export type FinalStatus = Exclude<OutboxStatus, "pending" | "sending">;
export type DeliveryReport = Record<FinalStatus, number> & { retried: number };

interface Item {
  entry: OutboxEntry;
  targets: Target[];
  locale: Locale;
  /** Clock ms before which it is not tried. */
  readyAt: number;
}

const LOOKAHEAD = 64;

/** The outbox's sender; one per process, shared by the ticks and the broadcasts. */
export class Delivery {
  private readonly clock: Clock;
  private readonly scale: number;
  private readonly buckets = new Map<ChannelName, ChannelBuckets>();
  private readonly writes = new Set<Promise<unknown>>();
  private running: Promise<void> | null = null;
  private again = false;
  private closing = false;
  private report: DeliveryReport = emptyReport();

  constructor(
    private readonly deps: DeliveryDeps,
    private readonly channels: Partial<Record<ChannelName, ChannelSender>>,
    private readonly options: DeliveryOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.scale = options.timeScale ?? 1;
  }

  /** Sends what is ready now; a kick during a run makes it run once more. Resolves when idle. */
  kick(): Promise<void> {
    if (this.closing || !this.active()) return this.running ?? Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.run();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Stops taking new entries, lets the ones in flight finish, and resolves when idle. */
  async stop(): Promise<void> {
    this.closing = true;
    await this.running;
  }

  private active(): boolean {
    return this.options.active?.() ?? true;
  }

  /** Totals since this Delivery was made. */
  totals(): DeliveryReport {
    return { ...this.report };
  }

  private async run(): Promise<void> {
    const queue = await this.load();
    const workers = Array.from({ length: Math.max(1, this.options.concurrency ?? 1) }, () => this.work(queue));
    await Promise.all(workers);
    await this.settle();
  }

  /** Ready pending entries, resolved to their chats; the unsendable are closed at once. */
  private async load(): Promise<Item[]> {
    const now = this.deps.now().toISOString();
    const ready = (await this.deps.store.outbox.find({ status: "pending" }))
      .filter((e) => e.nextAttemptAt <= now && e.notBefore <= now)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    const channels = new Set(Object.keys(this.channels) as ChannelName[]);
    const items: Item[] = [];
    for (const entry of ready) {
      const r = await resolveRecipient(this.deps.store, entry, this.deps.defaultLocale, channels);
      if (r.kind === "send") items.push({ entry, targets: r.targets, locale: r.locale, readyAt: 0 });
      else this.finish(entry, r.kind === "skip" ? "skipped" : "unreachable", r.reason);
    }
    return items;
  }

  private async work(queue: Item[]): Promise<void> {
    for (;;) {
      const item = this.pick(queue);
      if (!item) return;
      await this.process(item, queue);
    }
  }

  /** Takes the item whose chat is free soonest among the first few, reserving its rate. */
  private pick(queue: Item[]): Item | undefined {
    if (this.closing || !this.active()) return undefined;
    const now = this.clock.now();
    let best = -1;
    let bestAt = Infinity;
    for (let i = 0; i < Math.min(queue.length, LOOKAHEAD); i++) {
      const item = queue[i]!;
      const t = item.targets[0]!;
      const at = Math.max(item.readyAt, this.bucketsOf(t.address.channel).chatFreeAt(t.address.chatId, t.group, now));
      if (at < bestAt) [best, bestAt] = [i, at];
      if (at <= now) break;
    }
    return best < 0 ? undefined : queue.splice(best, 1)[0];
  }

  private bucketsOf(channel: ChannelName): ChannelBuckets {
    let b = this.buckets.get(channel);
    if (!b) {
      const limits = this.options.limits?.[channel] ?? defaultLimits[channel];
      this.buckets.set(channel, (b = new ChannelBuckets(scaleLimits(limits, this.scale), this.clock.now())));
    }
    return b;
  }

  private async waitTurn(t: Target, readyAt: number): Promise<void> {
    const now = this.clock.now();
    const at = Math.max(readyAt, this.bucketsOf(t.address.channel).take(t.address.chatId, t.group, now));
    if (at > now) await this.clock.sleep(at - now);
  }

  private async process(item: Item, queue: Item[]): Promise<void> {
    const { entry } = item;
    if (entry.staleAt && entry.staleAt <= this.deps.now().toISOString()) return this.finish(entry, "skipped", "stale");
    await this.waitTurn(item.targets[0]!, item.readyAt);
    // Removed since it was loaded (the person asked for their data to be deleted): not sent.
    if (!(await this.deps.store.outbox.get(entry.id))) return;
    const sending: OutboxEntry = { ...entry, status: "sending", attempts: entry.attempts + 1 };
    await this.deps.store.outbox.put(sending);
    const reply = await this.render(entry, item.locale);
    for (let i = 0; i < item.targets.length; i++) {
      const target = item.targets[i]!;
      if (i > 0) await this.waitTurn(target, 0);
      try {
        await this.channels[target.address.channel]!.send(target.address, reply);
        return this.finish(sending, "sent");
      } catch (e) {
        if (e instanceof Unreachable) {
          if (target.accountId) this.track(this.markUnreachable(target.accountId));
          continue;
        }
        return this.failed(item, sending, e, queue);
      }
    }
    this.finish(sending, "unreachable", "blocked");
  }

  /** The entry's text: composed when it names a composer, else its locale key with its variables. */
  private async render(entry: OutboxEntry, locale: Locale): Promise<Reply> {
    const { compose } = entry.message;
    if (compose && this.options.compose) {
      try {
        const composed = await this.options.compose(compose, entry.message.vars, locale);
        if (composed) return composed;
      } catch (err) {
        this.deps.log.error({ err, entry: entry.id }, "composing a message failed; sending its short form");
      }
    }
    return renderMessage(entry.message, locale);
  }

  private failed(item: Item, sending: OutboxEntry, e: unknown, queue: Item[]): void {
    const now = this.clock.now();
    if (e instanceof RateLimited) {
      const waitMs = (e.retryAfter * 1000) / this.scale;
      const b = this.bucketsOf(item.targets[0]!.address.channel);
      b.pausedUntil = Math.max(b.pausedUntil, now + waitMs);
      return this.retry(item, { ...sending, attempts: item.entry.attempts }, now + waitMs, "429", queue);
    }
    const reason = e instanceof Error ? e.message.slice(0, 200) : "error";
    if (e instanceof Rejected || sending.attempts >= (this.options.maxAttempts ?? 8)) return this.finish(sending, "failed", reason);
    this.deps.log.debug({ err: e, entry: sending.id }, "send failed, will retry");
    const { baseMs, maxMs } = this.options.backoff ?? { baseMs: 1000, maxMs: 5 * 60_000 };
    const delay = Math.min(maxMs, baseMs * 2 ** (sending.attempts - 1)) / this.scale;
    this.retry(item, sending, now + delay, reason, queue);
  }

  private retry(item: Item, entry: OutboxEntry, readyAt: number, reason: string, queue: Item[]): void {
    const nextAttemptAt = new Date(this.deps.now().getTime() + (readyAt - this.clock.now()) * this.scale).toISOString();
    const pending: OutboxEntry = { ...entry, status: "pending", nextAttemptAt, reason };
    this.track(this.deps.store.outbox.put(pending));
    this.report.retried++;
    // A retry due later than maxWaitMs is left to a later run: its nextAttemptAt is stored.
    if (readyAt - this.clock.now() <= (this.options.maxWaitMs ?? 60_000) / this.scale) queue.push({ ...item, entry: pending, readyAt });
  }

  private finish(entry: OutboxEntry, status: FinalStatus, reason?: string): void {
    const done: OutboxEntry = { ...entry, status, doneAt: this.deps.now().toISOString(), ...(reason ? { reason } : {}) };
    this.track(this.deps.store.outbox.put(done));
    this.report[status]++;
    if (this.options.onFinal) this.track(Promise.resolve(this.options.onFinal(done)));
  }

  private async markUnreachable(accountId: string): Promise<void> {
    const account = await this.deps.store.accounts.get(accountId);
    if (account && !account.unreachable) await this.deps.store.accounts.put({ ...account, unreachable: true });
  }

  /** Keeps a write whose durability the next `sending` mark (or the end of the run) waits for. */
  private track(p: Promise<unknown>): void {
    const tracked = p.catch((err) => this.deps.log.error({ err }, "outbox write failed"));
    this.writes.add(tracked);
    void tracked.finally(() => this.writes.delete(tracked));
  }

  private async settle(): Promise<void> {
    while (this.writes.size) await Promise.all([...this.writes]);
  }
}

function emptyReport(): DeliveryReport {
  return { sent: 0, unreachable: 0, failed: 0, skipped: 0, retried: 0 };
}
