import { describe, expect, it } from "vitest";
import { consoleDriver } from "../helpers/channels";
import { createTestBot, seedCertificate, seedReport, seedUnit } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";
import { currentPlan } from "../helpers/plan";

/** The running plan KH-2026 (01/01/2026 – 31/12/2027, Plan 49's structure) and Plan 49 as history, on 29/11/2026. */
async function bot() {
  const b = await createTestBot();
  await seedUnit(b.store, { id: "u01" }, [{ userId: "sec", position: "secretary", electedOn: "2026-03-01" }]);
  return b;
}

/** Says each line in turn as the admin and returns the text of the last replies. */
async function steps(b: Awaited<ReturnType<typeof bot>>, ...lines: string[]): Promise<string> {
  let last = "";
  for (const line of lines) last = await b.text("admin", line);
  return last;
}

const TITLE_CLASS = "Bồi dưỡng theo chức danh Bí thư Đoàn cơ sở";

describe("/kehoach sua: every part of a plan is changed in chat", () => {
  it("opens the running plan with a button on the list, and only for admins", async () => {
    const b = await bot();
    const list = await b.say("admin", "/kehoach");
    expect(list[0]!.buttons).toEqual([
      [{ label: "Sửa kế hoạch KH-2026", data: "/kehoach sua KH-2026" }],
      [{ label: "Kết thúc sớm kế hoạch KH-2026", data: "/kehoach ketthuc KH-2026" }],
    ]);
    const menu = await b.text("admin", "/kehoach sua KH-2026");
    expect(menu).toContain("Xem trước kế hoạch KH-2026");
    expect(menu).toContain("Không có gì thay đổi so với bản đang lưu.");
    expect(await b.text("sec", "/kehoach sua")).toContain("không có quyền");
  });

  it("says which word it did not understand after /kehoach before listing the ways to use it", async () => {
    const b = await bot();
    const answer = (await b.text("admin", "/kehoach xoa KH-2026")).split("\n");
    expect(answer[0]).toBe("Bot chưa hiểu «xoa» sau /kehoach. Gõ /kehoach để xem các kế hoạch, hoặc dùng một trong các cách sau:");
    expect(answer[1]).toBe(
      "• /kehoach moi MÃ TỪ_NGÀY ĐẾN_NGÀY [tên]: lập kế hoạch mới từ kế hoạch gần nhất (sao chép chỉ tiêu, đối tượng, lớp hằng năm, báo cáo), ví dụ: /kehoach moi 12-KH/ĐTN 01/01/2026 31/12/2028",
    );
  });

  it("plan IV: the title class admits Secretaries, Deputies and the cadres planned for those posts — an audience changed by ticking", async () => {
    const b = await bot();
    await steps(b, "/kehoach sua", "edit:audience");
    const ticks = await b.say("admin", "item:IV");
    expect(ticks[0]!.text).toBe(
      "Đối tượng IV — Chuẩn hóa chức danh: Bí thư, Phó Bí thư cơ sở và cán bộ được quy hoạch vào các chức danh này gồm những ai? Chọn một mục để đánh dấu hoặc bỏ đánh dấu, xong thì chọn “Xong”.",
    );
    expect(ticks[0]!.buttons!.flat().map((x) => x.label)).toEqual([
      "✅ Bí thư",
      "✅ Phó Bí thư",
      "▫️ Ủy viên BCH",
      "▫️ Báo cáo viên",
      "▫️ Đoàn viên",
      "✅ Cán bộ quy hoạch Bí thư",
      "✅ Cán bộ quy hoạch Phó Bí thư",
      "▫️ Báo cáo viên cấp Đoàn Khối",
      "Xong",
    ]);
    await b.say("admin", "on:planned:deputy");
    const preview = await b.text("admin", "done");
    expect(preview).toContain("Thay đổi so với bản đang lưu: đối tượng.");
    expect(preview).toContain(
      "• Đối tượng IV: Bí thư, Phó Bí thư, Cán bộ quy hoạch Bí thư, Cán bộ quy hoạch Phó Bí thư → Bí thư, Phó Bí thư, Cán bộ quy hoạch Bí thư",
    );
    expect((await b.store.plans.get("KH-2026"))!.audiences.find((a) => a.id === "IV")!.plannedFor).toEqual(["secretary", "deputy"]);
    await b.say("admin", "ok");
    expect((await b.runningPlan()).audiences.find((a) => a.id === "IV")).toMatchObject({
      positions: ["secretary", "deputy"],
      plannedFor: ["secretary"],
    });
  });

  it("refuses an audience that names nobody, naming the field, and keeps the plan as it was", async () => {
    const b = await bot();
    await steps(b, "/kehoach sua", "edit:audience", "item:1.2", "on:post:secretary");
    expect((await b.say("admin", "done"))[0]!.text).toBe(
      "Chưa nhận thay đổi này:\n• Đối tượng 1.2 phải gồm ít nhất một chức danh, cán bộ quy hoạch hoặc báo cáo viên.",
    );
    expect((await b.store.wizards.get("telegram:admin:admin"))!.step).toBe("toggle");
    expect((await b.runningPlan()).audiences[1]!.positions).toEqual(["secretary"]);
  });

  it("changes which audiences a course kind admits, and refuses a course kind with no audience, naming the field", async () => {
    const b = await bot();
    await steps(b, "/kehoach sua", "edit:kindAudiences", "item:title-secretary", "on:1.2", "on:IV");
    expect((await b.say("admin", "done"))[0]!.text).toBe(
      "Chưa nhận thay đổi này:\n• Loại lớp “Bồi dưỡng theo chức danh Bí thư Đoàn cơ sở” chưa có đối tượng, hoặc có đối tượng không có trong kế hoạch: mỗi loại lớp cần ít nhất một đối tượng của mục III.1.",
    );
    await b.say("admin", "on:1.3");
    const preview = await b.text("admin", "done");
    expect(preview).toContain(`• Đối tượng của lớp “${TITLE_CLASS}”: 1.2, IV → 1.3`);
    await b.say("admin", "ok");
    expect((await b.runningPlan()).courseKinds.find((k) => k.id === "title-secretary")!.audiences).toEqual(["1.3"]);
  });

  it("plan III.2: the yearly classes and the day their warning starts (default 01/06) are changed, a day that does not exist is refused", async () => {
    const b = await bot();
    await steps(b, "/kehoach sua", "edit:yearly", "on:supplementary");
    let preview = await b.text("admin", "done");
    expect(preview).toContain(
      "• Lớp hằng năm (1+1+1): Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên; Bồi dưỡng kiến thức bổ trợ (ngoại ngữ, tin học, an ninh quốc phòng, nghiệp vụ); Bồi dưỡng đội ngũ báo cáo viên → Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên; Bồi dưỡng đội ngũ báo cáo viên",
    );
    expect(await b.text("admin", "edit:warning")).toBe(
      "Bot nhắc quản trị các loại lớp hằng năm chưa tổ chức từ ngày 31/12 mỗi năm. Gõ ngày mới (ngày/tháng), ví dụ: 01/06",
    );
    expect((await b.say("admin", "31/02"))[0]!.text).toBe("Ngày nhắc lớp hằng năm phải là một ngày có thật dạng ngày/tháng, ví dụ: 01/06");
    preview = await b.text("admin", "1/6");
    expect(preview).toContain("• Ngày nhắc lớp hằng năm: 31/12 → 01/06");
    await b.say("admin", "ok");
    const saved = (await b.store.plans.get("KH-2026"))!;
    expect(saved.reminders.yearlyClassesWarning).toBe("06-01");
    expect(saved.courseKinds.filter((k) => k.yearly).map((k) => k.id)).toEqual(["youth-work", "lecturers"]);
  });

  it("changes the reporting period and deadline; a deadline past the 28th is refused, naming the field", async () => {
    const b = await bot();
    await steps(b, "/kehoach sua", "edit:cadence");
    let preview = await b.text("admin", "item:monthly");
    expect(preview).toContain("• Kỳ báo cáo: Hằng quý → Hằng tháng");
    await b.say("admin", "edit:deadline");
    expect((await b.say("admin", "31"))[0]!.text).toBe("Hạn nộp báo cáo phải là một ngày từ 1 đến 28, ví dụ: 10");
    preview = await b.text("admin", "5");
    expect(preview).toContain("• Hạn nộp báo cáo: ngày 10 của tháng sau kỳ → ngày 5 của tháng sau kỳ");
    await b.say("admin", "ok");
    expect((await b.runningPlan()).reporting).toEqual({ cadence: "monthly", deadlineDay: 5 });
  });

  it("changes which posts count as cadres; none at all is refused, naming the field", async () => {
    const b = await bot();
    await steps(b, "/kehoach sua", "edit:cadres", "on:secretary", "on:deputy", "on:committee");
    expect((await b.say("admin", "done"))[0]!.text).toBe("Chưa nhận thay đổi này:\n• Chức danh tính là cán bộ cần ít nhất một chức danh.");
    await b.say("admin", "on:secretary");
    await b.say("admin", "on:deputy");
    expect(await b.text("admin", "done")).toContain("• Chức danh tính là cán bộ: Bí thư, Phó Bí thư, Ủy viên BCH → Bí thư, Phó Bí thư");
    await b.say("admin", "ok");
    expect((await b.runningPlan()).cadrePositions).toEqual(["secretary", "deputy"]);
  });

  it("changes which certificates satisfy a target, and never rewrites a certificate already issued", async () => {
    const b = await bot();
    const before = await seedCertificate(b.store, { personId: "p-sec", issuedOn: "2026-05-10" });
    await steps(b, "/kehoach sua", "edit:targetKinds", "item:T1", "on:title-secretary");
    const preview = await b.text("admin", "done");
    expect(preview).toContain(`• Chứng chỉ đạt chỉ tiêu T1: mọi chứng chỉ → ${TITLE_CLASS}`);
    await b.say("admin", "ok");
    expect((await b.runningPlan()).targets[0]!.certificateKinds).toEqual(["title-secretary"]);
    expect(await b.store.certificates.get(before.id)).toEqual(before);
    // Unticking every kind: any certificate counts again.
    await steps(b, "/kehoach sua", "edit:targetKinds", "item:T1", "on:title-secretary", "done", "ok");
    expect((await b.runningPlan()).targets[0]!.certificateKinds).toBeUndefined();
  });

  // R3 replaced the rolling "elected within 12 months" window by the plan's period and a lead-in before it.
  it("plan II: the lead-in before the plan in which a Secretary counts as newly elected, and the theory standard of plan I, are changed", async () => {
    const b = await bot();
    expect(await steps(b, "/kehoach sua", "edit:newlyElected")).toBe(
      "Bí thư được bầu trong giai đoạn của kế hoạch, hoặc trong 6 tháng trước khi kế hoạch bắt đầu (đại hội ngay trước kế hoạch), được tính là mới được bầu cho đến khi được đào tạo. Gõ số tháng mới (từ 0 đến 24), ví dụ: 6",
    );
    expect((await b.say("admin", "25"))[0]!.text).toBe(
      "Thời gian trước kế hoạch tính là mới được bầu phải là số tháng từ 0 đến 24, ví dụ: 6",
    );
    expect(await b.text("admin", "9")).toContain("• Bí thư mới được bầu: tính cả thời gian trước kế hoạch: 6 tháng → 9 tháng");
    expect(await steps(b, "edit:theoryStandard", "item:advanced")).toContain("• Chuẩn lý luận chính trị: Trung cấp → Cao cấp");
    await b.say("admin", "ok");
    expect(await b.runningPlan()).toMatchObject({ newlyElectedLeadInMonths: 9, theoryStandard: "advanced" });
  });

  it("refuses a target over 100% typed in the editor, naming the field", async () => {
    const b = await bot();
    await steps(b, "/kehoach sua", "edit:target");
    expect(await b.text("admin", "item:T2")).toBe("Chỉ tiêu T2 hiện là 100%. Gõ tỷ lệ mới (từ 0 đến 100), ví dụ: 90");
    expect((await b.say("admin", "120"))[0]!.text).toBe(
      "Chưa nhận thay đổi này:\n• Chỉ tiêu T2: tỷ lệ 120% không hợp lệ, tỷ lệ phải từ 0 đến 100%.",
    );
    expect(await b.text("admin", "95%")).toContain("• Chỉ tiêu T2: 100% → 95%");
  });

  it("refuses a period that ends before it starts, naming the part as the menu does and the dates as typed", async () => {
    const b = await bot();
    await steps(b, "/kehoach sua", "edit:period");
    expect((await b.say("admin", "31/12/2027 01/01/2026"))[0]!.text).toBe(
      "Chưa nhận thay đổi này:\n• Ngày kết thúc giai đoạn (01/01/2026) phải sau ngày bắt đầu (31/12/2027).",
    );
    expect((await b.say("admin", "01/01/2026 hết năm"))[0]!.text).toBe(
      "Giai đoạn cần hai ngày dạng dd/mm/yyyy: ngày bắt đầu rồi ngày kết thúc, ví dụ: 01/01/2026 31/12/2028",
    );
  });

  it("refuses a period overlapping another plan, naming the field", async () => {
    const b = await bot();
    await steps(b, "/kehoach sua", "edit:period");
    expect((await b.say("admin", "01/06/2022 31/12/2027"))[0]!.text).toBe(
      "Chưa nhận thay đổi này:\n• Giai đoạn trùng với kế hoạch 49-KH/ĐTN (07/04/2020 – 31/12/2022): các kế hoạch không được chồng thời gian.",
    );
  });

  it("starts a new plan from the previous one and changes it before saving: the preview says how it differs", async () => {
    const b = await bot();
    await b.say("admin", "/kehoach moi KH-2028 01/01/2028 31/12/2030 Kế hoạch 2028 - 2030");
    await steps(b, "edit:target", "item:T1");
    const preview = await b.text("admin", "90");
    expect(preview).toContain("Kế hoạch mới, lập từ KH-2026.");
    expect(preview).toContain(
      "Khác với KH-2026:\n• Giai đoạn: 01/01/2026 – 31/12/2027 → 01/01/2028 – 31/12/2030\n• Chỉ tiêu T1: 100% → 90%",
    );
    await b.say("admin", "ok");
    expect(await b.store.plans.get("KH-2028")).toMatchObject({ basedOn: "KH-2026", targets: [{ id: "T1", percent: 90 }, {}, {}] });
    expect((await b.runningPlan()).id).toBe("KH-2026");
  });

  it("writes each save to the audit log (/nhatky) with the parts changed", async () => {
    const b = await bot();
    await steps(b, "/kehoach sua", "edit:deadline", "5", "ok");
    const entries = (await b.store.audit.all()).filter((a) => a.action === "plan.save");
    expect(entries.map((a) => a.details)).toEqual([{ plan: "KH-2026", fields: "reporting" }]);
    expect(await b.text("admin", "/nhatky")).toContain(": lưu kế hoạch — KH-2026");
    expect(await b.text("admin", "/nhatky KH-2026")).toContain(": lưu kế hoạch — KH-2026");
  });

  it("speaks English to an admin who chose it", async () => {
    const b = await bot();
    await b.say("admin", "/ngonngu en");
    await steps(b, "/plan edit", "edit:kindAudiences", "item:title-secretary");
    expect((await b.say("admin", "on:IV"))[0]!.text).toBe(
      "Which audiences may attend course kind Title-based fostering for Secretaries? Choose an item to tick or untick it, then “Done”.",
    );
    expect(await b.text("admin", "done")).toContain("• Audiences of “Title-based fostering for Secretaries”: 1.2, IV → 1.2");
  });

  it("on the console (and Zalo) the same editor answers to numbers", async () => {
    const c = await consoleDriver({ adminIds: ["console:admin"] });
    try {
      const menu = (await c.say("admin", "/kehoach sua")).join("\n");
      expect(menu).toContain("1. Lưu kế hoạch\n2. Giai đoạn\n3. Tỷ lệ chỉ tiêu");
      expect(menu).toContain("12. Kỳ báo cáo\n13. Hạn nộp báo cáo");
      expect((await c.say("admin", "12")).join("\n")).toBe("Đơn vị báo cáo theo kỳ nào?\n\n1. Hằng tháng\n2. Hằng quý");
      expect((await c.say("admin", "1")).join("\n")).toContain("• Kỳ báo cáo: Hằng quý → Hằng tháng");
      expect((await c.say("admin", "1")).join("\n")).toContain("Đã lưu kế hoạch KH-2026");
      expect((await c.bot.runningPlan()).reporting.cadence).toBe("monthly");
    } finally {
      await c.close();
    }
  });
});

