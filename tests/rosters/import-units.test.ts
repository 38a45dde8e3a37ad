/** A sheet sent in chat that names units the bloc lacks: a preview, then the import once confirmed. */
import { describe, expect, it } from "vitest";
import { buttonData, createTestBot, seedUnit, type TestBot } from "../helpers/chat";

const csv = (lines: string[]) => Buffer.from(lines.join("\n"), "utf8");
const send = (bot: TestBot, fileName: string, content: Buffer) => bot.say("admin", "", { document: { fileName, content } });
const header = "Họ và tên,Mã đơn vị,Tên đơn vị,Chức vụ,Trình độ LLCT,Trình độ chuyên môn,Năm sinh,Ngày đồng ý";

describe("a roster that names new units, sent in chat", () => {
  it("previews the units to create and the records, and imports only once the admin confirms", async () => {
    const bot = await createTestBot({ adminIds: ["telegram:admin"] });
    await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" });
    const sheet = csv([
      header,
      "Lê Thị Hồng Nhung,u01,,Bí thư,Trung cấp,Đại học,1990,05/01/2026",
      "Trần Văn Minh,,Đoàn cơ sở Sở Y tế,Đoàn viên,Sơ cấp,Đại học,1996,05/01/2026",
      "Phạm Thị Thu Hà,SNV,Đoàn cơ sở Sở Nội vụ,Phó Bí thư,Sơ cấp,Thạc sĩ,1993,05/01/2026",
    ]);
    const preview = await send(bot, "ds.csv", sheet);
    expect(preview[0]!.text).toBe(
      "2 đơn vị mới sẽ được tạo: Đoàn cơ sở Sở Y tế (SYT); Đoàn cơ sở Sở Nội vụ (SNV).\n3 hồ sơ cán bộ trong tệp: 3 mới, 0 cập nhật, 0 không đổi.\nChọn «Nhập» để tạo đơn vị và nhập hồ sơ, hoặc Hủy.",
    );
    expect(await bot.store.units.count()).toBe(1);
    expect(await bot.store.cadres.count()).toBe(0);
    const done = await bot.text("admin", buttonData(preview, "Nhập"), { isButton: true });
    expect(done).toBe(
      "Đã tạo 2 đơn vị mới: Đoàn cơ sở Sở Y tế (SYT); Đoàn cơ sở Sở Nội vụ (SNV).\nĐã nhập danh sách: 3 hồ sơ mới, 0 hồ sơ cập nhật, 0 hồ sơ không đổi.",
    );
    expect((await bot.store.cadres.all()).map((c) => c.unitId)).toEqual(["u01", "syt", "snv"]);
    // Sending it again: the units exist now and every record is as the sheet says; nothing to confirm.
    expect((await send(bot, "ds.csv", sheet))[0]!.text).toBe("Tệp không thay đổi gì: 3 hồ sơ đã có đúng như trong tệp.");
  });

  it("finds the bloc's units by name without «Đoàn cơ sở», by code and by a former name, and creates no second unit", async () => {
    const bot = await createTestBot({ adminIds: ["telegram:admin"] });
    await seedUnit(bot.store, { id: "stc", code: "STC", name: "Đoàn cơ sở Sở Tài chính" });
    await seedUnit(bot.store, {
      id: "skhcn",
      code: "SKHCN",
      name: "Đoàn cơ sở Sở Khoa học và Công nghệ",
      formerNames: [{ name: "Đoàn cơ sở Sở Thông tin và Truyền thông", until: "2025-03-01" }],
    });
    const sheet = csv([
      header,
      "Lê Thị Hồng Nhung,,Sở Tài chính,Bí thư,Trung cấp,Đại học,1990,05/01/2026",
      "Trần Văn Minh,,SỞ TÀI CHÍNH,Đoàn viên,Sơ cấp,Đại học,1996,05/01/2026",
      "Phạm Thị Thu Hà,STC,Sở Tài chính,Phó Bí thư,Sơ cấp,Thạc sĩ,1993,05/01/2026",
      "Võ Minh Khoa,,Sở Thông tin và Truyền thông,Đoàn viên,Sơ cấp,Đại học,1998,05/01/2026",
    ]);
    const preview = await send(bot, "ds.csv", sheet);
    expect(preview[0]!.text).toBe("4 hồ sơ cán bộ trong tệp: 4 mới, 0 cập nhật, 0 không đổi.\nChọn «Nhập» để nhập, hoặc Hủy.");
    expect(await bot.store.cadres.count()).toBe(0);
    expect(await bot.text("admin", buttonData(preview, "Nhập"), { isButton: true })).toBe(
      "Đã nhập danh sách: 4 hồ sơ mới, 0 hồ sơ cập nhật, 0 hồ sơ không đổi.",
    );
    expect((await bot.store.units.all()).map((u) => u.id)).toEqual(["stc", "skhcn"]);
    expect((await bot.store.cadres.all()).map((c) => c.unitId)).toEqual(["stc", "stc", "stc", "skhcn"]);
  });

  it("asks before creating a unit whose name is close to an existing one", async () => {
    const bot = await createTestBot({ adminIds: ["telegram:admin"] });
    await seedUnit(bot.store, { id: "stc", code: "STC", name: "Đoàn cơ sở Sở Tài chính" });
    const preview = await send(bot, "ds.csv", csv([header, "Lê Thị Hồng Nhung,,Sở Tài chánh,Bí thư,Trung cấp,Đại học,1990,05/01/2026"]));
    expect(preview[0]!.text).toBe(
      [
        "1 đơn vị mới sẽ được tạo: Sở Tài chánh (STC2).",
        "«Sở Tài chánh» gần giống đơn vị đã có «Đoàn cơ sở Sở Tài chính» (STC). Nếu là cùng một đơn vị, bạn sửa tên trong tệp hoặc ghi mã STC ở cột «Mã đơn vị» rồi gửi lại; chọn «Nhập» sẽ tạo đơn vị mới.",
        "1 hồ sơ cán bộ trong tệp: 1 mới, 0 cập nhật, 0 không đổi.",
        "Chọn «Nhập» để tạo đơn vị và nhập hồ sơ, hoặc Hủy.",
      ].join("\n"),
    );
    expect(await bot.text("admin", "/huy")).toBeTruthy();
    expect(await bot.store.units.count()).toBe(1);
    expect(await bot.store.cadres.count()).toBe(0);
  });

  it("refuses the whole sheet, naming row and column, when a code belongs to another unit or a unit is closed", async () => {
    const bot = await createTestBot({ adminIds: ["telegram:admin"] });
    await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" });
    await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Cũ", status: "closed" });
    const answer = await send(
      bot,
      "ds.csv",
      csv([
        header,
        "Lê Thị Hồng Nhung,u01,Đoàn cơ sở Sở Y tế,Bí thư,Trung cấp,Đại học,1990,05/01/2026",
        "Trần Văn Minh,,Đoàn cơ sở Sở Cũ,Đoàn viên,Sơ cấp,Đại học,1996,05/01/2026",
        "Phạm Thị Thu Hà,,Đoàn cơ sở Sở Nội vụ,Phó Bí thư,Sơ cấp,Thạc sĩ,1993,05/01/2026",
      ]),
    );
    expect(answer[0]!.text.split("\n").filter((l) => l.startsWith("Dòng"))).toEqual([
      "Dòng 2, cột «Tên đơn vị»: mã u01 là của Đoàn cơ sở Sở Tư pháp, khác với tên đơn vị ở dòng này.",
      "Dòng 3, cột «Tên đơn vị»: Đoàn cơ sở Sở Cũ đã giải thể hoặc sáp nhập; dùng đơn vị hiện nay.",
    ]);
    expect(answer[0]!.text).toContain("Chưa nhập dòng nào");
    expect(await bot.store.units.count()).toBe(2);
    expect(await bot.store.cadres.count()).toBe(0);
  });

  it("refuses a unit of more than 100000 members, naming the limit", async () => {
    const bot = await createTestBot({ adminIds: ["telegram:admin"] });
    const answer = await send(bot, "dv.csv", csv(["Tên đơn vị,Số đoàn viên", "Đoàn cơ sở Sở Y tế,100001"]));
    expect(answer[0]!.text).toContain("Dòng 2, cột «Số đoàn viên»: số đoàn viên phải là số nguyên từ 0 đến 100000.");
    expect(await bot.store.units.count()).toBe(0);
  });
});
