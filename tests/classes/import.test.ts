import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { createTestBot, seedUnit } from "../helpers/chat";

const headers = ["Loại lớp", "Tên lớp", "Năm", "Các buổi học", "Hạn ghi danh", "Số chỗ", "Báo cáo viên"];

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Lớp");
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const good = [
  "youth-work",
  "Nghiệp vụ công tác Đoàn 2026",
  2026,
  "05/12/2026 08:00-11:00 Hội trường A\n06/12/2026 08:00-11:00 Hội trường A",
  "01/12/2026",
  40,
  "Nguyễn Văn Giảng",
];

describe("importing classes from a workbook", () => {
  it("creates every class of a clean workbook, quotas spread by unit size", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01", members: 30 });
    await seedUnit(bot.store, { id: "u02", members: 10 });
    const content = await workbook([
      good,
      [
        "Bồi dưỡng kiến thức bổ trợ (ngoại ngữ, tin học, an ninh quốc phòng, nghiệp vụ)",
        "Tin học văn phòng",
        2026,
        "10/12/2026 14:00-17:00 https://meet.example.vn/th",
        new Date(Date.UTC(2026, 11, 3)),
        20,
        "",
      ],
    ]);
    const text = await bot.text("admin", "", { document: { fileName: "lop-2026.xlsx", content } });
    expect(text).toMatch(/^Đã nhập 2 lớp/);
    const courses = await bot.store.courses.all();
    expect(courses.map((c) => [c.kind, c.title, c.capacity, c.sessions.length, c.deadline])).toEqual([
      ["youth-work", "Nghiệp vụ công tác Đoàn 2026", 40, 2, "2026-12-01T16:59:00.000Z"],
      ["supplementary", "Tin học văn phòng", 20, 1, "2026-12-03T16:59:00.000Z"],
    ]);
    expect(courses[0]!.quotas).toEqual({ u01: 30, u02: 10 });
    expect(courses[0]!.lecturers).toEqual(["Nguyễn Văn Giảng"]);
  });

  it("refuses a workbook of more than 1,000 classes whole, saying so, rather than stopping at row 1,000", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" });
    const content = await workbook(Array.from({ length: 1001 }, (_, i) => [good[0], `Lớp số ${i + 1}`, ...good.slice(2)]));
    const text = await bot.text("admin", "", { document: { fileName: "lop.xlsx", content } });
    expect(text).toBe("Tệp quá lớn: mỗi lần gửi tối đa 1000 dòng. Bạn chia tệp thành nhiều phần rồi gửi lần lượt.");
    expect(await bot.store.courses.count()).toBe(0);
  });

  it("names each bad row and column and imports nothing while any row is wrong", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" });
    const content = await workbook([
      good,
      ["bơi lội", "Lớp sai", 2026, "05/12/2026 08:00-11:00 A", "01/12/2026", 0, ""],
      [...good.slice(0, 3), "32/12/2026 08:00-11:00 A", "01/12/2026", 10, ""],
    ]);
    const text = await bot.text("admin", "", { document: { fileName: "lop.xlsx", content } });
    expect(text).toBe(
      [
        "Chưa nhập lớp nào: bảng tính có 3 lỗi. Sửa rồi gửi lại:",
        "Dòng 3, cột “Loại lớp”: Không có loại lớp “bơi lội” trong Kế hoạch. Ghi mã loại lớp (ví dụ youth-work) hoặc đúng tên loại lớp.",
        "Dòng 3, cột “Số chỗ”: Số chỗ là một số nguyên từ 1 đến 10000.",
        "Dòng 4, cột “Các buổi học”: Dòng 1: ngày không hợp lệ (ghi ngày/tháng/năm, ví dụ 05/12/2026).",
      ].join("\n"),
    );
    expect(await bot.store.courses.count()).toBe(0);
  });

  it("refuses a title of two characters written with an emoji, and quotes at most 60 characters of a long kind", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" });
    const content = await workbook([
      ["x".repeat(3000), ...good.slice(1)],
      [good[0], "A🐝", ...good.slice(2)],
    ]);
    const text = await bot.text("admin", "", { document: { fileName: "lop.xlsx", content } });
    expect(text).toBe(
      [
        "Chưa nhập lớp nào: bảng tính có 2 lỗi. Sửa rồi gửi lại:",
        `Dòng 2, cột “Loại lớp”: Không có loại lớp “${"x".repeat(59)}…” trong Kế hoạch. Ghi mã loại lớp (ví dụ youth-work) hoặc đúng tên loại lớp.`,
        "Dòng 3, cột “Tên lớp”: Tên lớp cần từ 3 đến 200 ký tự.",
      ].join("\n"),
    );
    expect(await bot.store.courses.count()).toBe(0);
  });

  it("leaves other workbooks and other people's files alone", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "1", position: "secretary" }]);
    const content = await workbook([good]);
    expect(await bot.text("1", "", { document: { fileName: "lop.xlsx", content } })).not.toContain("Đã nhập");
    const other = new ExcelJS.Workbook();
    other.addWorksheet("Cán bộ").addRow(["Họ và tên", "Đơn vị"]);
    const otherContent = Buffer.from(await other.xlsx.writeBuffer());
    expect(await bot.text("admin", "", { document: { fileName: "can-bo.xlsx", content: otherContent } })).not.toContain("Đã nhập");
    expect(await bot.store.courses.count()).toBe(0);
  });
});
