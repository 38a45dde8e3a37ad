/**
 * The Zalo channel: updates from long polling or the webhook go through `process`, which maps them
 * to `Incoming`, hands them to the chat core (through the numbered-options wrapper) and sends the
 * replies. Messages of one chat are handled in order; a message id seen twice is handled once.
 */
import type { Logger } from "pino";
import { withNumberedOptions } from "../../chat/numbered";
import type { Incoming, Reply } from "../../app/messages";
import type { Locale } from "../../domain/records";
import type { Store } from "../../store/store";
import { isIdlePoll, sleep, type ZaloClient } from "./client";
import { sendRendered, translatorFor } from "./send";
import { botNames, parseUpdate, toIncoming, type ZaloBotInfo } from "./updates";

export interface ZaloChannelOptions {
  client: ZaloClient;
  store: Store;
  /** The chat core's `handle`. */
  handle: (msg: Incoming) => Promise<Reply[]>;
  now: () => Date;
  log: Logger;
  defaultLocale: Locale;
  /** De-duplicates messages in the store (`zalo:<message_id>`), across instances and restarts. */
  claimUpdate?: (id: string) => Promise<boolean>;
  /** The bot's account (getMe), for @mentions in groups. */
  me?: ZaloBotInfo;
  /** Seconds one getUpdates call waits (default 30). */
  pollTimeout?: number;
  /** Backoff after a failed poll: first delay and ceiling, ms (default 1 000 and 30 000). */
  backoffMs?: number;
  maxBackoffMs?: number;
}

/** Counts of what the channel did, for logs and tests. */
export interface ZaloStats {
  received: number;
  handled: number;
  ignored: number;
  failed: number;
}

/** Runs tasks one after another per key (chat), and knows when all are done. */
class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run(key: string, task: () => Promise<void>): Promise<void> {
    const next = (this.tails.get(key) ?? Promise.resolve()).then(task);
    this.tails.set(key, next);
    void next.finally(() => this.tails.get(key) === next && this.tails.delete(key));
    return next;
  }

  async idle(): Promise<void> {
    while (this.tails.size) await Promise.allSettled([...this.tails.values()]);
  }
}

/** Remembers the last `size` message ids. */
class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly size = 1000) {}

  /** True when the id was seen before; records it otherwise. */
  seen(id: string): boolean {
    if (this.ids.has(id)) return true;
    this.ids.add(id);
    if (this.ids.size > this.size) this.ids.delete(this.ids.values().next().value!);
    return false;
  }
}

export class ZaloChannel {
  readonly stats: ZaloStats = { received: 0, handled: 0, ignored: 0, failed: 0 };
  private readonly queue = new KeyedQueue();
  private readonly recent = new RecentIds();
  private readonly wrapped: ReturnType<typeof withNumberedOptions>;
  private names: string[];
  private abort?: AbortController;
  private loop?: Promise<void>;

  constructor(private readonly o: ZaloChannelOptions) {
    this.wrapped = withNumberedOptions(o.store, o.handle, o.now);
    this.names = botNames(o.me);
  }

  /** Sets the bot's account, read with getMe, so @mentions are recognised. */
  setMe(me: ZaloBotInfo): void {
    this.names = botNames(me);
  }

  /**
   * Handles one update, flat or wrapped in `{ ok, result }`; resolves once the replies are sent.
   * @example await channel.process({ event_name: "message.text.received", message: { ... } });
   */
  async process(body: unknown): Promise<void> {
    this.stats.received++;
    const update = parseUpdate(body);
    const msg = update && toIncoming(update, this.names);
    if (!update?.message || !msg || this.recent.seen(update.message.message_id)) {
      this.stats.ignored++;
      return;
    }
    const id = update.message.message_id;
    await this.queue.run(msg.chatId, async () => {
      if (this.o.claimUpdate && !(await this.o.claimUpdate(`zalo:${id}`).catch(() => true))) {
        this.stats.ignored++;
        return;
      }
      await this.answer(msg);
    });
  }

  private async answer(msg: Incoming): Promise<void> {
    const { client, log } = this.o;
    try {
      if (msg.chatType === "private") await client.sendChatAction({ chat_id: msg.chatId, action: "typing" }).catch(() => undefined);
      const replies = await this.wrapped(msg);
      await sendRendered(client, msg.chatId, replies, await translatorFor(this.o.store, msg.userId, this.o.defaultLocale));
      this.stats.handled++;
    } catch (err) {
      this.stats.failed++;
      log.error({ err, channel: "zalo", chat: msg.chatId }, "zalo update failed");
    }
  }

  /** Starts long polling in the background; `stop` ends it. */
  startPolling(): void {
    if (this.loop) return;
    this.abort = new AbortController();
    this.loop = this.poll(this.abort.signal);
  }

  private async poll(signal: AbortSignal): Promise<void> {
    const { client, log } = this.o;
    const base = this.o.backoffMs ?? 1000;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const result: unknown = await client.getUpdates({ timeout: this.o.pollTimeout ?? 30 }, signal);
        failures = 0;
        for (const update of Array.isArray(result) ? result : [result]) void this.process(update);
      } catch (err) {
        if (signal.aborted) break;
        if (isIdlePoll(err)) continue;
        failures++;
        const delay = Math.min(this.o.maxBackoffMs ?? 30_000, base * 2 ** (failures - 1));
        log.warn({ err, channel: "zalo", delay }, "zalo polling failed; retrying");
        await sleep(delay, signal);
      }
    }
  }

  /** Waits until every update received so far is handled. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Stops polling (aborting the open long poll) and waits for the updates in hand. */
  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    this.loop = undefined;
    await this.idle();
  }
}
