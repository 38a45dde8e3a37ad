/**
 * One conversation, any channel: a driver talks to the real bot through a channel's own entry and
 * returns the texts the person sees. The cross-channel scenarios run the same steps through each.
 * Drivers: console (in process, through the numbered-options wrapper), Zalo (the real channel in
 * polling mode against the fake Zalo Bot API) and Telegram (the real `startTelegram` polling the
 * fake Bot API). Notifications go through the real notifier to the channel's sender, so they
 * arrive in the recipient's chat, and their options are pressed there like any other.
 */
import pino from "pino";
import { menuKey, withNumberedOptions } from "../../src/chat/numbered";
import type { Reply } from "../../src/app/messages";
import { consoleChatId, consoleSender } from "../../src/channels/console";
import type { Sender } from "../../src/channels/notifier";
import { planReply } from "../../src/channels/telegram/outgoing";
import { ZaloChannel } from "../../src/channels/zalo/channel";
import { ZaloClient } from "../../src/channels/zalo/client";
import { zaloSender } from "../../src/channels/zalo/send";
import type { ChannelName } from "../../src/domain/records";
import { startTelegramHarness, type TelegramHarness } from "../telegram/harness";
import type { ApiCall } from "../telegram/fake-bot-api";
import { FakeZaloApi } from "../zalo/fake-zalo-api";
import { createTestBot, type TestBot, type TestBotOptions } from "./chat";

export interface ChannelDriver {
  name: string;
  /** The channel of the accounts people use here: seed them with `seedUnit(store, unit, cadres, driver.channel)`. */
  channel: ChannelName;
  bot: TestBot;
  /** Sends text as a person in a private chat; resolves to the texts the bot answered, in order. */
  say(userId: string, text: string): Promise<string[]>;
  /** The labels of the options last offered to the person, in an answer or a notification. */
  options(userId: string): Promise<string[]>;
  /**
   * Chooses the offered option with this label, as the channel lets people do it (a number on
   * the console and Zalo, a button press on Telegram); resolves to the texts the bot answered.
   */
  press(userId: string, label: string | RegExp): Promise<string[]>;
  /** Every text the person's chat has shown, oldest first: answers and notifications. */
  seen(userId: string): string[];
  close(): Promise<void>;
}

/** Opens a driver on a fresh test bot (the options go to `createTestBot`, senders excepted). */
export type OpenDriver = (options?: Omit<TestBotOptions, "senders">) => Promise<ChannelDriver>;