describe("classes, certificates and reports belong to the plan of their year", () => {
  it("a class, a certificate and a report of 2022 count for Plan 49, not for the plan running today", async () => {
    const b = await bot();
    await seedCourse(b.store, { id: "c-2022", year: 2022, title: "Nghiệp vụ công tác Đoàn 2022" });
    await seedCourse(b.store, { id: "c-2026", year: 2026 });
    await seedCertificate(b.store, { personId: "p-sec", issuedOn: "2022-05-10" });
    await seedReport(b.store, { unitId: "u01", period: "2022-Q2", submittedAt: "2022-07-05T02:00:00.000Z" });
    await seedReport(b.store, { unitId: "u01", period: "2026-Q3", submittedAt: "2026-10-05T02:00:00.000Z" });
    const list = await b.text("admin", "/kehoach");
    expect(list).toContain("(07/04/2020 – 31/12/2022): đã kết thúc, lưu làm lịch sử; 1 lớp, 1 chứng chỉ, 1 báo cáo");
    expect(list).toContain("(01/01/2026 – 31/12/2027): đang thực hiện; 1 lớp, 0 chứng chỉ, 1 báo cáo");
    // The 2026 class is scheduled (05/12/2026), not held yet: "held means held" (III.2) counts 0.
    const [report] = await b.say("admin", "/baocaoketthuc KH-2026");
    expect(report!.text).toContain("• 0 lớp bồi dưỡng đã tổ chức, 0 học viên hoàn thành (được cấp chứng chỉ)\n• Cán bộ được bồi dưỡng: 0%");
    expect(report!.text).toContain("• Chứng chỉ: 0 từ lớp của Đoàn Khối, 0 học tại nơi khác");
    const [old] = await b.say("admin", "/baocaoketthuc 49-kh/đtn");
    expect(old!.text).toContain("Báo cáo giai đoạn 2020 – 2022 gửi Thành đoàn (kế hoạch 49-KH/ĐTN), số liệu tính đến ngày 31/12/2022:");
    expect(old!.text).toContain("• Chứng chỉ: 1 từ lớp của Đoàn Khối, 0 học tại nơi khác");
  });

  it("refuses a plan that shares a year with another, naming the field", async () => {
    const b = await createTestBot({ plan: currentPlan({ period: { from: "2026-01-01", to: "2027-06-30" } }) });
    expect(await b.text("admin", "/kehoach moi KH-B 01/07/2027 31/12/2029")).toBe(
      "Chưa lưu được kế hoạch:\n• Giai đoạn có năm 2027, năm đã thuộc kế hoạch KH-2026 (01/01/2026 – 30/06/2027). Hai kế hoạch chỉ dùng chung một năm khi kế hoạch trước kết thúc sớm, trước ngày kế hoạch sau bắt đầu: gõ /kehoach ketthuc KH-2026 dd/mm/yyyy để kết thúc sớm kế hoạch KH-2026, rồi lập kế hoạch mới.",
    );
  });

  it("changing the running plan's period moves no past class out of it until the admin confirms", async () => {
    const b = await bot();
    await seedCourse(b.store, { id: "c-2026", year: 2026 });
    await steps(b, "/kehoach sua", "edit:period");
    const preview = await b.text("admin", "01/01/2027 31/12/2028");
    expect(preview).toContain("• Giai đoạn: 01/01/2026 – 31/12/2027 → 01/01/2027 – 31/12/2028");
    expect(preview).toContain(
      "⚠️ Đổi giai đoạn: năm 2026 sẽ không còn thuộc kế hoạch này — 1 lớp cùng chứng chỉ, báo cáo của năm đó sẽ không còn tính cho kế hoạch này (dữ liệu vẫn giữ nguyên).",
    );
    expect(await b.text("admin", "/kehoach")).toContain("(01/01/2026 – 31/12/2027): đang thực hiện; 1 lớp");
    await b.say("admin", "/kehoach sua");
    await steps(b, "edit:period", "01/01/2027 31/12/2028", "ok");
    expect(await b.store.plans.get("KH-2026")).toMatchObject({ period: { from: "2027-01-01", to: "2028-12-31" } });
    expect(await b.text("admin", "/kehoach")).toContain("(01/01/2027 – 31/12/2028): chưa bắt đầu; 0 lớp");
    expect(await b.store.courses.get("c-2026")).toMatchObject({ year: 2026 });
  });

  it("a new plan says which classes already recorded in its years will count for it", async () => {
    const b = await bot();
    await seedCourse(b.store, { id: "c-2028", year: 2028 });
    expect(await b.text("admin", "/kehoach moi KH-2028 01/01/2028 31/12/2030")).toContain(
      "⚠️ Năm 2028 sẽ thuộc kế hoạch này — 1 lớp cùng chứng chỉ, báo cáo đã có của năm đó sẽ được tính cho kế hoạch này.",
    );
  });
});
