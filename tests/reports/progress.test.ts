import { describe, expect, it } from "vitest";
import { periodSummary } from "../../src/features/reports";
import { createTestBot, seedCertificate, seedReport, seedUnit, type TestBot } from "../helpers/chat";

/**
 * On 29/11/2026 (window: the year 2026):
 * - u01 "Sở Tư pháp": Secretary 201 (elected 01/03/2026, trung cấp, title certificate 2025, fostered 10/10/2026),
 *   committee member 202 (cao cấp, fostered 02/02/2026). T1 2/2, T2 1/1, theory 2/2.
 * - u02 "Sở Y tế": Secretary 301 (elected 01/06/2026, sơ cấp, no certificate), committee member 302 (certificate of 2025).
 *   T1 0/2, T2 0/1, theory 0/2.
 * - u03 "Sở Xây dựng": Secretary 401 re-elected (in the post since 2018, no title certificate, trung cấp,
 *   fostered 05/11/2026), committee members 402, 403 (sơ cấp). T1 1/3, T2 —, theory 1/3.
 * Bloc: 7 cadres, T1 3/7 (42,9%), T2 1/2 (50%), theory 3/7 (42,9%).
 */
async function setup(): Promise<TestBot> {
  const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z" });
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
    { userId: "201", fullName: "Trần Thị Bình", position: "secretary", electedOn: "2026-03-01", theoryLevel: "intermediate" },
    { userId: "202", fullName: "Lê Văn An", position: "committee", theoryLevel: "advanced" },
  ]);
  await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" }, [
    { userId: "301", fullName: "Ngô Văn Dũng", position: "secretary", electedOn: "2026-06-01", theoryLevel: "basic" },
    { userId: "302", fullName: "Mai Thị Em", position: "committee", theoryLevel: "none" },
  ]);
  await seedUnit(bot.store, { id: "u03", name: "Đoàn cơ sở Sở Xây dựng" }, [
    { userId: "401", fullName: "Võ Văn Hùng", position: "secretary", electedOn: "2018-09-01", theoryLevel: "intermediate" },
    { userId: "402", fullName: "Đỗ Văn Khoa", position: "committee" },
    { userId: "403", fullName: "Hồ Thị Lan", position: "committee" },
  ]);
  await seedCertificate(bot.store, { personId: "p-201", issuedOn: "2025-08-01", title: true });
  await seedCertificate(bot.store, { personId: "p-201", issuedOn: "2026-10-10" });
  await seedCertificate(bot.store, { personId: "p-202", issuedOn: "2026-02-02" });
  await seedCertificate(bot.store, { personId: "p-302", issuedOn: "2025-11-20" });
  await seedCertificate(bot.store, { personId: "p-401", issuedOn: "2026-11-05" });
  return bot;
}

