/**
 * A new plan may start in the middle of a year that an older one holds, once an admin ends the older
 * one early (issue 24, point 6): the running plan KH-2026 (planned 01/01/2026 – 31/12/2027) is ended on
 * 30/06/2027, KH-2027 starts on 01/07/2027, and in 2027 — the year they share — a record belongs to the
 * plan whose part of the year holds its date.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { renderMessage } from "../../src/scheduler/recipient";
import { planTick } from "../../src/scheduler/tick";
import { createTestBot, seedCertificate, seedReport, seedUnit, type TestBot } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";
import { currentPlan } from "../helpers/plan";

const session = (date: string) => [{ id: "s1", date, start: "08:00", end: "11:00", place: "Hội trường Đoàn Khối" }];

/**
 * 20/06/2027, KH-2026 running. u01: Secretary An (elected 01/03/2026), committee member Bình.
 * L27-01, youth-work, 15/03/2027, closed 17/03/2027: An and Bình certified that day.
 * L27-02, supplementary, 15/09/2027, open (created 10/06/2027). A status report of 2027-Q3 from u01.
 */
async function setup(): Promise<TestBot> {
  const bot = await createTestBot({ now: "2027-06-20T03:00:00.000Z" });
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
    { userId: "an", fullName: "Lê Văn An", position: "secretary", electedOn: "2026-03-01", theoryLevel: "intermediate" },
    { userId: "binh", fullName: "Trần Thị Bình", position: "committee", theoryLevel: "basic" },
  ]);
  await seedCourse(bot.store, {
    id: "c-mar",
    code: "L27-01",
    year: 2027,
    title: "Nghiệp vụ công tác Đoàn 2027",
    sessions: session("2027-03-15"),
    status: "completed",
    completedAt: "2027-03-17T02:00:00.000Z",
    createdAt: "2027-02-01T02:00:00.000Z",
  });
  await seedCourse(bot.store, {
    id: "c-sep",
    code: "L27-02",
    year: 2027,
    kind: "supplementary",
    title: "Kiến thức bổ trợ 2027",
    sessions: session("2027-09-15"),
    createdAt: "2027-06-10T02:00:00.000Z",
  });
  for (const p of ["p-an", "p-binh"])
    await seedCertificate(bot.store, { id: `k-${p}`, personId: p, issuedOn: "2027-03-17", courseId: "c-mar", kind: "youth-work" });
  await seedReport(bot.store, { unitId: "u01", period: "2027-Q3", submittedAt: "2027-10-05T02:00:00.000Z" });
  return bot;
}

/** KH-2026 ended on 30/06/2027 (confirmed), and KH-2027 (01/07/2027 – 31/12/2030) saved. */
async function switched(): Promise<TestBot> {
  const bot = await setup();
  await bot.say("admin", "/kehoach ketthuc KH-2026 30/06/2027 xacnhan");
  await bot.say("admin", "/kehoach moi KH-2027 01/07/2027 31/12/2030 Kế hoạch đào tạo cán bộ Đoàn 2027 - 2030");
  await bot.say("admin", "ok");
  return bot;
}

const values = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);
async function workbook(content: unknown): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as ArrayBuffer);
  return wb;
}

