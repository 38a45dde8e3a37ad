/**
 * Delivery: sends the outbox's ready entries within each channel's rate limits. An entry is
 * marked `sending` durably before its send and `sent` after (the `sent` write rides with the next
 * entry's `sending` write), so a crash repeats at most the messages in flight — one, with the
 * default concurrency of 1 — and drops none. A 429 pauses the channel for its `retry_after`; a
 * quota refusal (Zalo's 429, no `retry_after`) pauses it with exponential backoff, moves people who
 * have another channel to it, and tells the admins once when it lasts (`onQuotaRefusing`);
 * transient failures are retried with backoff, a bounded number of times; an `Unreachable` marks
 * the account unreachable.
 */
import type { ChatAddress, Reply } from "../app/messages";
import type { OutboxEntry } from "../domain/outbox";
import type { ChannelName, Locale } from "../domain/records";
import { QuotaExceeded, RateLimited, Rejected, Transient, Unreachable, type ChannelSender } from "../app/sender";
import { backoffDelay } from "../domain/backoff";
import { ChannelBuckets, QUOTA_ALERT_AFTER, QUOTA_BACKOFF, defaultLimits, scaleLimits } from "./limits";
import {
  emptyReport,
  realClock,
  type Clock,
  type DeliveryDeps,
  type DeliveryOptions,
  type DeliveryReport,
  type FinalStatus,
} from "./delivery-options";
import { MaybeSent } from "../app/retry";
import { renderMessage, resolveRecipient, type Target } from "./recipient";
import { markUnreachable } from "../app/reach";
import { liveSender, type LiveSender } from "./live";

export { realClock, type Clock, type DeliveryDeps, type DeliveryOptions, type DeliveryReport, type FinalStatus };

interface Item {
  entry: OutboxEntry;
  targets: Target[];
  locale: Locale;
  /** Clock ms before which it is not tried. */
  readyAt: number;
}

const LOOKAHEAD = 64;

/** Tries of a live send or edit that met a 429 or a transient failure (each waits its turn again). */
const LIVE_ATTEMPTS = 3;

