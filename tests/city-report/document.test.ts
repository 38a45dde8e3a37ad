import { describe, expect, it } from "vitest";
import { createTestBot, seedCertificate, seedEnrollment, seedReport, seedUnit, type TestBot } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";
import { documentLines } from "../helpers/documents";

/**
 * 29/11/2026, plan KH-2026 (2026–2027), bloc set up as "Đoàn Khối các cơ quan thành phố Cần Thơ":
 * - u01 "Đoàn cơ sở Sở Tư pháp": Secretary Bình (elected 01/03/2026, sơ cấp), Deputy An (trung cấp),
 *   committee member Hoa (no theory); its Q3 report names a difficulty and a proposal and proposes Hoa for theory study.
 * - u02 "Đoàn cơ sở Sở Y tế": committee member Cường (sơ cấp) with an outside trung cấp diploma (15/06/2026).
 * - Classes of 2026: youth-work of April (completed; Bình and An sent, only Bình certified; u01's party
 *   committee agreed), youth-work of 05/12/2026 (open, seats u01 3, u02 2; u01 answers "not yet" in the chat).
 */
async function setup(): Promise<TestBot> {
  const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z" });
  await bot.store.bloc.put({ id: "bloc", groups: [], name: "Đoàn Khối các cơ quan thành phố Cần Thơ" });
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
    { userId: "binh", fullName: "Trần Thị Bình", position: "secretary", electedOn: "2026-03-01", theoryLevel: "basic" },
    { userId: "an", fullName: "Lê Văn An", position: "deputy", theoryLevel: "intermediate" },
    { userId: "hoa", fullName: "Đỗ Thị Hoa", position: "committee", theoryLevel: "none" },
  ]);
  await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" }, [
    { userId: "cuong", fullName: "Phạm Văn Cường", position: "committee", theoryLevel: "basic" },
  ]);
  await seedCourse(bot.store, { id: "c-1", code: "L26-02", quotas: { u01: 3, u02: 2 } });
  await seedCourse(bot.store, {
    id: "c-3",
    code: "L26-01",
    title: "Bồi dưỡng nghiệp vụ tháng 4/2026",
    status: "completed",
    quotas: { u01: 2 },
    partyCommittee: { u01: "yes" },
    sessions: [{ id: "s1", date: "2026-04-20", start: "08:00", end: "11:00", place: "Hội trường Đoàn Khối" }],
  });
  for (const person of ["p-binh", "p-an"]) await seedEnrollment(bot.store, { courseId: "c-3", personId: person, unitId: "u01" });
  await seedCertificate(bot.store, { personId: "p-binh", issuedOn: "2026-05-01", courseId: "c-3" });
  await seedReport(bot.store, { unitId: "u01", period: "2026-Q3", submittedAt: "2026-10-05T02:00:00.000Z" });
  const q3 = (await bot.store.reports.get("u01:2026-Q3"))!;
  await bot.store.reports.put({
    ...q3,
    proposedForTheory: ["p-hoa"],
    difficulties: "Thiếu kinh phí cử cán bộ đi học",
    proposals: "Mở thêm lớp kỹ năng vào quý 1",
  });
  await bot.say("admin", "/chungchingoai p-cuong trungcap TC-9 15/06/2026 Trường Chính trị TP. Cần Thơ");
  expect(await bot.text("binh", "/capuy L26-02 chua")).toContain("Đã ghi nhận ý kiến cấp ủy của Đoàn cơ sở Sở Tư pháp");
  return bot;
}

