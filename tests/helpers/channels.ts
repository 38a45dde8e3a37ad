/**
 * One conversation, any channel: a driver talks to the real bot through a channel's own entry and
 * returns the texts the person sees. The cross-channel scenarios run the same steps through each.
 * Drivers: console (in process, through the numbered-options wrapper) and Zalo (the real channel
 * in polling mode against the fake Zalo Bot API). Telegram is added with the Telegram channel.
 */
import pino from "pino";
import { withNumberedOptions } from "../../src/chat/numbered";
import { ZaloChannel } from "../../src/channels/zalo/channel";
import { ZaloClient } from "../../src/channels/zalo/client";
import { FakeZaloApi } from "../zalo/fake-zalo-api";
import { createTestBot, type TestBot } from "./chat";

export interface ChannelDriver {
  name: string;
  bot: TestBot;
  /** Sends text as a person in a private chat; resolves to the texts the bot answered, in order. */
  say(userId: string, text: string): Promise<string[]>;
  close(): Promise<void>;
}

/** Waits until `done()` holds, checking every few ms; fails after `ms`. */
export async function until(done: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error("the channel did not answer in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The console channel, in process: the same wrapper `runConsole` uses. */
export async function consoleDriver(bot?: TestBot): Promise<ChannelDriver> {
  const b = bot ?? (await createTestBot());
  const handle = withNumberedOptions(b.store, b.handle, b.deps.now);
  return {
    name: "console",
    bot: b,
    say: async (userId, text) =>
      (await handle({ channel: "console", chatId: `console-${userId}`, userId, chatType: "private", text })).map((r) => r.text),
    close: async () => undefined,
  };
}

export interface ZaloDriver extends ChannelDriver {
  fake: FakeZaloApi;
  channel: ZaloChannel;
  /** Sends any update (a group message, say) and waits until the channel has dealt with it. */
  push(update: unknown): Promise<void>;
}

/** The real Zalo channel, long polling the fake Zalo Bot API over HTTP. */
export async function zaloDriver(bot?: TestBot): Promise<ZaloDriver> {
  const b = bot ?? (await createTestBot());
  const fake = new FakeZaloApi();
  const apiBase = await fake.start();
  const client = new ZaloClient({ token: fake.token, apiBase, backoffMs: 5 });
  const log = pino({ level: "silent" });
  const channel = new ZaloChannel({ client, store: b.store, handle: b.handle, now: b.deps.now, log, defaultLocale: "vi", me: await client.getMe(), pollTimeout: 1, backoffMs: 5 });
  channel.startPolling();
  const settled = () => channel.stats.handled + channel.stats.ignored + channel.stats.failed;
  const push = async (update: unknown) => {
    const before = settled();
    fake.push(update);
    await until(() => settled() > before);
  };
  return {
    name: "zalo",
    bot: b,
    fake,
    channel,
    push,
    say: async (userId, text) => {
      const from = fake.calls.length;
      await push(fake.text(userId, text));
      return fake.sentTo(userId, from);
    },
    close: async () => {
      await channel.stop();
      await fake.close();
    },
  };
}

/** Every channel driver, for `describe.each`. */
export const drivers: [string, (bot?: TestBot) => Promise<ChannelDriver>][] = [
  ["console", consoleDriver],
  ["zalo", zaloDriver],
];
