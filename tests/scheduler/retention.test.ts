import { describe, expect, it } from "vitest";
import { newEntry, type OutboxEntry } from "../../src/domain/outbox";
import { startScheduler } from "../../src/scheduler";
import { createTestBot, type TestBot } from "../helpers/chat";

const NOW = "2026-11-29T03:00:00.000Z";

/** One outbox entry to a person, in `status`, finished at `doneAt`. */
function entry(id: string, status: OutboxEntry["status"], at: string, extra: Partial<OutboxEntry> = {}): OutboxEntry {
  const base = newEntry({ id, kind: "nudge:report", to: { type: "person", personId: "p-x" }, message: { key: "broadcast:message", vars: { text: "Họp" } }, essential: true, notBefore: at }, new Date(at));
  return { ...base, status, ...(status === "pending" ? {} : { doneAt: at }), ...extra };
}

async function seedOldAndNew(bot: TestBot) {
  const { store } = bot;
  await store.outbox.put(entry("sent-59d", "sent", "2026-10-01T03:00:00.000Z"));
  await store.outbox.put(entry("failed-45d", "failed", "2026-10-15T03:00:00.000Z"));
  await store.outbox.put(entry("unreachable-40d", "unreachable", "2026-10-20T03:00:00.000Z"));
  await store.outbox.put({ ...entry("skipped-59d", "skipped", "2026-10-01T03:00:00.000Z"), doneAt: undefined });
  await store.outbox.put(entry("sent-9d", "sent", "2026-11-20T03:00:00.000Z"));
  await store.outbox.put(entry("pending-old", "pending", "2026-09-01T03:00:00.000Z", { nextAttemptAt: "2026-12-05T03:00:00.000Z", broadcastId: "b-waiting" }));
  const broadcast = { createdBy: "p-admin", createdAt: "2026-10-01T03:00:00.000Z", audience: { kind: "everyone" as const }, text: "Họp", total: 1, reported: 100 };
  await store.broadcasts.put({ ...broadcast, id: "b-done" });
  await store.broadcasts.put({ ...broadcast, id: "b-waiting" });
  await store.broadcasts.put({ ...broadcast, id: "b-recent", createdAt: "2026-11-25T03:00:00.000Z" });
  await store.linkCodes.put({ id: "ABCDEF", personId: "p-x", accountId: "zalo:z1", channel: "zalo", createdAt: "2026-11-29T02:40:00.000Z", expiresAt: "2026-11-29T02:50:00.000Z" });
  await store.linkCodes.put({ id: "GHJKMN", personId: "p-y", accountId: "zalo:z2", channel: "zalo", createdAt: "2026-11-29T02:55:00.000Z", expiresAt: "2026-11-29T03:05:00.000Z" });
  await store.linkAttempts.put({ id: "la-window-ended", failures: 5, since: "2026-11-29T02:40:00.000Z" });
  await store.linkAttempts.put({ id: "la-in-window", failures: 2, since: "2026-11-29T02:55:00.000Z" });
  await store.wizards.put({ id: "telegram:1:1", wizard: "register", step: "fullName", data: {}, history: [], updatedAt: "2026-11-19T03:00:00.000Z" });
  await store.wizards.put({ id: "telegram:2:2", wizard: "register", step: "fullName", data: {}, history: [], updatedAt: "2026-11-28T03:00:00.000Z" });
  await store.menus.put({ id: "zalo:1:1", options: [{ label: "Có", data: "yes" }], at: "2026-11-01T03:00:00.000Z" });
  await store.menus.put({ id: "zalo:2:2", options: [{ label: "Có", data: "yes" }], at: "2026-11-27T03:00:00.000Z" });
  await store.audit.put({ id: "a-2020", at: "2020-06-01T03:00:00.000Z", actorId: "p-admin", action: "cadre.approve", details: {} });
  await store.audit.put({ id: "a-2024", at: "2024-06-01T03:00:00.000Z", actorId: "p-admin", action: "cadre.approve", details: {} });
}

/** Runs the scheduler's first tick, as at every start, and stops it. */
async function tickOnce(bot: TestBot, retention?: { outboxDays: number; conversationDays: number; auditDays: number }) {
  const scheduler = startScheduler(bot.deps, { telegram: { send: async () => {} } }, { cron: "0 0 1 1 *", retention });
  await scheduler.stop();
}

const ids = async (bot: TestBot) => ({
  outbox: (await bot.store.outbox.all()).map((e) => e.id).sort(),
  broadcasts: (await bot.store.broadcasts.all()).map((b) => b.id).sort(),
  linkCodes: (await bot.store.linkCodes.all()).map((c) => c.id),
  linkAttempts: (await bot.store.linkAttempts.all()).map((a) => a.id),
  wizards: (await bot.store.wizards.all()).map((w) => w.id),
  menus: (await bot.store.menus.all()).map((m) => m.id),
  audit: (await bot.store.audit.all()).map((a) => a.id),
});

describe("retention", () => {
  it("prunes, on the scheduler's tick, finished messages after 30 days, dead codes and counters, week-old conversations, and the audit log after 5 years", async () => {
    const bot = await createTestBot({ now: NOW });
    await seedOldAndNew(bot);
    await tickOnce(bot);
    expect(await ids(bot)).toEqual({
      outbox: ["pending-old", "sent-9d"],
      broadcasts: ["b-recent", "b-waiting"],
      linkCodes: ["GHJKMN"],
      linkAttempts: ["la-in-window"],
      wizards: ["telegram:2:2"],
      menus: ["zalo:2:2"],
      audit: ["a-2024"],
    });
    expect((await bot.store.scheduler.get("scheduler"))!.lastPrunedAt).toBe(NOW);
  });

  it("follows the configured periods, and keeps the audit log for ever with 0", async () => {
    const bot = await createTestBot({ now: NOW });
    await seedOldAndNew(bot);
    await tickOnce(bot, { outboxDays: 50, conversationDays: 30, auditDays: 0 });
    const kept = await ids(bot);
    expect(kept.outbox).toEqual(["failed-45d", "pending-old", "sent-9d", "unreachable-40d"]);
    expect(kept.wizards).toEqual(["telegram:1:1", "telegram:2:2"]);
    expect(kept.menus).toEqual(["zalo:1:1", "zalo:2:2"]);
    expect(kept.audit).toEqual(["a-2020", "a-2024"]);
  });

  it("prunes once a day, not at every tick", async () => {
    const bot = await createTestBot({ now: NOW });
    await tickOnce(bot);
    await bot.store.outbox.put(entry("sent-59d", "sent", "2026-10-01T03:00:00.000Z"));
    bot.setNow("2026-11-29T20:00:00.000Z");
    await tickOnce(bot);
    expect((await ids(bot)).outbox).toEqual(["sent-59d"]);
    bot.setNow("2026-11-30T03:00:00.000Z");
    await tickOnce(bot);
    expect((await ids(bot)).outbox).not.toContain("sent-59d");
  });
});