describe("/baocaonam and /baocaoketthuc: a draft report to sign (.docx)", () => {
  it("sends the year's report in the Youth Union's document form, with the workbook's figures", async () => {
    const bot = await setup();
    const replies = await bot.say("admin", "/baocaonam 2026");
    expect(replies.map((r) => r.file?.name)).toEqual(["bao-cao-nam-2026-2026-11-29.xlsx", "bao-cao-nam-2026-2026-11-29.docx"]);
    expect(replies[1]!.file!.mime).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const lines = await documentLines(replies[1]!.file!.content);
    // The form (Hướng dẫn 29-HD/TWĐTN-VP): issuing body and its number to fill; the Union's heading over place and date.
    expect(lines.slice(0, 9)).toEqual([
      "BCH ĐOÀN KHỐI CÁC CƠ QUAN THÀNH PHỐ CẦN THƠ",
      "***",
      "Số: ……-BC/ĐTN",
      "ĐOÀN TNCS HỒ CHÍ MINH",
      "Cần Thơ, ngày …… tháng …… năm 2026",
      "BÁO CÁO",
      "Kết quả thực hiện Kế hoạch số KH-2026, năm 2026",
      "Kế hoạch đào tạo, bồi dưỡng cán bộ Đoàn, Hội giai đoạn 2026 - 2027",
      "-----",
    ]);
    const text = lines.join("\n");
    // II. Targets: T1 2 of 4 cadres (Bình's class, Cường's diploma), T2 Bình, theory An and Cường.
    expect(text).toContain(
      [
        "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "STT\nChỉ tiêu\nĐạt\nTổng số\nTỷ lệ\nChỉ tiêu (%)",
        "1\nCán bộ Đoàn trong Khối được bồi dưỡng kiến thức, nghiệp vụ, kỹ năng\n2\n4\n50%\n100%",
        "2\nBí thư cơ sở mới được bầu được đào tạo nghiệp vụ cơ bản về công tác Đoàn, Hội\n1\n1\n100%\n100%",
        "3\nCán bộ Đoàn đạt chuẩn lý luận chính trị\n2\n4\n50%\n100%",
      ].join("\n"),
    );
    // III. Audiences (only Bình completed a class, as a Secretary: 1.3) and the classes held per III.2.
    expect(text).toContain("- Đối tượng 1.3 (Bồi dưỡng nghiệp vụ: Bí thư, Phó Bí thư Đoàn cơ sở): 1 người.");
    expect(text).toContain("- Đối tượng 1.4 (Bồi dưỡng kiến thức bổ trợ: Ban Chấp hành Đoàn cơ sở): 0 người.");
    expect(text).toContain(
      "- Năm 2026: Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên: 1 lớp đã tổ chức; Bồi dưỡng kiến thức bổ trợ (ngoại ngữ, tin học, an ninh quốc phòng, nghiệp vụ): 0 lớp đã tổ chức; Bồi dưỡng đội ngũ báo cáo viên: 0 lớp đã tổ chức.",
    );
    expect(text).toContain(
      "1\nBồi dưỡng nghiệp vụ tháng 4/2026\nBồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên\n20/04/2026\n20/04/2026\nĐã tổ chức\n1",
    );
    // IV. The units (V): Q1–Q3 closed, u01 missed Q1 and Q2, u02 all three; 2 sent on 7 seats; answers per class and unit.
    expect(text).toContain(
      [
        "IV. CÁC ĐƠN VỊ TRIỂN KHAI THỰC HIỆN",
        "- 1/2 đơn vị đã gửi báo cáo tình hình; 5 lượt đơn vị chưa báo cáo.",
        "- Cử cán bộ đi học: 2 lượt cán bộ được cử trên 7 chỗ được phân bổ. Ý kiến cấp ủy (theo lớp, theo đơn vị): 1 đồng ý, 1 chưa cho ý kiến, 0 không đồng ý, 1 chưa ghi nhận.",
        "- Chứng chỉ: 1 từ lớp của Đoàn Khối, 1 học tại nơi khác.",
        "- Rà soát nhu cầu học tập lý luận chính trị: 2 cán bộ chưa đạt chuẩn; 1 người đã được đơn vị đề xuất đi học.",
      ].join("\n"),
    );
    // V–VI. The units' own words, and what is left to do.
    expect(text).toContain(
      [
        "V. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ",
        "1. Khó khăn, vướng mắc",
        "- Đoàn cơ sở Sở Tư pháp (Quý 3/2026): Thiếu kinh phí cử cán bộ đi học",
        "2. Đề xuất, kiến nghị",
        "- Đoàn cơ sở Sở Tư pháp (Quý 3/2026): Mở thêm lớp kỹ năng vào quý 1",
        "VI. NHU CẦU GIAI ĐOẠN TIẾP THEO",
        "- 2 cán bộ Đoàn chưa được bồi dưỡng.",
        "- 0 Bí thư mới được bầu chưa được đào tạo nghiệp vụ cơ bản về công tác Đoàn, Hội.",
        "- 2 cán bộ cần học lý luận chính trị để đạt chuẩn trung cấp hoặc đáp ứng quy định cán bộ.",
      ].join("\n"),
    );
    expect(lines.slice(-8)).toEqual([
      "Nơi nhận:",
      "- BTV Thành đoàn Cần Thơ;",
      "- Thường trực Đảng ủy Khối;",
      "- Các TCCS Đoàn trực thuộc;",
      "- Lưu VP.",
      "TM. BAN THƯỜNG VỤ",
      "………………………",
      "………………………",
    ]);
  });

  it("sends the end-of-plan report for the plan's period, and the chat text around it in the admin's language", async () => {
    const bot = await setup();
    await bot.say("admin", "/ngonngu en");
    const replies = await bot.say("admin", "/baocaoketthuc KH-2026");
    expect(replies[1]!.text).toBe(
      "Draft report (.docx) in the Youth Union's document form: fill in its number, the date, and the signer's post and name before it is signed.",
    );
    const lines = await documentLines(replies[1]!.file!.content);
    expect(lines[6]).toBe("Kết quả thực hiện Kế hoạch số KH-2026, giai đoạn 2026 – 2027");
    expect(lines).toContain(
      "- Cử cán bộ đi học: 2 lượt cán bộ được cử trên 7 chỗ được phân bổ. Ý kiến cấp ủy (theo lớp, theo đơn vị): 1 đồng ý, 1 chưa cho ý kiến, 0 không đồng ý, 1 chưa ghi nhận.",
    );
  });
});
