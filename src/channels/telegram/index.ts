/**
 * The Telegram channel: a grammY bot that hands every message and button press to the chat core
 * and sends its replies back, in long polling or webhook mode, plus the channel's one `ChannelSender`
 * for notifications and the scheduler's delivery.
 */
import type { Logger } from "pino";
import type { ChatCore } from "../../chat/core";
import type { TelegramConfig } from "../../config";
import type { Locale } from "../../domain/records";
import { translator } from "../../i18n";
import type { Store } from "../../store/store";
import { accountLocale } from "../../app/reach";
import type { Route } from "../http";
import type { UpdateClaims } from "../per-chat";
import type { ChannelSender } from "../../app/sender";
import { ChannelStartFailed, startProblem } from "../start-failed";
import { TelegramUnreachable } from "./api-bounds";
import { createTelegramBot, type TelegramBotOptions } from "./bot";
import { publishCommands } from "./commands";
import { channelLabels } from "./labels";
import { senderApi, telegramSender } from "./sender";
import { startPolling, startWebhook, webhookRequestHandler, type Running } from "./run";
import { warmTelegram, type WarmOptions } from "./warm";

export { createTelegramBot, RETRY } from "./bot";
export { TelegramUnreachable } from "./api-bounds";
export { commandMenus } from "./commands";
export { CallbackDataTooLong } from "./outgoing";
export { senderApi, senderError, telegramSender } from "./sender";

export interface TelegramChannelOptions {
  config: TelegramConfig;
  core: Pick<ChatCore, "handle" | "commands">;
  log: Logger;
  /** The language of the person behind a Telegram user id, for the channel's own labels. */
  localeOf: (userId: string) => Promise<Locale>;
  /** Webhook mode: the port of the HTTP server (0 for a free one) and its interface. */
  port: number;
  host?: string;
  /** Webhook mode: mount the route on a server the caller runs instead of starting one. */
  mount?: (route: Route) => void;
  /** De-duplicates updates in the store, across instances and restarts (see createUpdateLog). */
  updates?: UpdateClaims;
  /** Called when polling dies after it started (another process polls the same bot: 409). */
  onFatal?: (err: unknown) => void;
  /** The Mini App menu button of a person's private chat, if they get one (see `TelegramBotOptions`). */
  menuButton?: TelegramBotOptions["menuButton"];
}

export interface TelegramChannel {
  /** For the scheduler's delivery: sends and edits, no retries of its own (every 429 surfaces as `RateLimited`). */
  sender: ChannelSender;
  /** The webhook server's port, in webhook mode. */
  port?: number;
  /** Stops taking updates and waits for those in flight. */
  stop(): Promise<void>;
}

/** The language of a Telegram user from the store: their person's choice, else the default. */
export function localeFromStore(store: Store, defaultLocale: Locale): (userId: string) => Promise<Locale> {
  return (userId) => accountLocale(store, `telegram:${userId}`, defaultLocale);
}

/** A Telegram channel built and known to Telegram (getMe, the command menus), not yet taking updates. */
export interface PreparedTelegram {
  /**
   * Webhook mode: runs synthetic updates through the channel's own webhook route and bot, their Bot
   * API calls answered on 127.0.0.1 (./warm.ts); resolves with how many were handled. In polling
   * mode it does nothing.
   */
  warm(options: WarmOptions): Promise<number>;
  /** Starts taking updates: the webhook mounted and set with Telegram, or long polling. */
  start(): Promise<TelegramChannel>;
}

/** A start that failed, as the sentence the operator reads. */
function startFailed(e: unknown, config: TelegramConfig): ChannelStartFailed {
  const why = startProblem(
    e,
    { base: "TELEGRAM_API_ROOT", url: config.apiRoot, token: "TELEGRAM_BOT_TOKEN" },
    e instanceof TelegramUnreachable,
  );
  return new ChannelStartFailed("Telegram", why, e);
}

/**
 * Builds the bot and publishes the command menus; `start` then starts it in the configured mode.
 * @example const telegram = await prepareTelegram(options); await telegram.warm({ log, most: 2500, withinMs: 6000 }); await telegram.start();
 */
export async function prepareTelegram(options: TelegramChannelOptions): Promise<PreparedTelegram> {
  const { config, core, log } = options;
  const labelsFor = channelLabels(options.localeOf, () => (built.bot.isInited() ? built.bot.botInfo.username : undefined));
  const built = createTelegramBot({
    token: config.token,
    apiRoot: config.apiRoot,
    handle: core.handle,
    labelsFor,
    log,
    updates: options.updates,
    chatsInParallel: config.mode !== "webhook",
    menuButton: options.menuButton,
    documentRefused: async (userId) => ({ text: translator(await options.localeOf(userId))("telegram-channel:fileTooLarge") }),
  });
  try {
    // getMe ourselves: grammY's bot.init retries it forever; our call is bounded (./api-bounds.ts).
    built.bot.botInfo = await built.bot.api.getMe();
    await publishCommands(built.bot.api, core.commands).catch((err) => {
      if (err instanceof TelegramUnreachable) throw err;
      log.error({ err }, "setMyCommands failed");
    });
  } catch (e) {
    throw startFailed(e, config);
  }
  // The webhook's route is built once: the warm-up runs the very one Telegram's updates will reach.
  const webhook = config.mode === "webhook" ? config : undefined;
  const hook = webhook && {
    route: webhookRequestHandler(built.bot, webhook, log),
    path: new URL(webhook.url).pathname,
    secret: webhook.secret,
  };
  return {
    warm: async (o) => (hook ? warmTelegram(hook, built, config.token, o) : 0),
    async start() {
      let running: Running;
      try {
        running =
          webhook && hook
            ? await startWebhook(
                built,
                { url: webhook.url, secret: webhook.secret, port: options.port, host: options.host, mount: options.mount },
                log,
                hook.route,
              )
            : await startPolling(built, log, options.onFatal ?? ((err) => log.fatal({ err }, "telegram polling stopped")));
      } catch (e) {
        throw startFailed(e, config);
      }
      let stopping: Promise<void> | undefined;
      return {
        sender: telegramSender(senderApi(config.token, config.apiRoot), labelsFor),
        port: running.port,
        stop: () => (stopping ??= running.stop()),
      };
    },
  };
}

/**
 * Builds the bot, publishes the command menus and starts it in the configured mode.
 * @example const telegram = await startTelegram({ config: config.telegram, core, log, localeOf, port: config.port });
 */
export async function startTelegram(options: TelegramChannelOptions): Promise<TelegramChannel> {
  return (await prepareTelegram(options)).start();
}
