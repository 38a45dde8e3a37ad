import { describe, expect, it } from "vitest";
import { createTestBot, seedReport, seedUnit, type TestBot } from "../helpers/chat";

/**
 * Q4 2026, due 10/01/2027, seen on 15/01/2027: u01 on time, u02 late, u03 missing (filed only Q3),
 * u04 missing with no officer registered.
 */
async function setup(): Promise<TestBot> {
  const bot = await createTestBot({ now: "2027-01-15T03:00:00.000Z" });
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
    { userId: "201", fullName: "Trần Thị Bình", position: "secretary", phone: "0901111111" },
  ]);
  await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" }, [{ userId: "301", fullName: "Ngô Văn Dũng", position: "deputy" }]);
  await seedUnit(bot.store, { id: "u03", name: "Đoàn cơ sở Sở Xây dựng" }, [
    { userId: "401", fullName: "Lý Thị Hoa", position: "deputy", phone: "0912222222" },
    { userId: "402", fullName: "Võ Văn Hùng", position: "secretary", phone: "0913333333" },
    { userId: "403", fullName: "Đỗ Văn Khoa", position: "member", phone: "0914444444" },
  ]);
  await seedUnit(bot.store, { id: "u04", name: "Đoàn cơ sở Sở Công Thương" });
  await seedReport(bot.store, { unitId: "u01", period: "2026-Q4", submittedAt: "2027-01-08T02:00:00.000Z" });
  await seedReport(bot.store, { unitId: "u02", period: "2026-Q4", submittedAt: "2027-01-12T02:00:00.000Z", late: true });
  await seedReport(bot.store, { unitId: "u03", period: "2026-Q3", submittedAt: "2026-10-05T02:00:00.000Z" });
  return bot;
}

