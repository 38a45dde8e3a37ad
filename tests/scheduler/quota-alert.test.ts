import { describe, expect, it } from "vitest";
import { quotaAlert } from "../../src/scheduler/quota-alert";
import { renderMessage } from "../../src/scheduler/recipient";
import { createTestBot, seedUnit } from "../helpers/chat";

describe("the admins told that a channel refuses for quota", () => {
  it("puts one alert per admin in the outbox, at most once a day per channel, each in the admin's language", async () => {
    const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z", adminIds: ["telegram:9001", "zalo:z-boss"] });
    const [admin] = await seedUnit(bot.store, { id: "u1" }, [{ userId: "9001" }]);
    await bot.store.people.put({ ...(await bot.store.people.get(admin!))!, locale: "en" });
    const alert = quotaAlert(bot.deps);

    await alert("zalo", new Date("2026-11-29T02:59:30.000Z"));
    await alert("zalo", new Date("2026-11-29T09:00:00.000Z")); // a second storm the same day
    const entries = await bot.store.outbox.all();
    expect(entries.map((e) => [e.id, e.to])).toEqual([
      ["alert:quota:zalo:2026-11-29:p-9001", { type: "person", personId: "p-9001" }],
      ["alert:quota:zalo:2026-11-29:zalo.z-boss", { type: "chat", channel: "zalo", chatId: "z-boss", group: false }],
    ]);
    expect(renderMessage(entries[0]!.message, "en").text).toBe(
      "⚠️ Zalo has been refusing the bot's messages since 09:59 on 29/11/2026: its usage quota is exceeded (error 429). The bot retries after longer and longer waits; people who also use another channel get their notifications there, and messages on Zalo will go out when the quota allows. If it lasts, check the bot's service plan on Zalo.",
    );
    expect(entries[0]).toMatchObject({ essential: true, staleAt: "2026-11-29T15:00:00.000Z" });

    bot.setNow("2026-11-30T03:00:00.000Z"); // the next day, a new storm: told again
    await alert("zalo", new Date("2026-11-30T02:59:00.000Z"));
    expect((await bot.store.outbox.all()).map((e) => e.id).filter((id) => id.includes("2026-11-30"))).toHaveLength(2);
  });
});
