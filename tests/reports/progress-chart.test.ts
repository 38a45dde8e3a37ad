import { afterEach, describe, expect, it } from "vitest";
import { createTestBot, seedCertificate, seedUnit, type TestBot } from "../helpers/chat";
import { pngSize } from "../helpers/png";
import { startTelegramHarness, type TelegramHarness } from "../telegram/harness";

/** Three units on 29/11/2026: u02 fostered nobody, u03 one of two, u01 everyone. */
async function setup(adminIds?: string[]): Promise<TestBot> {
  const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z", adminIds });
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [{ userId: "201", position: "committee" }]);
  await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" }, [{ userId: "301", position: "committee" }]);
  await seedUnit(bot.store, { id: "u03", name: "Đoàn cơ sở Sở Xây dựng" }, [
    { userId: "401", position: "secretary" },
    { userId: "402", position: "committee" },
  ]);
  await seedCertificate(bot.store, { personId: "p-201", issuedOn: "2026-10-10" });
  await seedCertificate(bot.store, { personId: "p-401", issuedOn: "2026-11-05" });
  return bot;
}

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("/tiendo's chart of the units furthest behind", () => {
  it("sends an admin on Telegram a PNG chart with the text ranking", async () => {
    const bot = await setup();
    const replies = await bot.say("admin", "/tiendo");
    const last = replies.at(-1)!;
    expect(last.text).toContain("1. Đoàn cơ sở Sở Y tế: bồi dưỡng 0%");
    expect(last.image?.name).toBe("tien-do-2026-11-29.png");
    expect(pngSize(last.image!.content)).toEqual({ width: 900, height: 100 + 3 * 20 + 20 });
    expect(replies.filter((r) => r.image)).toHaveLength(1);
  });

  it("charts one bar per unit listed: 10 on /tiendo, all 66 on /tiendo tatca", async () => {
    const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z" });
    for (let i = 1; i <= 66; i++) await seedUnit(bot.store, { id: `u${String(i).padStart(2, "0")}` }, [{ userId: `c${i}` }]);
    const height = (replies: { image?: { content: Buffer } }[]) => pngSize(replies.find((r) => r.image)!.image!.content)!.height;
    expect(height(await bot.say("admin", "/tiendo"))).toBe(100 + 10 * 20 + 20);
    const all = (await bot.say("admin", "/tiendo tatca")).find((r) => r.image)!.image!.content;
    expect(pngSize(all)!.height).toBe(100 + 66 * 20 + 20);
    expect(all.length).toBeLessThanOrEqual(200 * 1024);
  });

  it("draws nothing for an officer: their /tiendo stays text", async () => {
    const bot = await setup();
    const replies = await bot.say("401", "/tiendo");
    expect(replies.some((r) => r.image)).toBe(false);
    expect(replies.at(-1)!.text).toContain("Đoàn cơ sở Sở Xây dựng (xếp thứ 2/3");
  });

  it("draws nothing on Zalo, which cannot show it: the ranking is in the text", async () => {
    const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z", adminIds: ["zalo:za1"] });
    await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" }, [{ userId: "301", position: "committee" }]);
    const replies = await bot.handle({ channel: "zalo", chatId: "za1", userId: "za1", chatType: "private", text: "/tiendo" });
    expect(replies.some((r) => r.image)).toBe(false);
    expect(replies.map((r) => r.text).join("\n")).toContain("1. Đoàn cơ sở Sở Y tế: bồi dưỡng 0%");
  });

  it("draws the chart on the console too, which writes it to a file", async () => {
    const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z", adminIds: ["console:admin"] });
    await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" }, [{ userId: "301", position: "committee" }]);
    const replies = await bot.handle({ channel: "console", chatId: "admin", userId: "admin", chatType: "private", text: "/tiendo" });
    expect(replies.find((r) => r.image)?.image?.name).toBe("tien-do-2026-11-29.png");
  });

  it("reaches the Telegram Bot API as a sendPhoto after the ranking", async () => {
    h = await startTelegramHarness({ bot: await setup(["telegram:100"]) });
    h.fake.pushMessage({ userId: 100, text: "/tiendo" });
    const photo = await h.fake.waitFor((c) => c.method === "sendPhoto");
    expect(photo.response.ok).toBe(true);
    expect(String(photo.params.chat_id)).toBe("100");
    expect(photo.params.photo.filename).toBe("tien-do-2026-11-29.png");
    expect(pngSize(photo.params.photo.content)).toEqual({ width: 900, height: 180 });
    expect(h.texts(100).join("\n")).toContain("1. Đoàn cơ sở Sở Y tế: bồi dưỡng 0%");
    const order = h.fake.calls.filter((c) => c.method === "sendMessage" || c.method === "sendPhoto").map((c) => c.method);
    expect(order.at(-1)).toBe("sendPhoto");
  });
});
