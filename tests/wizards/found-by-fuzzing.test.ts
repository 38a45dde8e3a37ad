/** What the fuzz tests found, kept as plain examples so that a regression reads clearly. */
import { describe, expect, it } from "vitest";
import { seedWorld, speakers } from "./routes";

describe("refusals found by fuzzing", () => {
  it("quotes at most 60 characters of a 5,000-character class kind typed at /taolop", async () => {
    const bot = await seedWorld();
    await bot.say(speakers.admin, "/taolop");
    const [refusal] = await bot.say(speakers.admin, "x".repeat(5000));
    expect(refusal!.text).toBe(`Không có loại lớp “${"x".repeat(59)}…” trong Kế hoạch. Hãy chọn một loại lớp trong danh sách.`);
  });

  it("quotes at most 60 characters of a long unit name typed at /thongbao", async () => {
    const bot = await seedWorld();
    await bot.say(speakers.admin, "/thongbao");
    await bot.say(speakers.admin, "units");
    const [refusal] = await bot.say(speakers.admin, "Nguyễn".repeat(900));
    expect(refusal!.text.length).toBeLessThan(120);
    expect(refusal!.text).toBe(`Không tìm thấy đơn vị nào khớp với «${"Nguyễn".repeat(9)}Nguyễ…».`);
  });

  it("refuses a class title of two characters written with an emoji at the title step, not at the end", async () => {
    const bot = await seedWorld();
    await bot.say(speakers.admin, "/taolop");
    await bot.say(speakers.admin, "youth-work");
    expect(await bot.text(speakers.admin, "^🐝")).toBe("Tên lớp cần từ 3 đến 200 ký tự.\n\nTên lớp?");
  });

  it("takes /hoso __proto__ for an unknown field", async () => {
    const bot = await seedWorld();
    expect(await bot.text(speakers.cadre, "/hoso __proto__")).toBe("Không có mục này để sửa. Gõ /hoso để xem các mục sửa được.");
    expect(await bot.store.wizards.count()).toBe(0);
  });

  it("quotes at most 200 characters of an id typed after a command", async () => {
    const bot = await seedWorld();
    const text = await bot.text(speakers.admin, `/duyet ${"x".repeat(4000)}`);
    expect(text.length).toBeLessThan(300);
    expect(text).toContain(`${"x".repeat(199)}…`);
  });

  it("reclaims nothing when /thuhoi names constructor as a unit", async () => {
    const bot = await seedWorld();
    expect(await bot.text(speakers.admin, "/thuhoi k1 constructor")).toBe(
      "Không có chỗ phân bổ nào chưa dùng để thu hồi ở lớp “Bồi dưỡng nghiệp vụ công tác Đoàn”.",
    );
    expect((await bot.store.courses.get("k1"))!.quotas).toEqual({ u01: 3, u02: 2 });
  });
});
