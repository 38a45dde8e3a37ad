/**
 * The grammY bot of the Telegram channel: auto-retry for 429s, each update handled once,
 * one chat's updates in order, an error boundary so one failing update never stops the bot,
 * and every update turned into an `Incoming` for the chat core.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, type Context, type Middleware } from "grammy";
import type { Logger } from "pino";
import type { Incoming, Reply } from "../../app/messages";
import { AUTO_RETRY, boundedCalls, CLIENT_TIMEOUT_SECONDS } from "./api-bounds";
import { addressesBot, callbackToIncoming, DocumentUnavailable, messageToIncoming } from "./incoming";
import { sendReply, type ChannelLabels } from "./outgoing";
import { noBlindRepeats } from "./repeat-guard";

/** Bounded retries for 429 (retry_after) and 5xx, inside each call's time budget (see ./api-bounds.ts). */
export const RETRY = AUTO_RETRY;

/**
 * Remembers the last `capacity` keys seen (update ids, migrations), oldest forgotten first.
 * Telegram re-sends an update it thinks was not acknowledged (a slow webhook answer, a restart
 * between handling and confirming the offset); within this window it is handled once. The memory
 * is per process: a re-delivery after a restart is not caught, which the idempotent features
 * (wizard steps keyed by state, outbox keys) tolerate.
 */
export class RecentKeys {
  private readonly keys = new Set<string | number>();
  constructor(private readonly capacity = 10_000) {}

  /** True if the key was seen before; otherwise remembers it and returns false. */
  seen(key: string | number): boolean {
    if (this.keys.has(key)) return true;
    this.keys.add(key);
    if (this.keys.size > this.capacity) this.keys.delete(this.keys.values().next().value!);
    return false;
  }
}

/** Runs tasks one after another per key (a chat), different keys in parallel. */
class PerChatQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => this.tails.get(key) === tail && this.tails.delete(key));
    return result;
  }
}

export interface TelegramBotOptions {
  token: string;
  apiRoot: string;
  handle: (msg: Incoming) => Promise<Reply[]>;
  /** Labels of the channel's own buttons, in the language of the person behind a user id. */
  labelsFor: (userId: string) => Promise<ChannelLabels>;
  log: Logger;
  /** Called once for a file the bot cannot fetch (over 20 MB): the answer to send instead. */
  documentRefused?: (userId: string) => Promise<Reply>;
  fetch?: typeof fetch;
}

/** The bot plus what its runner needs for a graceful stop. */
export interface TelegramBot {
  bot: Bot;
  /** Updates being handled now; a stop waits for them. */
  inFlight: Set<Promise<unknown>>;
}

/** Handles each update once, one chat's updates in order, and counts it in flight until done. */
function onceInChatOrder(recent: RecentKeys, inFlight: Set<Promise<unknown>>, log: Logger): Middleware {
  const queue = new PerChatQueue();
  return async (ctx, next) => {
    if (recent.seen(ctx.update.update_id)) {
      log.info({ update: ctx.update.update_id }, "update delivered twice, handled once");
      return;
    }
    const work = queue.run(String(ctx.chat?.id ?? ctx.from?.id ?? ""), () => next());
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  };
}

/** The update as an `Incoming`; a document too big to fetch is answered here and yields undefined. */
async function toIncoming(ctx: Context, options: TelegramBotOptions): Promise<Incoming | undefined> {
  if (ctx.callbackQuery) return callbackToIncoming(ctx.callbackQuery);
  if (!ctx.message) return undefined;
  try {
    const incoming = await messageToIncoming(ctx.message, { api: ctx.api, apiRoot: options.apiRoot, token: options.token, fetch: options.fetch });
    return incoming && addressesBot(ctx.message, ctx.me) ? { ...incoming, toBot: true } : incoming;
  } catch (e) {
    if (!(e instanceof DocumentUnavailable) || !options.documentRefused) throw e;
    const userId = String(ctx.message.from?.id ?? ctx.message.chat.id);
    await sendReply(ctx.api, ctx.message.chat.id, await options.documentRefused(userId), await options.labelsFor(userId));
    return undefined;
  }
}

/** Acknowledges a button press, hands the update to the core and sends its replies. */
function updateHandler(options: TelegramBotOptions, recent: RecentKeys): Middleware {
  return async (ctx) => {
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery().catch((err) => options.log.warn({ err, update: ctx.update.update_id }, "answerCallbackQuery failed"));
    }
    const msg = await toIncoming(ctx, options);
    if (!msg) return;
    if (msg.migratedFromChatId && recent.seen(`migrate:${msg.migratedFromChatId}>${msg.chatId}`)) return;
    const replies = await options.handle(msg);
    const labels = await options.labelsFor(msg.userId);
    for (const [i, reply] of replies.entries()) {
      // The first answer to a shared contact takes the contact keyboard away.
      await sendReply(ctx.api, msg.chatId, reply, labels, i === 0 && msg.contactPhone !== undefined);
    }
  };
}

/**
 * Builds the bot; `startPolling` / `startWebhook` in ./run.ts run it.
 * @example const { bot } = createTelegramBot({ token, apiRoot, handle: core.handle, labelsFor, log });
 */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { log } = options;
  const bot = new Bot(options.token, { client: { apiRoot: options.apiRoot, timeoutSeconds: CLIENT_TIMEOUT_SECONDS } });
  bot.api.config.use(noBlindRepeats()); // innermost: a send that may have arrived is not repeated (src/app/retry.ts)
  bot.api.config.use(autoRetry(RETRY));
  bot.api.config.use(boundedCalls());
  const recent = new RecentKeys();
  const inFlight = new Set<Promise<unknown>>();
  bot.use(onceInChatOrder(recent, inFlight, log));
  bot
    .errorBoundary((err) => log.error({ err: err.error, update: err.ctx.update.update_id }, "telegram update failed"))
    .on(["message", "callback_query:data"], updateHandler(options, recent));
  bot.catch((err) => log.error({ err: err.error, update: err.ctx.update.update_id }, "telegram update failed outside the boundary"));
  return { bot, inFlight };
}
