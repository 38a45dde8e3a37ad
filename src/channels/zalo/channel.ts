/**
 * The Zalo channel: updates from long polling or the webhook go through `process`, which maps them
 * to `Incoming`, hands them to the chat core (through the numbered-options wrapper) and sends the
 * replies. Messages of one chat are handled in order; a message id seen twice is handled once (and
 * one whose handling met a store that could not take it stays unseen, to be handled when sent again); the
 * bot's own messages coming back (Zalo redelivers them) are dropped; a message Zalo could not pass
 * on (`message.unsupported.received`) gets a short note that the bot reads text only.
 */
import type { Logger } from "pino";
import { withNumberedOptions } from "../../chat/numbered";
import type { Incoming, Reply } from "../../app/messages";
import type { Locale } from "../../domain/records";
import type { Store } from "../../store/store";
import { backoffDelay } from "../../domain/backoff";
import { isStoreOutage } from "../../store/store";
import { OnceEach, PerChatQueue, type UpdateClaims } from "../per-chat";
import { WebhookIsSet, isIdlePoll, sleep, type ZaloClient } from "./client";
import { sendRendered, translatorFor } from "./send";
import { UNSUPPORTED_EVENT, botNames, isEcho, parseUpdate, toIncoming, type ZaloBotInfo, type ZaloUpdate } from "./updates";

export interface ZaloChannelOptions {
  client: ZaloClient;
  store: Store;
  /** The chat core's `handle`. */
  handle: (msg: Incoming) => Promise<Reply[]>;
  now: () => Date;
  log: Logger;
  defaultLocale: Locale;
  /** De-duplicates messages in the store (`zalo:<message_id>`), across instances and restarts. */
  updates?: UpdateClaims;
  /** The bot's account (getMe): its id spots echoes, its account_name a mention. */
  me?: ZaloBotInfo;
  /** The bot's name as people type it after `@` in groups (`ZALO_BOT_NAME`), e.g. "Bot Đoàn Khối". */
  botName?: string;
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

export class ZaloChannel {
  readonly stats: ZaloStats = { received: 0, handled: 0, ignored: 0, failed: 0 };
  private readonly queue = new PerChatQueue();
  private readonly once: OnceEach;
  private readonly wrapped: ReturnType<typeof withNumberedOptions>;
  private names: string[] = [];
  private me?: ZaloBotInfo;
  private abort?: AbortController;
  private loop?: Promise<void>;

  constructor(private readonly o: ZaloChannelOptions) {
    this.wrapped = withNumberedOptions(o.store, o.handle, o.now);
    this.once = new OnceEach(o.updates, 1000);
    this.setMe(o.me);
  }

  /** Sets the bot's account, read with getMe, so its echoes and mentions are recognised. */
  setMe(me: ZaloBotInfo | undefined): void {
    this.me = me;
    this.names = botNames(me, this.o.botName);
  }

  /**
   * Handles one update, flat or wrapped in `{ ok, result }`; resolves once the replies are sent.
   * Rejects, leaving the update unseen, when the store could not take it (a full disk, a database gone).
   * @example await channel.process({ event_name: "message.text.received", message: { ... } });
   */
  async process(body: unknown): Promise<void> {
    this.stats.received++;
    const update = parseUpdate(body);
    if (!update?.message || isEcho(update, this.me) || this.once.handled(`zalo:${update.message.message_id}`)) {
      this.stats.ignored++;
      return;
    }
    if (update.event_name === UNSUPPORTED_EVENT) return this.queue.run(update.message.chat.id, () => this.textOnly(update));
    const msg = toIncoming(update, this.names);
    if (!msg) {
      this.stats.ignored++;
      return;
    }
    const id = update.message.message_id;
    await this.queue.run(msg.chatId, async () => {
      if (!(await this.once.run(`zalo:${id}`, () => this.answer(msg)))) this.stats.ignored++;
    });
  }

  /** Tells the sender, in their language, that the bot reads only text. */
  private async textOnly(update: ZaloUpdate): Promise<void> {
    const { chat, from } = update.message!;
    try {
      const t = await translatorFor(this.o.store, from.id, this.o.defaultLocale);
      await sendRendered(this.o.client, chat.id, [{ text: t("zalo:textOnly") }], t);
      this.stats.handled++;
    } catch (err) {
      this.stats.failed++;
      this.o.log.error({ err, channel: "zalo", chat: chat.id }, "zalo update failed");
    }
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
      if (isStoreOutage(err)) throw err;
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
    const backoff = { baseMs: this.o.backoffMs ?? 1000, maxMs: this.o.maxBackoffMs ?? 30_000 };
    let failures = 0;
    while (!signal.aborted) {
      try {
        const result: unknown = await client.getUpdates({ timeout: this.o.pollTimeout ?? 30 }, signal);
        failures = 0;
        for (const update of Array.isArray(result) ? result : [result]) {
          void this.process(update).catch((err) =>
            log.warn({ err, channel: "zalo" }, "zalo update left unseen: the store cannot take it now"),
          );
        }
      } catch (err) {
        if (signal.aborted) break;
        if (isIdlePoll(err)) continue;
        failures++;
        const delay = backoffDelay(failures, backoff);
        if (err instanceof WebhookIsSet) log.error({ channel: "zalo", delay }, err.message);
        else log.warn({ err, channel: "zalo", delay }, "zalo polling failed; retrying");
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
