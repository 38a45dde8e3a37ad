import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { deliverNotice } from "../helpers/notices";
import { ZaloChannel } from "../../src/channels/zalo/channel";
import { ZaloClient } from "../../src/channels/zalo/client";
import { zaloSender } from "../../src/channels/zalo/send";
import type { Incoming, Reply } from "../../src/app/messages";
import { createTestBot } from "../helpers/chat";
import { until, zaloDriver, type ZaloDriver } from "../helpers/channels";
import { FAKE_BOT_NAME, FakeZaloApi } from "./fake-zalo-api";

const log = pino({ level: "silent" });

describe("the Zalo channel in polling mode", () => {
  let zalo: ZaloDriver | undefined;
  afterEach(async () => {
    await zalo?.close();
    zalo = undefined;
  });

  it("answers a numbered option by the option's text as well as by its number", async () => {
    zalo = await zaloDriver();
    await zalo.say("100", "/ngonngu");
    expect(await zalo.say("100", "english")).toEqual(["Switched to English."]);
    await zalo.say("100", "/lang");
    expect(await zalo.say("100", "1")).toEqual(["Đã chuyển sang Tiếng Việt."]);
  });

  it("shows 'typing…' before answering in a private chat", async () => {
    zalo = await zaloDriver();
    await zalo.say("100", "/start");
    expect(zalo.fake.calls.map((c) => c.method)).toContain("sendChatAction");
  });

  it("answers a group command whatever name was typed in the mention (Zalo sends a group only what mentions or quotes the bot)", async () => {
    zalo = await zaloDriver();
    const from = zalo.fake.calls.length;
    await zalo.push(zalo.fake.text("100", "@Bot Đoàn Khối /trogiup", "g-1"));
    expect(zalo.fake.sentTo("g-1", from).join("\n")).toContain("Các lệnh dành cho bạn");
  });

  it("answers a numbered option in a group after the configured bot name (ZALO_BOT_NAME)", async () => {
    zalo = await zaloDriver(undefined, undefined, { botName: FAKE_BOT_NAME });
    await zalo.push(zalo.fake.text("100", `@${FAKE_BOT_NAME} /ngonngu`, "g-1"));
    const from = zalo.fake.calls.length;
    await zalo.push(zalo.fake.text("100", `@${FAKE_BOT_NAME} 2`, "g-1"));
    expect(zalo.fake.sentTo("g-1", from)).toEqual(["Switched to English."]);
  });

  it("answers a reply to the bot in a group", async () => {
    zalo = await zaloDriver();
    const from = zalo.fake.calls.length;
    await zalo.push(zalo.fake.text("100", "/start", "g-1", { reply_to_message: { message_id: "out-1" } }));
    expect(zalo.fake.sentTo("g-1", from).join("\n")).toContain("Xin chào!");
  });

  it("drops the bot's own messages that Zalo sends back, from a bot or from the bot's id, and answers no echo", async () => {
    zalo = await zaloDriver();
    await zalo.say("100", "xin chào");
    expect(zalo.fake.sentTo("100")).toEqual(["Bot chưa hiểu tin nhắn này. Gõ /trogiup để xem bạn có thể làm gì."]);
    const bot = zalo.fake.bot.id;
    const echo = (from: Record<string, unknown>) => ({
      event_name: "message.text.received",
      message: {
        message_id: `echo-${String(from.id)}`,
        from,
        chat: { id: "100", chat_type: "PRIVATE" },
        text: "Bot chưa hiểu tin nhắn này. Gõ /trogiup để xem bạn có thể làm gì.",
      },
    });
    await zalo.push(echo({ id: bot }));
    await zalo.push(echo({ id: "another-bot", display_name: "Bot khác", is_bot: true }));
    expect(zalo.fake.sentTo("100")).toHaveLength(1);
    expect(zalo.adapter.stats.handled).toBe(1);
    expect(zalo.adapter.stats.ignored).toBe(3); // the fake's own echo of the answer, and the two above
  });

  it("answers a message Zalo could not pass on (message.unsupported.received) with a short note, in the person's language", async () => {
    zalo = await zaloDriver();
    await zalo.push(zalo.fake.event("message.unsupported.received", "100"));
    expect(zalo.fake.sentTo("100")).toEqual([
      "Bot chỉ đọc được tin nhắn chữ. Bạn hãy gõ lệnh hoặc câu trả lời bằng chữ, ví dụ /trogiup để xem các lệnh.",
    ]);
    await zalo.say("100", "/ngonngu en");
    await zalo.push(zalo.fake.event("message.unsupported.received", "100"));
    expect(zalo.fake.sentTo("100").at(-1)).toBe(
      "The bot reads text messages only. Please type a command or your answer as text, for example /help to see the commands.",
    );
  });

  it("handles a message delivered twice only once", async () => {
    zalo = await zaloDriver();
    const update = zalo.fake.text("100", "/start");
    const from = zalo.fake.calls.length;
    await zalo.push(update);
    await zalo.push(update);
    expect(zalo.fake.sentTo("100", from)).toHaveLength(1);
  });

  it("keeps polling after the API fails, backing off, and treats 408 as no news", async () => {
    zalo = await zaloDriver();
    zalo.fake.failNext("getUpdates", 502, 3);
    expect((await zalo.say("100", "/start")).join("")).toContain("Xin chào!");
    const polls = zalo.fake.calls.filter((c) => c.method === "getUpdates").length;
    expect(polls).toBeGreaterThanOrEqual(4);
  });

  it("says in the log, in a sentence, that polling cannot work while a webhook is set, and keeps trying with backoff", async () => {
    const lines: string[] = [];
    const bot = await createTestBot();
    const fake = new FakeZaloApi();
    const client = new ZaloClient({ token: fake.token, apiBase: await fake.start() });
    await client.setWebhook({ url: "https://bot.example.vn/zalo", secret_token: "bi-mat-cua-doan-khoi" });
    const log = pino({ level: "warn" }, { write: (line: string) => void lines.push(line) });
    const channel = new ZaloChannel({
      client,
      store: bot.store,
      handle: bot.handle,
      now: bot.deps.now,
      log,
      defaultLocale: "vi",
      backoffMs: 5,
      maxBackoffMs: 20,
    });
    channel.startPolling();
    await until(() => fake.calls.filter((c) => c.method === "getUpdates").length >= 3);
    await channel.stop();
    await fake.close();
    const first = JSON.parse(lines[0]!) as { level: number; msg: string };
    expect(first.level).toBe(50); // error
    expect(first.msg).toMatch(/^Zalo refused getUpdates \(400: .*\): long polling does not work while a webhook is set\./);
  });

  it("stops cleanly while a long poll is open", async () => {
    zalo = await zaloDriver();
    await until(() => zalo!.fake.calls.some((c) => c.method === "getUpdates"));
    await zalo.adapter.stop();
    const polls = zalo.fake.calls.filter((c) => c.method === "getUpdates").length;
    await new Promise((r) => setTimeout(r, 200));
    expect(zalo.fake.calls.filter((c) => c.method === "getUpdates").length).toBe(polls);
  });
});

