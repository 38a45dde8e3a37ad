/** Periods read "Quý 4/2026", never "2026-Q4": the audit log names a report by its unit and period. */
import { describe, expect, it } from "vitest";
import { createTestBot, seedReport, seedUnit } from "../helpers/chat";

describe("period labels", () => {
  it("shows a report in /nhatky as its unit's name and 'Quý 4/2026', not 'u01:2026-Q4'", async () => {
    const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z" });
    await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
      { userId: "binh", fullName: "Trần Thị Bình", position: "secretary" },
    ]);
    await seedReport(bot.store, { unitId: "u01", period: "2026-Q4", submittedAt: "2026-11-20T02:00:00.000Z", submittedBy: "p-binh" });
    await bot.store.audit.put({
      id: "a-1",
      at: "2026-11-20T02:00:00.000Z",
      actorId: "p-binh",
      action: "report.file",
      subjectId: "u01:2026-Q4",
      details: {},
    });
    const log = await bot.text("admin", "/nhatky");
    expect(log).toContain("• 09:00 20/11/2026 — Trần Thị Bình: nộp báo cáo tình hình — báo cáo Quý 4/2026 của Đoàn cơ sở Sở Tư pháp");
    expect(log).not.toContain("2026-Q4");
  });
});