describe("/kehoach ketthuc: ending a plan early", () => {
  it("previews the new end, what no longer belongs to the plan and its final report, and ends it once confirmed", async () => {
    const bot = await setup();
    const [preview] = await bot.say("admin", "/kehoach ketthuc KH-2026 30/06/2027");
    expect(preview!.text).toBe(
      [
        "Kết thúc sớm kế hoạch KH-2026 (01/01/2026 – 31/12/2027): ngày kết thúc mới là 30/06/2027.",
        "⚠️ Những gì có ngày sau 30/06/2027 sẽ không còn thuộc kế hoạch này (1 lớp, 1 chứng chỉ và báo cáo); chúng sẽ thuộc kế hoạch bắt đầu sau đó (dữ liệu vẫn giữ nguyên):",
        "• L27-02 · Kiến thức bổ trợ 2027 (15/09/2027)",
        "Báo cáo kết thúc kế hoạch làm được ngay: /baocaoketthuc KH-2026, số liệu tính đến ngày 30/06/2027.",
        "Kế hoạch mới có thể bắt đầu từ ngày 01/07/2027: /kehoach moi MÃ 01/07/2027 ĐẾN_NGÀY [tên].",
        "",
        "Chọn “Kết thúc sớm” để xác nhận, hoặc “Thôi, giữ nguyên”.",
      ].join("\n"),
    );
    expect(preview!.buttons).toEqual([
      [{ label: "Kết thúc sớm ngày 30/06/2027", data: "/kehoach ketthuc KH-2026 30/06/2027 xacnhan" }],
      [{ label: "Thôi, giữ nguyên", data: "/kehoach ketthuc KH-2026 30/06/2027 giulai" }],
    ]);
    expect(await bot.store.plans.get("KH-2026")).toMatchObject({ period: { to: "2027-12-31" } });

    expect(await bot.text("admin", "/kehoach ketthuc KH-2026 30/06/2027 xacnhan")).toBe(
      "Đã kết thúc sớm kế hoạch KH-2026: giai đoạn nay là 01/01/2026 – 30/06/2027. Báo cáo kết thúc: /baocaoketthuc KH-2026. Lập kế hoạch tiếp theo từ ngày 01/07/2027: /kehoach moi MÃ 01/07/2027 ĐẾN_NGÀY [tên].",
    );
    expect(await bot.store.plans.get("KH-2026")).toMatchObject({
      period: { from: "2026-01-01", to: "2027-06-30" },
      endedEarly: { plannedTo: "2027-12-31" },
    });
    const [entry] = (await bot.store.audit.all()).filter((a) => a.action === "plan.end");
    expect(entry).toMatchObject({ details: { plan: "KH-2026", from: "2027-12-31", to: "2027-06-30" } });
    // Still running until its new last day.
    expect((await bot.runningPlan()).id).toBe("KH-2026");
  });

  it("is offered from the list for the running plan, ends today by default, and keeps the plan on «Thôi, giữ nguyên»", async () => {
    const bot = await setup();
    const [list] = await bot.say("admin", "/kehoach");
    expect(list!.buttons!.at(-1)).toEqual([{ label: "Kết thúc sớm kế hoạch KH-2026", data: "/kehoach ketthuc KH-2026" }]);
    const [preview] = await bot.say("admin", "/kehoach ketthuc");
    expect(preview!.text.split("\n")[0]).toBe("Kết thúc sớm kế hoạch KH-2026 (01/01/2026 – 31/12/2027): ngày kết thúc mới là 20/06/2027.");
    expect(await bot.text("admin", "/kehoach ketthuc KH-2026 20/06/2027 giulai")).toBe("Đã giữ nguyên, không có gì thay đổi.");
    expect(await bot.store.plans.get("KH-2026")).toMatchObject({ period: { to: "2027-12-31" } });
    expect((await bot.store.plans.get("KH-2026"))!.endedEarly).toBeUndefined();
    expect(await bot.text("sec", "/kehoach ketthuc KH-2026 30/06/2027 xacnhan")).toContain("không có quyền");
  });

  it("is undone in the editor by moving the end past the planned one: the plan is no longer marked ended early", async () => {
    const bot = await setup();
    await bot.say("admin", "/kehoach ketthuc KH-2026 30/06/2027 xacnhan");
    await bot.say("admin", "/kehoach sua KH-2026");
    await bot.say("admin", "edit:period");
    expect(await bot.text("admin", "01/01/2026 31/12/2028")).toContain("• Giai đoạn: 01/01/2026 – 30/06/2027 → 01/01/2026 – 31/12/2028");
    expect(await bot.text("admin", "ok")).toContain("Đã lưu kế hoạch KH-2026");
    const plan = await bot.store.plans.get("KH-2026");
    expect(plan!.period).toEqual({ from: "2026-01-01", to: "2028-12-31" });
    expect(plan!.endedEarly).toBeUndefined();
  });

  it("speaks English to an admin who chose it", async () => {
    const bot = await setup();
    await bot.say("admin", "/lang en");
    const [preview] = await bot.say("admin", "/plan end KH-2026 30/06/2027");
    expect(preview!.text.split("\n")).toEqual([
      "End plan KH-2026 (01/01/2026 – 31/12/2027) early: its new end date is 30/06/2027.",
      "⚠️ What is dated after 30/06/2027 will no longer belong to this plan (classes: 1; certificates and reports: 1); it will belong to the plan that starts after it (the data is kept):",
      "• L27-02 · Kiến thức bổ trợ 2027 (15/09/2027)",
      "The end-of-plan report can be made at once: /planreport KH-2026, with figures as of 30/06/2027.",
      "A new plan may start on 01/07/2027: /plan new CODE 01/07/2027 TO_DATE [name].",
      "",
      "Choose “End early” to confirm, or “No, keep it”.",
    ]);
    expect(preview!.buttons!.flat().map((b) => b.label)).toEqual(["End early on 30/06/2027", "No, keep it"]);
  });

  it("refuses an end before the plan's start or after its planned end", async () => {
    const bot = await setup();
    expect(await bot.text("admin", "/kehoach ketthuc KH-2026 31/12/2025")).toBe(
      "Chưa kết thúc được kế hoạch KH-2026: ngày 31/12/2025 trước ngày kế hoạch bắt đầu (01/01/2026). Bạn chọn một ngày từ 01/01/2026 đến 31/12/2027.",
    );
    expect(await bot.text("admin", "/kehoach ketthuc KH-2026 01/01/2028 xacnhan")).toBe(
      "Chưa kết thúc được kế hoạch KH-2026: ngày 01/01/2028 sau ngày kết thúc theo kế hoạch (31/12/2027). Kết thúc sớm là chọn một ngày từ 01/01/2026 đến 31/12/2027.",
    );
    expect(await bot.store.plans.get("KH-2026")).toMatchObject({ period: { to: "2027-12-31" } });
  });
});

