/**
 * One way out: cancelling a class tells everyone enrolled through the outbox, delivered within
 * Telegram's limits by the one delivery, each person once, in their own language.
 */
import { afterEach, describe, expect, it } from "vitest";
import { senderApi, telegramSender } from "../../src/channels/telegram/sender";
import { createTestBot } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";
import { account, cadre, enrollment, person, unit } from "../helpers/records";
import { startFakeBotApi, type FakeBotApi } from "../telegram/fake-bot-api";

const servers: FakeBotApi[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

const TOLD_VI =
  "Lớp “Nghiệp vụ công tác Đoàn 2026” đã được Ban Thường vụ Đoàn Khối hủy. Bạn không cần tham dự; bot sẽ báo khi có lớp thay thế. Gõ /lichhoc để xem các lớp khác.";
const TOLD_EN =
  "“Nghiệp vụ công tác Đoàn 2026” has been cancelled by the bloc's Standing Committee. You need not attend; the bot will tell you of a replacement. Type /schedule for other classes.";

describe("/huylop with 200 enrolled, under Telegram's limits", () => {
  it("tells all 200 exactly once, within 30 sends a second, never meeting a 429 twice in a row", async () => {
    // Telegram's limits enforced (30/s overall, 1/s per chat), every duration 100× faster for the test and the bot alike.
    const api = await startFakeBotApi({ limits: true, timeScale: 100 });
    servers.push(api);
    const bot = await createTestBot({ senders: { telegram: telegramSender(senderApi(api.token, api.apiRoot)) }, timeScale: 100 });
    await seedCourse(bot.store, { id: "c-9", capacity: 200 });
    await bot.store.transaction(async (tx) => {
      await tx.units.put(unit("u1"));
      for (let n = 1; n <= 200; n++) {
        const id = `p-cadre${n}`;
        await tx.people.put(person(id, n === 7 ? { locale: "en" } : {}));
        await tx.accounts.put(account("telegram", String(1000 + n), id));
        await tx.cadres.put(cadre(id, "u1"));
        await tx.enrollments.put(enrollment("c-9", id, "u1", { seq: n }));
      }
    });
    // Telegram refuses the first send once more, as it may at any time: it is waited out.
    api.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });

    expect(await bot.text("admin", "/huylop c-9 xacnhan")).toBe("Đã hủy lớp “Nghiệp vụ công tác Đoàn 2026” và báo tin cho 200 người.");

    const perChat = api.perChat();
    expect(perChat.size).toBe(200);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    const sends = api.calls.filter((c) => c.method === "sendMessage");
    const refusedTwiceInARow = sends.some((c, i) => i > 0 && c.response.error_code === 429 && sends[i - 1]!.response.error_code === 429);
    expect(refusedTwiceInARow).toBe(false);
    expect(sends.filter((c) => c.response.error_code === 429)).toHaveLength(1);
    const text = (chatId: string) => api.ok("sendMessage").find((c) => String(c.params.chat_id) === chatId)!.params.text;
    expect(text("1001")).toBe(TOLD_VI);
    expect(text("1007")).toBe(TOLD_EN);
    const entries = await bot.store.outbox.find({ kind: "notice" });
    expect(entries).toHaveLength(200);
    expect(entries.every((e) => e.status === "sent")).toBe(true);
    expect(entries.map((e) => e.id).sort()[0]).toBe("notice:class-cancelled:c-9:p-cadre1");
  }, 60_000);

  it("queues the notices with the cancellation, so a crash before delivery loses none, and cancelling again queues none", async () => {
    const bot = await createTestBot();
    await seedCourse(bot.store, { id: "c-9" });
    await bot.store.transaction(async (tx) => {
      await tx.units.put(unit("u1"));
      for (const n of [1, 2]) {
        await tx.people.put(person(`p-cadre${n}`));
        await tx.cadres.put(cadre(`p-cadre${n}`, "u1"));
        await tx.enrollments.put(enrollment("c-9", `p-cadre${n}`, "u1", { seq: n }));
      }
    });
    await bot.say("admin", "/huylop c-9 xacnhan");
    // No delivery ran (no channel): the notices wait in the outbox, pending.
    const waiting = (await bot.store.outbox.find({ kind: "notice" })).sort((a, b) => a.id.localeCompare(b.id));
    expect(waiting.map((e) => [e.id, e.status, e.message.reply?.text])).toEqual([
      ["notice:class-cancelled:c-9:p-cadre1", "pending", TOLD_VI],
      ["notice:class-cancelled:c-9:p-cadre2", "pending", TOLD_VI],
    ]);
    expect(await bot.text("admin", "/huylop c-9 xacnhan")).toBe("Lớp “Nghiệp vụ công tác Đoàn 2026” đã kết thúc hoặc đã hủy.");
    expect(await bot.store.outbox.count()).toBe(2);
  });
});
