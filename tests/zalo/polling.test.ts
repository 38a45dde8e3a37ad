import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createNotifier } from "../../src/channels/notifier";
import { ZaloChannel } from "../../src/channels/zalo/channel";
import { ZaloClient } from "../../src/channels/zalo/client";
import { zaloSender } from "../../src/channels/zalo/send";
import type { Incoming, Reply } from "../../src/app/messages";
import { createTestBot } from "../helpers/chat";
import { until, zaloDriver, type ZaloDriver } from "../helpers/channels";
import { FakeZaloApi } from "./fake-zalo-api";

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

  it("ignores a group message that does not mention the bot", async () => {
    zalo = await zaloDriver();
    const from = zalo.fake.calls.length;
    await zalo.push(zalo.fake.text("100", "/trogiup", "g-1"));
    expect(zalo.fake.sentTo("g-1", from)).toEqual([]);
    expect(zalo.adapter.stats.ignored).toBe(1);
  });

  it("answers an @mention in a group, with the mention taken out of the command", async () => {
    zalo = await zaloDriver();
    const from = zalo.fake.calls.length;
    await zalo.push(zalo.fake.text("100", "@Đoàn Khối Bot /trogiup", "g-1"));
    expect(zalo.fake.sentTo("g-1", from).join("\n")).toContain("Các lệnh dành cho bạn");
  });

  it("answers a reply to the bot in a group", async () => {
    zalo = await zaloDriver();
    const from = zalo.fake.calls.length;
    await zalo.push(zalo.fake.text("100", "/start", "g-1", { reply_to_message: { message_id: "out-1" } }));
    expect(zalo.fake.sentTo("g-1", from).join("\n")).toContain("Xin chào!");
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

  it("marks a person who blocked the bot as unreachable when a notification fails", async () => {
    const { bot, client } = await channelAnswering([]);
    await bot.say("100", "/start", { channel: "zalo", chatId: "100" });
    const [account] = await bot.store.accounts.find({ channel: "zalo" });
    fake.block("100");
    const { notify: _, ...base } = bot.deps;
    const notifier = createNotifier(base, { zalo: zaloSender(client, bot.store, bot.deps.now, "vi") });
    expect(await notifier.toPerson(account!.personId, () => ({ text: "Nhắc lịch học" }))).toBe(false);
    expect((await bot.store.accounts.get(account!.id))!.unreachable).toBe(true);
  });

  it("numbers the options of a notification, so the person can answer with a number", async () => {
    const bot = await createTestBot();
    fake = new FakeZaloApi();
    const client = new ZaloClient({ token: fake.token, apiBase: await fake.start() });
    channel = new ZaloChannel({ client, store: bot.store, handle: bot.handle, now: bot.deps.now, log, defaultLocale: "vi", me: await client.getMe() });
    await channel.process(fake.text("100", "/trogiup"));
    const send = zaloSender(client, bot.store, bot.deps.now, "vi");
    await send("100", { text: "Chọn ngôn ngữ", buttons: [[{ label: "Tiếng Việt", data: "/ngonngu vi" }, { label: "English", data: "/ngonngu en" }]] });
    expect(fake.sentTo("100").at(-1)).toBe("Chọn ngôn ngữ\n\n1. Tiếng Việt\n2. English");
    await channel.process(fake.text("100", "2"));
    expect(fake.sentTo("100").at(-1)).toBe("Switched to English.");
  });
});
