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
});
