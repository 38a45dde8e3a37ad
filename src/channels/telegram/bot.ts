/**
 * The grammY bot of the Telegram channel: auto-retry for 429s, each update handled once,
 * one chat's updates in order, an error boundary so one failing update never stops the bot,
 * and every update turned into an `Incoming` for the chat core. An update the store could not
 * take (disk full, database gone) is left unseen and its webhook call fails, so Telegram sends it
 * again (`OnceEach`, ../per-chat.ts).
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, type Context, type Middleware } from "grammy";
import type { Logger } from "pino";
import type { Incoming, Reply } from "../../app/messages";
import { AUTO_RETRY, boundedCalls, CLIENT_TIMEOUT_SECONDS } from "./api-bounds";
import { addressesBot, callbackToIncoming, DocumentUnavailable, messageToIncoming } from "./incoming";
import { sendReply, type ChannelLabels } from "./outgoing";
import { noBlindRepeats } from "./repeat-guard";
import { ApiDetour } from "./detour";
import { isStoreOutage } from "../../store/store";
import { OnceEach, PerChatQueue, RecentKeys, type UpdateClaims } from "../per-chat";

/** Bounded retries for 429 (retry_after) and 5xx, inside each call's time budget (see ./api-bounds.ts). */
export const RETRY = AUTO_RETRY;

export interface TelegramBotOptions {
  token: string;
  apiRoot: string;
  handle: (msg: Incoming) => Promise<Reply[]>;
  /** Labels of the channel's own buttons, in the language of the person behind a user id. */
  labelsFor: (userId: string) => Promise<ChannelLabels>;
  log: Logger;
  /**
   * Claims an update id in the store (`telegram:<update_id>`): false when another instance, or
   * this one before a restart, already took it; released when its handling failed. Absent: only
   * this process's memory de-duplicates.
   */
  updates?: UpdateClaims;
  /** Called once for a file the bot cannot fetch (over 20 MB): the answer to send instead. */
  documentRefused?: (userId: string) => Promise<Reply>;
  /**
   * Long polling: hand each update to its chat's queue and take the next one at once, so a long
   * import in one chat never holds the others. A webhook waits, to answer within its response.
   */
  chatsInParallel?: boolean;
  /**
   * The Mini App menu button ("Bảng theo dõi") of a person's private chat, for those who get one
   * (officers and admins, where the web view is on HTTPS); set once per chat and process.
   */
  menuButton?: (userId: string) => Promise<{ text: string; url: string } | undefined>;
  fetch?: typeof fetch;
}

/** The bot plus what its runner needs for a graceful stop. */
export interface TelegramBot {
  bot: Bot;
  /** Updates being handled now; a stop waits for them. */
  inFlight: Set<Promise<unknown>>;
  /** Where the bot's Bot API calls go while it is warmed up (./warm.ts); unset, to Telegram. */
  detour: ApiDetour;
}

/** Handles each update once, one chat's updates in order, and counts it in flight until done. */
function onceInChatOrder(once: OnceEach, inFlight: Set<Promise<unknown>>, log: Logger, inParallel = false): Middleware {
  const queue = new PerChatQueue();
  const twice = (update: number) => log.info({ update }, "update delivered twice, handled once");
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    const key = `telegram:${id}`;
    if (once.handled(key)) return twice(id);
    // Claimed in the chat's queue, so that one chat's updates keep their order (and a copy waits for the first).
    const work = queue.run(String(ctx.chat?.id ?? ctx.from?.id ?? ""), async () => {
      if (!(await once.run(key, next))) twice(id);
    });
    inFlight.add(work);
    const done = work.finally(() => inFlight.delete(work));
    if (!inParallel) return done;
    done.catch((err) => log.error({ err, update: id }, "telegram update failed"));
  };
}

/** The update as an `Incoming`; a document too big to fetch is answered here and yields undefined. */
async function toIncoming(ctx: Context, options: TelegramBotOptions): Promise<Incoming | undefined> {
  if (ctx.callbackQuery) return callbackToIncoming(ctx.callbackQuery);
  if (!ctx.message) return undefined;
  try {
    const incoming = await messageToIncoming(ctx.message, {
      api: ctx.api,
      apiRoot: options.apiRoot,
      token: options.token,
      fetch: options.fetch,
    });
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
  const menus = new Set<string>();
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
    if (options.menuButton && msg.chatType === "private" && !menus.has(msg.chatId)) await setMenuButton(ctx.api, options, msg, menus);
  };
}

/** Gives a private chat its Mini App menu button, when the person gets one; a failure is logged, never fatal. */
async function setMenuButton(api: Context["api"], options: TelegramBotOptions, msg: Incoming, done: Set<string>): Promise<void> {
  const button = await options.menuButton!(msg.userId);
  if (!button) return;
  done.add(msg.chatId);
  await api
    .setChatMenuButton({ chat_id: Number(msg.chatId), menu_button: { type: "web_app", text: button.text, web_app: { url: button.url } } })
    .catch((err) => options.log.warn({ err }, "setChatMenuButton failed"));
}

/**
 * Builds the bot; `startPolling` / `startWebhook` in ./run.ts run it.
 * @example const { bot } = createTelegramBot({ token, apiRoot, handle: core.handle, labelsFor, log });
 */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { log } = options;
  const bot = new Bot(options.token, { client: { apiRoot: options.apiRoot, timeoutSeconds: CLIENT_TIMEOUT_SECONDS } });
  const detour = new ApiDetour();
  bot.api.config.use(detour.transformer); // innermost, and idle but during the warm-up before traffic (./warm.ts)
  bot.api.config.use(noBlindRepeats()); // a send that may have arrived is not repeated (src/app/retry.ts)
  bot.api.config.use(autoRetry(RETRY));
  bot.api.config.use(boundedCalls());
  const recent = new RecentKeys();
  const inFlight = new Set<Promise<unknown>>();
  bot.use(onceInChatOrder(new OnceEach(options.updates), inFlight, log, options.chatsInParallel));
  bot
    .errorBoundary((err) => {
      // The store could not take it: unseen, and the webhook answers 500 so that Telegram sends it again.
      if (isStoreOutage(err.error)) throw err.error;
      log.error({ err: err.error, update: err.ctx.update.update_id }, "telegram update failed");
    })
    .on(["message", "callback_query:data"], updateHandler(options, recent));
  bot.catch((err) => log.error({ err: err.error, update: err.ctx.update.update_id }, "telegram update failed outside the boundary"));
  return { bot, inFlight, detour };
}
