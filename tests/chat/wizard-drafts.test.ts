/** A wizard's stored draft is read through the wizard's own schema: one left by an older version is dropped with a sentence. */
import { describe, expect, it } from "vitest";
import { createTestBot } from "../helpers/chat";

const outdated = "Bot vừa được cập nhật nên việc bạn đang làm dở không làm tiếp được nữa. Bạn gõ lại lệnh để làm lại từ đầu nhé.";

describe("stored wizard drafts", () => {
  it("drops a registration draft whose fields this version no longer knows, says so, and forgets it", async () => {
    const bot = await createTestBot();
    await bot.text("u1", "/start");
    await bot.store.wizards.put({
      id: "telegram:u1:u1",
      wizard: "register",
      step: "birthYear",
      data: { fullName: "Nguyễn Văn An", favouriteColour: "đỏ" },
      history: ["fullName"],
      updatedAt: "2026-11-29T03:00:00.000Z",
    });
    expect(await bot.text("u1", "1995")).toBe(outdated);
    expect(await bot.store.wizards.get("telegram:u1:u1")).toBeUndefined();
  });

  it("drops it too when the person types a command, and runs the command", async () => {
    const bot = await createTestBot();
    await bot.text("u1", "/start");
    await bot.store.wizards.put({
      id: "telegram:u1:u1",
      wizard: "register",
      step: "birthYear",
      data: { birthYear: "not a number" },
      history: [],
      updatedAt: "2026-11-29T03:00:00.000Z",
    });
    expect(await bot.text("u1", "/trogiup")).toContain("/dangky");
    expect(await bot.store.wizards.get("telegram:u1:u1")).toBeUndefined();
  });

  it("carries on with a draft that still fits", async () => {
    const bot = await createTestBot();
    await bot.text("u1", "/start");
    await bot.store.wizards.put({
      id: "telegram:u1:u1",
      wizard: "register",
      step: "fullName",
      data: {},
      history: [],
      updatedAt: "2026-11-29T03:00:00.000Z",
    });
    expect(await bot.text("u1", "Nguyễn Văn An")).not.toBe(outdated);
    expect((await bot.store.wizards.get("telegram:u1:u1"))?.data).toMatchObject({ fullName: "Nguyễn Văn An" });
  });
});
