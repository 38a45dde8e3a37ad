import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { createTestBot, seedCertificate, seedEnrollment, seedReport, seedUnit, type TestBot } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";
import { values } from "../helpers/documents";

/**
 * 29/11/2026, plan KH-2026 (2026–2027), quarterly reports (Q1–Q3 closed):
 * - u01 "Sở Tư pháp": Secretary Bình (born 1989, sơ cấp, youth-work certificate 01/05/2026 from the class of
 *   April), Deputy An (trung cấp); member Hoa (no theory) planned for the Deputy's post; member Khánh (sơ cấp,
 *   an ordinary member: never in the needs review); reported Q1–Q3, proposing Bình for theory study in Q3.
 * - u02 "Sở Y tế": committee member Cường (sơ cấp), with an outside trung cấp diploma (15/06/2026)
 *   that raised his level; reported nothing.
 * - Classes of 2026: youth-work of April (completed; Bình and An enrolled, only Bình certified), youth-work of
 *   05/12/2026 (open; Bình and An enrolled, nobody certified yet); a cancelled title class (left out).
 */
async function setup(): Promise<TestBot> {
  const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z" });
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
    { userId: "binh", fullName: "Trần Thị Bình", position: "secretary", electedOn: "2024-03-01", theoryLevel: "basic", birthYear: 1989 },
    { userId: "an", fullName: "Lê Văn An", position: "deputy", theoryLevel: "intermediate" },
    { userId: "hoa", fullName: "Đỗ Thị Hoa", position: "member", theoryLevel: "none", plannedFor: "deputy" },
    { userId: "khanh", fullName: "Võ Văn Khánh", position: "member", theoryLevel: "basic" },
  ]);
  await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" }, [
    { userId: "cuong", fullName: "Phạm Văn Cường", position: "committee", theoryLevel: "basic", birthYear: 1996 },
  ]);
  await seedCourse(bot.store, { id: "c-1" });
  await seedCourse(bot.store, { id: "c-2", kind: "title-secretary", title: "Chức danh Bí thư 2026", status: "cancelled" });
  await seedCourse(bot.store, {
    id: "c-3",
    title: "Bồi dưỡng nghiệp vụ tháng 4/2026",
    status: "completed",
    sessions: [{ id: "s1", date: "2026-04-20", start: "08:00", end: "11:00", place: "Hội trường Đoàn Khối" }],
  });
  for (const course of ["c-1", "c-3"])
    for (const person of ["p-binh", "p-an"]) await seedEnrollment(bot.store, { courseId: course, personId: person, unitId: "u01" });
  await seedCertificate(bot.store, { personId: "p-binh", issuedOn: "2026-05-01", courseId: "c-3" });
  for (const period of ["2026-Q1", "2026-Q2", "2026-Q3"])
    await seedReport(bot.store, { unitId: "u01", period, submittedAt: "2026-10-05T02:00:00.000Z" });
  const q3 = (await bot.store.reports.get("u01:2026-Q3"))!;
  await bot.store.reports.put({ ...q3, proposedForTheory: ["p-binh"] });
  await bot.say("admin", "/chungchingoai p-cuong trungcap TC-9 15/06/2026 Trường Chính trị TP. Cần Thơ");
  return bot;
}

