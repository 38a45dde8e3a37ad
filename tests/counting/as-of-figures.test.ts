/**
 * Issue 24: a report about a past day has the figures of that day — the year's report made after the
 * year, the period summary sent after the deadline — the same as /tiendo showed on that day. Driven
 * through the real Telegram channel (the fake Bot API); the bloc is that of same-figures.test.ts.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startScheduler } from "../../src/scheduler";
import { seedCertificate } from "../helpers/chat";
import type { TelegramDriver } from "../helpers/channels";
import { ADMIN, documentText, documents, row, setup, workbook } from "./fixtures/bloc";

let driver: TelegramDriver | undefined;
afterEach(async () => {
  await driver?.close();
  driver = undefined;
});

describe("a year's report made after the year, as the year stood (Telegram)", () => {
  it("/baocaonam 2026, chosen from the years offered on 20/01/2027, has the figures /tiendo showed on 31/12/2026; /tiendo has moved on", async () => {
    const d = (driver = await setup());
    d.bot.setNow("2026-12-31T03:00:00.000Z");
    expect((await d.say(ADMIN, "/tiendo")).join("\n")).toContain(
      "Toàn Khối:\n7 cán bộ Đoàn · bồi dưỡng 3/7 (42,9%) · Bí thư mới bầu 1/2 (50%) · lý luận chính trị 4/7 (57,1%)",
    );
    // January 2027: Cường gets the title certificate (05/01); the September class is closed on 10/01 with Cường and
    // Dũng certified; u03 is closed on 15/01.
    const { store } = d.bot;
    await seedCertificate(store, { personId: "p-201", issuedOn: "2027-01-05", title: true });
    await store.courses.put({ ...(await store.courses.get("c-sep"))!, status: "completed", completedAt: "2027-01-10T09:00:00.000Z" });
    for (const person of ["p-201", "p-202"])
      await seedCertificate(store, { personId: person, issuedOn: "2027-01-10", courseId: "c-sep", kind: "supplementary" });
    await store.units.put({ ...(await store.units.get("u03"))!, status: "closed", endedAt: "2027-01-15T02:00:00.000Z" });

    d.bot.setNow("2027-01-20T03:00:00.000Z");
    expect((await d.say(ADMIN, "/tiendo")).join("\n")).toContain(
      "Toàn Khối:\n5 cán bộ Đoàn · bồi dưỡng 4/5 (80%) · Bí thư mới bầu 2/2 (100%) · lý luận chính trị 2/5 (40%)",
    );
    expect((await d.say(ADMIN, "/baocaonam")).join("\n")).toBe(
      "Bạn muốn lập báo cáo năm nào gửi Thành đoàn? Số liệu tính đến ngày 31/12 của năm đó.",
    );
    expect(await d.options(ADMIN)).toEqual(["2027", "2026", "2022", "2021", "2020"]);
    // Needs review on 31/12/2026: An, Hoa, Cường below trung cấp (Phương's diploma raised her). Reports missing: u01's
    // Q4, u02's and u03's four quarters, and u04's Q1 and Q2 (it closed on 01/09/2026, after those quarters ended). The lecturers' class of 15/12 is still open: named, not held.
    const from = d.harness.fake.calls.length;
    expect((await d.press(ADMIN, "2026")).join("\n")).toBe(
      [
        "Báo cáo năm 2026 gửi Thành đoàn (kế hoạch KH-2026), số liệu tính đến ngày 31/12/2026:",
        "• 1 lớp bồi dưỡng đã tổ chức, 2 học viên hoàn thành (được cấp chứng chỉ)",
        "• Cán bộ được bồi dưỡng: 42,9%; Bí thư mới được bầu đã được đào tạo: 50%; đạt chuẩn lý luận chính trị: 57,1%",
        "• Chứng chỉ: 2 từ lớp của Đoàn Khối, 1 học tại nơi khác",
        "• Rà soát nhu cầu: 3 cán bộ chưa đạt chuẩn lý luận chính trị hoặc quy định cán bộ",
        "• Lượt đơn vị chưa báo cáo: 11",
        "  Bí thư mới được bầu: mọi người được bầu làm Bí thư từ 01/07/2025 (6 tháng trước khi kế hoạch bắt đầu ngày 01/01/2026) đến ngày 31/12/2026, tính cho đến khi được đào tạo hoặc đến hết kế hoạch (31/12/2027).",
        "• 1 lớp đã qua buổi học cuối nhưng chưa được kết thúc nên chưa tính là đã tổ chức: gõ /ketthuc để kết thúc lớp.",
        "Chi tiết trong tệp Excel kèm theo.",
        "Dự thảo báo cáo (.docx) theo thể thức văn bản của Đoàn: điền số văn bản, ngày ký, chức vụ và họ tên người ký trước khi trình ký.",
      ].join("\n"),
    );
    const files = documents(d, from);
    const city = await workbook(files.get("bao-cao-nam-2026-2027-01-20.xlsx"));
    expect([6, 7, 8].map((n) => row(city.getWorksheet("Chỉ tiêu"), n).slice(2, 5))).toEqual([
      [3, 7, 3 / 7],
      [1, 2, 0.5],
      [4, 7, 4 / 7],
    ]);
    // The September class was closed in 2027: not held in 2026.
    const classes = city.getWorksheet("Lớp bồi dưỡng");
    expect(row(classes, 6)[3]).toBe("Bồi dưỡng nghiệp vụ tháng 5/2026");
    expect(row(classes, 7).slice(8)).toEqual([0, 0, 2, 0, 0, 0, 2]);
    const docx = await documentText(files.get("bao-cao-nam-2026-2027-01-20.docx"));
    expect(docx).toContain("2\nBí thư cơ sở mới được bầu được đào tạo nghiệp vụ cơ bản về công tác Đoàn, Hội\n1\n2\n50%\n100%");
    expect(docx).toContain("- 1 Bí thư mới được bầu chưa được đào tạo nghiệp vụ cơ bản về công tác Đoàn, Hội.");
    // III.2 counts the classes held by 31/12/2026 (the September class was closed in 2027), IV the units in the bloc then.
    expect(docx).toContain(
      "- Năm 2026: Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên: 1 lớp đã tổ chức; Bồi dưỡng kiến thức bổ trợ (ngoại ngữ, tin học, an ninh quốc phòng, nghiệp vụ): 0 lớp đã tổ chức; Bồi dưỡng đội ngũ báo cáo viên: 0 lớp đã tổ chức.",
    );
    expect(docx).toContain("- 1/3 đơn vị đã gửi báo cáo tình hình; 11 lượt đơn vị chưa báo cáo.");
  });
});

describe("the units that did not report, each period as the bloc stood at its end (Telegram)", () => {
  it("lists in January for last year a unit joined in November for Q4 only, and one closed in December for Q1–Q3 only", async () => {
    const d = (driver = await setup("2026-11-16T03:00:00.000Z"));
    // 16/11/2026: the admin creates a unit in the chat; it joins the bloc that day.
    await d.say(ADMIN, "/taodonvi");
    await d.say(ADMIN, "Đoàn cơ sở Sở Khoa học và Công nghệ");
    await d.press(ADMIN, "Cơ quan");
    await d.say(ADMIN, "25");
    expect((await d.say(ADMIN, "SKHCN")).join("\n")).toContain("Đã tạo đơn vị Đoàn cơ sở Sở Khoa học và Công nghệ (mã SKHCN).");
    expect(await d.bot.store.units.get("skhcn")).toMatchObject({ joinedOn: "2026-11-16" });
    // 10/12/2026: u03 (Sở Xây dựng) closes. Only u01 ever reported (Q1–Q3).
    await d.bot.store.units.put({ ...(await d.bot.store.units.get("u03"))!, status: "closed", endedAt: "2026-12-10T02:00:00.000Z" });

    d.bot.setNow("2027-01-20T03:00:00.000Z");
    const from = d.harness.fake.calls.length;
    expect((await d.say(ADMIN, "/baocaonam 2026")).join("\n")).toContain("• Lượt đơn vị chưa báo cáo: 11");
    const city = await workbook(documents(d, from).get("bao-cao-nam-2026-2027-01-20.xlsx"));
    const missing = city.getWorksheet("Chưa báo cáo");
    // u04 closed on 01/09 (after Q1 and Q2 ended), u03 on 10/12 (after Q3 ended); the new unit owed Q4 only.
    expect([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17].map((n) => row(missing, n))).toEqual([
      [1, "Quý 1/2026", "Đoàn cơ sở Sở Nội vụ"],
      [2, "Quý 1/2026", "Đoàn cơ sở Sở Xây dựng"],
      [3, "Quý 1/2026", "Đoàn cơ sở Sở Y tế"],
      [4, "Quý 2/2026", "Đoàn cơ sở Sở Nội vụ"],
      [5, "Quý 2/2026", "Đoàn cơ sở Sở Xây dựng"],
      [6, "Quý 2/2026", "Đoàn cơ sở Sở Y tế"],
      [7, "Quý 3/2026", "Đoàn cơ sở Sở Xây dựng"],
      [8, "Quý 3/2026", "Đoàn cơ sở Sở Y tế"],
      [9, "Quý 4/2026", "Đoàn cơ sở Sở Khoa học và Công nghệ"],
      [10, "Quý 4/2026", "Đoàn cơ sở Sở Tư pháp"],
      [11, "Quý 4/2026", "Đoàn cơ sở Sở Y tế"],
      [],
    ]);
    // /tinhhinh and /xuat read a past quarter the same way: Q3 was owed by u01, u02 and u03, not by the new unit.
    expect((await d.say(ADMIN, "/tinhhinh 2026-Q3")).join("\n")).toContain(
      "Tình hình báo cáo Quý 3/2026 (hạn 10/10/2026): 1 đúng hạn, 0 trễ hạn, 2 chưa báo cáo, trên tổng số 3 đơn vị.",
    );
    const at = d.harness.fake.calls.length;
    await d.say(ADMIN, "/xuat 2026-Q3");
    const [exported] = [...documents(d, at).values()];
    const reports = (await workbook(exported)).getWorksheet("Báo cáo Quý 3-2026");
    expect([6, 7, 8, 9].map((n) => row(reports, n).slice(0, 3))).toEqual([
      [1, "Đoàn cơ sở Sở Xây dựng", "Chưa báo cáo"],
      [2, "Đoàn cơ sở Sở Y tế", "Chưa báo cáo"],
      [3, "Đoàn cơ sở Sở Tư pháp", "Đúng hạn"],
      [],
    ]);
  });
});

describe("the period summary, as the bloc stood on the period's last day (Telegram)", () => {
  it("tells the admins on 11/10/2026 the Q3 figures /tiendo showed on 30/09/2026, though a unit closed since", async () => {
    const d = (driver = await setup("2026-09-30T03:00:00.000Z"));
    expect((await d.say(ADMIN, "/tiendo")).join("\n")).toContain(
      "Toàn Khối:\n7 cán bộ Đoàn · bồi dưỡng 3/7 (42,9%) · Bí thư mới bầu 1/2 (50%) · lý luận chính trị 4/7 (57,1%)",
    );
    // u03 (Em and Phương) closes on 05/10/2026; on 30/09 it was in the bloc.
    await d.bot.store.units.put({ ...(await d.bot.store.units.get("u03"))!, status: "closed", endedAt: "2026-10-05T02:00:00.000Z" });

    // The morning after Q3's deadline (10/10): the summary reaches the admin's chat.
    d.bot.setNow("2026-10-11T01:00:10.000Z");
    await d.bot.store.scheduler.put({ id: "scheduler", lastTickAt: "2026-10-11T00:59:10.000Z" });
    // The scheduler as main.ts starts it (its composers write the summary at send time), through the Telegram channel.
    const before = d.seen(ADMIN).length;
    const scheduler = startScheduler(d.bot.deps, { telegram: d.harness.channel.sender }, { cron: "0 0 1 1 *", composers: d.bot.composers });
    await scheduler.stop();
    const summary = d
      .seen(ADMIN)
      .slice(before)
      .find((t) => t.startsWith("Tổng kết kỳ báo cáo Quý 3/2026"));
    // After (30/09/2026): what /tiendo showed that day. Before (30/06/2026): u04, closed on 01/09, was still in the
    // bloc with its untrained Secretary Giang: 3/8 fostered, 1/3 trained, 4/8 at trung cấp.
    expect(summary).toContain(
      [
        "Tiến độ toàn Khối trong kỳ (01/07/2026 – 30/09/2026):",
        "• Cán bộ được bồi dưỡng: 37,5% → 42,9% (+5,4 điểm %)",
        "• Bí thư mới được bầu đã được đào tạo nghiệp vụ: 33,3% → 50% (+16,7 điểm %)",
        "• Cán bộ đạt trung cấp LLCT trở lên: 50% → 57,1% (+7,1 điểm %)",
      ].join("\n"),
    );
  });
});
