import { describe, expect, it } from "vitest";
import { buttonData, createTestBot, seedUnit, type TestBot } from "../helpers/chat";
import { currentPlan } from "../helpers/plan";
import { documentLines, values, workbook } from "../helpers/documents";

const registered = "2024-06-01T02:00:00.000Z";

/**
 * Plan KH-2025 (01/01/2025 – 31/12/2026; theory standard trung cấp). u01 "Sở Tư pháp": Secretary Bình
 * (elected 01/03/2024, trung cấp), committee members An and Hà (registered 01/06/2024, sơ cấp).
 * On 15/06/2026 An raises her level to trung cấp in /hoso and Bình confirms it; on 05/01/2027 the admin
 * records Hà's trung cấp diploma issued 01/03/2026.
 * As of 31/12/2025: 3 cadres, 1 at the standard (Bình) — An and Hà in the needs review at sơ cấp.
 * As of 31/12/2026: 3 cadres, all 3 at the standard; nobody in the needs review.
 */
async function bloc(): Promise<TestBot> {
  const plan = currentPlan({ id: "KH-2025", issuedOn: "2025-01-01", period: { from: "2025-01-01", to: "2026-12-31" } });
  const bot = await createTestBot({ now: "2026-06-15T03:00:00.000Z", plan });
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
    { userId: "sec", fullName: "Trần Thị Bình", position: "secretary", electedOn: "2024-03-01", theoryLevel: "intermediate" },
    { userId: "an", fullName: "Lê Thị An", position: "committee", theoryLevel: "basic", birthYear: 1998, registeredAt: registered },
    { userId: "ha", fullName: "Võ Thị Hà", position: "committee", theoryLevel: "basic", birthYear: 1997, registeredAt: registered },
  ]);
  return bot;
}

async function raisedAndRecorded(): Promise<TestBot> {
  const bot = await bloc();
  await bot.say("an", "/hoso theoryLevel");
  await bot.say("an", "intermediate");
  expect(await bot.text("sec", "/hoso duyet p-an")).toBe("Đã xác nhận trình độ lý luận chính trị Trung cấp của Lê Thị An.");
  bot.setNow("2027-01-05T03:00:00.000Z");
  expect(await bot.text("admin", "/chungchingoai p-ha trungcap TC-7 01/03/2026 Trường Chính trị TP. Cần Thơ")).toContain(
    "Đã ghi nhận chứng chỉ số TC-7 của Võ Thị Hà",
  );
  bot.setNow("2027-01-10T03:00:00.000Z");
  return bot;
}

/** The target row of the .docx: the target's name, then achieved, total, share, target. */
function theoryRow(lines: string[]): string[] {
  const at = lines.indexOf("Cán bộ Đoàn đạt chuẩn lý luận chính trị");
  return lines.slice(at, at + 5);
}

