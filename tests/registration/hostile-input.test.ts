/**
 * Hostile input to the cadres wizards. Every step of registration and /hoso is fuzzed with the
 * other wizards' steps in tests/wizards/hostile-wizards.test.ts (routes in tests/wizards/routes.ts);
 * what is particular to cadres stays here.
 */
import { describe, expect, it } from "vitest";
import { createTestBot, seedUnit } from "../helpers/chat";

describe("cadres wizards under hostile input", () => {
  it("stores a name typed with decomposed diacritics in NFC", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" });
    await bot.say("n", "/dangky");
    await bot.say("n", "  Nguyễn   Văn An ".normalize("NFD"));
    const state = await bot.store.wizards.get("telegram:n:n");
    expect(state!.data.fullName).toBe("Nguyễn Văn An".normalize("NFC"));
  });

  it("refuses a name over 80 characters and a birth year outside 1940–2015, naming the limits", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" });
    await bot.say("n", "/start u-u01");
    expect(await bot.text("n", `Nguyễn ${"Thị ".repeat(19)}An`)).toContain("Họ tên dài quá 80 ký tự. Bạn nhập lại giúp nhé.");
    await bot.say("n", "Nguyễn Văn An");
    await bot.say("n", "Đoàn viên");
    await bot.say("n", "intermediate", { isButton: true });
    await bot.say("n", "Đại học");
    expect(await bot.text("n", "1939")).toContain("Năm sinh cần là một năm có 4 chữ số, từ 1940 đến 2015.");
    expect(await bot.text("n", "2016")).toContain("Năm sinh cần là một năm có 4 chữ số, từ 1940 đến 2015.");
  });
});
