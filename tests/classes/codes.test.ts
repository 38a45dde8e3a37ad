import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n";
import { plan } from "../../src/scheduler/planner";
import { createTestBot, seedUnit } from "../helpers/chat";
import { codeOlderClasses } from "../../src/features/classes/create";
import { seedCourse } from "../helpers/classes";
import { data, tickAt } from "../helpers/planner";
import { course, linkedGroup, unit } from "../helpers/records";

const headers = ["Loại lớp", "Tên lớp", "Năm", "Các buổi học", "Hạn ghi danh", "Số chỗ", "Báo cáo viên"];

/** A class workbook: one row per `[title, year, first session date]`. */
async function workbook(rows: [string, number, string][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Lớp");
  sheet.addRow(headers);
  for (const [title, year, day] of rows) sheet.addRow(["youth-work", title, year, `${day} 08:00-11:00 Hội trường A`, "01/12/2026", 10, ""]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function importClasses(bot: Awaited<ReturnType<typeof createTestBot>>, rows: [string, number, string][]): Promise<string> {
  return bot.text("admin", "", { document: { fileName: "lop.xlsx", content: await workbook(rows) } });
}

describe("class codes", () => {
  it("gives each new class the next code of its year, never one a cancelled class had", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" });
    const first = await importClasses(bot, [
      ["Nghiệp vụ công tác Đoàn", 2026, "05/12/2026"],
      ["Kỹ năng tổ chức sự kiện", 2026, "12/12/2026"],
      ["Nghiệp vụ công tác Đoàn 2027", 2027, "15/12/2026"],
    ]);
    expect(first).toContain("• L26-01: Nghiệp vụ công tác Đoàn (23:59 ngày 01/12/2026)");
    expect(first).toContain("• L26-02: Kỹ năng tổ chức sự kiện (23:59 ngày 01/12/2026)");
    expect(first).toContain("• L27-01: Nghiệp vụ công tác Đoàn 2027 (23:59 ngày 01/12/2026)");
    expect(await bot.text("admin", "/huylop l26-2 xacnhan")).toContain("Đã hủy lớp “Kỹ năng tổ chức sự kiện”");
    expect(await importClasses(bot, [["Kỹ năng tổ chức sự kiện (mở lại)", 2026, "19/12/2026"]])).toContain(
      "• L26-03: Kỹ năng tổ chức sự kiện (mở lại)",
    );
    expect((await bot.store.courses.all()).map((c) => [c.code, c.status])).toEqual([
      ["L26-01", "open"],
      ["L26-02", "cancelled"],
      ["L27-01", "open"],
      ["L26-03", "open"],
    ]);
  });

  it("gives two imports sent at the same moment different codes", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" });
    await Promise.all([
      importClasses(bot, [["Lớp A", 2026, "05/12/2026"]]),
      importClasses(bot, [
        ["Lớp B", 2026, "06/12/2026"],
        ["Lớp C", 2026, "07/12/2026"],
      ]),
    ]);
    expect((await bot.store.courses.all()).map((c) => c.code).sort()).toEqual(["L26-01", "L26-02", "L26-03"]);
  });

  it("shows the code in /lichhoc and the pickers, and takes it typed in any case, with or without the zero", async () => {
    const bot = await createTestBot();
    const group = { channel: "telegram" as const, chatId: "-100", linkedBy: "p-1", at: "2026-11-01T00:00:00.000Z" };
    await seedUnit(bot.store, { id: "u01", groups: [group] }, [{ userId: "1", position: "secretary", fullName: "Lê Thị Một" }]);
    await importClasses(bot, [
      ["Nghiệp vụ công tác Đoàn", 2026, "05/12/2026"],
      ["Kỹ năng tổ chức sự kiện", 2026, "12/12/2026"],
    ]);
    const list = await bot.text("1", "/lichhoc");
    expect(list).toContain("📚 L26-01 · Nghiệp vụ công tác Đoàn — Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên");
    expect(list).toContain("📚 L26-02 · Kỹ năng tổ chức sự kiện — ");
    const [inGroup] = await bot.say("1", "/lichhoc", { chatType: "group", chatId: "-100" });
    expect(inGroup!.text).toContain("📚 L26-01 · Nghiệp vụ công tác Đoàn — 05/12/2026 08:00–11:00, Hội trường A");
    expect(inGroup!.buttons!.flat().map((b) => b.data)).toEqual(["/lichhoc L26-01", "/lichhoc L26-02"]);
    expect((await bot.text("1", "/lichhoc l26-2")).split("\n")[0]).toBe("📚 L26-02 · Kỹ năng tổ chức sự kiện");
    expect(await bot.text("1", "/ghidanh l26-1")).toContain("Bạn đã ghi danh lớp “Nghiệp vụ công tác Đoàn”");
    expect((await bot.store.enrollments.all()).map((e) => e.id)).toEqual([`${(await bot.store.courses.all())[0]!.id}:p-1`]);
    expect((await bot.say("1", "/ghidanh"))[0]!.buttons!.flat()).toEqual([
      { label: "L26-02 · Kỹ năng tổ chức sự kiện — hạn ghi danh 23:59 ngày 01/12/2026", data: "/ghidanh L26-02" },
    ]);
    const [picker] = await bot.say("1", "/rutten");
    expect(picker!.buttons!.flat()).toEqual([{ label: "L26-01 · Nghiệp vụ công tác Đoàn — 05/12/2026", data: "/rutten L26-01" }]);
    const [ask] = await bot.say("1", "/rutten L26-01");
    expect(ask!.buttons!.flat().map((b) => b.data)).toEqual(["/rutten L26-01 xacnhan", "/rutten L26-01 giulai"]);
    expect(await bot.text("1", "/rutten L26-01 xacnhan")).toContain("Nghiệp vụ công tác Đoàn");
    expect((await bot.store.enrollments.all()).map((e) => e.status)).toEqual(["withdrawn"]);
    expect(await bot.text("admin", "/phanbo L26-02")).toContain(
      "Sửa: /phanbo L26-02 <mã đơn vị> <số chỗ>. Thu hồi chỗ chưa dùng: /thuhoi L26-02",
    );
    expect(await bot.text("admin", "/bangdiemdanh L26-09")).toBe(
      "Không tìm thấy lớp “L26-09”. Mã lớp có dạng L26-03; gõ /lichhoc để xem các lớp.",
    );
  });

  it("numbers a class's certificates after its code, and /ketthuc takes the code", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "a", position: "secretary" }]);
    await seedCourse(bot.store, { id: "c-9", code: "L26-07", quotas: { u01: 5 } });
    await bot.say("a", "/ghidanh L26-07");
    await bot.store.enrollments.put({ ...(await bot.store.enrollments.get("c-9:p-a"))!, attendance: { s1: "present" } });
    bot.setNow("2026-12-05T05:00:00.000Z");
    expect(await bot.text("admin", "/ketthuc l26-7")).toContain("cấp 1 chứng chỉ cho 1 học viên");
    expect((await bot.store.certificates.all()).map((c) => c.number)).toEqual(["L26-07-001"]);
  });

  it("still finds a class stored before codes by its id, and shows that id where a code would be", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "1", position: "secretary" }]);
    await seedCourse(bot.store, { id: "c-3f9a1c2b7d4e", quotas: { u01: 3 } });
    expect(await bot.text("1", "/lichhoc")).toContain("📚 c-3f9a1c2b7d4e · Nghiệp vụ công tác Đoàn 2026");
    expect(await bot.text("1", "/ghidanh c-3f9a1c2b7d4e")).toContain("Bạn đã ghi danh lớp “Nghiệp vụ công tác Đoàn 2026”");
    await importClasses(bot, [["Lớp mới", 2026, "05/12/2026"]]);
    expect((await bot.store.courses.all()).map((c) => c.code)).toEqual([undefined, "L26-01"]);
  });

  it("gives classes stored before codes a code at start, in the order they start, after the codes already given", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "1", position: "secretary" }]);
    const sessionOn = (date: string) => [{ id: "s1", date, start: "08:00", end: "11:00", place: "Hội trường" }];
    await seedCourse(bot.store, { id: "c-later", sessions: sessionOn("2026-12-20"), quotas: { u01: 3 } });
    await seedCourse(bot.store, { id: "c-sooner", sessions: sessionOn("2026-12-10"), quotas: { u01: 3 } });
    await seedCourse(bot.store, { id: "c-coded", code: "L26-04", quotas: { u01: 3 } });
    expect(await codeOlderClasses(bot.store)).toBe(2);
    expect(await codeOlderClasses(bot.store)).toBe(0);
    const codes = Object.fromEntries((await bot.store.courses.all()).map((c) => [c.id, c.code]));
    expect(codes).toEqual({ "c-later": "L26-06", "c-sooner": "L26-05", "c-coded": "L26-04" });
    expect(await bot.text("1", "/ghidanh c-sooner")).toContain("Bạn đã ghi danh lớp");
    expect(await bot.text("1", "/rutten l26-5")).toContain("Nghiệp vụ công tác Đoàn 2026");
  });

  it("names the code in the class-opening and deadline messages, with the command to type", () => {
    const units = [unit("u1", { groups: [linkedGroup("-1001")] })];
    const c = course("c1", { code: "L26-04", createdAt: "2026-03-01T02:00:00Z", quotas: { u1: 3 } });
    const { now, lastTickAt } = tickAt("2026-03-01T02:00:30Z");
    const [group] = plan(data({ units, courses: [c], lastTickAt }), now);
    const t = translator("vi");
    expect(t(group!.message.key, group!.message.vars)).toContain("Mở đăng ký lớp L26-04 «");
    expect(t(group!.message.key, group!.message.vars)).toContain("gõ /ghidanh L26-04 trong tin nhắn riêng với bot.");
    expect(translator("en")(group!.message.key, group!.message.vars)).toContain("eligible cadres type /enroll L26-04 in a private chat");
  });
});
