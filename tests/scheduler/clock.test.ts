import { describe, expect, it } from "vitest";
import type { ChatAddress, Reply } from "../../src/app/messages";
import { startScheduler } from "../../src/scheduler";
import { createTestBot, seedUnit } from "../helpers/chat";

describe("the scheduler's clock", () => {
  it("plans, enqueues and delivers at start, recording the tick, and never sends a key twice", async () => {
    const bot = await createTestBot({ now: "2026-01-15T01:00:30.000Z" });
    await bot.store.scheduler.put({ id: "scheduler", lastTickAt: "2026-01-15T00:59:30.000Z" });
    await seedUnit(bot.store, {
      id: "u1",
      groups: [{ channel: "telegram", chatId: "-500", linkedBy: "p-x", at: "2026-01-05T02:00:00.000Z" }],
    });
    const sent: { chat: ChatAddress; reply: Reply }[] = [];
    const scheduler = startScheduler(
      bot.deps,
      { telegram: { send: async (chat, reply) => void sent.push({ chat, reply }) } },
      { cron: "0 0 1 1 *" },
    );
    await scheduler.stop();
    expect(sent.map((s) => s.chat.chatId)).toEqual(["-500", "admin"]);
    expect(sent[0]!.reply.text).toContain("Kế hoạch bồi dưỡng cán bộ Đoàn năm 2026");
    expect((await bot.store.scheduler.get("scheduler"))!.lastTickAt).toBe("2026-01-15T01:00:30.000Z");

    // the same moment planned again (say, after a crash before the tick was recorded): nothing new
    await bot.store.scheduler.put({ id: "scheduler", lastTickAt: "2026-01-15T00:59:30.000Z" });
    const again = startScheduler(
      bot.deps,
      { telegram: { send: async (chat, reply) => void sent.push({ chat, reply }) } },
      { cron: "0 0 1 1 *" },
    );
    await again.stop();
    expect(sent).toHaveLength(2);
  });
});
