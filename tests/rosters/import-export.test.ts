import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n";
import { columns, header } from "../../src/features/rosters/roster-file";
import { buttonData, createTestBot, seedUnit, type TestBot } from "../helpers/chat";

const vi = translator("vi");
const family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"];
const middle = ["Văn", "Thị", "Minh", "Ngọc", "Quốc", "Thanh", "Hữu", "Gia", "Bảo", "Đức"];
const given = [
  "An",
  "Bình",
  "Chi",
  "Dũng",
  "Giang",
  "Hà",
  "Hải",
  "Hạnh",
  "Hiếu",
  "Hòa",
  "Hùng",
  "Khoa",
  "Lan",
  "Linh",
  "Long",
  "Mai",
  "Nam",
  "Nga",
  "Nhung",
  "Phúc",
  "Quân",
  "Quyên",
  "Sơn",
  "Tâm",
  "Thảo",
  "Trang",
  "Trung",
  "Tuấn",
  "Uyên",
  "Yến",
];

type Row = Record<string, string | number>;

function rosterRow(i: number): Row {
  const officer = i % 25 === 0;
  return {
    fullName: `${family[i % 10]} ${middle[Math.floor(i / 10) % 10]} ${given[Math.floor(i / 100) % 30]}`,
    unitId: `u${String((i % 10) + 1).padStart(2, "0")}`,
    position: officer ? "Phó Bí thư" : "Đoàn viên",
    electedOn: officer ? "12/03/2025" : "",
    theoryLevel: ["Chưa có", "Sơ cấp", "Trung cấp"][i % 3]!,
    professionalLevel: "Đại học",
    birthYear: 1985 + (i % 20),
    phone: i % 2 ? `09${String(10000000 + i).slice(0, 8)}` : "",
    consentPurposes:
      i % 2
        ? "Quản lý hồ sơ cán bộ và tổ chức đào tạo, bồi dưỡng; Liên hệ qua số điện thoại"
        : "Quản lý hồ sơ cán bộ và tổ chức đào tạo, bồi dưỡng",
    consentAt: "05/01/2026",
  };
}

