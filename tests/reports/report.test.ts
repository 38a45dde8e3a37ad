import { describe, expect, it } from "vitest";
import { createTestBot, seedUnit, type TestBot } from "../helpers/chat";

/**
 * Unit u01: Secretary Bình (sơ cấp, user 201), Deputy An (trung cấp, 202), member Cường (none, 203), member Hoa
 * (none, 204) planned for the Deputy's post. Unit u02: Secretary Dũng (301).
 */
async function setup(): Promise<TestBot> {
  const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z" });
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
    { userId: "201", fullName: "Trần Thị Bình", position: "secretary", electedOn: "2026-03-01", theoryLevel: "basic" },
    { userId: "202", fullName: "Lê Văn An", position: "deputy", electedOn: "2024-03-01", theoryLevel: "intermediate" },
    { userId: "203", fullName: "Phạm Văn Cường", position: "member", theoryLevel: "none" },
    { userId: "204", fullName: "Đỗ Thị Hoa", position: "member", theoryLevel: "none", plannedFor: "deputy" },
  ]);
  await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" }, [
    { userId: "301", fullName: "Ngô Văn Dũng", position: "secretary", electedOn: "2023-05-01", theoryLevel: "intermediate" },
  ]);
  return bot;
}

/** Walks the wizard with the given answers and returns the last reply's text. */
async function file(bot: TestBot, user: string, command: string, answers: string[]): Promise<string> {
  let last = await bot.text(user, command);
  for (const a of answers) last = await bot.text(user, a);
  return last;
}

