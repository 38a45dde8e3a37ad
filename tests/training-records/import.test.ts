import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { TestBot } from "../helpers/chat";
import { twoUnits } from "./two-units";

/**
 * The bloc of ./two-units.ts. The issue: officers (own unit) and admins record training done elsewhere "by chat
 * and by sheet import"; a date in the future or before birth year + 15, or a number already recorded for the
 * same issuer, is refused.
 */
const bloc = twoUnits;

const HEADER = ["Mã cán bộ", "Họ tên cán bộ", "Loại chứng chỉ", "Số chứng chỉ", "Ngày cấp", "Nơi cấp"];

async function sheet(rows: string[][], header = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Chứng chỉ");
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const send = (bot: TestBot, user: string, content: Buffer, fileName = "chung-chi.xlsx") =>
  bot.say(user, "", { document: { fileName, content } });

describe("certificates from elsewhere, imported from a sheet", () => {
  it("/nhapchungchi sends the template, whose headers read back", async () => {
    const bot = await bloc();
    const [reply] = await bot.say("sec", "/nhapchungchi");
    expect(reply!.text).toContain(
      "Gửi tệp chứng chỉ học tại nơi khác (.xlsx hoặc .csv) vào đây để nhập, mỗi dòng một chứng chỉ, tối đa 2000 dòng",
    );
    expect(reply!.file!.name).toBe("mau-chung-chi-hoc-ngoai.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(reply!.file!.content as unknown as ArrayBuffer);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
  });

  it("previews an officer's clean sheet, records it on «Ghi nhận», and the diploma counts toward the targets", async () => {
    const bot = await bloc();
    expect(await bot.text("admin", "/tiendo")).toContain(
      "5 cán bộ Đoàn · bồi dưỡng 0/5 (0%) · Bí thư mới bầu 0/0 (—) · lý luận chính trị 2/5 (40%)",
    );
    const preview = await send(
      bot,
      "sec",
      await sheet([
        ["p-cb", "", "Trung cấp", "1234/TCCT", "15/06/2026", "Trường Chính trị TP. Cần Thơ"],
        ["", "Võ Thị Hà", "khac", "55", "01/03/2026", "Thành đoàn Cần Thơ"],
      ]),
    );
    expect(preview.map((r) => r.text).join("\n")).toBe(
      [
        "Tệp hợp lệ: 2 chứng chỉ của 2 cán bộ (1 bằng lý luận chính trị, nâng trình độ đã ghi nếu cao hơn). Chọn «Ghi nhận» để lưu, hoặc /huy để thôi.",
        "• Lê Văn An: Học lý luận chính trị trung cấp, số 1234/TCCT, do Trường Chính trị TP. Cần Thơ cấp ngày 15/06/2026",
        "• Võ Thị Hà: khác, số 55, do Thành đoàn Cần Thơ cấp ngày 01/03/2026",
      ].join("\n"),
    );
    expect(await bot.store.certificates.count()).toBe(0);
    expect(await bot.text("sec", "ok", { isButton: true })).toBe(
      "Đã ghi nhận 2 chứng chỉ học tại nơi khác; các chứng chỉ được tính vào chỉ tiêu như chứng chỉ của lớp do Đoàn Khối tổ chức.",
    );
    expect((await bot.store.certificates.all()).map((c) => [c.personId, c.kind, c.number, c.origin, c.recordedBy])).toEqual(
      expect.arrayContaining([
        ["p-cb", "theory-intermediate", "1234/TCCT", "outside", "p-sec"],
        ["p-cb2", "other", "55", "outside", "p-sec"],
      ]),
    );
    expect((await bot.store.cadres.get("p-cb"))!.theoryLevel).toBe("intermediate");
    expect(await bot.store.audit.find({ action: "certificate.import" })).toMatchObject([{ actorId: "p-sec", details: { count: 2 } }]);
    expect(await bot.store.audit.find({ action: "certificate.outside" })).toHaveLength(2);
    // Plan 49's fostering target takes a certificate of any kind: both count; the diploma also raises An to trung cấp.
    expect(await bot.text("admin", "/tiendo")).toContain(
      "5 cán bộ Đoàn · bồi dưỡng 2/5 (40%) · Bí thư mới bầu 0/0 (—) · lý luận chính trị 3/5 (60%)",
    );
  });

  it("refuses a future date, a date before birth year + 15 and a duplicate number, each by row and field, and records nothing", async () => {
    const bot = await bloc();
    await bot.say("sec", "/chungchingoai p-cb2 youth-work NV-1 10/10/2025 Thành đoàn Cần Thơ");
    const answer = await send(
      bot,
      "sec",
      await sheet([
        ["p-cb", "", "trungcap", "A-1", "01/01/2027", "Trường Chính trị"],
        ["p-cb", "", "youth-work", "A-2", "31/12/2012", "Thành đoàn Cần Thơ"],
        ["p-cb", "", "youth-work", "NV-1", "10/10/2025", "Thành đoàn Cần Thơ"],
        ["p-cb", "", "youth-work", "A-3", "01/02/2026", "Thành đoàn Cần Thơ"],
        ["p-cb2", "", "youth-work", "A-3", "01/02/2026", "thành đoàn cần thơ"],
        ["p-cb3", "", "khac", "A-4", "01/02/2026", "Thành đoàn Cần Thơ"],
        ["", "Nguyễn Văn Không Có", "khac", "A-5", "01/02/2026", "Thành đoàn Cần Thơ"],
        ["p-cb", "", "tienganh", "A-6", "32/01/2026", ""],
      ]),
    );
    expect(answer.map((r) => r.text).join("\n")).toBe(
      [
        "Tệp có 9 lỗi ở 7 dòng; bot chưa ghi nhận chứng chỉ nào. Bạn sửa rồi gửi lại:",
        "Dòng 2, cột «Ngày cấp»: Ngày cấp 01/01/2027 là ngày trong tương lai: chưa thể ghi nhận chứng chỉ này.",
        "Dòng 3, cột «Ngày cấp»: Ngày cấp 31/12/2012 sớm hơn năm cán bộ đủ 15 tuổi (01/01/2013): bạn kiểm tra lại ngày cấp.",
        "Dòng 4, cột «Số chứng chỉ»: Số chứng chỉ NV-1 do Thành đoàn Cần Thơ cấp đã được ghi nhận rồi.",
        "Dòng 6, cột «Số chứng chỉ»: Số chứng chỉ A-3 do thành đoàn cần thơ cấp đã được ghi nhận rồi.",
        "Dòng 7, cột «Mã cán bộ»: Bạn chỉ ghi nhận, xác nhận được chứng chỉ của cán bộ đơn vị mình.",
        "Dòng 8, cột «Họ tên cán bộ»: không có cán bộ tên «Nguyễn Văn Không Có» trong đơn vị bạn phụ trách; ghi Mã cán bộ (xem bằng /xuatds).",
        "Dòng 9, cột «Loại chứng chỉ»: Loại “tienganh” không có trong kế hoạch. Ghi một loại lớp (youth-work, supplementary, lecturers, title-secretary, theory-basic, theory-intermediate), trình độ lý luận chính trị (socap, trungcap, caocap, cunhan) hoặc khac.",
        "Dòng 9, cột «Nơi cấp»: chưa có giá trị.",
        "Dòng 9, cột «Ngày cấp»: Ngày cấp “32/01/2026” không đúng. Ghi ngày theo dạng dd/mm/yyyy.",
      ].join("\n"),
    );
    expect(await bot.store.certificates.count()).toBe(1);
    expect(await bot.store.wizards.count()).toBe(0);
  });

  it("lets an admin import for any unit", async () => {
    const bot = await bloc();
    await send(bot, "admin", await sheet([["p-cb3", "", "youth-work", "NV-9", "01/09/2026", "Thành đoàn Cần Thơ"]]));
    expect(await bot.text("admin", "ok", { isButton: true })).toContain("Đã ghi nhận 1 chứng chỉ học tại nơi khác");
    const admin = (await bot.store.accounts.get("telegram:admin"))!.personId;
    expect(await bot.store.certificates.find({ personId: "p-cb3" })).toMatchObject([{ number: "NV-9", recordedBy: admin }]);
  });

  it("reads a CSV sheet too", async () => {
    const bot = await bloc();
    const csv = `${HEADER.join(",")}\np-cb,,youth-work,NV-2,02/02/2026,Thành đoàn Cần Thơ\n`;
    const preview = await send(bot, "sec", Buffer.from(csv), "chung-chi.csv");
    expect(preview[0]!.text).toContain("Tệp hợp lệ: 1 chứng chỉ của 1 cán bộ");
  });

  it("refuses a sheet of more than 2,000 rows without reading the rest", async () => {
    const bot = await bloc();
    const rows = Array.from({ length: 2001 }, (_, i) => ["p-cb", "", "khac", `X-${i}`, "01/02/2026", "Thành đoàn Cần Thơ"]);
    expect(await send(bot, "sec", await sheet(rows)).then((r) => r[0]!.text)).toBe(
      "Tệp quá lớn: mỗi lần gửi tối đa 2000 dòng. Bạn chia tệp thành nhiều phần rồi gửi lần lượt.",
    );
  });

  it("still refuses an officer's roster sheet as a roster import, which only admins may do", async () => {
    const bot = await bloc();
    const roster = await sheet([["Lê Văn Mới", "u01", "Đoàn viên"]], ["Họ và tên", "Mã đơn vị", "Chức vụ"]);
    expect((await send(bot, "sec", roster))[0]!.text).toContain("không có quyền dùng lệnh /nhapds");
  });
});
