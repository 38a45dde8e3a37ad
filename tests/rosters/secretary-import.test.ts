/**
 * One holder per post in a roster import: a row naming a Secretary of a unit that already has one
 * is imported as an executive committee member unless the sheet says it was elected after the
 * holder took the post; then it replaces the holder, who keeps the post in their history. The
 * preview and the report say which rows, and importing the same file again changes nothing. The
 * export of a unit with two stored Secretaries (old data) says which one counts.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n";
import { header, type Column } from "../../src/features/rosters/roster-file";
import { buttonData, createTestBot, seedUnit, type TestBot } from "../helpers/chat";
import { workbook as readWorkbook, values } from "../helpers/documents";

const vi = translator("vi");
const used: Column[] = ["fullName", "unitId", "position", "electedOn", "theoryLevel", "professionalLevel", "birthYear", "consentAt"];

type Row = Partial<Record<Column, string | number>>;

async function sheet(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Danh sách");
  ws.addRow(used.map((c) => header(vi, c)));
  for (const r of rows) ws.addRow(used.map((c) => r[c] ?? ""));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const row = (fullName: string, unitId: string, position: string, electedOn = ""): Row => ({
  fullName,
  unitId,
  position,
  electedOn,
  theoryLevel: "Sơ cấp",
  professionalLevel: "Đại học",
  birthYear: 1994,
  consentAt: "20/11/2026",
});

async function bloc(): Promise<TestBot> {
  const bot = await createTestBot({ adminIds: ["telegram:admin"], now: "2026-11-29T03:00:00.000Z" });
  await bot.say("admin", "/trogiup");
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp", code: "STP" }, [
    { userId: "an", fullName: "Lê Văn An", position: "secretary", electedOn: "2024-06-01" },
  ]);
  await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Nội vụ", code: "SNV" }, [
    { userId: "dung", fullName: "Phạm Văn Dũng", position: "secretary", electedOn: "2025-03-01" },
  ]);
  return bot;
}

/** The sheet of the tests below: a second Secretary without an election date, and a newly elected one. */
const rows = [
  row("Trần Thị Bình", "u01", "Bí thư"),
  row("Ngô Thị Cúc", "u02", "Bí thư", "15/10/2025"),
  row("Đỗ Văn Giang", "u02", "Bí thư", "01/01/2025"),
];

const BINH =
  "Dòng 2: Đoàn cơ sở Sở Tư pháp đã có Bí thư Lê Văn An (từ 01/06/2024), nên Trần Thị Bình được nhập là Ủy viên BCH vì mỗi đơn vị chỉ có một Bí thư. Nếu Trần Thị Bình là Bí thư mới được bầu, bạn ghi ngày bầu (sau 01/06/2024) ở cột «Ngày được bầu» rồi gửi lại tệp.";
const CUC =
  "Dòng 3: Ngô Thị Cúc, được bầu ngày 15/10/2025, thay Phạm Văn Dũng làm Bí thư Đoàn cơ sở Sở Nội vụ; Phạm Văn Dũng chuyển thành Ủy viên BCH, chức Bí thư được giữ trong lịch sử.";
const GIANG =
  "Dòng 4: Đoàn cơ sở Sở Nội vụ đã có Bí thư Ngô Thị Cúc (từ 15/10/2025), nên Đỗ Văn Giang được nhập là Ủy viên BCH vì mỗi đơn vị chỉ có một Bí thư. Nếu Đỗ Văn Giang là Bí thư mới được bầu, bạn ghi ngày bầu (sau 15/10/2025) ở cột «Ngày được bầu» rồi gửi lại tệp.";

const positions = async (bot: TestBot) =>
  Object.fromEntries((await bot.store.cadres.all()).map((c) => [c.fullName, [c.unitId, c.position, c.electedOn ?? null]]));

