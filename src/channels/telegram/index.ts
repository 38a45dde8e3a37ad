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
import type { ChannelSender } from "../../app/sender";
import { ChannelStartFailed, startProblem } from "../start-failed";
import { TelegramUnreachable } from "./api-bounds";
import { createTelegramBot } from "./bot";
import { publishCommands } from "./commands";
import type { ChannelLabels } from "./outgoing";
import { senderApi, telegramSender } from "./sender";
import { startPolling, startWebhook } from "./run";

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
  claimUpdate?: (id: string) => Promise<boolean>;
  /** Called when polling dies after it started (another process polls the same bot: 409). */
  onFatal?: (err: unknown) => void;
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

/**
 * Builds the bot, publishes the command menus and starts it in the configured mode.
 * @example const telegram = await startTelegram({ config: config.telegram, core, log, localeOf, port: config.port });
 */
export async function startTelegram(options: TelegramChannelOptions): Promise<TelegramChannel> {
  const { config, core, log } = options;
  const labelsFor = async (userId: string): Promise<ChannelLabels> => {
    const t = translator(await options.localeOf(userId));
    const botUsername = built.bot.isInited() ? built.bot.botInfo.username : undefined;
    return { shareContact: t("telegram-channel:shareContact"), contactPrompt: t("telegram-channel:contactPrompt"), botUsername };
  };
  const built = createTelegramBot({
    token: config.token,
    apiRoot: config.apiRoot,
    handle: core.handle,
    labelsFor,
    log,
    claimUpdate: options.claimUpdate,
    chatsInParallel: config.mode !== "webhook",
    documentRefused: async (userId) => ({ text: translator(await options.localeOf(userId))("telegram-channel:fileTooLarge") }),
  });
  let running: Awaited<ReturnType<typeof startPolling>>;
  try {
    // getMe ourselves: grammY's bot.init retries it forever; our call is bounded (./api-bounds.ts).
    built.bot.botInfo = await built.bot.api.getMe();
    await publishCommands(built.bot.api, core.commands).catch((err) => {
      if (err instanceof TelegramUnreachable) throw err;
      log.error({ err }, "setMyCommands failed");
    });
    running =
      config.mode === "webhook"
        ? await startWebhook(
            built,
            { url: config.url, secret: config.secret, port: options.port, host: options.host, mount: options.mount },
            log,
          )
        : await startPolling(built, log, options.onFatal ?? ((err) => log.fatal({ err }, "telegram polling stopped")));
  } catch (e) {
    const why = startProblem(
      e,
      { base: "TELEGRAM_API_ROOT", url: config.apiRoot, token: "TELEGRAM_BOT_TOKEN" },
      e instanceof TelegramUnreachable,
    );
    throw new ChannelStartFailed("Telegram", why, e);
  }
  let stopping: Promise<void> | undefined;
  return {
    sender: telegramSender(senderApi(config.token, config.apiRoot), labelsFor),
    port: running.port,
    stop: () => (stopping ??= running.stop()),
  };
}