describe("/tinhhinh: who has reported", () => {
  it("pages the board of 30 units on a phone, the counts heading every page", async () => {
    const bot = await createTestBot({ now: "2027-01-15T03:00:00.000Z" });
    for (let i = 1; i <= 30; i++) await seedUnit(bot.store, { id: `u${String(i).padStart(2, "0")}` });
    const [first] = await bot.say("admin", "/tinhhinh 2026-Q4");
    const title = "Tình hình báo cáo Quý 4/2026 (hạn 10/01/2027): 0 đúng hạn, 0 trễ hạn, 30 chưa báo cáo, trên tổng số 30 đơn vị.";
    expect(first!.text.split("\n")[0]).toBe(`${title} (trang 1/3)`);
    expect(first!.text.split("\n")).toHaveLength(16);
    expect(first!.buttons).toEqual([[{ label: "Xem thêm", data: "/tinhhinh 2026-Q4 trang 2" }]]);
    const [third] = await bot.say("admin", "/tinhhinh 2026-Q4 trang 3", { isButton: true });
    expect(third!.text.split("\n")[0]).toBe(`${title} (trang 3/3)`);
    expect(third!.text).toContain("• Đoàn cơ sở u30");
    expect(third!.buttons).toBeUndefined();
  });

  it("lists for an admin the units that reported on time, late, or not at all, with whom to call", async () => {
    const bot = await setup();
    const board = await bot.text("admin", "/tinhhinh 2026-Q4");
    expect(board).toContain("Tình hình báo cáo Quý 4/2026 (hạn 10/01/2027): 1 đúng hạn, 1 trễ hạn, 2 chưa báo cáo, trên tổng số 4 đơn vị.");
    const section = (heading: string) => board.split(`${heading}\n`)[1]!.split("\n\n")[0]!.split("\n");
    expect(section("Chưa báo cáo:")).toEqual([
      "• Đoàn cơ sở Sở Công Thương — liên hệ: chưa có Bí thư, Phó Bí thư đăng ký",
      "• Đoàn cơ sở Sở Xây dựng — liên hệ: Bí thư Võ Văn Hùng (0913333333); Phó Bí thư Lý Thị Hoa (0912222222)",
    ]);
    expect(section("Nộp trễ hạn:")).toEqual(["• Đoàn cơ sở Sở Y tế — nộp lúc 09:00 12/01/2027 — Phó Bí thư Ngô Văn Dũng"]);
    expect(section("Nộp đúng hạn:")).toEqual(["• Đoàn cơ sở Sở Tư pháp — nộp lúc 09:00 08/01/2027 — Bí thư Trần Thị Bình"]);
    expect(board).not.toContain("0901111111");
    expect(board).not.toContain("Khoa");
  });

  it("keeps on a past quarter's board a unit closed after it, which owed that report, and leaves it off the next", async () => {
    const bot = await setup();
    const u04 = (await bot.store.units.get("u04"))!;
    await bot.store.units.put({ ...u04, status: "closed", endedAt: "2027-01-20T03:00:00.000Z" });
    bot.setNow("2027-01-25T03:00:00.000Z");
    expect(await bot.text("admin", "/tinhhinh 2026-Q4")).toContain(
      "Quý 4/2026 (hạn 10/01/2027): 1 đúng hạn, 1 trễ hạn, 2 chưa báo cáo, trên tổng số 4 đơn vị.",
    );
    expect(await bot.text("admin", "/tinhhinh 2027-Q1")).toContain(
      "Quý 1/2027 (hạn 10/04/2027): 0 đúng hạn, 0 trễ hạn, 3 chưa báo cáo, trên tổng số 3 đơn vị.",
    );
  });

  it("leaves off a past quarter's board a unit created after it ended, and lists it on the quarter it joined in", async () => {
    const bot = await setup();
    await bot.say("admin", "/taodonvi");
    await bot.say("admin", "Đoàn cơ sở Sở Khoa học và Công nghệ");
    await bot.say("admin", "agency", { isButton: true });
    await bot.say("admin", "25");
    expect((await bot.say("admin", "SKHCN"))[0]!.text).toBe("Đã tạo đơn vị Đoàn cơ sở Sở Khoa học và Công nghệ (mã SKHCN).");
    expect(await bot.text("admin", "/tinhhinh 2026-Q4")).toContain(
      "Quý 4/2026 (hạn 10/01/2027): 1 đúng hạn, 1 trễ hạn, 2 chưa báo cáo, trên tổng số 4 đơn vị.",
    );
    const q1 = await bot.text("admin", "/tinhhinh 2027-Q1");
    expect(q1).toContain("Quý 1/2027 (hạn 10/04/2027): 0 đúng hạn, 0 trễ hạn, 5 chưa báo cáo, trên tổng số 5 đơn vị.");
    expect(q1).toContain("• Đoàn cơ sở Sở Khoa học và Công nghệ — liên hệ: chưa có Bí thư, Phó Bí thư đăng ký");
  });

  it("leaves phone numbers out of the board when asked in a group", async () => {
    const bot = await setup();
    const board = await bot.text("admin", "/tinhhinh 2026-Q4", { chatType: "group", chatId: "-100" });
    expect(board).toContain("• Đoàn cơ sở Sở Xây dựng — liên hệ: Bí thư Võ Văn Hùng; Phó Bí thư Lý Thị Hoa");
    expect(board).not.toMatch(/09\d{8}/);
  });

  it("takes the period being collected when none is given", async () => {
    const bot = await setup();
    bot.setNow("2027-01-05T03:00:00.000Z");
    expect(await bot.text("admin", "/status")).toContain("Quý 4/2026");
    bot.setNow("2027-01-15T03:00:00.000Z");
    expect(await bot.text("admin", "/status")).toContain("Quý 1/2027 (hạn 10/04/2027): 0 đúng hạn, 0 trễ hạn, 4 chưa báo cáo");
  });

  it("shows an officer only their own unit's reports", async () => {
    const bot = await setup();
    const own = await bot.text("401", "/tinhhinh 2026-Q4");
    expect(own).toContain("Báo cáo của Đoàn cơ sở Sở Xây dựng:");
    expect(own).toContain("• Quý 4/2026: chưa báo cáo, hạn 10/01/2027.");
    expect(own).toContain("• Quý 3/2026: nộp lúc 09:00 05/10/2026 — Đúng hạn, số lần sửa: 0");
    expect(own).not.toContain("Sở Tư pháp");
  });

  it("refuses a cadre and a malformed period", async () => {
    const bot = await setup();
    expect(await bot.text("403", "/tinhhinh")).toContain("không có quyền");
    expect(await bot.text("admin", "/tinhhinh 2026-13")).toContain("không đúng");
  });
  it("takes the quarter as people write it (Q4/2026, quý 4/2026, 2026-q4) and says how to write it when it is not one", async () => {
    const bot = await setup();
    const title = "Tình hình báo cáo Quý 4/2026 (hạn 10/01/2027): 1 đúng hạn, 1 trễ hạn, 2 chưa báo cáo, trên tổng số 4 đơn vị.";
    for (const typed of ["Q4/2026", "quý 4/2026", "Quý 4 năm 2026", "2026-q4", "q4 2026"])
      expect((await bot.text("admin", `/tinhhinh ${typed}`)).split("\n")[0], typed).toBe(title);
    expect(await bot.text("admin", "/tinhhinh 2099")).toBe(
      "Kỳ báo cáo “2099” không đúng. Ghi quý theo dạng Q4/2026 (hoặc quý 4/2026, 2026-Q4).",
    );
    expect(await bot.text("admin", "/tinhhinh 4/2026")).toBe(
      "Kỳ báo cáo “4/2026” không đúng. Ghi quý theo dạng Q4/2026 (hoặc quý 4/2026, 2026-Q4).",
    );
    expect(await bot.text("admin", "/xuat quý 3/2026")).toBe("Báo cáo tổng hợp của Đoàn Khối, kèm báo cáo Quý 3/2026 của các đơn vị.");
    await bot.say("admin", "/lang en");
    expect(await bot.text("admin", "/status 2026-13")).toBe(
      "“2026-13” is not a reporting period. Write the quarter like Q4/2026 (or 2026-Q4).",
    );
  });
});