describe("political theory levels as they stood on the report's day", () => {
  it("keeps the level left in the history: from the day a raise was asked, a diploma from its issue date", async () => {
    const bot = await raisedAndRecorded();
    expect(await bot.store.cadres.get("p-an")).toMatchObject({
      theoryLevel: "intermediate",
      theorySince: "2026-06-15",
      formerTheory: [{ level: "basic", from: "2024-06-01", until: "2026-06-14" }],
    });
    expect(await bot.store.cadres.get("p-ha")).toMatchObject({
      theoryLevel: "intermediate",
      theorySince: "2026-03-01",
      formerTheory: [{ level: "basic", from: "2024-06-01", until: "2026-02-28" }],
    });
  });

  it("counts An and Hà as sơ cấp in the 2025 report made in January 2027: chat, workbook and .docx", async () => {
    const bot = await raisedAndRecorded();
    const replies = await bot.say("admin", "/baocaonam 2025");
    const lines = replies[0]!.text.split("\n");
    expect(lines[0]).toBe("Báo cáo năm 2025 gửi Thành đoàn (kế hoạch KH-2025), số liệu tính đến ngày 31/12/2025:");
    expect(lines[2]).toBe("• Cán bộ được bồi dưỡng: 0%; Bí thư mới được bầu đã được đào tạo: —; đạt chuẩn lý luận chính trị: 33,3%");
    expect(lines[4]).toBe("• Rà soát nhu cầu: 2 cán bộ chưa đạt chuẩn lý luận chính trị hoặc quy định cán bộ");
    const wb = await workbook(replies[0]!.file!.content);
    expect(values(wb.getWorksheet("Chỉ tiêu")!, 8)).toEqual([3, "Cán bộ Đoàn đạt chuẩn lý luận chính trị", 1, 3, 1 / 3, 1]);
    const needs = wb.getWorksheet("Rà soát nhu cầu")!;
    expect([6, 7].map((n) => values(needs, n).slice(1, 5))).toEqual([
      ["Đoàn cơ sở Sở Tư pháp", "Lê Thị An", "Ủy viên BCH", "Sơ cấp"],
      ["Đoàn cơ sở Sở Tư pháp", "Võ Thị Hà", "Ủy viên BCH", "Sơ cấp"],
    ]);
    const text = await documentLines(replies[1]!.file!.content);
    expect(theoryRow(text)).toEqual(["Cán bộ Đoàn đạt chuẩn lý luận chính trị", "1", "3", "33,3%", "100%"]);
    expect(text).toContain("- 2 cán bộ cần học lý luận chính trị để đạt chuẩn trung cấp hoặc đáp ứng quy định cán bộ.");
  });

  it("counts them as trung cấp in the 2026 report, and in the end-of-plan report", async () => {
    const bot = await raisedAndRecorded();
    const replies = await bot.say("admin", "/baocaonam 2026");
    const lines = replies[0]!.text.split("\n");
    expect(lines[0]).toBe("Báo cáo năm 2026 gửi Thành đoàn (kế hoạch KH-2025), số liệu tính đến ngày 31/12/2026:");
    expect(lines[2]).toBe("• Cán bộ được bồi dưỡng: 33,3%; Bí thư mới được bầu đã được đào tạo: —; đạt chuẩn lý luận chính trị: 100%");
    expect(lines[4]).toBe("• Rà soát nhu cầu: 0 cán bộ chưa đạt chuẩn lý luận chính trị hoặc quy định cán bộ");
    const wb = await workbook(replies[0]!.file!.content);
    expect(values(wb.getWorksheet("Chỉ tiêu")!, 8)).toEqual([3, "Cán bộ Đoàn đạt chuẩn lý luận chính trị", 3, 3, 1, 1]);
    expect(wb.getWorksheet("Rà soát nhu cầu")!.getRow(6).values).toEqual([]);
    const text = await documentLines(replies[1]!.file!.content);
    expect(theoryRow(text)).toEqual(["Cán bộ Đoàn đạt chuẩn lý luận chính trị", "3", "3", "100%", "100%"]);
    const [end] = await bot.say("admin", "/baocaoketthuc KH-2025");
    expect(end!.text).toContain("đạt chuẩn lý luận chính trị: 100%");
  });

  it("a level changed by a roster import is held from the import day, the one left kept", async () => {
    const bot = await bloc();
    const [exported] = await bot.say("admin", "/xuatds u01");
    const wb = await workbook(exported!.file!.content);
    const sheet = wb.worksheets[0]!;
    const row = [2, 3, 4].find((n) => sheet.getRow(n).getCell(2).value === "Lê Thị An")!;
    expect(sheet.getRow(row).getCell(7).value).toBe("Sơ cấp");
    sheet.getRow(row).getCell(7).value = "Cao cấp";
    const replies = await bot.say("admin", "", { document: { fileName: "ds.xlsx", content: Buffer.from(await wb.xlsx.writeBuffer()) } });
    expect(await bot.text("admin", buttonData(replies, "Nhập"), { isButton: true })).toBe(
      "Đã nhập danh sách: 0 hồ sơ mới, 1 hồ sơ cập nhật, 2 hồ sơ không đổi.",
    );
    expect(await bot.store.cadres.get("p-an")).toMatchObject({
      theoryLevel: "advanced",
      theorySince: "2026-06-15",
      formerTheory: [{ level: "basic", from: "2024-06-01", until: "2026-06-14" }],
    });
    expect((await bot.store.cadres.get("p-ha"))!.formerTheory).toBeUndefined();
  });

  it("/dulieu carries the history, and /xoadulieu removes it with the record", async () => {
    const bot = await raisedAndRecorded();
    const [data] = await bot.say("an", "/dulieu");
    expect(JSON.parse(data!.file!.content.toString("utf8")).cadre).toMatchObject({
      theorySince: "2026-06-15",
      formerTheory: [{ level: "basic", from: "2024-06-01", until: "2026-06-14" }],
    });
    const [confirm] = await bot.say("an", "/xoadulieu");
    expect(await bot.text("an", buttonData(confirm!, "Xóa dữ liệu của tôi"), { isButton: true })).toContain("Đã xóa dữ liệu cá nhân");
    expect(await bot.store.cadres.get("p-an")).toBeUndefined();
    expect(JSON.stringify(await bot.store.cadres.all())).not.toContain("2026-06-14");
  });
});