describe("what the Zalo channel sends", () => {
  let fake: FakeZaloApi;
  let channel: ZaloChannel | undefined;
  afterEach(async () => {
    await channel?.stop();
    await fake.close();
  });

  async function channelAnswering(replies: Reply[]) {
    const bot = await createTestBot();
    fake = new FakeZaloApi();
    const client = new ZaloClient({ token: fake.token, apiBase: await fake.start(), backoffMs: 1 });
    const handle = async (_msg: Incoming) => replies;
    channel = new ZaloChannel({ client, store: bot.store, handle, now: bot.deps.now, log, defaultLocale: "vi", me: await client.getMe() });
    return { bot, client };
  }

  it("splits a long answer into messages of at most 2,000 characters, on line boundaries", async () => {
    const lines = Array.from({ length: 120 }, (_, i) => `${i + 1}. Đoàn cơ sở mẫu số ${i + 1} — đã nộp báo cáo quý IV`);
    await channelAnswering([{ text: lines.join("\n") }]);
    await channel!.process(fake.text("100", "/baocao"));
    const sent = fake.sentTo("100");
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((t) => t.length <= 2000)).toBe(true);
    expect(sent.join("\n")).toBe(lines.join("\n"));
  });

  it("sends a note in the person's language instead of a file, which Zalo bots cannot send", async () => {
    await channelAnswering([{ text: "Danh sách cán bộ:", file: { name: "danh-sach.xlsx", content: Buffer.from("x") } }]);
    await channel!.process(fake.text("100", "/xuat"));
    const sent = fake.sentTo("100");
    expect(sent[0]).toBe("Danh sách cán bộ:");
    expect(sent[1]).toContain("Zalo chưa cho phép bot gửi tệp, nên tệp danh-sach.xlsx không gửi được ở đây");
  });

  it("still notifies a person after Zalo's transient 403 and 408, and never marks them unreachable for those", async () => {
    const { bot, client } = await channelAnswering([]);
    await bot.say("100", "/start", { channel: "zalo", chatId: "100" });
    const [account] = await bot.store.accounts.find({ channel: "zalo" });
    fake.failNext("sendMessage", 403, 2);
    fake.failNext("sendMessage", 408);
    // The channel's one sender has a client without retries: the delivery retries with its backoff.
    const sender = zaloSender(new ZaloClient({ token: fake.token, apiBase: fake.url, retries: 0 }), bot.store, bot.deps.now, "vi");
    expect((await deliverNotice(bot, { zalo: sender }, { personId: account!.personId }, { text: "Nhắc lịch học" })).status).toBe("sent");
    expect(fake.sentTo("100")).toEqual(["Nhắc lịch học", "Nhắc lịch học", "Nhắc lịch học", "Nhắc lịch học"]); // three refused, the fourth delivered
    expect((await bot.store.accounts.get(account!.id))!.unreachable).toBe(false);
  });

  it("marks a person who blocked the bot as unreachable when a notification fails", async () => {
    const { bot, client } = await channelAnswering([]);
    await bot.say("100", "/start", { channel: "zalo", chatId: "100" });
    const [account] = await bot.store.accounts.find({ channel: "zalo" });
    fake.block("100");
    const senders = { zalo: zaloSender(client, bot.store, bot.deps.now, "vi") };
    expect((await deliverNotice(bot, senders, { personId: account!.personId }, { text: "Nhắc lịch học" })).status).toBe("unreachable");
    expect((await bot.store.accounts.get(account!.id))!.unreachable).toBe(true);
  });

  it("numbers the options of a notification, so the person can answer with a number", async () => {
    const bot = await createTestBot();
    fake = new FakeZaloApi();
    const client = new ZaloClient({ token: fake.token, apiBase: await fake.start() });
    channel = new ZaloChannel({
      client,
      store: bot.store,
      handle: bot.handle,
      now: bot.deps.now,
      log,
      defaultLocale: "vi",
      me: await client.getMe(),
    });
    await channel.process(fake.text("100", "/trogiup"));
    const send = zaloSender(client, bot.store, bot.deps.now, "vi");
    await send.send(
      { channel: "zalo", chatId: "100" },
      {
        text: "Chọn ngôn ngữ",
        buttons: [
          [
            { label: "Tiếng Việt", data: "/ngonngu vi" },
            { label: "English", data: "/ngonngu en" },
          ],
        ],
      },
    );
    expect(fake.sentTo("100").at(-1)).toBe("Chọn ngôn ngữ\n\n1. Tiếng Việt\n2. English");
    await channel.process(fake.text("100", "2"));
    expect(fake.sentTo("100").at(-1)).toBe("Switched to English.");
  });
});
