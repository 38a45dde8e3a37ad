import { describe, expect, it } from "vitest";
import { createTestBot, seedUnit } from "../helpers/chat";

describe("the audit log", () => {
  it("shows an admin who approved whom and when, newest first, and can be narrowed to one person", async () => {
    const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z" });
    await seedUnit(bot.store, { id: "u01" }, [
      { userId: "sec", position: "secretary", fullName: "Trần Thị Bình" },
      { userId: "new", position: "member", fullName: "Lê Văn Cường", status: "pending" },
      { userId: "new2", position: "member", fullName: "Phạm Thị Dung", status: "pending" },
    ]);
    expect(await bot.text("sec", "/duyet p-new")).toContain("Đã duyệt");
    bot.setNow("2026-11-29T04:30:00.000Z");
    expect(await bot.text("sec", "/tuchoi p-new2")).toContain("Lý do là gì?");
    expect(await bot.text("sec", "-")).toContain("Đã từ chối");
    const log = await bot.text("admin", "/nhatky");
    expect(log.split("\n")).toEqual([
      "Nhật ký thao tác (2 mục, mới nhất trước):",
      "• 11:30 29/11/2026 — Trần Thị Bình: từ chối hồ sơ — Phạm Thị Dung",
      "• 10:00 29/11/2026 — Trần Thị Bình: duyệt hồ sơ — Lê Văn Cường",
    ]);
    expect(await bot.text("admin", "/nhatky p-new")).toContain("(1 mục, mới nhất trước)");
    expect(await bot.text("admin", "/nhatky p-khongco")).toBe("Nhật ký không có mục nào về “p-khongco”.");
    expect(await bot.text("sec", "/nhatky")).toContain("không có quyền");
  });
});
