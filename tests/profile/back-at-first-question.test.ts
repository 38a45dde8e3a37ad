/**
 * `/quaylai` at the first question a wizard asked. Found on the demo's console: a Secretary fixing
 * the day he was elected (`/hoso`, "Sửa ngày được bầu") typed /quaylai and was asked his full name,
 * a question of another edit, because the one-field edit has no earlier question to go back to.
 */
import { describe, expect, it } from "vitest";
import { createTestBot, seedUnit } from "../helpers/chat";

describe("/quaylai at the first question", () => {
  it("says there is none before it and asks the same question again, in a one-field /hoso edit", async () => {
    const bot = await createTestBot({ now: "2026-12-07T03:00:00.000Z" });
    await seedUnit(bot.store, { id: "u01" }, [
      { userId: "1001", fullName: "Trần Thị Bình", position: "secretary", electedOn: "2024-03-01" },
    ]);
    const question = "Bạn được bầu vào chức vụ này ngày nào? (dạng ngày/tháng/năm, ví dụ: 15/09/2022)";
    expect(await bot.text("1001", "/hoso electedOn")).toBe(question);
    expect(await bot.text("1001", "31/02/2026")).toBe(`Ngày này không có trên lịch. Bạn kiểm tra lại giúp nhé.\n\n${question}`);
    expect(await bot.text("1001", "/quaylai")).toBe(
      `Đây là câu hỏi đầu tiên, không có câu nào trước đó. Gõ /huy nếu muốn dừng.\n\n${question}`,
    );
    expect(await bot.text("1001", "01/12/2025")).toBe("Đã lưu thay đổi.");
    expect((await bot.store.cadres.get("p-1001"))!.electedOn).toBe("2025-12-01");
  });

  it("does the same in English at the first question of /register", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" });
    await bot.say("2002", "/lang en");
    await bot.say("2002", "/register");
    expect(await bot.text("2002", "/back")).toBe(
      "This is the first question; there is none before it. Type /cancel to stop.\n\nWhat is your full name? (in full, with Vietnamese diacritics, e.g. Nguyễn Thị Mai)",
    );
  });
});