describe("a new plan starting the day after an early end", () => {
  it("refuses a new plan within the running plan's period, and one sharing its year without an early end", async () => {
    const bot = await setup();
    expect(await bot.text("admin", "/kehoach moi KH-2027 01/07/2027 31/12/2030")).toBe(
      "Chưa lưu được kế hoạch:\n• Giai đoạn trùng với kế hoạch KH-2026 (01/01/2026 – 31/12/2027): các kế hoạch không được chồng thời gian.",
    );
    // Planned to end on 30/06/2027 (not ended early): 2027 is still KH-2026's alone.
    const planned = await createTestBot({
      now: "2027-06-20T03:00:00.000Z",
      plan: currentPlan({ period: { from: "2026-01-01", to: "2027-06-30" } }),
    });
    expect(await planned.text("admin", "/kehoach moi KH-2027 01/07/2027 31/12/2030")).toBe(
      "Chưa lưu được kế hoạch:\n• Giai đoạn có năm 2027, năm đã thuộc kế hoạch KH-2026 (01/01/2026 – 30/06/2027). Hai kế hoạch chỉ dùng chung một năm khi kế hoạch trước kết thúc sớm, trước ngày kế hoạch sau bắt đầu: gõ /kehoach ketthuc KH-2026 dd/mm/yyyy để kết thúc sớm kế hoạch KH-2026, rồi lập kế hoạch mới.",
    );
    // Ending it on its planned last day marks it ended: the next plan may then start the day after.
    await planned.say("admin", "/kehoach ketthuc KH-2026 30/06/2027 xacnhan");
    await planned.say("admin", "/kehoach moi KH-2027 01/07/2027 31/12/2030");
    expect(await planned.text("admin", "ok")).toBe("Đã lưu kế hoạch KH-2027.");
  });

  it("is saved after the early end, takes over at midnight Asia/Ho_Chi_Minh on 01/07/2027 with no restart, and refuses an overlap", async () => {
    const bot = await setup();
    await bot.say("admin", "/kehoach ketthuc KH-2026 30/06/2027 xacnhan");
    expect(await bot.text("admin", "/kehoach moi KH-2027 01/06/2027 31/12/2030")).toBe(
      "Chưa lưu được kế hoạch:\n• Giai đoạn trùng với kế hoạch KH-2026 (01/01/2026 – 30/06/2027): các kế hoạch không được chồng thời gian.",
    );
    const preview = await bot.text("admin", "/kehoach moi KH-2027 01/07/2027 31/12/2030 Kế hoạch đào tạo cán bộ Đoàn 2027 - 2030");
    expect(preview).toContain(
      "⚠️ Năm 2027 sẽ thuộc kế hoạch này — 1 lớp cùng chứng chỉ, báo cáo đã có của năm đó sẽ được tính cho kế hoạch này.",
    );
    expect(await bot.text("admin", "ok")).toBe("Đã lưu kế hoạch KH-2027.");

    bot.setNow("2027-06-30T16:59:00.000Z"); // 23:59 on 30/06/2027 where the bloc lives
    expect((await bot.text("admin", "/tiendo")).split("\n")[0]).toBe("Tiến độ thực hiện KH-2026 (tính từ 01/01/2026 đến 30/06/2027)");
    bot.setNow("2027-06-30T17:00:00.000Z"); // 00:00 on 01/07/2027
    expect((await bot.text("admin", "/tiendo")).split("\n")[0]).toBe("Tiến độ thực hiện KH-2027 (tính từ 01/07/2027 đến 31/12/2030)");
  });

  it("attributes the class of March 2027 to the old plan and the class of September 2027 to the new one", async () => {
    const bot = await switched();
    const list = await bot.text("admin", "/kehoach");
    // KH-2026: L27-01 and its two certificates; KH-2027: L27-02 and the report of 2027-Q3.
    expect(list).toContain(
      "(01/01/2026 – 30/06/2027): đang thực hiện (kết thúc sớm; theo kế hoạch đến 31/12/2027); 1 lớp, 2 chứng chỉ, 0 báo cáo",
    );
    expect(list).toContain("(01/07/2027 – 31/12/2030): chưa bắt đầu; 1 lớp, 0 chứng chỉ, 1 báo cáo");
  });

  it("keeps 2027's three yearly kinds one duty: the old plan's class of March counts for the new plan's 1+1+1 check", async () => {
    const bot = await switched();
    bot.setNow("2027-09-01T03:00:00.000Z");
    // Youth work: L27-01 held in March (KH-2026); supplementary: L27-02 scheduled (KH-2027); lecturers: none.
    expect(await bot.text("admin", "/tiendo")).toContain(
      "Lớp hằng năm chưa tổ chức và chưa lên lịch trong năm 2027: Bồi dưỡng đội ngũ báo cáo viên. Gõ /taolop để tạo lớp.",
    );
  });
});

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
        "  Bí thư mới được bầu: mọi người được bầu làm Bí thư từ 01/07/2025 (6 tháng trước khi kế hoạch bắt đầu ngày 01/01/2026) đến nay, tính cho đến khi được đào tạo hoặc đến hết kế hoạch (30/06/2027).",
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
        "  Bí thư mới được bầu: mọi người được bầu làm Bí thư từ 01/01/2027 (6 tháng trước khi kế hoạch bắt đầu ngày 01/07/2027) đến nay, tính cho đến khi được đào tạo hoặc đến hết kế hoạch (31/12/2030).",
        "  Năm 2027 thuộc hai kế hoạch: KH-2026 (đến 30/06/2027) và KH-2027 (từ 01/07/2027). Lớp, chứng chỉ và báo cáo tính cả năm; chỉ tiêu tính theo kế hoạch KH-2027, từ ngày 01/07/2027.",
        "Chi tiết trong tệp Excel kèm theo.",
      ].join("\n"),
    );
    const classes = (await workbook(reply!.file!.content)).getWorksheet("Lớp bồi dưỡng")!;
    expect([6, 7].map((n) => values(classes, n).slice(0, 4))).toEqual([
      [1, 2027, "Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên", "Nghiệp vụ công tác Đoàn 2027"],
      [2, 2027, "Bồi dưỡng kiến thức bổ trợ (ngoại ngữ, tin học, an ninh quốc phòng, nghiệp vụ)", "Kiến thức bổ trợ 2027"],
    ]);
    const xml = await (await JSZip.loadAsync(document!.file!.content)).file("word/document.xml")!.async("string");
    expect(xml).toContain(
      "Năm 2027 thuộc hai kế hoạch: KH-2026 (đến 30/06/2027) và KH-2027 (từ 01/07/2027). Lớp, chứng chỉ và báo cáo tính cả năm; chỉ tiêu tính theo kế hoạch KH-2027, từ ngày 01/07/2027.",
    );
  });
});