describe("/baocao: a unit's status report", () => {
  it("shows the facts and the needs review candidates, then files the officer's answers", async () => {
    const bot = await setup();
    const first = await bot.text("201", "/baocao");
    expect(first).toContain("Báo cáo tình hình Quý 4/2026 — Đoàn cơ sở Sở Tư pháp");
    expect(first).toContain("Hạn nộp: 10/01/2027");
    // Phạm Văn Cường and Đỗ Thị Hoa are ordinary members (đoàn viên), not cadres: not counted.
    expect(first).toContain("Số cán bộ Đoàn: 2");
    expect(first).toContain("Đã được bồi dưỡng (từ 01/01/2026 đến 31/12/2027): 0");
    expect(first).toContain("Bí thư mới được bầu chưa được đào tạo nghiệp vụ: 1");
    expect(first).toContain("Bí thư, Phó Bí thư chưa đạt trung cấp lý luận chính trị: 1");
    // Proposed for study: cadres and cadres planned for a post (Hoa), never an ordinary member (Cường); under each,
    // the cadre regulation's rules (R6) they fall short of, quoting the rule's source.
    expect(first).toContain(
      "1. Trần Thị Bình\n   ⚠️ chưa đạt trình độ lý luận chính trị tối thiểu (trung cấp) — theo Kế hoạch 49-KH/ĐTN, mục I: chuẩn hóa trình độ lý luận chính trị từ trung cấp trở lên với cán bộ đoàn (chưa kiểm chứng)\n2. Đỗ Thị Hoa",
    );
    expect(first).not.toContain("Phạm Văn Cường");
    expect(await bot.text("201", "7")).toContain("từ 1 đến 2");
    expect(await bot.text("201", "1, 2")).toContain("Cấp ủy đã đồng ý");
    await bot.say("201", "yes", { isButton: true });
    await bot.say("201", "Thiếu kinh phí tổ chức lớp");
    const summary = await bot.text("201", "-");
    expect(summary).toContain("Đề xuất học lý luận chính trị: Trần Thị Bình, Đỗ Thị Hoa");
    expect(summary).toContain("Khó khăn: Thiếu kinh phí tổ chức lớp");
    expect(summary).toContain("Kiến nghị: không có");
    expect(await bot.text("201", "ok")).toContain(
      "Đã nhận báo cáo Quý 4/2026 của Đoàn cơ sở Sở Tư pháp (lần nộp thứ 1). Bạn có thể sửa bằng /baocao đến hết ngày 10/01/2027.",
    );
    const report = await bot.store.reports.get("u01:2026-Q4");
    expect(report).toMatchObject({
      unitId: "u01",
      period: "2026-Q4",
      late: false,
      submittedBy: "p-201",
      committeeApproved: true,
      proposedForTheory: ["p-201", "p-204"],
      difficulties: "Thiếu kinh phí tổ chức lớp",
      proposals: "",
      history: [],
      facts: { cadres: 2, fostered: 0, newSecretariesWithoutTitle: 1, belowTheoryStandard: 1 },
    });
  });

  it("lets the unit edit and re-file before the deadline, keeping every earlier version", async () => {
    const bot = await setup();
    await file(bot, "201", "/baocao", ["1", "Có", "Thiếu kinh phí", "-", "ok"]);
    bot.setNow("2026-12-15T03:00:00.000Z");
    const again = await bot.text("202", "/baocao");
    expect(again).toContain("Đơn vị đã nộp báo cáo kỳ này lúc 10:00 29/11/2026");
    expect(await file(bot, "202", "/baocao", ["0", "Chưa", "-", "Xin mở thêm lớp", "ok"])).toContain("lần nộp thứ 2");
    expect(await file(bot, "201", "/baocao", ["2", "Có", "-", "-", "ok"])).toContain("lần nộp thứ 3");
    const report = (await bot.store.reports.get("u01:2026-Q4"))!;
    expect(report).toMatchObject({ proposedForTheory: ["p-204"], committeeApproved: true, submittedBy: "p-201", late: false });
    expect(report.history.map((h) => [h.submittedBy, h.committeeApproved, h.difficulties, h.proposals])).toEqual([
      ["p-201", true, "Thiếu kinh phí", ""],
      ["p-202", false, "", "Xin mở thêm lớp"],
    ]);
    expect(await bot.store.audit.find({ subjectId: "u01:2026-Q4" })).toHaveLength(3);
  });

  it("refuses an officer of another unit, and stores nothing for that unit", async () => {
    const bot = await setup();
    expect(await bot.text("301", "/baocao u01")).toBe("Bạn chỉ có thể báo cáo cho đơn vị của mình, không báo cáo thay đơn vị u01.");
    expect(await bot.store.reports.get("u01:2026-Q4")).toBeUndefined();
    expect(await bot.store.wizards.count()).toBe(0);
  });

  it("refuses a plain member and answers an admin who names no unit", async () => {
    const bot = await setup();
    expect(await bot.text("203", "/baocao")).toContain("không có quyền dùng lệnh /baocao");
    expect(await bot.text("admin", "/baocao")).toContain("/baocao u01");
    expect(await bot.text("admin", "/baocao u02")).toContain("Đoàn cơ sở Sở Y tế");
  });

  it("accepts a report after the deadline and marks it late", async () => {
    const bot = await setup();
    bot.setNow("2027-01-12T02:00:00.000Z");
    const reply = await file(bot, "301", "/baocao 2026-Q4", ["0", "Có", "-", "-", "ok"]);
    expect(reply).toContain("Báo cáo nộp sau hạn nên được ghi nhận là trễ hạn.");
    expect(await bot.store.reports.get("u02:2026-Q4")).toMatchObject({ late: true, period: "2026-Q4" });
  });

  it("marks late a report started before the deadline and sent after it", async () => {
    const bot = await setup();
    bot.setNow("2027-01-10T16:50:00.000Z");
    await file(bot, "301", "/baocao", ["0", "Có", "-", "-"]);
    bot.setNow("2027-01-10T17:00:00.000Z");
    expect(await bot.text("301", "ok")).toContain("trễ hạn");
    expect((await bot.store.reports.get("u02:2026-Q4"))!.late).toBe(true);
  });

  it("closes an on-time report once the deadline has passed", async () => {
    const bot = await setup();
    await file(bot, "201", "/baocao", ["0", "Có", "-", "-", "ok"]);
    bot.setNow("2027-01-12T02:00:00.000Z");
    expect(await bot.text("201", "/baocao 2026-Q4")).toContain("đã hết hạn chỉnh sửa (hạn 10/01/2027)");
    expect(await bot.text("201", "/baocao")).toContain("Quý 1/2027");
  });

  it("re-asks difficulties longer than the record allows, and refuses a future or malformed period", async () => {
    const bot = await setup();
    await file(bot, "201", "/baocao", ["0", "Có"]);
    expect(await bot.text("201", "x".repeat(2001))).toContain("Nội dung dài 2001 ký tự, vượt quá 2000 ký tự.");
    expect(await bot.text("301", "/baocao 2027-Q2")).toContain("chưa bắt đầu");
    expect(await bot.text("301", "/baocao 2026-11")).toBe(
      "Kỳ báo cáo “2026-11” không đúng. Ghi quý theo dạng Q4/2026 (hoặc quý 4/2026, 2026-Q4).",
    );
    expect(await bot.text("301", "/baocao Q5/2026")).toBe(
      "Kỳ báo cáo “Q5/2026” không đúng. Ghi quý theo dạng Q4/2026 (hoặc quý 4/2026, 2026-Q4).",
    );
  });

  it("works only in private chat", async () => {
    const bot = await setup();
    expect(await bot.text("201", "/baocao", { chatType: "group", chatId: "-100" })).toBe(
      "Lệnh /baocao chỉ dùng trong tin nhắn riêng với bot: bạn mở trò chuyện riêng với bot rồi gõ /baocao ở đó.",
    );
  });
});
