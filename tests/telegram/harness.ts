/**
 * The Telegram channel in a test: the real `startTelegram` pointed at the fake Bot API over HTTP,
 * in polling or webhook mode, on the real chat core (or a stand-in `handle` to test the channel alone).
 */
import pino, { type Logger } from "pino";
import { buildChat } from "../../src/build";
import type { ChatCore } from "../../src/chat/core";
import type { Incoming, Reply } from "../../src/app/messages";
import { localeFromStore, startTelegram, type TelegramChannel, type TelegramChannelOptions } from "../../src/channels/telegram";
import type { TelegramConfig } from "../../src/config";
import type { UpdateClaims } from "../../src/channels/per-chat";
import { createTestBot, type TestBot } from "../helpers/chat";
import { startFakeBotApi, type ApiCall, type FakeBotApi } from "./fake-bot-api";

export const WEBHOOK_URL = "https://bot.example.org/telegram/hook";
export const WEBHOOK_SECRET = "s3cret-for-tests_123";

export interface TelegramHarness {
  fake: FakeBotApi;
  bot: TestBot;
  channel: TelegramChannel;
  /** Every Incoming the core was handed, oldest first. */
  received: Incoming[];
  /** Texts the bot sent to a chat, oldest first. */
  texts(chatId: number | string): string[];
  /** Waits for the n-th successful sendMessage to a chat (1-based) and returns it. */
  nthMessage(chatId: number | string, n?: number): Promise<ApiCall>;
  /** POSTs an update to the webhook server (webhook mode), with the given secret header. */
  post(update: unknown, secret?: string): Promise<Response>;
  webhookBase: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  mode?: "polling" | "webhook";
  /** Replaces the chat core's handle (the real core's command list is still published). */
  handle?: (msg: Incoming) => Promise<Reply[]>;
  /** The bot to run (a fresh test bot unless given). */
  bot?: TestBot;
  /** The channel's logger (silent unless given). */
  log?: Logger;
  /** The Mini App menu button of a private chat (see `TelegramChannelOptions`). */
  menuButton?: TelegramChannelOptions["menuButton"];
  /** The store's log of updates handled (`createUpdateLog`), as main.ts gives it; only memory de-duplicates without it. */
  updates?: UpdateClaims;
}

/** Starts a fake Bot API, a test bot and the Telegram channel between them. */
export async function startTelegramHarness(options: HarnessOptions = {}): Promise<TelegramHarness> {
  const fake = await startFakeBotApi();
  const bot = options.bot ?? (await createTestBot());
  const core: ChatCore = buildChat(bot.deps);
  const received: Incoming[] = [];
  const handle = async (msg: Incoming) => {
    received.push(msg);
    return (options.handle ?? core.handle)(msg);
  };
  const config: TelegramConfig =
    options.mode === "webhook"
      ? { mode: "webhook", token: fake.token, apiRoot: fake.apiRoot, url: WEBHOOK_URL, secret: WEBHOOK_SECRET }
      : { mode: "polling", token: fake.token, apiRoot: fake.apiRoot };
  const channel = await startTelegram({
    config,
    core: { handle, commands: core.commands },
    log: options.log ?? pino({ level: "silent" }),
    localeOf: localeFromStore(bot.store, "vi"),
    port: 0,
    host: "127.0.0.1",
    menuButton: options.menuButton,
    updates: options.updates,
  });
  const sentTo = (chatId: number | string) => (c: ApiCall) =>
    c.method === "sendMessage" && c.response.ok && String(c.params.chat_id) === String(chatId);
  const webhookBase = `http://127.0.0.1:${channel.port ?? 0}`;
  let closed = false;
  return {
    fake,
    bot,
    channel,
    received,
    texts: (chatId) => fake.calls.filter(sentTo(chatId)).map((c) => String(c.params.text)),
    nthMessage(chatId, n = 1) {
      let seen = 0;
      return fake.waitFor((c) => sentTo(chatId)(c) && ++seen === n);
    },
    post: (update, secret) =>
      fetch(`${webhookBase}${new URL(WEBHOOK_URL).pathname}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...(secret !== undefined ? { "X-Telegram-Bot-Api-Secret-Token": secret } : {}) },
        body: JSON.stringify(update),
      }),
    webhookBase,
    async close() {
      if (closed) return;
      closed = true;
      await channel.stop();
      await fake.close();
      await bot.store.close();
    },
  };
}
