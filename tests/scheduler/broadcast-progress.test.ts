import { Api } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { consoleSender } from "../../src/channels/console";
import { senderApi, telegramSender } from "../../src/channels/telegram/sender";
import { editReply, NotEditable } from "../../src/channels/telegram/outgoing";
import type { OutboxEntry } from "../../src/domain/outbox";
import type { ChannelName } from "../../src/domain/records";
import type { ChannelSender } from "../../src/app/sender";
import { createBroadcastProgress, type BroadcastProgress } from "../../src/scheduler/broadcast-progress";
import { Delivery } from "../../src/scheduler/delivery";
import { openLowdbStore } from "../../src/store/lowdb-store";
import { createTestBot, seedBloc, type TestBot } from "../helpers/chat";
import { startFakeBotApi, type ApiCall, type FakeBotApi } from "../telegram/fake-bot-api";

const ADMIN = "500";
const labels = { shareContact: "📱", contactPrompt: "Hoặc bấm nút" };
const servers: FakeBotApi[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

/** A test bot and a fake Bot API, which the delivery below sends to; its admin is Telegram user 500. */
async function telegramBot(): Promise<{ bot: TestBot; api: FakeBotApi }> {
  const api = await startFakeBotApi();
  servers.push(api);
  const bot = await createTestBot({ adminIds: [`telegram:${ADMIN}`] });
  return { bot, api };
}

/** Walks /thongbao to everyone as the admin and confirms; returns the broadcast's id. */
async function broadcast(bot: TestBot, text: string, chat: { channel?: "console"; chatId?: string } = {}, admin = ADMIN): Promise<string> {
  await bot.say(admin, "/thongbao", chat);
  for (const answer of ["everyone", text, "yes"]) await bot.say(admin, answer, { ...chat, isButton: true });
  const [b] = await bot.store.broadcasts.all();
  return b!.id;
}

/** Delivers the outbox through the real Telegram channel sender to the fake Bot API (the delivery's pacing sped up 50×). */
function delivery(
  bot: TestBot,
  api: FakeBotApi,
  progress: BroadcastProgress,
  onFinal?: (e: OutboxEntry) => void,
  more: Partial<Record<ChannelName, ChannelSender>> = {},
): Delivery {
  const channel = telegramSender(senderApi(api.token, api.apiRoot));
  return new Delivery(
    { ...bot.deps, defaultLocale: "vi" },
    { telegram: channel, ...more },
    {
      timeScale: 50,
      onFinal: async (e, live) => {
        await progress.onFinal(e, live);
        onFinal?.(e);
      },
    },
  );
}

const toAdmin = (api: FakeBotApi, method: string): ApiCall[] => api.ok(method).filter((c) => String(c.params.chat_id) === ADMIN);
const shownDone = (text: string) => Number(/Đã gửi (\d+)\//.exec(text)?.[1]);
const messageId = (call: ApiCall) => (call.response.result as { message_id: number }).message_id;

describe("broadcast progress on Telegram: one message edited in place", () => {
  it("shows the admin one progress message edited with rising sent / total, ending with the final counts", async () => {
    const { bot, api } = await telegramBot();
    await seedBloc(bot.store, { units: 4, cadresPerUnit: 75, linkedGroups: 2 });
    for (const blocked of ["u1-7", "u2-8", "u3-9"]) api.block(blocked);
    const id = await broadcast(bot, "Họp trực tuyến lúc 14:00 thứ Sáu.");
    await delivery(bot, api, createBroadcastProgress(bot.deps, { editIntervalMs: 0, editPercent: 10 })).kick();

    const [progress, report, ...more] = toAdmin(api, "sendMessage");
    expect(more).toEqual([]);
    expect(progress!.params.text).toContain("📤 Đã gửi 1/302");
    expect(report!.params.text).toBe(
      "✅ Đã gửi xong thông báo: 299/302 người nhận đã nhận; 3 không liên lạc được (đã chặn bot hoặc chưa mở bot); 0 lỗi; 0 bỏ qua.",
    );
    const edits = toAdmin(api, "editMessageText");
    expect(edits.length).toBeGreaterThanOrEqual(8);
    expect(edits.every((e) => Number(e.params.message_id) === messageId(progress!))).toBe(true);
    const done = edits.map((e) => shownDone(String(e.params.text)));
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(new Set(done).size).toBe(done.length);
    expect(edits.at(-1)!.params.text).toBe("📤 Đã gửi 302/302 (thành công 299, không liên lạc được 3, lỗi 0, bỏ qua 0).");
    expect(api.calls.indexOf(edits.at(-1)!)).toBeLessThan(api.calls.indexOf(report!));

    const stored = await bot.store.broadcasts.get(id);
    expect(stored!.progressMessage).toEqual({ channel: "telegram", chatId: ADMIN, messageId: String(messageId(progress!)) });
    expect(stored!.finishedAt).toBeDefined();
    const admin = (await bot.store.accounts.get(`telegram:${ADMIN}`))!.personId;
    // The progress message is edited in place outside the outbox; the closing report is a notice.
    expect(bot.inbox(admin)).toEqual([report!.params.text]);
  });

  it("edits at most once per interval, however fast the messages go out", async () => {
    const { bot, api } = await telegramBot();
    await seedBloc(bot.store, { units: 2, cadresPerUnit: 50 });
    await broadcast(bot, "Thông báo nhanh");
    let ms = 0;
    const progress = createBroadcastProgress(bot.deps, { editIntervalMs: 3000, clock: () => ms });
    await delivery(bot, api, progress, () => void (ms += 100)).kick(); // 100 ms per message: 10 s in all

    const edits = toAdmin(api, "editMessageText");
    expect(edits.length).toBe(4); // at 3, 6 and 9 s, and the final counts
    expect(edits.map((e) => shownDone(String(e.params.text)))).toEqual([31, 61, 91, 100]);
  });

  it("goes on editing the same message after a restart mid-broadcast", async () => {
    const { bot, api } = await telegramBot();
    await seedBloc(bot.store, { units: 4, cadresPerUnit: 50 });
    const id = await broadcast(bot, "Thông báo trước khi khởi động lại");
    const options = { editIntervalMs: 0, editPercent: 10 };
    let finals = 0;
    const first: Delivery = delivery(bot, api, createBroadcastProgress(bot.deps, options), () => void (++finals === 90 && first.stop()));
    await first.kick();
    const before = toAdmin(api, "editMessageText").length;
    expect(finals).toBeLessThan(200);
    expect(before).toBeGreaterThan(0);

    // A new process: nothing in memory, only the store.
    await delivery(bot, api, createBroadcastProgress(bot.deps, options)).kick();
    const [progress, report, ...more] = toAdmin(api, "sendMessage");
    expect(more).toEqual([]);
    expect(report!.params.text).toContain("200/200 người nhận đã nhận");
    const edits = toAdmin(api, "editMessageText");
    expect(edits.length).toBeGreaterThan(before + 3);
    expect(edits.every((e) => Number(e.params.message_id) === messageId(progress!))).toBe(true);
    expect(edits.at(-1)!.params.text).toContain("200/200");
    expect((await bot.store.broadcasts.get(id))!.progressMessage!.messageId).toBe(String(messageId(progress!)));
  });

  it("sends a new progress message when the admin deleted the one being edited", async () => {
    const { bot, api } = await telegramBot();
    await seedBloc(bot.store, { units: 2, cadresPerUnit: 50 });
    const id = await broadcast(bot, "Thông báo");
    api.failNext("editMessageText", { error_code: 400, description: "Bad Request: message to edit not found" });
    await delivery(bot, api, createBroadcastProgress(bot.deps, { editIntervalMs: 0, editPercent: 10 })).kick();

    const [first, second, report, ...more] = toAdmin(api, "sendMessage");
    expect(more).toEqual([]);
    expect([first, second].map((m) => String(m!.params.text).slice(0, 2))).toEqual(["📤", "📤"]);
    expect(report!.params.text).toContain("100/100");
    expect((await bot.store.broadcasts.get(id))!.progressMessage!.messageId).toBe(String(messageId(second!)));
    expect(toAdmin(api, "editMessageText").every((e) => Number(e.params.message_id) === messageId(second!))).toBe(true);
  });
});

describe("broadcast progress where the channel cannot edit", () => {
  it("sends the admin a new message at 25, 50 and 75% on the console, then the closing report", async () => {
    const store = await openLowdbStore();
    const shown: string[] = [];
    const senders = {
      console: consoleSender(
        store,
        () => new Date(),
        (_user, text) => void shown.push(text),
      ),
    };
    const bot = await createTestBot({ store, adminIds: ["console:admin"] });
    await seedBloc(bot.store, { units: 2, cadresPerUnit: 20 });
    await broadcast(bot, "Thông báo", { channel: "console", chatId: "console-admin" }, "admin");
    const api = await startFakeBotApi();
    servers.push(api);
    await delivery(bot, api, createBroadcastProgress(bot.deps, { editIntervalMs: 0, editPercent: 10 }), undefined, senders).kick();

    expect(shown).toEqual([
      expect.stringContaining("📤 Đã gửi 10/40"),
      expect.stringContaining("📤 Đã gửi 20/40"),
      expect.stringContaining("📤 Đã gửi 30/40"),
      expect.stringContaining("✅ Đã gửi xong thông báo: 40/40"),
    ]);
    expect(api.ok("editMessageText")).toEqual([]);
    expect((await bot.store.broadcasts.all())[0]!.progressMessage).toBeUndefined();
  });
});

describe("editing a Telegram message", () => {
  it("takes the same text again as done, and refuses an unknown message or a reply that needs two messages", async () => {
    const fake = await startFakeBotApi();
    servers.push(fake);
    const api = new Api(fake.token, { apiRoot: fake.apiRoot });
    const sent = await telegramSender(api, async () => labels).send({ channel: "telegram", chatId: ADMIN }, { text: "📤 Đã gửi 1/3" });
    await editReply(api, ADMIN, sent!, { text: "📤 Đã gửi 2/3" }, labels);
    await editReply(api, ADMIN, sent!, { text: "📤 Đã gửi 2/3" }, labels);
    expect(fake.calls.filter((c) => c.method === "editMessageText").map((c) => c.response.ok)).toEqual([true, false]);
    await expect(editReply(api, ADMIN, "9999", { text: "x" }, labels)).rejects.toThrow(/message to edit not found/);
    await expect(editReply(api, ADMIN, sent!, { text: "a\n".repeat(3000) }, labels)).rejects.toBeInstanceOf(NotEditable);
  });
});
