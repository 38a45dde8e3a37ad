/** Codes typed in any case: what /dsdonvi and /lichhoc show in capitals is taken in capitals or not. */
import { describe, expect, it } from "vitest";
import { createTestBot, seedUnit } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";

describe("codes in any case", () => {
  it("finds a unit by its id or its code whatever the case, in /donvi, /dsdonvi and /linkdonvi", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "stc2", code: "STC2", name: "Đoàn cơ sở Sở Tài chính" }, [{ userId: "1", fullName: "Lê Văn Một" }]);
    expect(await bot.text("admin", "/donvi STC2")).toContain("Đoàn cơ sở Sở Tài chính");
    expect(await bot.text("admin", "/donvi Stc2")).toContain("Lê Văn Một");
    expect(await bot.text("admin", "/dsdonvi STC2")).toContain("🏢 Đoàn cơ sở Sở Tài chính");
    expect(await bot.text("admin", "/linkdonvi STC2")).toContain("u-stc2");
  });

  it("takes a unit's link in capitals, and says what to do when the link leads nowhere", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "stc2", name: "Đoàn cơ sở Sở Tài chính" });
    expect(await bot.text("500", "/start u-STC2")).toContain("Đoàn cơ sở Sở Tài chính");
    expect(await bot.text("501", "/start u-xyz")).toBe(
      "Không tìm thấy đơn vị «xyz» (đường dẫn có thể đã cũ hoặc bị cắt mất). Gõ /dangky để đăng ký hồ sơ và chọn đơn vị của bạn trong danh sách.",
    );
  });

  it("takes a class code, a unit id and a session code in any case", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "d", position: "deputy", fullName: "Trần Phó" }]);
    await seedCourse(bot.store, { id: "c-1", code: "L26-01", quotas: { u01: 2 } });
    expect(await bot.text("admin", "/phanbo l26-01 U01 5")).toContain("Đã đặt số lượng phân bổ của u01 là 5 chỗ.");
    await bot.say("d", "/ghidanh l26-01");
    const [people] = await bot.say("admin", "/danhdau L26-01 S1");
    expect(people!.buttons!.flat().map((b) => b.data)).toEqual(["/danhdau L26-01 s1 p-d"]);
  });
});

describe("searching a unit by name", () => {
  it("finds the departments for «Sở» and the police for «Công an», not every unit holding the letters", async () => {
    const bot = await createTestBot();
    for (const [id, name] of [
      ["u01", "Đoàn cơ sở Sở Tư pháp"],
      ["u02", "Đoàn cơ sở Sở Y tế"],
      ["u03", "Đoàn cơ sở Công an thành phố"],
      ["u04", "Đoàn cơ sở Ban Dân vận Thành ủy"],
      ["u05", "Đoàn cơ sở Bệnh viện Đa khoa thành phố"],
    ])
      await seedUnit(bot.store, { id: id!, name: name! });
    await bot.say("500", "/dangky");
    await bot.say("500", "Nguyễn Văn An");
    const [departments] = await bot.say("500", "Sở");
    expect(departments!.buttons!.flat().map((b) => b.label)).toEqual(["Đoàn cơ sở Sở Tư pháp", "Đoàn cơ sở Sở Y tế"]);
    await bot.say("500", "/quaylai");
    // One unit found: it is taken, and the next question comes.
    expect(await bot.text("500", "Công an")).toBe("Chức vụ của bạn trong đơn vị là gì?");
    const [state] = await bot.store.wizards.all();
    expect(state!.data).toMatchObject({ unitId: "u03" });
  });
});