/** The `reason` of an entry waiting for a channel that refuses for quota. */
const QUOTA_REASON = "quota";

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
  /** Clock ms at which the current run began: quota pauses are waited for only up to `maxWaitMs` after it. */
  private runStartedAt = 0;

  /** Sends and edits messages outside the outbox in the same limits (a broadcast's progress message). */
  readonly live: LiveSender;

  constructor(
    private readonly deps: DeliveryDeps,
    private readonly channels: Partial<Record<ChannelName, ChannelSender>>,
    private readonly options: DeliveryOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.scale = options.timeScale ?? 1;
    this.live = liveSender(deps, channels, (address, call) => this.paced(address, false, call));
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
    this.runStartedAt = this.clock.now();
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

  /**
   * Takes the item whose chat is free soonest among the first few, reserving its rate. A person
   * with another channel is tried there first while their usual one refuses for quota; items of a
   * channel refusing for quota and paused past `maxWaitMs` after the run began are left to a later
   * run (they stay pending in the store), so a run ends however long a quota lasts.
   */
  private pick(queue: Item[]): Item | undefined {
    if (this.closing || !this.active()) return undefined;
    const now = this.clock.now();
    const horizon = this.runStartedAt + this.maxWait();
    let best = -1;
    let bestAt = Infinity;
    for (let i = 0; i < Math.min(queue.length, LOOKAHEAD); i++) {
      const t = this.refusingLast(queue[i]!).targets[0]!;
      const b = this.bucketsOf(t.address.channel);
      if (b.refusals > 0 && b.pausedUntil > horizon) {
        queue.splice(i--, 1);
        continue;
      }
      const at = Math.max(queue[i]!.readyAt, b.chatFreeAt(t.address.chatId, t.group, now));
      if (at < bestAt) [best, bestAt] = [i, at];
      if (at <= now) break;
    }
    return best < 0 ? undefined : queue.splice(best, 1)[0];
  }

  /** Puts the item's targets on channels refusing for quota after the others (stable). */
  private refusingLast(item: Item): Item {
    const refusing = (t: Target) => (this.buckets.get(t.address.channel)?.refusals ?? 0) > 0;
    if (item.targets.length > 1 && refusing(item.targets[0]!))
      item.targets = [...item.targets.filter((t) => !refusing(t)), ...item.targets.filter(refusing)];
    return item;
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
        this.bucketsOf(target.address.channel).refusals = 0;
        return this.finish(sending, "sent");
      } catch (e) {
        if (e instanceof Unreachable) {
          if (target.accountId) this.track(markUnreachable(this.deps.store, target.accountId));
          continue;
        }
        return this.failed(item, sending, e, queue, target.address.channel);
      }
    }
    this.finish(sending, "unreachable", "blocked");
  }

  /** The entry's text: a notice as written, composed when it names a composer, else its locale key with its variables. */
  private async render(entry: OutboxEntry, locale: Locale): Promise<Reply> {
    const { compose, reply } = entry.message;
    if (reply) return reply;
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

  private failed(item: Item, sending: OutboxEntry, e: unknown, queue: Item[], channel: ChannelName): void {
    const now = this.clock.now();
    if (e instanceof RateLimited) {
      const waitMs = (e.retryAfter * 1000) / this.scale;
      const b = this.bucketsOf(channel);
      b.pausedUntil = Math.max(b.pausedUntil, now + waitMs);
      return this.retry(item, { ...sending, attempts: item.entry.attempts }, now + waitMs, "429", queue);
    }
    if (e instanceof QuotaExceeded) return this.quotaRefused(item, sending, queue, channel);
    const reason = e instanceof Error ? e.message.slice(0, 200) : "error";
    // MaybeSent: no answer after the request went out; sending again could deliver it twice (src/app/retry.ts).
    if (e instanceof Rejected || e instanceof MaybeSent || sending.attempts >= (this.options.maxAttempts ?? 8))
      return this.finish(sending, "failed", reason);
    this.deps.log.debug({ err: e, entry: sending.id }, "send failed, will retry");
    const delay = backoffDelay(sending.attempts, this.options.backoff ?? { baseMs: 1000, maxMs: 5 * 60_000 }) / this.scale;
    this.retry(item, sending, now + delay, reason, queue);
  }

  /**
   * The channel refused for quota: it is paused for a backoff that doubles with each refusal in a
   * row (one message tried per pause, no attempt counted); at `quotaAlertAfter` refusals the admins
   * are told, once per run of refusals. A person with another channel is tried there at once.
   */
  private quotaRefused(item: Item, sending: OutboxEntry, queue: Item[], channel: ChannelName): void {
    const now = this.clock.now();
    const b = this.bucketsOf(channel);
    if (b.refusals++ === 0) b.refusingSince = this.deps.now();
    const waitMs = backoffDelay(b.refusals, this.options.quotaBackoff ?? QUOTA_BACKOFF) / this.scale;
    b.pausedUntil = Math.max(b.pausedUntil, now + waitMs);
    this.deps.log.warn({ channel, refusals: b.refusals, waitMs }, "channel refuses for quota; backing off");
    const alert = this.options.onQuotaRefusing;
    if (alert && b.refusals === (this.options.quotaAlertAfter ?? QUOTA_ALERT_AFTER)) {
      // The alert's entries are loaded by the run that follows this one.
      this.track(
        Promise.resolve(alert(channel, b.refusingSince!)).then(
          () => void (this.again = true),
          (err) => this.deps.log.error({ err, channel }, "quota alert failed"),
        ),
      );
    }
    const elsewhere = item.targets.some((t) => t.address.channel !== channel);
    this.retry(item, { ...sending, attempts: item.entry.attempts }, elsewhere ? now : now + waitMs, QUOTA_REASON, queue);
  }

  /** How long a run waits for a retry, in clock ms. */
  private maxWait(): number {
    return (this.options.maxWaitMs ?? 60_000) / this.scale;
  }

  /** Stores the entry as pending until `readyAt`; keeps it in this run when that is within `maxWaitMs` (of now, or of the run's start for a quota). */
  private retry(item: Item, entry: OutboxEntry, readyAt: number, reason: string, queue: Item[]): void {
    const now = this.clock.now();
    const nextAttemptAt = new Date(this.deps.now().getTime() + (readyAt - now) * this.scale).toISOString();
    const pending: OutboxEntry = { ...entry, status: "pending", nextAttemptAt, reason };
    this.track(this.deps.store.outbox.put(pending));
    this.report.retried++;
    // A retry due later is left to a later run: its nextAttemptAt is stored.
    const limit = reason === QUOTA_REASON ? this.runStartedAt + this.maxWait() : now + this.maxWait();
    if (readyAt <= limit) queue.push({ ...item, entry: pending, readyAt });
  }

  private finish(entry: OutboxEntry, status: FinalStatus, reason?: string): void {
    const done: OutboxEntry = { ...entry, status, doneAt: this.deps.now().toISOString(), ...(reason ? { reason } : {}) };
    this.track(this.deps.store.outbox.put(done));
    this.report[status]++;
    // What the hook queues (a broadcast's closing report) is sent by the run that follows.
    const onFinal = this.options.onFinal;
    if (onFinal) this.track(Promise.resolve(onFinal(done, this.live)).then(() => void (this.again = true)));
  }

  /**
   * Makes a send or an edit outside the outbox (a broadcast's progress message) in its turn under
   * the same limits as the entries; a 429 pauses the channel for its `retry_after` for both.
   */
  async paced<R>(address: ChatAddress, group: boolean, call: () => Promise<R>): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      await this.waitTurn({ address, group }, 0);
      try {
        return await call();
      } catch (e) {
        if (!(e instanceof RateLimited || e instanceof Transient) || attempt >= LIVE_ATTEMPTS) throw e;
        const b = this.bucketsOf(address.channel);
        if (e instanceof RateLimited) b.pausedUntil = Math.max(b.pausedUntil, this.clock.now() + (e.retryAfter * 1000) / this.scale);
      }
    }
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