/** Waits until `done()` holds, checking every few ms; fails after `ms`. */
export async function until(done: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error("the channel did not answer in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}

const matches = (label: string | RegExp) => (l: string) => (typeof label === "string" ? l === label : label.test(l));

/** The 1-based number of the option labelled `label` among `options`; throws when there is none. */
function optionNumber(options: readonly { label: string }[], label: string | RegExp, userId: string): number {
  const i = options.findIndex((o) => matches(label)(o.label));
  if (i < 0) throw new Error(`no option ${label} offered to ${userId}; offered: ${options.map((o) => o.label).join(", ") || "none"}`);
  return i + 1;
}

/** Numbered options from the store (console, Zalo): labels, and pressing by number. */
function numberedOptions(bot: TestBot, keyOf: (userId: string) => string, say: ChannelDriver["say"]) {
  const current = async (userId: string) => (await bot.store.menus.get(keyOf(userId)))?.options ?? [];
  return {
    options: async (userId: string) => (await current(userId)).map((o) => o.label),
    press: async (userId: string, label: string | RegExp) => say(userId, String(optionNumber(await current(userId), label, userId))),
  };
}

/** The console channel, in process: the same wrapper `runConsole` uses, and its notification sender. */
export const consoleDriver: OpenDriver = async (options) => {
  const senders: Partial<Record<ChannelName, Sender>> = {};
  const b = await createTestBot({ ...options, senders });
  const shown = new Map<string, string[]>();
  const show = (userId: string, text: string) => void shown.set(userId, [...(shown.get(userId) ?? []), text]);
  senders.console = consoleSender(b.store, b.deps.now, show);
  const handle = withNumberedOptions(b.store, b.handle, b.deps.now);
  const say = async (userId: string, text: string) => {
    const texts = (await handle({ channel: "console", chatId: consoleChatId(userId), userId, chatType: "private", text })).map((r) => r.text);
    for (const t of texts) show(userId, t);
    return texts;
  };
  const key = (userId: string) => menuKey({ channel: "console", chatId: consoleChatId(userId), userId });
  return { name: "console", channel: "console", bot: b, say, ...numberedOptions(b, key, say), seen: (u) => shown.get(u) ?? [], close: () => b.store.close() };
};

export interface ZaloDriver extends ChannelDriver {
  fake: FakeZaloApi;
  channel: "zalo";
  /** The Zalo channel adapter itself. */
  adapter: ZaloChannel;
  /** The client the channel and its notification sender use. */
  client: ZaloClient;
  /** Sends any update (a group message, say) and waits until the channel has dealt with it and every update before it. */
  push(update: unknown): Promise<void>;
}

export interface ZaloDriverOptions {
  /** `ZALO_BOT_NAME`: the name people type after `@` in groups. */
  botName?: string;
}

/**
 * The real Zalo channel, long polling the fake Zalo Bot API over HTTP (which sends the bot's own
 * messages back, as Zalo does); `bot` to run one made elsewhere.
 */
export async function zaloDriver(bot?: TestBot, options?: Omit<TestBotOptions, "senders">, zaloOptions: ZaloDriverOptions = {}): Promise<ZaloDriver> {
  const senders: Partial<Record<ChannelName, Sender>> = {};
  const b = bot ?? (await createTestBot({ ...options, senders }));
  const fake = new FakeZaloApi();
  const apiBase = await fake.start();
  const client = new ZaloClient({ token: fake.token, apiBase, backoffMs: 5 });
  senders.zalo = zaloSender(client, b.store, b.deps.now, "vi");
  const log = pino({ level: "silent" });
  const zalo = new ZaloChannel({
    client,
    store: b.store,
    handle: b.handle,
    now: b.deps.now,
    log,
    defaultLocale: "vi",
    me: await client.getMe(),
    botName: zaloOptions.botName,
    pollTimeout: 1,
    backoffMs: 5,
  });
  zalo.startPolling();
  // Echoes of the bot's own messages come through the same queue: wait until every update queued
  // so far (ours included) has reached the channel, then until the channel is idle.
  const push = async (update: unknown) => {
    fake.push(update);
    const queued = fake.queued;
    await until(() => zalo.stats.received >= queued);
    await zalo.idle();
  };
  const say = async (userId: string, text: string) => {
    const from = fake.calls.length;
    await push(fake.text(userId, text));
    return fake.sentTo(userId, from);
  };
  const key = (userId: string) => menuKey({ channel: "zalo", chatId: userId, userId });
  return {
    name: "zalo",
    channel: "zalo",
    bot: b,
    fake,
    adapter: zalo,
    client,
    push,
    say,
    ...numberedOptions(b, key, say),
    seen: (userId) => fake.sentTo(userId),
    close: async () => {
      await zalo.stop();
      await fake.close();
    },
  };
}

export interface TelegramDriver extends ChannelDriver {
  harness: TelegramHarness;
}

/** Messages a reply becomes on Telegram (texts split, a contact keyboard's own message, an image, a file). */
function messagesOf(replies: readonly Reply[]): number {
  const labels = { shareContact: "☎", contactPrompt: "☎", botUsername: "fake_doan_bot" };
  return replies.reduce((n, r) => n + planReply(r, labels).texts.length + (r.image ? 1 : 0) + (r.file ? 1 : 0), 0);
}

const SENDS = new Set(["sendMessage", "sendPhoto", "sendDocument"]);

/**
 * The real Telegram channel (`startTelegram`, long polling) against the fake Bot API. Each `say`
 * or `press` waits until the core handled the update and every message of its replies was sent.
 */
export const telegramDriver = async (options?: Omit<TestBotOptions, "senders">): Promise<TelegramDriver> => {
  const senders: Partial<Record<ChannelName, Sender>> = {};
  const bot = await createTestBot({ ...options, senders });
  const answered: { userId: string; replies: Reply[] }[] = [];
  const handle = async (msg: Parameters<TestBot["handle"]>[0]) => {
    const replies = await bot.handle(msg);
    answered.push({ userId: msg.userId, replies });
    return replies;
  };
  const h = await startTelegramHarness({ bot, handle });
  senders.telegram = h.channel.sender;
  const { fake } = h;
  const toChat = (userId: string, from = 0) => fake.calls.slice(from).filter((c) => SENDS.has(c.method) && String(c.params.chat_id) === userId);
  /** Where each person's last own action began, in the fake's call list: options are those shown since. */
  const lastAction = new Map<string, number>();

  async function exchange(userId: string, push: () => void): Promise<string[]> {
    const from = fake.calls.length;
    const seenAnswers = answered.length;
    lastAction.set(userId, from);
    push();
    await until(() => answered.slice(seenAnswers).some((a) => a.userId === userId));
    const expected = messagesOf(answered.slice(seenAnswers).find((a) => a.userId === userId)!.replies);
    await until(() => toChat(userId, from).length >= expected);
    const refused = toChat(userId, from).find((c) => !c.response.ok);
    if (refused) throw new Error(`Telegram refused ${refused.method}: ${refused.response.description}`);
    return toChat(userId, from).filter((c) => c.method === "sendMessage").map((c) => String(c.params.text));
  }

  const buttons = (userId: string) =>
    toChat(userId, lastAction.get(userId) ?? 0)
      .flatMap((c: ApiCall) => (c.params.reply_markup?.inline_keyboard ?? []).flat())
      .map((b: { text: string; callback_data?: string }) => ({ label: b.text, data: b.callback_data }));

  return {
    name: "telegram",
    channel: "telegram",
    bot,
    harness: h,
    say: (userId, text) => exchange(userId, () => fake.pushMessage({ userId: Number(userId), text })),
    options: async (userId) => buttons(userId).map((b) => b.label),
    press: async (userId, label) => {
      const offered = buttons(userId);
      const button = offered[optionNumber(offered, label, userId) - 1]!;
      if (!button.data) throw new Error(`the button ${button.label} opens a link; it sends nothing back`);
      return exchange(userId, () => fake.pushCallback({ userId: Number(userId), data: button.data! }));
    },
    seen: (userId) => h.texts(userId),
    close: () => h.close(),
  };
};

/** Every channel driver, for `describe.each`. */
export const drivers: [string, OpenDriver][] = [
  ["console", consoleDriver],
  ["zalo", (options) => zaloDriver(undefined, options)],
  ["telegram", telegramDriver],
];
