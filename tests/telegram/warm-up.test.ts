/**
 * The warm-up before the webhook takes traffic (issue 22): synthetic updates run through the
 * Telegram path on a scratch copy of the data, and nothing of them reaches the real store, the
 * people or the network.
 */
import { describe, expect, it } from "vitest";
import { warmUpdatePath } from "../../src/warm-up";
import { createTestBot, seedUnit } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";

describe("the warm-up of the update path", () => {
  it("handles synthetic updates and leaves the data as it was", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "501", position: "secretary" }]);
    await seedCourse(bot.store, { id: "c-1", capacity: 3, quotas: { u01: 3 } });
    const counts = async () => ({
      people: await bot.store.people.count(),
      accounts: await bot.store.accounts.count(),
      seenUpdates: await bot.store.seenUpdates.count(),
      menus: await bot.store.menus.count(),
      enrollments: await bot.store.enrollments.count(),
      audit: await bot.store.audit.count(),
    });
    const before = await counts();
    expect(before).toEqual({ people: 1, accounts: 1, seenUpdates: 0, menus: 0, enrollments: 0, audit: 0 });

    const warmed = await warmUpdatePath(bot.deps, 10_000);

    expect(warmed.updates).toBeGreaterThan(0);
    expect(await counts()).toEqual(before);
    expect(bot.sent).toEqual([]);
    // The real path still answers as before.
    expect(await bot.text("9001", "/lichhoc")).toContain("📚 c-1 · Nghiệp vụ công tác Đoàn 2026");
  });
});