async function workbook(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Danh sách");
  const used = columns.filter((c) => c !== "id" && c !== "unitName" && c !== "status");
  sheet.addRow(used.map((c) => header(vi, c)));
  for (const r of rows) sheet.addRow(used.map((c) => r[c] ?? ""));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function bloc(): Promise<TestBot> {
  const bot = await createTestBot({ adminIds: ["telegram:admin"] });
  for (let u = 1; u <= 10; u++) await seedUnit(bot.store, { id: `u${String(u).padStart(2, "0")}` });
  return bot;
}

const PREVIEW_ASK = "Chọn «Nhập» để nhập, hoặc Hủy.";

/** Sends a sheet as the admin does; when the bot shows its preview, presses «Nhập» and returns what the import answered. */
async function send(bot: TestBot, fileName: string, content: Buffer, userId = "admin"): Promise<string> {
  const replies = await bot.say(userId, "", { document: { fileName, content } });
  const text = replies.map((r) => r.text).join("\n");
  if (!text.endsWith(PREVIEW_ASK)) return text;
  return bot.text(userId, buttonData(replies, "Nhập"), { isButton: true });
}

describe("roster import and export", () => {
  it("reports exactly the 3 bad rows of a 3,000-row workbook, by row and column in Vietnamese, and imports nothing", async () => {
    const bot = await bloc();
    const rows = Array.from({ length: 3000 }, (_, i) => rosterRow(i));
    rows[99] = { ...rows[99]!, birthYear: "19x5" };
    rows[1499] = { ...rows[1499]!, unitId: "u99" };
    rows[2999] = { ...rows[2999]!, position: "Chủ tịch" };
    const answer = await send(bot, "danh-sach.xlsx", await workbook(rows));
    const problems = answer.split("\n").filter((l) => l.startsWith("Dòng "));
    expect(problems).toEqual([
      "Dòng 101, cột «Năm sinh»: Năm sinh cần là một năm có 4 chữ số, từ 1940 đến 2015.",
      "Dòng 1501, cột «Mã đơn vị»: không có đơn vị với mã này; thêm cột Tên đơn vị để bot tạo đơn vị mới.",
      "Dòng 3001, cột «Chức vụ»: giá trị không hợp lệ; dùng một trong: Bí thư, Phó Bí thư, Ủy viên BCH, Báo cáo viên, Đoàn viên.",
    ]);
    expect(answer).toContain("Chưa nhập dòng nào");
    expect(await bot.store.cadres.count()).toBe(0);
    expect(await bot.store.people.count()).toBe(1);
  });

  it("imports every row of a clean workbook, and re-importing its own export changes nothing", async () => {
    const bot = await bloc();
    const sheet = await workbook(Array.from({ length: 3000 }, (_, i) => rosterRow(i)));
    // A preview first, even though the sheet creates no unit; nothing is written before «Nhập».
    const preview = await bot.text("admin", "", { document: { fileName: "danh-sach.xlsx", content: sheet } });
    expect(preview).toBe(`3000 hồ sơ cán bộ trong tệp: 3000 mới, 0 cập nhật, 0 không đổi.\n${PREVIEW_ASK}`);
    expect(await bot.store.cadres.count()).toBe(0);
    const answer = await send(bot, "danh-sach.xlsx", sheet);
    expect(answer).toBe("Đã nhập danh sách: 3000 hồ sơ mới, 0 hồ sơ cập nhật, 0 hồ sơ không đổi.");
    expect(await bot.store.cadres.count()).toBe(3000);
    const sample = (await bot.store.cadres.find({ fullName: "Nguyễn Văn An" }))[0]!;
    expect(sample).toMatchObject({ unitId: "u01", position: "deputy", electedOn: "2025-03-12", status: "approved", birthYear: 1985 });

    const [exported] = await bot.say("admin", "/xuatds");
    expect(exported!.file!.name).toMatch(/^danh-sach-can-bo-tat-ca-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const before = JSON.stringify(await bot.store.cadres.all());
    const audits = await bot.store.audit.count();
    expect(await send(bot, exported!.file!.name, exported!.file!.content)).toBe(
      "Tệp không thay đổi gì: 3000 hồ sơ đã có đúng như trong tệp.",
    );
    expect(JSON.stringify(await bot.store.cadres.all())).toBe(before);
    expect(await bot.store.audit.count()).toBe(audits);
  });

  it("imports and exports the job position and civil-service grade, and a sheet without their columns keeps them", async () => {
    const bot = await bloc();
    const withJob = { ...rosterRow(1), jobPosition: "Chuyên viên phòng Nội vụ", civilServiceGrade: "Chuyên viên chính" };
    await send(bot, "a.xlsx", await workbook([withJob]));
    const [cadre] = await bot.store.cadres.find({ unitId: "u02" });
    expect(cadre).toMatchObject({ jobPosition: "Chuyên viên phòng Nội vụ", civilServiceGrade: "Chuyên viên chính" });
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("Danh sách");
    const used = columns.filter((c) => !["id", "unitName", "status", "jobPosition", "civilServiceGrade"].includes(c));
    sheet.addRow(used.map((c) => header(vi, c)));
    sheet.addRow(used.map((c) => withJob[c as keyof typeof withJob] ?? ""));
    // A sheet without the two columns changes nothing: the bot says so, and nothing is asked.
    expect(await send(bot, "b.xlsx", Buffer.from(await wb.xlsx.writeBuffer()))).toBe(
      "Tệp không thay đổi gì: 1 hồ sơ đã có đúng như trong tệp.",
    );
    const [exported] = await bot.say("admin", "/xuatds u02");
    const out = new ExcelJS.Workbook();
    await out.xlsx.load(exported!.file!.content as unknown as ArrayBuffer);
    // The last two columns before the note (empty here: the unit has one Secretary).
    expect((out.worksheets[0]!.getRow(2).values as unknown[]).slice(-3)).toEqual(["Chuyên viên phòng Nội vụ", "Chuyên viên chính", ""]);
  });

  it("exports with Vietnamese headers, and updates only the rows that changed", async () => {
    const bot = await bloc();
    await send(bot, "a.xlsx", await workbook([rosterRow(1), rosterRow(2)]));
    const [exported] = await bot.say("admin", "/xuatds u02");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported!.file!.content as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "Mã người",
      "Họ và tên",
      "Mã đơn vị",
      "Tên đơn vị",
      "Chức vụ",
      "Ngày được bầu",
      "Trình độ LLCT",
      "Trình độ chuyên môn",
      "Năm sinh",
      "Số điện thoại",
      "Trạng thái",
      "Mục đích đồng ý",
      "Ngày đồng ý",
      "Quy hoạch chức danh",
      "Báo cáo viên Đoàn Khối",
      "Vị trí việc làm",
      "Ngạch công chức, viên chức",
      "Ghi chú",
    ]);
    expect(sheet.rowCount).toBe(2);
    sheet.getRow(2).getCell(8).value = "Trung cấp";
    const changed = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await send(bot, "b.xlsx", changed)).toBe("Đã nhập danh sách: 0 hồ sơ mới, 1 hồ sơ cập nhật, 0 hồ sơ không đổi.");
    expect((await bot.store.audit.find({ action: "roster.import" })).at(-1)!.details).toEqual({ created: 0, updated: 1, unchanged: 0 });
  });

  it("exports who is planned for a post and who is a bloc lecturer, and reads both columns back", async () => {
    const bot = await bloc();
    await send(bot, "a.xlsx", await workbook([rosterRow(1)]));
    const [person] = await bot.store.cadres.all();
    await bot.say("admin", `/quyhoach ${person!.id} phobithu`);
    await bot.say("admin", `/baocaovien ${person!.id}`);
    const [exported] = await bot.say("admin", "/xuatds u02");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported!.file!.content as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect([sheet.getRow(2).getCell(14).value, sheet.getRow(2).getCell(15).value]).toEqual(["Phó Bí thư", "Có"]);
    // Its own export changes nothing.
    expect(await send(bot, "same.xlsx", exported!.file!.content)).toBe("Tệp không thay đổi gì: 1 hồ sơ đã có đúng như trong tệp.");

    sheet.getRow(2).getCell(14).value = "Bí thư";
    sheet.getRow(2).getCell(15).value = "";
    expect(await send(bot, "b.xlsx", Buffer.from(await wb.xlsx.writeBuffer()))).toBe(
      "Đã nhập danh sách: 0 hồ sơ mới, 1 hồ sơ cập nhật, 0 hồ sơ không đổi.",
    );
    expect(await bot.store.cadres.get(person!.id)).toMatchObject({ plannedFor: "secretary", lecturer: false });

    sheet.getRow(2).getCell(14).value = "Chủ tịch";
    sheet.getRow(2).getCell(15).value = "Có lẽ";
    const bad = await send(bot, "c.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
    expect(bad.split("\n").filter((l) => l.startsWith("Dòng "))).toEqual([
      "Dòng 2, cột «Quy hoạch chức danh»: giá trị không hợp lệ; dùng một trong: Bí thư, Phó Bí thư.",
      "Dòng 2, cột «Báo cáo viên Đoàn Khối»: giá trị không hợp lệ; ghi «Có» hoặc để trống.",
    ]);
    expect(await bot.store.cadres.get(person!.id)).toMatchObject({ plannedFor: "secretary", lecturer: false });
  });

  it("keeps the marks of a sheet that has no planned-for-post or lecturer column", async () => {
    const bot = await bloc();
    await send(bot, "a.xlsx", await workbook([rosterRow(1)]));
    const [person] = await bot.store.cadres.all();
    await bot.say("admin", `/quyhoach ${person!.id} bithu`);
    await bot.say("admin", `/baocaovien ${person!.id}`);
    const csv = [
      "Mã người,Họ và tên,Mã đơn vị,Chức vụ,Trình độ LLCT,Trình độ chuyên môn,Năm sinh,Mục đích đồng ý,Ngày đồng ý",
      `${person!.id},${person!.fullName},u02,Đoàn viên,Trung cấp,Đại học,${person!.birthYear},"Quản lý hồ sơ cán bộ và tổ chức đào tạo, bồi dưỡng",05/01/2026`,
    ].join("\n");
    expect(await send(bot, "ds.csv", Buffer.from(csv))).toContain("1 hồ sơ cập nhật");
    expect(await bot.store.cadres.get(person!.id)).toMatchObject({ theoryLevel: "intermediate", plannedFor: "secretary", lecturer: true });
  });

  it("reads a CSV roster, keeping the leading zero of phone numbers", async () => {
    const bot = await bloc();
    const csv = [
      "Họ và tên,Mã đơn vị,Chức vụ,Trình độ LLCT,Trình độ chuyên môn,Năm sinh,Số điện thoại,Mục đích đồng ý,Ngày đồng ý",
      'Lý Thị Hồng,u03,Đoàn viên,Sơ cấp,Cao đẳng,1999,0376543210,"Quản lý hồ sơ cán bộ và tổ chức đào tạo, bồi dưỡng; Liên hệ qua số điện thoại",05/01/2026',
      'Mai Văn Tùng,u03,Ủy viên BCH,Trung cấp,Thạc sĩ,1990,,"Quản lý hồ sơ cán bộ và tổ chức đào tạo, bồi dưỡng",05/01/2026',
    ].join("\n");
    expect(await send(bot, "ds.csv", Buffer.from(`\uFEFF${csv}`))).toContain("2 hồ sơ mới");
    expect((await bot.store.cadres.find({ fullName: "Lý Thị Hồng" }))[0]!.phone).toBe("0376543210");
  });

  it("imports a roster without the professional level, and /donvi tells the officer who has not given it", async () => {
    const bot = await bloc();
    await seedUnit(bot.store, { id: "u03", name: "Đoàn cơ sở Sở Xây dựng" }, [
      { userId: "sec", position: "secretary", electedOn: "2025-01-01", fullName: "Đinh Văn Bí" },
    ]);
    const csv = [
      "Họ và tên,Mã đơn vị,Chức vụ,Trình độ LLCT,Năm sinh,Ngày đồng ý",
      "Lý Thị Hồng,u03,Đoàn viên,Sơ cấp,1999,05/01/2026",
      "Mai Văn Tùng,u03,Ủy viên BCH,Trung cấp,1990,05/01/2026",
    ].join("\n");
    expect(await send(bot, "ds.csv", Buffer.from(csv))).toContain("2 hồ sơ mới");
    expect((await bot.store.cadres.find({ unitId: "u03" })).map((c) => [c.fullName, c.professionalLevel])).toEqual([
      ["Đinh Văn Bí", "university"],
      ["Lý Thị Hồng", undefined],
      ["Mai Văn Tùng", undefined],
    ]);
    const roster = await bot.text("sec", "/donvi u03");
    expect(roster).toMatch(/• Lý Thị Hồng \(p-[\w-]+\) — Đoàn viên; LLCT: Sơ cấp; [^\n]* — chưa khai trình độ chuyên môn/);
    expect(roster).not.toMatch(/Đinh Văn Bí[^\n]*chưa khai/);
    expect(roster).toContain("📝 2 người chưa khai trình độ chuyên môn (không hỏi khi đăng ký): nhắc họ gõ /hoso để bổ sung.");
  });

  it("refuses a roster file from someone who is not an admin, and names missing columns", async () => {
    const bot = await bloc();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "sec", position: "secretary", electedOn: "2025-01-01" }]);
    const file = await workbook([rosterRow(1)]);
    expect(await send(bot, "a.xlsx", file, "sec")).toContain("không có quyền");
    expect(await send(bot, "a.csv", Buffer.from("Họ và tên,Năm sinh\nAn,1990"))).toContain("Tệp thiếu cột: Mã đơn vị, Chức vụ");
    expect(await send(bot, "a.xlsx", Buffer.from("not a workbook"))).toContain("Không đọc được tệp a.xlsx");
  });
});