describe("a roster import onto a unit that has a Secretary", () => {
  it("previews which rows would make a second Secretary, imports them as committee members, and lets a later-elected one replace the holder", async () => {
    const bot = await bloc();
    const content = await sheet(rows);
    const preview = await bot.say("admin", "", { document: { fileName: "bch.xlsx", content } });
    expect(preview.map((r) => r.text).join("\n")).toBe(
      ["3 hồ sơ cán bộ trong tệp: 3 mới, 0 cập nhật, 0 không đổi.", BINH, CUC, GIANG, "Chọn «Nhập» để nhập, hoặc Hủy."].join("\n"),
    );
    // Nothing is written before «Nhập».
    expect(await positions(bot)).toEqual({
      "Lê Văn An": ["u01", "secretary", "2024-06-01"],
      "Phạm Văn Dũng": ["u02", "secretary", "2025-03-01"],
    });
    expect(await bot.text("admin", buttonData(preview, "Nhập"), { isButton: true })).toBe(
      [BINH, CUC, GIANG, "Đã nhập danh sách: 3 hồ sơ mới, 0 hồ sơ cập nhật, 0 hồ sơ không đổi."].join("\n"),
    );
    expect(await positions(bot)).toEqual({
      "Lê Văn An": ["u01", "secretary", "2024-06-01"],
      "Trần Thị Bình": ["u01", "committee", null],
      "Phạm Văn Dũng": ["u02", "committee", null],
      "Ngô Thị Cúc": ["u02", "secretary", "2025-10-15"],
      "Đỗ Văn Giang": ["u02", "committee", null],
    });
    expect(await bot.store.cadres.get("p-dung")).toMatchObject({
      postSince: "2026-11-29",
      formerPosts: [{ unitId: "u02", position: "secretary", from: "2025-03-01", until: "2026-11-28", electedOn: "2025-03-01" }],
    });
    const cuc = (await bot.store.cadres.find({ fullName: "Ngô Thị Cúc" }))[0]!;
    expect((await bot.store.audit.find({ action: "cadre.replace" })).map((a) => [a.subjectId, a.details])).toEqual([
      ["p-dung", { by: cuc.id }],
    ]);
    // One Secretary in each unit: nothing for the admins to choose.
    expect(await bot.text("admin", "/chonbithu")).toBe("Không đơn vị nào có hơn một Bí thư.");
  });

  it("changes nothing when the same file is imported again, and still says why the rows are committee members", async () => {
    const bot = await bloc();
    const content = await sheet(rows);
    const first = await bot.say("admin", "", { document: { fileName: "bch.xlsx", content } });
    await bot.text("admin", buttonData(first, "Nhập"), { isButton: true });
    const stored = JSON.stringify(await bot.store.cadres.all());
    const audits = await bot.store.audit.count();
    expect(await bot.text("admin", "", { document: { fileName: "bch.xlsx", content } })).toBe(
      [BINH, GIANG, "Tệp không thay đổi gì: 3 hồ sơ đã có đúng như trong tệp."].join("\n"),
    );
    expect(JSON.stringify(await bot.store.cadres.all())).toBe(stored);
    expect(await bot.store.audit.count()).toBe(audits);
  });

  it("keeps the holder's own row a committee member when a newly elected Secretary replaces them in the same sheet, and the next import changes nothing", async () => {
    const bot = await bloc();
    const [dung] = await bot.store.cadres.find({ fullName: "Phạm Văn Dũng" });
    // The unit's sheet still lists Dũng as Secretary beside the newly elected Cúc.
    const content = await sheet([
      { ...row("Phạm Văn Dũng", "u02", "Bí thư", "01/03/2025"), birthYear: dung!.birthYear, consentAt: "29/11/2026" },
      row("Ngô Thị Cúc", "u02", "Bí thư", "15/10/2025"),
    ]);
    const first = await bot.say("admin", "", { document: { fileName: "snv.xlsx", content } });
    expect(first.map((r) => r.text).join("\n")).toBe(
      [
        "2 hồ sơ cán bộ trong tệp: 1 mới, 1 cập nhật, 0 không đổi.",
        "Dòng 3: Ngô Thị Cúc, được bầu ngày 15/10/2025, thay Phạm Văn Dũng làm Bí thư Đoàn cơ sở Sở Nội vụ; Phạm Văn Dũng chuyển thành Ủy viên BCH, chức Bí thư được giữ trong lịch sử.",
        "Chọn «Nhập» để nhập, hoặc Hủy.",
      ].join("\n"),
    );
    await bot.text("admin", buttonData(first, "Nhập"), { isButton: true });
    expect(await positions(bot)).toEqual({
      "Lê Văn An": ["u01", "secretary", "2024-06-01"],
      "Phạm Văn Dũng": ["u02", "committee", null],
      "Ngô Thị Cúc": ["u02", "secretary", "2025-10-15"],
    });
    const stored = JSON.stringify(await bot.store.cadres.all());
    expect(await bot.text("admin", "", { document: { fileName: "snv.xlsx", content } })).toBe(
      [
        "Dòng 2: Đoàn cơ sở Sở Nội vụ đã có Bí thư Ngô Thị Cúc (từ 15/10/2025), nên Phạm Văn Dũng được nhập là Ủy viên BCH vì mỗi đơn vị chỉ có một Bí thư. Nếu Phạm Văn Dũng là Bí thư mới được bầu, bạn ghi ngày bầu (sau 15/10/2025) ở cột «Ngày được bầu» rồi gửi lại tệp.",
        "Tệp không thay đổi gì: 2 hồ sơ đã có đúng như trong tệp.",
      ].join("\n"),
    );
    expect(JSON.stringify(await bot.store.cadres.all())).toBe(stored);
  });
});

