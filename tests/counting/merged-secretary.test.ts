/**
 * T2 (R3) counts a newly elected Secretary in the unit that elected them; when that unit has merged
 * into another, in the unit they belong to now — so the units' rows add up to the bloc in /tiendo and
 * /xuat (the bloc counted them and no unit did).
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { createTestBot, seedUnit } from "../helpers/chat";

describe("T2 after a merge", () => {
  it("counts the merged unit's untrained Secretary, now a committee member, in the surviving unit", async () => {
    const bot = await createTestBot({ now: "2026-12-07T03:00:00.000Z" });
    // As the merge of u02 into u01 on 01/10/2026 left them: An, elected Secretary of u02 on 01/02/2026, is a
    // committee member of u01 since; Bình, u01's Secretary since 2024, kept the post.
    await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tài chính" }, [
      { userId: "binh", fullName: "Trần Thị Bình", position: "secretary", electedOn: "2024-03-01" },
      {
        userId: "an",
        fullName: "Lê Văn An",
        position: "committee",
        postSince: "2026-10-01",
        formerPosts: [{ unitId: "u02", position: "secretary", from: "2026-02-01", until: "2026-09-30", electedOn: "2026-02-01" }],
      },
    ]);
    await seedUnit(bot.store, {
      id: "u02",
      name: "Đoàn cơ sở Sở Kế hoạch và Đầu tư",
      status: "merged",
      mergedInto: "u01",
      endedAt: "2026-10-01T02:00:00.000Z",
    });

    const progress = await bot.text("admin", "/tiendo");
    expect(progress).toContain("Toàn Khối:\n2 cán bộ Đoàn · bồi dưỡng 0/2 (0%) · Bí thư mới bầu 0/1 (0%) · lý luận chính trị 0/2 (0%)");
    expect(progress).toContain("1. Đoàn cơ sở Sở Tài chính: bồi dưỡng 0% · Bí thư mới bầu 0% · lý luận chính trị 0%");

    const [reply] = await bot.say("admin", "/xuat");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(reply!.file!.content as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("Tổng hợp đơn vị")!;
    // Unit, cadres, fostered, T1, newly elected, trained, T2 — the unit's row and the bloc's total alike.
    expect([6, 7].map((n) => (sheet.getRow(n).values as unknown[]).slice(2, 9))).toEqual([
      ["Đoàn cơ sở Sở Tài chính", 2, 0, 0, 1, 0, 0],
      ["Toàn Khối", 2, 0, 0, 1, 0, 0],
    ]);
  });
});
