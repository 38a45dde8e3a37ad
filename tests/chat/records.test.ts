import { describe, expect, it } from "vitest";
import { createTestBot, seedUnit } from "../helpers/chat";

const group = { chatType: "group" as const, chatId: "-1001" };

describe("records only for people who talk to the bot", () => {
  async function linkedGroup() {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [{ userId: "sec", position: "secretary", electedOn: "2025-01-01" }]);
    await bot.say("sec", "/lienket", group);
    return bot;
  }

  it("keeps no person or account for members who only talk among themselves in a linked group", async () => {
    const bot = await linkedGroup();
    expect([await bot.store.people.count(), await bot.store.accounts.count()]).toEqual([1, 1]);
    for (const [user, text] of [["m1", "Chào cả nhà"], ["m2", "Mai họp lúc 8 giờ nhé"], ["m3", "ok"], ["m1", "1"]]) {
      expect(await bot.say(user!, text!, group)).toEqual([]);
    }
    expect([await bot.store.people.count(), await bot.store.accounts.count()]).toEqual([1, 1]);
    expect(await bot.store.accounts.get("telegram:m1")).toBeUndefined();
  });

  it("makes a record for whoever sends a command, presses a button or replies to the bot in the group", async () => {
    const bot = await linkedGroup();
    expect(await bot.text("m1", "/trogiup", group)).not.toBe("");
    await bot.say("m2", "/start u-u01", { ...group, isButton: true });
    await bot.say("m3", "cảm ơn bot", { ...group, toBot: true });
    expect((await bot.store.accounts.all()).map((a) => a.id).sort()).toEqual(["telegram:m1", "telegram:m2", "telegram:m3", "telegram:sec"]);
    expect(await bot.store.people.count()).toBe(4);
  });

  it("follows a group's migration announced by someone without records, still creating none", async () => {
    const bot = await linkedGroup();
    expect(await bot.say("stranger", "", { chatType: "group", chatId: "-1009999", migratedFromChatId: "-1001" })).toEqual([]);
    expect((await bot.store.units.get("u01"))!.groups.map((g) => g.chatId)).toEqual(["-1009999"]);
    expect(await bot.store.accounts.get("telegram:stranger")).toBeUndefined();
    expect(await bot.store.people.count()).toBe(1);
  });
});
