import { afterEach, describe, expect, it } from "vitest";
import { createBroadcastProgress } from "../../src/scheduler/broadcast-progress";
import { senderApi, telegramSender } from "../../src/channels/telegram/sender";
import { Delivery } from "../../src/scheduler/delivery";
import { createTestBot, seedBloc, seedUnit, type TestBot } from "../helpers/chat";
import { startFakeBotApi, type FakeBotApi } from "../telegram/fake-bot-api";

const servers: FakeBotApi[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

/** Walks the /thongbao wizard as the admin; returns the last reply. */
async function announce(bot: TestBot, answers: string[]): Promise<string> {
  let last = await bot.text("admin", "/thongbao");
  for (const a of answers) last = await bot.text("admin", a, { isButton: true });
  return last;
}

async function adminId(bot: TestBot): Promise<string> {
  return (await bot.store.accounts.get("telegram:admin"))!.personId;
}

describe("/thongbao (/announce)", () => {
  it("is for admins only", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u1" }, [{ userId: "900", position: "secretary" }]);
    expect(await bot.text("900", "/thongbao")).toContain("không có quyền");
  });

  it("previews the message with its audience and sends nothing when cancelled", async () => {
    const bot = await createTestBot();
    await seedBloc(bot.store, { units: 3, cadresPerUnit: 4, linkedGroups: 2 });
    const preview = await announce(bot, ["everyone", "Họp trực tuyến lúc 14:00 thứ Sáu."]);
    expect(preview).toContain("Họp trực tuyến lúc 14:00 thứ Sáu.");
    expect(preview).toContain("toàn Khối — 12 người và 2 nhóm");
    expect(await bot.text("admin", "no", { isButton: true })).toContain("Đã hủy");
    expect(await bot.store.outbox.count()).toBe(0);
  });

  it("reaches the units named (ignoring diacritics) or the cadres of one role", async () => {
    const bot = await createTestBot();
    await seedUnit(
      bot.store,
      {
        id: "u1",
        name: "Đoàn cơ sở Sở Tư pháp",
        groups: [{ channel: "telegram", chatId: "-77", linkedBy: "p-x", at: "2026-01-05T02:00:00.000Z" }],
      },
      [{ userId: "11", position: "secretary" }, { userId: "12" }],
    );
    await seedUnit(bot.store, { id: "u2", name: "Đoàn cơ sở Sở Y tế" }, [{ userId: "21", position: "secretary" }]);
    expect(await announce(bot, ["units", "khong co"])).toContain("Không tìm thấy đơn vị nào khớp với «khong co»");
    expect(await bot.text("admin", "tu phap")).toContain("Nhập nội dung thông báo");
    expect(await bot.text("admin", "Xin chào")).toContain("1 đơn vị — 2 người và 1 nhóm");
    await bot.say("admin", "yes", { isButton: true });
    expect((await bot.store.outbox.all()).map((e) => e.id.split(":").slice(2).join(":")).sort()).toEqual(["p-11", "p-12", "telegram.-77"]);

    await announce(bot, ["role", "secretary", "Bí thư họp giao ban"]);
    await bot.say("admin", "yes", { isButton: true });
    const toSecretaries = (await bot.store.outbox.all()).filter((e) => e.message.vars.text === "Bí thư họp giao ban");
    expect(toSecretaries.map((e) => (e.to.type === "person" ? e.to.personId : "")).sort()).toEqual(["p-11", "p-21"]);
  });

  it("takes the text typed after /thongbao, asking only whom to send it to, and asks again a choice not on the list", async () => {
    const bot = await createTestBot();
    await seedBloc(bot.store, { units: 2, cadresPerUnit: 2 });
    expect(await bot.text("admin", "/thongbao Họp trực tuyến lúc 14:00 thứ Sáu.")).toBe("Gửi thông báo đến ai?");
    expect(await bot.text("admin", "ai đó")).toBe("Bạn chọn một trong các mục bên dưới giúp nhé.\n\nGửi thông báo đến ai?");
    const preview = await bot.text("admin", "everyone", { isButton: true });
    expect(preview).toContain(
      "Xem trước thông báo:\n\nHọp trực tuyến lúc 14:00 thứ Sáu.\n\nGửi đến: toàn Khối — 4 người và 0 nhóm. Gửi ngay?",
    );
    await bot.say("admin", "yes", { isButton: true });
    expect((await bot.store.outbox.all()).map((e) => e.message.vars.text)).toContain("Họp trực tuyến lúc 14:00 thứ Sáu.");
    // Too long after the command: the text is asked, and refused with its length.
    await bot.say("admin", `/thongbao ${"a".repeat(2001)}`);
    expect(await bot.text("admin", "everyone", { isButton: true })).toBe("Nhập nội dung thông báo (tối đa 2000 ký tự).");
  });

  it("refuses an empty or over-long text with the reason", async () => {
    const bot = await createTestBot();
    await announce(bot, ["everyone"]);
    expect(await bot.text("admin", "   ")).toContain("không được để trống");
    expect(await bot.text("admin", "a".repeat(2001))).toContain("2001 ký tự, vượt quá 2000");
  });

  it("delivers a broadcast to 5,000 recipients (50 of them groups) exactly once each, reporting progress", async () => {
    const bot = await createTestBot();
    await seedBloc(bot.store, { units: 66, cadresPerUnit: 75, linkedGroups: 50 });
    await announce(bot, ["everyone", "Thông báo số 1"]);
    expect(await bot.text("admin", "yes", { isButton: true })).toContain("Đang gửi thông báo đến 5000 người nhận");

    const api = await startFakeBotApi({ limits: true, timeScale: 100, errorRate: 0.02, seed: 3 });
    servers.push(api);
    const progress = createBroadcastProgress(bot.deps);
    const sender = telegramSender(senderApi(api.token, api.apiRoot));
    const delivery = new Delivery(
      { ...bot.deps, defaultLocale: "vi" },
      { telegram: sender },
      { timeScale: 100, onFinal: progress.onFinal },
    );
    await delivery.kick();

    const perChat = api.perChat();
    // The admin's chat: the progress message (edited in place, in the same limits) and the closing report.
    expect(perChat.get("admin")).toBe(2);
    expect(api.ok("editMessageText").every((c) => String(c.params.chat_id) === "admin")).toBe(true);
    perChat.delete("admin");
    expect(perChat.size).toBe(5000);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    expect([...perChat.keys()].filter((c) => c.startsWith("-"))).toHaveLength(50);
    expect(api.counts.serverErrors).toBeGreaterThan(0);
    expect(bot.inbox(await adminId(bot))).toEqual([expect.stringContaining("5000/5000 người nhận đã nhận; 0 không liên lạc được")]);
  }, 180_000);
});

describe("/nhacnho (/reminders)", () => {
  it("mutes and unmutes non-essential nudges, offering the switch as a button", async () => {
    const bot = await createTestBot();
    const [p] = await seedUnit(bot.store, { id: "u1" }, [{ userId: "300" }]);
    const [status] = await bot.say("300", "/nhacnho");
    expect(status!.text).toContain("Bạn đang nhận tin nhắc");
    expect(status!.buttons!.flat()[0]!.data).toBe("/nhacnho tat");
    expect(await bot.text("300", "/nhacnho tat", { isButton: true })).toContain("Đã tắt");
    expect((await bot.store.people.get(p!))!.muted).toBe(true);
    expect(await bot.text("300", "/reminders on")).toContain("Đã bật lại");
    expect((await bot.store.people.get(p!))!.muted).toBe(false);
  });
});