describe("/tiendo: progress against the plan's targets", () => {
  it("shows an admin the bloc and every unit, furthest behind first", async () => {
    const bot = await setup();
    const text = await bot.text("admin", "/tiendo");
    expect(text).toContain("Tiến độ thực hiện KH-2026 (tính từ 01/01/2026 đến 31/12/2027)");
    expect(text).not.toMatch(/\bT[12]\b/);
    expect(text).toContain("Toàn Khối:\n7 cán bộ Đoàn · bồi dưỡng 3/7 (42,9%) · Bí thư mới bầu 1/2 (50%) · lý luận chính trị 3/7 (42,9%)");
    expect(text).toContain(
      [
        "1. Đoàn cơ sở Sở Y tế: bồi dưỡng 0% · Bí thư mới bầu 0% · lý luận chính trị 0%",
        "2. Đoàn cơ sở Sở Xây dựng: bồi dưỡng 33,3% · Bí thư mới bầu — · lý luận chính trị 33,3%",
        "3. Đoàn cơ sở Sở Tư pháp: bồi dưỡng 100% · Bí thư mới bầu 100% · lý luận chính trị 100%",
      ].join("\n"),
    );
  });

  it("shows an officer their own unit and the bloc total, not the other units", async () => {
    const bot = await setup();
    const text = await bot.text("401", "/progress");
    expect(text).toContain("Toàn Khối:\n7 cán bộ Đoàn · bồi dưỡng 3/7");
    expect(text).toContain(
      "Đoàn cơ sở Sở Xây dựng (xếp thứ 2/3, tính từ đơn vị chậm nhất):\n3 cán bộ Đoàn · bồi dưỡng 1/3 (33,3%) · Bí thư mới bầu 0/0 (—) · lý luận chính trị 1/3 (33,3%)",
    );
    expect(text).not.toContain("Sở Y tế");
  });

  it("says first which word it did not take (a date), and where a past year's figures are, before today's progress", async () => {
    const bot = await setup();
    const [admin] = (await bot.text("admin", "/tiendo 01/03/2026")).split("\n\n");
    expect(admin).toBe(
      "Bot chưa hiểu «01/03/2026» sau /tiendo, nên đây là tiến độ tính đến hôm nay. Gõ /tiendo tatca để xem tất cả đơn vị, /baocaonam 2025 để xem số liệu của một năm đã qua.",
    );
    const [officer, rest] = (await bot.text("401", "/tiendo 2026-03-01")).split("\n\n");
    expect(officer).toBe("Bot chưa hiểu «2026-03-01» sau /tiendo, nên đây là tiến độ tính đến hôm nay.");
    expect(rest).toMatch(/^Tiến độ thực hiện KH-2026 \(tính từ 01\/01\/2026 đến 31\/12\/2027\)/);
    expect((await bot.text("admin", "/tiendo tatca")).split("\n")[0]).not.toContain("Bot chưa hiểu");
  });

  it("counts a newly elected Secretary once they get the title certificate", async () => {
    const bot = await setup();
    await seedCertificate(bot.store, { personId: "p-301", issuedOn: "2026-11-28", title: true });
    const text = await bot.text("admin", "/tiendo");
    expect(text).toContain("bồi dưỡng 4/7 (57,1%) · Bí thư mới bầu 2/2 (100%)");
    expect(text).toContain("Đoàn cơ sở Sở Y tế: bồi dưỡng 50% · Bí thư mới bầu 100% · lý luận chính trị 0%");
  });

  it("shows Secretaries with no election date as such: named to their officer, counted for the admins", async () => {
    const bot = await setup();
    await seedUnit(bot.store, { id: "u04", name: "Đoàn cơ sở Sở Công Thương" }, [
      { userId: "501", fullName: "Phan Văn Tâm", position: "secretary" },
      { userId: "502", fullName: "Đinh Thị Uyên", position: "deputy", electedOn: "2026-01-10" },
    ]);
    expect(await bot.text("502", "/tiendo")).toContain(
      "• Chưa có ngày được bầu: Phan Văn Tâm. Cập nhật ngày được bầu trong hồ sơ để tính đúng chỉ tiêu Bí thư mới bầu.",
    );
    const admin = await bot.text("admin", "/tiendo");
    expect(admin).toContain(
      "• 1 Bí thư chưa có ngày được bầu nên chưa tính được vào chỉ tiêu Bí thư mới bầu. Cập nhật ngày được bầu trong hồ sơ cán bộ.",
    );
    expect(admin).toMatch(/Đoàn cơ sở Sở Công Thương: [^\n]* · 1 Bí thư chưa có ngày được bầu/);
  });

  it("lists the 10 units furthest behind of 66, and all of them on /tiendo tatca", async () => {
    const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z", adminIds: ["telegram:admin"] });
    for (let i = 1; i <= 66; i++) await seedUnit(bot.store, { id: `u${String(i).padStart(2, "0")}` }, [{ userId: `c${i}` }]);
    const [first] = await bot.say("admin", "/tiendo");
    expect(first!.text).toContain("10 đơn vị chậm nhất:");
    expect(first!.text).toMatch(/\n10\. Đoàn cơ sở u\d\d:/);
    expect(first!.text).not.toMatch(/\n11\. /);
    expect(first!.text).toContain("Còn 56 đơn vị khác: /tiendo tatca để xem tất cả, /xuat để tải bảng Excel.");
    expect(first!.buttons).toEqual([[{ label: "Xem cả 66 đơn vị", data: "/tiendo tatca" }]]);
    // All 66, a page of 15 at a time on a phone.
    const [all] = await bot.say("admin", "/tiendo tatca", { isButton: true });
    expect(all!.text).toContain("Các đơn vị, chậm nhất xếp trước: (trang 1/5)");
    expect(all!.text).toMatch(/\n15\. Đoàn cơ sở u\d\d:/);
    expect(all!.text).not.toMatch(/\n16\. /);
    expect(all!.buttons).toEqual([[{ label: "Xem thêm", data: "/tiendo tatca trang 2" }]]);
    const last = await bot.text("admin", "/tiendo tatca trang 5", { isButton: true });
    expect(last).toMatch(/^Các đơn vị, chậm nhất xếp trước: \(trang 5\/5\)\n61\. Đoàn cơ sở u\d\d:/);
    expect(last).toMatch(/\n66\. Đoàn cơ sở u\d\d:/);
  });
});

describe("period summary for the admins", () => {
  it("sums up who reported and how progress moved during the period", async () => {
    const bot = await setup();
    bot.setNow("2027-01-11T03:00:00.000Z");
    await seedReport(bot.store, { unitId: "u01", period: "2026-Q4", submittedAt: "2027-01-08T02:00:00.000Z" });
    await seedReport(bot.store, { unitId: "u02", period: "2026-Q4", submittedAt: "2027-01-11T02:00:00.000Z", late: true });
    const { text } = await periodSummary(bot.deps, "2026-Q4");
    expect(text).toContain("Tổng kết kỳ báo cáo Quý 4/2026");
    expect(text).toContain("1 đúng hạn, 1 trễ hạn, 1 chưa báo cáo, trên tổng số 3 đơn vị.");
    expect(text).toContain("Chưa báo cáo:\n• Đoàn cơ sở Sở Xây dựng — liên hệ: Bí thư Võ Văn Hùng");
    expect(text).not.toContain("Nộp đúng hạn:");
    // Before Q4 (30/09/2026): 202 fostered → 1/7; by 31/12/2026: 201, 202, 401 → 3/7.
    expect(text).toContain("Cán bộ được bồi dưỡng: 14,3% → 42,9% (+28,6 điểm %)");
    expect(text).toContain("Bí thư mới được bầu đã được đào tạo nghiệp vụ: 50% → 50% (+0 điểm %)");
  });
});
