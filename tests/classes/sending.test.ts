/**
 * Units send their cadres (plan V.2): a cadre's request goes to the unit's officers, who send or
 * decline it within the unit's allotted seats; an officer sends several cadres at once from the
 * unit's numbered checklist; the party committee's answer is recorded per unit per class.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buttonData, createTestBot, seedEnrollment, seedUnit, type TestBot } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";

/** u01 "Đoàn cơ sở Sở Tư pháp": Secretary Bí (s), committee members Hai (m), Ba (n), Tư (o); u02 "Đoàn cơ sở Sở Y tế": Secretary Năm (x). */
async function setup(): Promise<TestBot> {
  const bot = await createTestBot();
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
    { userId: "s", position: "secretary", fullName: "Lê Văn Bí" },
    { userId: "m", position: "committee", fullName: "Trần Thị Hai" },
    { userId: "n", position: "committee", fullName: "Phạm Văn Ba" },
    { userId: "o", position: "committee", fullName: "Ngô Thị Tư" },
  ]);
  await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" }, [{ userId: "x", position: "secretary", fullName: "Võ Văn Năm" }]);
  await seedCourse(bot.store, { id: "c-1", code: "L26-03", capacity: 5, quotas: { u01: 2, u02: 3 } });
  return bot;
}

const statuses = async (bot: TestBot) =>
  Object.fromEntries((await bot.store.enrollments.find({ courseId: "c-1" })).map((e) => [e.personId, e.status]));