describe("/baocaonam: the report to the city Youth Union", () => {
  it("sends a workbook whose cells hold the year's classes, targets, certificates by origin, needs review and missing reports, and a summary", async () => {
    const bot = await setup();
    const [reply] = await bot.say("admin", "/baocaonam 2026");
    expect(reply!.text).toBe(
      [
        "Báo cáo năm 2026 gửi Thành đoàn (kế hoạch KH-2026), số liệu tính đến ngày 29/11/2026:",
        "• 1 lớp bồi dưỡng đã tổ chức, 1 học viên hoàn thành (được cấp chứng chỉ)",
        "• Cán bộ được bồi dưỡng: 66,7%; Bí thư mới được bầu đã được đào tạo: —; đạt chuẩn lý luận chính trị: 66,7%",
        "• Chứng chỉ: 1 từ lớp của Đoàn Khối, 1 học tại nơi khác",
        "• Rà soát nhu cầu: 2 cán bộ chưa đạt chuẩn lý luận chính trị hoặc quy định cán bộ",
        "• Lượt đơn vị chưa báo cáo: 3",
        "  Bí thư mới được bầu: mọi người được bầu làm Bí thư từ 01/07/2025 (6 tháng trước khi kế hoạch bắt đầu ngày 01/01/2026) đến ngày 29/11/2026, tính cho đến khi được đào tạo hoặc đến hết kế hoạch (31/12/2027).",
        "Chi tiết trong tệp Excel kèm theo.",
      ].join("\n"),
    );
    expect(reply!.file!.name).toBe("bao-cao-nam-2026-2026-11-29.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(reply!.file!.content as unknown as ArrayBuffer);
    // "Cử cán bộ" (V.2: units sending cadres and their party committees' answers) is tested in sending.test.ts.
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Lớp bồi dưỡng",
      "Chỉ tiêu",
      "Chứng chỉ",
      "Rà soát nhu cầu",
      "Khó khăn, kiến nghị",
      "Chưa báo cáo",
      "Cử cán bộ",
    ]);

    const classes = wb.getWorksheet("Lớp bồi dưỡng")!;
    expect(classes.getCell("A2").value).toBe("CÁC LỚP BỒI DƯỠNG THEO LOẠI VÀ NĂM, SỐ HỌC VIÊN HOÀN THÀNH THEO ĐỐI TƯỢNG");
    expect(values(classes, 5)).toEqual([
      "STT",
      "Năm",
      "Loại lớp",
      "Tên lớp",
      "Từ ngày",
      "Đến ngày",
      "Tình trạng",
      "Ghi danh",
      "Đối tượng 1.1",
      "Đối tượng 1.2",
      "Đối tượng 1.3",
      "Đối tượng 1.4",
      "Đối tượng IV",
      "Đối tượng 1.5",
      "Học viên hoàn thành",
    ]);
    // Participants are those who completed (hold the class's certificate): An enrolled in April but was not certified.
    const april = values(classes, 6);
    expect(april.slice(0, 4)).toEqual([
      1,
      2026,
      "Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên",
      "Bồi dưỡng nghiệp vụ tháng 4/2026",
    ]);
    expect((april[4] as Date).toISOString().slice(0, 10)).toBe("2026-04-20");
    expect(april.slice(6)).toEqual(["Đã tổ chức", 2, undefined, undefined, 1, 0, undefined, undefined, 1]);
    // "Held means held": the class of 05/12/2026 is scheduled, not held, and is not listed. The footer adds up each audience (III.1).
    expect(values(classes, 7)).toEqual([
      undefined,
      undefined,
      "Cộng theo đối tượng",
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      0,
      0,
      1,
      0,
      0,
      0,
      1,
    ]);
    expect(classes.getRow(8).values).toEqual([]);

    const targets = wb.getWorksheet("Chỉ tiêu")!;
    expect(values(targets, 6)).toEqual([1, "Cán bộ Đoàn trong Khối được bồi dưỡng kiến thức, nghiệp vụ, kỹ năng", 2, 3, 2 / 3, 1]);
    expect(values(targets, 7)).toEqual([
      2,
      "Bí thư cơ sở mới được bầu được đào tạo nghiệp vụ cơ bản về công tác Đoàn, Hội",
      0,
      0,
      undefined,
      1,
    ]);
    expect(values(targets, 8)).toEqual([3, "Cán bộ Đoàn đạt chuẩn lý luận chính trị", 2, 3, 2 / 3, 1]);

    const certs = wb.getWorksheet("Chứng chỉ")!;
    expect(values(certs, 6)).toEqual([1, 2026, "Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên", 1, 0, 1]);
    expect(values(certs, 7)).toEqual([2, 2026, "Học lý luận chính trị trung cấp", 0, 1, 1]);

    const needs = wb.getWorksheet("Rà soát nhu cầu")!;
    expect(values(needs, 5)).toEqual([
      "STT",
      "Đơn vị",
      "Họ và tên",
      "Chức vụ",
      "Trình độ LLCT",
      "Quy định cán bộ chưa đáp ứng (nguồn)",
      "Đã đề xuất đi học",
    ]);
    // Each finding of the cadre regulation (R6) quotes its rule's source; the shipped rules are not verified.
    expect(values(needs, 6)).toEqual([
      1,
      "Đoàn cơ sở Sở Tư pháp",
      "Trần Thị Bình",
      "Bí thư",
      "Sơ cấp",
      "quá 35 tuổi khi giữ chức vụ (37 tuổi) — theo Quy chế cán bộ Đoàn (Quyết định 289-QĐ/TW, 2010): cán bộ Đoàn cơ sở giữ chức vụ không quá 35 tuổi — con số trích dẫn, chưa đối chiếu văn bản (chưa kiểm chứng)\nchưa đạt trình độ lý luận chính trị tối thiểu (trung cấp) — theo Kế hoạch 49-KH/ĐTN, mục I: chuẩn hóa trình độ lý luận chính trị từ trung cấp trở lên với cán bộ đoàn (chưa kiểm chứng)",
      "Có",
    ]);
    // A member planned for the Deputy's post is in the review; Khánh, an ordinary member, is not.
    expect(values(needs, 7)).toEqual([2, "Đoàn cơ sở Sở Tư pháp", "Đỗ Thị Hoa", "Đoàn viên", "Chưa có", "", "Chưa"]);
    expect(needs.getRow(8).values).toEqual([]);

    const missing = wb.getWorksheet("Chưa báo cáo")!;
    expect([6, 7, 8].map((n) => values(missing, n))).toEqual([
      [1, "Quý 1/2026", "Đoàn cơ sở Sở Y tế"],
      [2, "Quý 2/2026", "Đoàn cơ sở Sở Y tế"],
      [3, "Quý 3/2026", "Đoàn cơ sở Sở Y tế"],
    ]);
  });

  it("refuses a year no stored plan holds, offers the years and plans when typed bare, and /baocaoketthuc covers the plan's whole period", async () => {
    const bot = await setup();
    expect(await bot.text("admin", "/baocaonam 2019")).toBe(
      "Chưa có kế hoạch nào gồm năm 2019. Các năm có thể báo cáo: 2020, 2021, 2022, 2026.",
    );
    expect(await bot.text("admin", "/baocaonam nam nay")).toBe(
      "«nam nay» không phải là một năm: gõ năm bằng 4 chữ số, ví dụ /baocaonam 2026. Các năm có thể báo cáo: 2020, 2021, 2022, 2026.",
    );
    const [years] = await bot.say("admin", "/baocaonam");
    expect(years!.buttons!.flat().map((b) => b.data)).toEqual(["/baocaonam 2026", "/baocaonam 2022", "/baocaonam 2021", "/baocaonam 2020"]);
    const [plans] = await bot.say("admin", "/baocaoketthuc");
    expect(plans!.buttons!.flat().map((b) => b.label)).toEqual([
      "KH-2026 (01/01/2026 – 31/12/2027)",
      "49-KH/ĐTN (07/04/2020 – 31/12/2022)",
    ]);
    const [end] = await bot.say("admin", "/baocaoketthuc KH-2026");
    expect(end!.text).toContain("Báo cáo giai đoạn 2026 – 2027 gửi Thành đoàn (kế hoạch KH-2026), số liệu tính đến ngày 29/11/2026:");
    expect(end!.file!.name).toBe("bao-cao-ket-thuc-ke-hoach-2026-11-29.xlsx");
  });
});