describe("a roster naming several Secretaries of a unit that has none", () => {
  it("reads them in the sheet's order: the first holds the post until a row elected later replaces it", async () => {
    const bot = await bloc();
    await seedUnit(bot.store, { id: "u03", name: "Đoàn cơ sở Sở Y tế", code: "SYT" });
    const content = await sheet([
      row("Võ Văn Hải", "u03", "Bí thư"),
      row("Huỳnh Thị Lan", "u03", "Bí thư"),
      row("Phan Văn Minh", "u03", "Bí thư", "01/02/2026"),
    ]);
    const preview = await bot.say("admin", "", { document: { fileName: "syt.xlsx", content } });
    expect(preview.map((r) => r.text).join("\n")).toBe(
      [
        "3 hồ sơ cán bộ trong tệp: 3 mới, 0 cập nhật, 0 không đổi.",
        "Dòng 3: Đoàn cơ sở Sở Y tế đã có Bí thư Võ Văn Hải ở dòng trên, nên Huỳnh Thị Lan được nhập là Ủy viên BCH vì mỗi đơn vị chỉ có một Bí thư. Nếu Huỳnh Thị Lan là Bí thư mới được bầu, bạn ghi ngày bầu ở cột «Ngày được bầu» rồi gửi lại tệp.",
        "Dòng 4: Phan Văn Minh, được bầu ngày 01/02/2026, là Bí thư Đoàn cơ sở Sở Y tế (bầu sau Võ Văn Hải ở dòng 2); Võ Văn Hải được nhập là Ủy viên BCH vì mỗi đơn vị chỉ có một Bí thư.",
        "Chọn «Nhập» để nhập, hoặc Hủy.",
      ].join("\n"),
    );
    await bot.text("admin", buttonData(preview, "Nhập"), { isButton: true });
    const u03 = Object.fromEntries((await bot.store.cadres.find({ unitId: "u03" })).map((c) => [c.fullName, c.position]));
    expect(u03).toEqual({ "Võ Văn Hải": "committee", "Huỳnh Thị Lan": "committee", "Phan Văn Minh": "secretary" });
  });
});

describe("the roster export of a unit with two Secretaries from old data", () => {
  it("says in its note column which one counts, and reads back without a change", async () => {
    const bot = await bloc();
    await seedUnit(bot.store, { id: "u03", name: "Đoàn cơ sở Sở Y tế", code: "SYT" }, [
      { userId: "hai", fullName: "Võ Văn Hải", position: "secretary", electedOn: "2023-05-10" },
      { userId: "lan", fullName: "Huỳnh Thị Lan", position: "secretary", electedOn: "2025-09-20" },
      { userId: "minh", fullName: "Phan Minh", position: "member" },
    ]);
    const [exported] = await bot.say("admin", "/xuatds SYT");
    expect(exported!.text).toBe(
      "Danh sách cán bộ Đoàn cơ sở Sở Y tế: 3 người.\n⚠️ 1 đơn vị đang có hơn một Bí thư (dữ liệu cũ); cột «Ghi chú» cho biết ai được tính là Bí thư.",
    );
    const ws = (await readWorkbook(exported!.file!.content)).worksheets[0]!;
    expect([1, 2, 3, 4].map((n) => values(ws, n)).map((r) => [r[1], r[4], r[17] ?? ""])).toEqual([
      ["Họ và tên", "Chức vụ", "Ghi chú"],
      [
        "Huỳnh Thị Lan",
        "Bí thư",
        "Bí thư được tính: đơn vị đang có 2 Bí thư, số liệu tính người được bầu gần nhất cho đến khi Ban Thường vụ chọn (/chonbithu).",
      ],
      [
        "Võ Văn Hải",
        "Bí thư",
        "Chưa được tính là Bí thư: số liệu tính Huỳnh Thị Lan (được bầu gần nhất) là Bí thư cho đến khi Ban Thường vụ chọn (/chonbithu).",
      ],
      ["Phan Minh", "Đoàn viên", ""],
    ]);
    // The two stored Secretaries are no new ones: importing the export back changes nothing and says nothing of them.
    const stored = JSON.stringify(await bot.store.cadres.all());
    expect(await bot.text("admin", "", { document: { fileName: exported!.file!.name, content: exported!.file!.content } })).toBe(
      "Tệp không thay đổi gì: 3 hồ sơ đã có đúng như trong tệp.",
    );
    expect(JSON.stringify(await bot.store.cadres.all())).toBe(stored);
  });
});
