import { describe, expect, it } from "vitest";
import { renderMessage } from "../../src/scheduler/recipient";
import { planTick } from "../../src/scheduler/tick";
import { seedCertificate } from "../helpers/chat";
import { switched } from "../helpers/plan-switch";
import { documentLines, values, workbook } from "../helpers/documents";

describe("the yearly warning of a year two plans share", () => {
  it("warns under the new plan of the kinds neither plan held: the old plan's class of March counts", async () => {
    const bot = await switched();
    await bot.store.courses.put({
      ...(await bot.store.courses.get("c-sep"))!,
      status: "completed",
      completedAt: "2027-09-16T02:00:00.000Z",
    });
    bot.setNow("2027-12-31T01:00:10.000Z"); // 08:00 on 31/12/2027, the test plans' warning date
    await bot.store.scheduler.put({ id: "scheduler", lastTickAt: "2027-12-31T00:59:10.000Z" });
    await planTick(bot.deps);
    const sent = (await bot.store.outbox.all()).filter((e) => e.kind === "warn:yearly-classes");
    expect(sent).toHaveLength(1);
    expect(renderMessage(sent[0]!.message, "vi").text).toBe(
      "📌 Năm 2027 còn các lớp hằng năm theo kế hoạch (mục III.2) chưa tổ chức và chưa lên lịch:\n• Bồi dưỡng đội ngũ báo cáo viên\n\nGõ /taolop để tạo lớp.",
    );
  });
});

describe("reports of a year two plans share", () => {
  it("makes the old plan's final report in August 2027 with its figures as of 30/06/2027", async () => {
    const bot = await switched();
    await bot.store.courses.put({
      ...(await bot.store.courses.get("c-sep"))!,
      status: "completed",
      completedAt: "2027-09-16T02:00:00.000Z",
    });
    bot.setNow("2027-08-10T03:00:00.000Z");
    const [reply] = await bot.say("admin", "/baocaoketthuc KH-2026");
    // As of 30/06/2027: An (Secretary, trained by L27-01) and Bình (committee) are the cadres; both fostered; An at the standard.
    expect(reply!.text).toBe(
      [
        "Báo cáo giai đoạn 2026 – 2027 gửi Thành đoàn (kế hoạch KH-2026), số liệu tính đến ngày 30/06/2027:",
        "• 1 lớp bồi dưỡng đã tổ chức, 2 học viên hoàn thành (được cấp chứng chỉ)",
        "• Cán bộ được bồi dưỡng: 100%; Bí thư mới được bầu đã được đào tạo: 100%; đạt chuẩn lý luận chính trị: 50%",
        "• Chứng chỉ: 2 từ lớp của Đoàn Khối, 0 học tại nơi khác",
        "• Rà soát nhu cầu: 1 cán bộ chưa đạt chuẩn lý luận chính trị hoặc quy định cán bộ",
        "• Lượt đơn vị chưa báo cáo: 6",
        "  Bí thư mới được bầu: mọi người được bầu làm Bí thư từ 01/07/2025 (6 tháng trước khi kế hoạch bắt đầu ngày 01/01/2026) đến ngày 30/06/2027, tính cho đến khi được đào tạo hoặc đến hết kế hoạch (30/06/2027).",
        "Chi tiết trong tệp Excel kèm theo.",
      ].join("\n"),
    );
    const classes = (await workbook(reply!.file!.content)).getWorksheet("Lớp bồi dưỡng")!;
    expect(values(classes, 6).slice(0, 4)).toEqual([
      1,
      2027,
      "Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên",
      "Nghiệp vụ công tác Đoàn 2027",
    ]);
    expect(classes.getRow(8).values).toEqual([]);
  });

  it("makes /baocaonam 2027 in January 2028: the whole year's classes, against the targets of the plan holding 31/12/2027", async () => {
    const bot = await switched();
    await bot.store.courses.put({
      ...(await bot.store.courses.get("c-sep"))!,
      status: "completed",
      completedAt: "2027-09-16T02:00:00.000Z",
    });
    await seedCertificate(bot.store, { id: "k-sep", personId: "p-binh", issuedOn: "2027-09-16", courseId: "c-sep", kind: "supplementary" });
    bot.setNow("2028-01-10T03:00:00.000Z");
    const [reply, document] = await bot.say("admin", "/baocaonam 2027");
    // The year: L27-01 (2 completers) and L27-02 (1). KH-2027's targets, counted from 01/07/2027: Bình's September
    // certificate fosters her, An's of March is before the window (1/2); An, elected 01/03/2026, is before KH-2027's
    // lead-in (from 01/01/2027), so T2 has no one to count; reports missing: 2027-Q1 and Q2 (Q3 filed, Q4 due 10/01/2028, today).
    expect(reply!.text).toBe(
      [
        "Báo cáo năm 2027 gửi Thành đoàn (kế hoạch KH-2027), số liệu tính đến ngày 31/12/2027:",
        "• 2 lớp bồi dưỡng đã tổ chức, 3 học viên hoàn thành (được cấp chứng chỉ)",
        "• Cán bộ được bồi dưỡng: 50%; Bí thư mới được bầu đã được đào tạo: —; đạt chuẩn lý luận chính trị: 50%",
        "• Chứng chỉ: 3 từ lớp của Đoàn Khối, 0 học tại nơi khác",
        "• Rà soát nhu cầu: 1 cán bộ chưa đạt chuẩn lý luận chính trị hoặc quy định cán bộ",
        "• Lượt đơn vị chưa báo cáo: 2",
        "  Bí thư mới được bầu: mọi người được bầu làm Bí thư từ 01/01/2027 (6 tháng trước khi kế hoạch bắt đầu ngày 01/07/2027) đến ngày 31/12/2027, tính cho đến khi được đào tạo hoặc đến hết kế hoạch (31/12/2030).",
        "  Năm 2027 thuộc hai kế hoạch: KH-2026 (đến 30/06/2027) và KH-2027 (từ 01/07/2027). Lớp, chứng chỉ và báo cáo tính cả năm; chỉ tiêu tính theo kế hoạch KH-2027, từ ngày 01/07/2027.",
        "Chi tiết trong tệp Excel kèm theo.",
      ].join("\n"),
    );
    const classes = (await workbook(reply!.file!.content)).getWorksheet("Lớp bồi dưỡng")!;
    expect([6, 7].map((n) => values(classes, n).slice(0, 4))).toEqual([
      [1, 2027, "Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên", "Nghiệp vụ công tác Đoàn 2027"],
      [2, 2027, "Bồi dưỡng kiến thức bổ trợ (ngoại ngữ, tin học, an ninh quốc phòng, nghiệp vụ)", "Kiến thức bổ trợ 2027"],
    ]);
    expect(await documentLines(document!.file!.content)).toContain(
      "Năm 2027 thuộc hai kế hoạch: KH-2026 (đến 30/06/2027) và KH-2027 (từ 01/07/2027). Lớp, chứng chỉ và báo cáo tính cả năm; chỉ tiêu tính theo kế hoạch KH-2027, từ ngày 01/07/2027.",
    );
  });
});
