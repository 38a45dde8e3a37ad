import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { createTestBot, seedCertificate, seedEnrollment, seedReport, seedUnit, type TestBot } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";

async function setup(): Promise<TestBot> {
  const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z" });
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
    { userId: "201", fullName: "Trần Thị Bình", position: "secretary", electedOn: "2026-03-01", theoryLevel: "intermediate", phone: "0901111111" },
    { userId: "202", fullName: "Lê Văn An", theoryLevel: "none" },
  ]);
  await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" }, [
    { userId: "301", fullName: "Ngô Văn Dũng", position: "secretary", electedOn: "2020-06-01", theoryLevel: "basic", phone: "0902222222" },
  ]);
  await seedCertificate(bot.store, { personId: "p-201", issuedOn: "2026-06-01", title: true });
  await seedCourse(bot.store, {
    id: "k1",
    title: "Bồi dưỡng nghiệp vụ công tác Đoàn 2026",
    sessions: [
      { id: "s1", date: "2026-06-01", start: "08:00", end: "11:00", place: "Hội trường" },
      { id: "s2", date: "2026-06-02", start: "08:00", end: "11:00", place: "Hội trường" },
    ],
    deadline: "2026-05-25T10:00:00.000Z",
    capacity: 50,
  });
  await seedCourse(bot.store, {
    id: "k2",
    title: "Bồi dưỡng báo cáo viên 2026",
    kind: "lecturers",
    sessions: [{ id: "s1", date: "2026-06-01", start: "08:00", end: "11:00", place: "Hội trường Đoàn Khối" }],
    deadline: "2026-05-25T10:00:00.000Z",
    capacity: 50,
  });
  await seedEnrollment(bot.store, { courseId: "k1", personId: "p-201", unitId: "u01", attendance: { s1: "present", s2: "late" } });
  await seedEnrollment(bot.store, { courseId: "k1", personId: "p-301", unitId: "u02", status: "waitlisted" });
  await seedReport(bot.store, { unitId: "u01", period: "2026-Q4", submittedAt: "2026-11-20T02:00:00.000Z", submittedBy: "p-201" });
  return bot;
}

async function exported(bot: TestBot): Promise<ExcelJS.Workbook> {
  const [reply] = await bot.say("admin", "/xuat");
  expect(reply!.file!.name).toBe("bao-cao-doan-khoi-2026-Q4-2026-11-29.xlsx");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(reply!.file!.content as unknown as ArrayBuffer);
  return wb;
}

const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);

describe("/xuat: the Excel report", () => {
  it("has the four sheets, each with the bloc's name, the date, a frozen header and a landscape fit-to-width print", async () => {
    const wb = await exported(await setup());
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Tổng hợp đơn vị", "Cán bộ và đào tạo", "Lớp học và ghi danh", "Báo cáo 2026-Q4"]);
    for (const ws of wb.worksheets) {
      expect(ws.getCell("A1").value).toBe("Đoàn Khối cơ quan Dân Chính Đảng TP. Cần Thơ");
      expect(String(ws.getCell("A3").value)).toContain("Ngày xuất: 29/11/2026.");
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 5 });
      expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.getCell("A5").value).toBe("STT");
      expect(ws.getColumn(1).width).toBe(6);
    }
  });

  it("sums up the units with counts and percentages, furthest behind first, and the bloc's total", async () => {
    const ws = (await exported(await setup())).getWorksheet("Tổng hợp đơn vị")!;
    expect(rowValues(ws, 5)).toEqual([
      "STT", "Đơn vị", "Số cán bộ", "Đã bồi dưỡng", "T1 (%)", "Bí thư mới bầu", "Có CC chức danh", "T2 (%)", "Đạt chuẩn LLCT", "Tỷ lệ LLCT (%)", "Báo cáo kỳ",
    ]);
    // u02: nobody fostered, no newly elected Secretary, nobody at standard; u01: 1/2 fostered, T2 1/1, theory 1/2.
    expect(rowValues(ws, 6)).toEqual([1, "Đoàn cơ sở Sở Y tế", 1, 0, 0, 0, 0, undefined, 0, 0, "Chưa báo cáo"]);
    expect(rowValues(ws, 7)).toEqual([2, "Đoàn cơ sở Sở Tư pháp", 2, 1, 0.5, 1, 1, 1, 1, 0.5, "Đúng hạn"]);
    expect(rowValues(ws, 8)).toEqual([undefined, "Toàn Khối", 3, 1, 1 / 3, 1, 1, 1, 1, 1 / 3]);
    expect(ws.getCell("E7").numFmt).toBe("0.0%");
    expect(ws.getCell("C7").numFmt).toBe("#,##0");
    expect(ws.getRow(8).font?.bold).toBe(true);
  });

  it("lists cadres with their training and without phone numbers", async () => {
    const ws = (await exported(await setup())).getWorksheet("Cán bộ và đào tạo")!;
    expect(rowValues(ws, 6)).toEqual([1, "Lê Văn An", "Đoàn cơ sở Sở Tư pháp", "Đoàn viên", undefined, "Chưa có", "Không", 0, "Không", "Không"]);
    const binh = rowValues(ws, 7);
    expect(binh.slice(0, 4)).toEqual([2, "Trần Thị Bình", "Đoàn cơ sở Sở Tư pháp", "Bí thư"]);
    expect((binh[4] as Date).toISOString().slice(0, 10)).toBe("2026-03-01");
    expect(ws.getCell("E7").numFmt).toBe("dd/mm/yyyy");
    expect(binh.slice(5)).toEqual(["Trung cấp", "Có", 1, "Có", "Có"]);
    ws.eachRow((row) => expect(JSON.stringify(row.values)).not.toMatch(/090\d{7}/));
  });

  it("lists each class's enrolments with attendance, and a class nobody joined", async () => {
    const ws = (await exported(await setup())).getWorksheet("Lớp học và ghi danh")!;
    expect(rowValues(ws, 6)).toEqual([
      1, "Bồi dưỡng báo cáo viên 2026", "Bồi dưỡng đội ngũ báo cáo viên", 2026, "Đang mở", undefined, undefined, undefined, undefined, 1,
    ]);
    expect(rowValues(ws, 7)).toEqual([
      2, "Bồi dưỡng nghiệp vụ công tác Đoàn 2026", "Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên", 2026, "Đang mở",
      "Đoàn cơ sở Sở Tư pháp", "Trần Thị Bình", "Đã ghi danh", 2, 2, 1,
    ]);
    expect(rowValues(ws, 8).slice(5, 8)).toEqual(["Đoàn cơ sở Sở Y tế", "Ngô Văn Dũng", "Danh sách chờ"]);
  });

  it("lists the period's reports, with a phone only for the unit that has not reported", async () => {
    const ws = (await exported(await setup())).getWorksheet("Báo cáo 2026-Q4")!;
    expect(String(ws.getCell("A2").value)).toBe("TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ — Quý 4/2026");
    expect(rowValues(ws, 6)).toEqual([1, "Đoàn cơ sở Sở Y tế", "Chưa báo cáo", ...Array(10).fill(undefined), "Ngô Văn Dũng (0902222222)"]);
    expect(rowValues(ws, 7).slice(0, 5)).toEqual([2, "Đoàn cơ sở Sở Tư pháp", "Đúng hạn", "09:00 20/11/2026", 1]);
    expect(rowValues(ws, 7).at(-1)).toBe("Trần Thị Bình");
  });

  it("is for admins only", async () => {
    const bot = await setup();
    expect(await bot.text("201", "/xuat")).toContain("không có quyền");
  });
});
