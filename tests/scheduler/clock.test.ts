import { describe, expect, it, vi } from "vitest";
import type { ChatAddress, Reply } from "../../src/app/messages";
import { startScheduler, type SchedulerLead } from "../../src/scheduler";
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

  it("after a start, waits before its first tick, then plans what came due meanwhile; a lead taken over ticks at once", async () => {
    const bot = await createTestBot({ now: "2026-01-15T01:00:30.000Z" });
    await bot.store.scheduler.put({ id: "scheduler", lastTickAt: "2026-01-15T00:59:30.000Z" });
    await seedUnit(bot.store, {
      id: "u1",
      groups: [{ channel: "telegram", chatId: "-500", linkedBy: "p-x", at: "2026-01-05T02:00:00.000Z" }],
    });
    const sent: string[] = [];
    const telegram = { send: async (chat: ChatAddress) => void sent.push(chat.chatId) };

    // stopped within its first minute: nothing planned, nothing sent, the last tick unchanged
    const early = startScheduler(bot.deps, { telegram }, { cron: "0 0 1 1 *", startDelayMs: 60_000 });
    await early.stop();
    expect(sent).toEqual([]);
    expect((await bot.store.scheduler.get("scheduler"))!.lastTickAt).toBe("2026-01-15T00:59:30.000Z");

    // once the wait is over, the first tick plans and delivers what came due
    const later = startScheduler(bot.deps, { telegram }, { cron: "0 0 1 1 *", startDelayMs: 50 });
    await vi.waitFor(() => expect(sent).toEqual(["-500", "admin"]), { timeout: 20_000, interval: 50 });
    await later.stop();
    expect((await bot.store.scheduler.get("scheduler"))!.lastTickAt).toBe("2026-01-15T01:00:30.000Z");

    // an instance that takes the lead from another does not wait: the outbox must not stall
    await bot.store.scheduler.put({ id: "scheduler", lastTickAt: "2026-01-15T00:59:30.000Z" });
    let onChange: (leading: boolean) => void = () => {};
    let leading = false;
    const lead: SchedulerLead = {
      leading: () => leading,
      onChange: (listener) => void (onChange = listener),
      onWake: () => {},
      wake: async () => {},
    };
    const follower = startScheduler(bot.deps, { telegram }, { cron: "0 0 1 1 *", startDelayMs: 60_000, lead });
    leading = true;
    onChange(true);
    await follower.stop();
    expect((await bot.store.scheduler.get("scheduler"))!.lastTickAt).toBe("2026-01-15T01:00:30.000Z");
  });
});