describe("units send their cadres (V.2)", () => {
  it("turns a cadre's /ghidanh into a request to the unit's Secretary, who sends them within the unit's seats", async () => {
    const bot = await setup();
    expect(await bot.text("m", "/ghidanh L26-03")).toBe(
      "Bạn đã xin đi học lớp “Nghiệp vụ công tác Đoàn 2026”. Theo Kế hoạch, đơn vị cử cán bộ đi học trong số lượng phân bổ, nên bot đã chuyển đề nghị của bạn đến Bí thư, Phó Bí thư đơn vị. Bot sẽ báo bạn khi đơn vị trả lời.",
    );
    expect(await statuses(bot)).toEqual({ "p-m": "requested" });
    expect(await bot.text("m", "/ghidanh L26-03")).toBe(
      "Bạn đã xin đi học lớp “Nghiệp vụ công tác Đoàn 2026”; đề nghị đang chờ Bí thư, Phó Bí thư đơn vị trả lời.",
    );
    expect(await bot.text("m", "/lichhoc L26-03")).toContain("📝 Bạn đã xin đi học; đề nghị đang chờ Bí thư, Phó Bí thư đơn vị trả lời.");
    const [request] = bot.inboxReplies("p-s");
    expect(request!.text).toBe(
      "📝 Trần Thị Hai (Ủy viên BCH) xin đi học lớp L26-03 “Nghiệp vụ công tác Đoàn 2026”. Đơn vị còn 2 trong 2 chỗ được phân bổ. Bạn có cử người này đi học không?",
    );
    // The request holds no seat: the other unit's Secretary is not told.
    expect(bot.inbox("p-x")).toEqual([]);
    expect(await bot.text("s", buttonData(request!, "Cử đi học"))).toBe("Đã cử Trần Thị Hai đi học lớp “Nghiệp vụ công tác Đoàn 2026”.");
    expect(bot.inbox("p-m").at(-1)).toBe("Đơn vị đã cử bạn đi học lớp “Nghiệp vụ công tác Đoàn 2026”. Bạn đã được ghi danh.");
    expect(await bot.store.enrollments.get("c-1:p-m")).toMatchObject({ status: "enrolled", nominatedBy: "p-s" });
  });

  it("lets the Secretary decline a request, telling the cadre, and refuses a second answer to it", async () => {
    const bot = await setup();
    await bot.say("n", "/ghidanh L26-03");
    const [request] = bot.inboxReplies("p-s");
    expect(await bot.text("s", buttonData(request!, "Không cử"))).toBe(
      "Đã trả lời Phạm Văn Ba: đơn vị không cử đi học lớp “Nghiệp vụ công tác Đoàn 2026” lần này.",
    );
    expect(bot.inbox("p-n")).toEqual([
      "Đơn vị chưa cử bạn đi học lớp “Nghiệp vụ công tác Đoàn 2026” lần này. Nếu cần, bạn hãy trao đổi với Bí thư đơn vị.",
    ]);
    expect(await bot.store.enrollments.get("c-1:p-n")).toMatchObject({ status: "withdrawn", declinedBy: "p-s" });
    expect(await bot.text("s", buttonData(request!, "Không cử"))).toBe(
      "Đề nghị đi học lớp “Nghiệp vụ công tác Đoàn 2026” của Phạm Văn Ba không còn chờ trả lời (đã được cử, đã bị từ chối hoặc đã rút).",
    );
    expect(await bot.text("x", buttonData(request!, "Cử đi học"))).toBe("Bạn chỉ thao tác được với cán bộ của đơn vị mình.");
  });

  it("sends several cadres at once from the unit's numbered checklist, never past the unit's 2 seats (R2)", async () => {
    const bot = await setup();
    await bot.say("o", "/ghidanh L26-03");
    expect(await bot.text("s", "/cudi L26-03")).toBe(
      [
        "Cử cán bộ đi học lớp L26-03 “Nghiệp vụ công tác Đoàn 2026” — Đoàn cơ sở Sở Tư pháp: còn 2 trong 2 chỗ được phân bổ.",
        "Ý kiến cấp ủy: chưa ghi nhận.",
        "",
        "1. Ngô Thị Tư — Ủy viên BCH · đã xin đi học",
        "2. Lê Văn Bí — Bí thư",
        "3. Phạm Văn Ba — Ủy viên BCH",
        "4. Trần Thị Hai — Ủy viên BCH",
        "",
        "Gõ số thứ tự những người bạn cử đi, cách nhau bởi dấu phẩy (ví dụ: 1, 3). Gõ /huy để thôi.",
      ].join("\n"),
    );
    expect(await bot.text("s", "1, 3, 4")).toContain("Đơn vị chỉ còn 2 chỗ được phân bổ; hãy chọn tối đa 2 người.");
    expect(await bot.text("s", "7")).toContain("Bot chưa hiểu. Hãy gõ các số từ 1 đến 4, cách nhau bởi dấu phẩy (ví dụ: 1, 3).");
    expect(await bot.text("s", "1, 3")).toBe(
      "Đã cử Ngô Thị Tư đi học lớp “Nghiệp vụ công tác Đoàn 2026”.\nĐã cử Phạm Văn Ba đi học lớp “Nghiệp vụ công tác Đoàn 2026”.",
    );
    expect(await statuses(bot)).toEqual({ "p-o": "enrolled", "p-n": "enrolled" });
    expect(bot.inbox("p-n")).toEqual(["Đơn vị đã cử bạn đi học lớp “Nghiệp vụ công tác Đoàn 2026”. Bạn đã được ghi danh."]);
    expect(await bot.text("s", "/cudi L26-03")).toBe(
      "Đơn vị đã dùng hết số lượng phân bổ (2 chỗ) của lớp “Nghiệp vụ công tác Đoàn 2026”. Muốn cử thêm người, hãy đề nghị Ban Thường vụ Đoàn Khối tăng số lượng phân bổ cho đơn vị.",
    );
    // A cadre of the unit is no longer offered the class, and is told why.
    expect(await bot.text("m", "/ghidanh")).toBe(
      "Không hiện L26-03 “Nghiệp vụ công tác Đoàn 2026”: đơn vị của bạn đã dùng hết số lượng phân bổ của lớp. Muốn đi học, hãy liên hệ Bí thư đơn vị để đề nghị Ban Thường vụ Đoàn Khối phân bổ thêm.",
    );
  });

  it("puts a sent cadre on the waitlist when the class is full, as before", async () => {
    const bot = await setup();
    await bot.store.courses.put({ ...(await bot.store.courses.get("c-1"))!, capacity: 1, quotas: { u01: 1 } });
    await seedEnrollment(bot.store, { courseId: "c-1", personId: "p-s", unitId: "u01" });
    await bot.say("m", "/ghidanh L26-03");
    expect(await bot.text("s", buttonData(bot.inboxReplies("p-s")[0]!, "Cử đi học"))).toBe(
      "Lớp “Nghiệp vụ công tác Đoàn 2026” đã đủ chỗ; Trần Thị Hai được xếp vào danh sách chờ, vị trí số 1.",
    );
    expect(await statuses(bot)).toEqual({ "p-s": "enrolled", "p-m": "waitlisted" });
  });

  it("records the party committee's answer per unit per class, shows it in /cudi and /lichhoc, and in the city workbook", async () => {
    const bot = await setup();
    const [ask] = await bot.say("s", "/capuy L26-03");
    expect(ask!.text).toBe(
      "Ý kiến của cấp ủy về việc cử cán bộ đi học lớp L26-03 “Nghiệp vụ công tác Đoàn 2026”:\nÝ kiến cấp ủy: chưa ghi nhận.",
    );
    expect(ask!.buttons!.flat().map((b) => b.label)).toEqual(["Cấp ủy đồng ý", "Cấp ủy chưa cho ý kiến", "Cấp ủy không đồng ý"]);
    expect(await bot.text("s", buttonData(ask!, "Cấp ủy đồng ý"))).toBe(
      "Đã ghi nhận ý kiến cấp ủy của Đoàn cơ sở Sở Tư pháp về lớp L26-03 “Nghiệp vụ công tác Đoàn 2026”: đồng ý.",
    );
    expect(await bot.text("x", "/capuy L26-03 u01 khong")).toBe("Bạn chỉ thao tác được với cán bộ của đơn vị mình.");
    expect(await bot.text("admin", "/capuy L26-03 u02 chua")).toBe(
      "Đã ghi nhận ý kiến cấp ủy của Đoàn cơ sở Sở Y tế về lớp L26-03 “Nghiệp vụ công tác Đoàn 2026”: chưa cho ý kiến.",
    );
    expect((await bot.store.courses.get("c-1"))!.partyCommittee).toEqual({ u01: "yes", u02: "notYet" });
    expect(await bot.text("s", "/cudi L26-03")).toContain("Ý kiến cấp ủy: đồng ý.");
    await bot.say("s", "/huy");
    expect(await bot.text("m", "/lichhoc L26-03")).toContain("Ý kiến cấp ủy: đồng ý.");
    expect((await bot.store.audit.all()).map((a) => [a.action, a.details])).toContainEqual([
      "class.partyCommittee",
      { unitId: "u01", answer: "yes" },
    ]);

    await bot.say("s", "/cudi L26-03");
    await bot.say("s", "2");
    const [report] = await bot.say("admin", "/baocaonam 2026");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report!.file!.content as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("Cử cán bộ")!;
    expect(sheet.getCell("A2").value).toBe("CÁC ĐƠN VỊ CỬ CÁN BỘ ĐI HỌC VÀ Ý KIẾN CẤP ỦY");
    const rows = [5, 6, 7].map((n) => (sheet.getRow(n).values as unknown[]).slice(1));
    expect(rows).toEqual([
      ["STT", "Tên lớp", "Đơn vị", "Số lượng phân bổ", "Đã cử", "Ý kiến cấp ủy"],
      [1, "L26-03 · Nghiệp vụ công tác Đoàn 2026", "Đoàn cơ sở Sở Tư pháp", 2, 1, "Đồng ý"],
      [2, "L26-03 · Nghiệp vụ công tác Đoàn 2026", "Đoàn cơ sở Sở Y tế", 3, 0, "Chưa cho ý kiến"],
    ]);
  });

  it("lets cadres enrol themselves in a class kind the plan opens to direct enrolment (the lecturer class)", async () => {
    const bot = await setup();
    await seedUnit(bot.store, { id: "u03" }, [{ userId: "gv", position: "lecturer" }]);
    await seedCourse(bot.store, { id: "c-2", kind: "lecturers", title: "Bồi dưỡng báo cáo viên 2026", quotas: { u03: 2 } });
    expect(await bot.text("gv", "/ghidanh c-2")).toContain("Bạn đã ghi danh lớp “Bồi dưỡng báo cáo viên 2026”.");
    expect(await bot.store.enrollments.get("c-2:p-gv")).toMatchObject({ status: "enrolled" });
  });

  it("lets an admin send cadres too: /ghidanh offers the classes, then the unit, then its checklist", async () => {
    const bot = await setup();
    const [picker] = await bot.say("admin", "/ghidanh");
    expect(picker!.text).toBe("Ban Thường vụ cử cán bộ đi học qua đơn vị: chọn lớp, rồi chọn đơn vị và những người được cử.\nChọn lớp:");
    const [units] = await bot.say("admin", buttonData(picker!, /^L26-03/));
    expect(units!.buttons!.flat().map((b) => [b.label, b.data])).toEqual([
      ["Đoàn cơ sở Sở Tư pháp", "/cudi L26-03 u01"],
      ["Đoàn cơ sở Sở Y tế", "/cudi L26-03 u02"],
    ]);
    expect(await bot.text("admin", "/cudi L26-03 u02")).toContain("1. Võ Văn Năm — Bí thư");
    expect(await bot.text("admin", "1")).toBe("Đã cử Võ Văn Năm đi học lớp “Nghiệp vụ công tác Đoàn 2026”.");
    const [admin] = await bot.store.accounts.find({ externalId: "admin" });
    expect(await bot.store.enrollments.get("c-1:p-x")).toMatchObject({ status: "enrolled", nominatedBy: admin!.personId });
  });

  it("shows an admin the bloc in /dudieukien, then a unit's people by its code", async () => {
    const bot = await setup();
    // Nobody holds the title certificate; each unit's Secretary is at sơ cấp, below the trung cấp standard (R5).
    expect(await bot.text("admin", "/dudieukien")).toBe(
      [
        "Điều kiện ứng cử chức danh Đoàn trong toàn Khối (đủ điều kiện / cán bộ đã duyệt hồ sơ):",
        "• Đoàn cơ sở Sở Tư pháp (u01): 0/4 đủ điều kiện; 1 cần rà soát học lý luận chính trị; 1 chờ lớp bồi dưỡng theo chức danh",
        "• Đoàn cơ sở Sở Y tế (u02): 0/1 đủ điều kiện; 1 cần rà soát học lý luận chính trị; 1 chờ lớp bồi dưỡng theo chức danh",
        "",
        "2 người chờ lớp bồi dưỡng theo chức danh tiếp theo (Bí thư, Phó Bí thư và cán bộ được quy hoạch chưa có chứng chỉ). Chưa có lớp nào đang mở: khi tạo lớp (/taolop), bot sẽ đề nghị báo cho họ.",
        "Để xem từng người của một đơn vị, gõ /dudieukien kèm mã đơn vị, ví dụ: /dudieukien u01",
      ].join("\n"),
    );
    expect(await bot.text("admin", "/dudieukien U02")).toContain(
      "Điều kiện ứng cử chức danh của cán bộ Đoàn cơ sở Sở Y tế:\n• Võ Văn Năm (Bí thư)",
    );
  });
});
