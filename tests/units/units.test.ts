/** Units as the bloc's data, by chat: create, list, rename, merge with its history, close. */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buttonData, createTestBot, seedCertificate, seedEnrollment, seedReport, seedUnit, type TestBot } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";

const group = { chatType: "group" as const, chatId: "-1002" };

async function bloc(): Promise<TestBot> {
  const bot = await createTestBot({ adminIds: ["telegram:admin"], now: "2026-11-29T03:00:00.000Z" });
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tài chính", members: 40 }, [
    { userId: "fin", fullName: "Trần Thị Bình", position: "secretary", electedOn: "2025-03-01" },
  ]);
  await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Kế hoạch và Đầu tư", members: 20 }, [
    { userId: "plan", fullName: "Lê Văn An", position: "secretary", electedOn: "2024-06-01" },
    { userId: "plan2", fullName: "Ngô Thị Cúc", position: "member" },
  ]);
  return bot;
}

describe("creating and listing units by chat", () => {
  it("creates a unit with a wizard — name, kind, members, code — and answers with its deep link", async () => {
    const bot = await bloc();
    expect(await bot.text("admin", "/taodonvi")).toContain("Tên đơn vị là gì?");
    const kinds = await bot.say("admin", "Đoàn cơ sở Sở Xây dựng");
    expect(kinds[0]!.buttons!.map((r) => r[0]!.label)).toEqual(["Cơ quan", "Đơn vị sự nghiệp", "Doanh nghiệp"]);
    expect(await bot.text("admin", "agency", { isButton: true })).toContain("bao nhiêu đoàn viên");
    expect(await bot.text("admin", "nhiều lắm")).toContain("Số đoàn viên là một số nguyên");
    const code = await bot.say("admin", "35");
    expect(buttonData(code, "Dùng mã SXD")).toBe("SXD");
    const done = await bot.say("admin", "SXD", { isButton: true });
    expect(done[0]!.text).toBe("Đã tạo đơn vị Đoàn cơ sở Sở Xây dựng (mã SXD).");
    expect(buttonData(done[1]!, "Đăng ký hồ sơ")).toBe("/start u-sxd");
    expect(await bot.store.units.get("sxd")).toMatchObject({
      name: "Đoàn cơ sở Sở Xây dựng",
      type: "agency",
      members: 35,
      code: "SXD",
      status: "active",
    });
    expect((await bot.store.audit.find({ action: "unit.create" }))[0]).toMatchObject({ actorId: expect.any(String), subjectId: "sxd" });
  });

  it("refuses a name another unit has, ignoring diacritics and case, naming that unit; and a taken code", async () => {
    const bot = await bloc();
    await bot.say("admin", "/taodonvi");
    expect(await bot.text("admin", "doan co so SO TAI CHINH")).toContain("Đã có đơn vị tên Đoàn cơ sở Sở Tài chính (mã u01)");
    await bot.say("admin", "Đoàn cơ sở Sở Tài nguyên");
    await bot.say("admin", "2");
    await bot.say("admin", "10");
    expect(await bot.text("admin", "u01")).toContain("Mã U01 đã dùng cho Đoàn cơ sở Sở Tài chính");
    expect(await bot.text("admin", "Sở TN")).toContain("không hợp lệ");
  });

  it("refuses a name over 200 characters, more than 100000 members and a code over 20 characters, naming the limits", async () => {
    const bot = await bloc();
    await bot.say("admin", "/taodonvi");
    expect(await bot.text("admin", `Đoàn cơ sở ${"Sở ".repeat(64)}`)).toBe(
      "Tên đơn vị cần từ 2 đến 200 ký tự và có chữ cái.\n\nTên đơn vị là gì? (ví dụ: Đoàn cơ sở Sở Tư pháp)",
    );
    await bot.say("admin", "Đoàn cơ sở Sở Xây dựng");
    await bot.say("admin", "agency", { isButton: true });
    expect(await bot.text("admin", "100001")).toContain("Số đoàn viên là một số nguyên từ 0 đến 100000.");
    expect(await bot.text("admin", "100000")).toContain("dấu gạch; tối đa 20 ký tự). Bot gợi ý SXD");
    expect(await bot.text("admin", "SO-XAY-DUNG-CAN-THO-1")).toContain(
      "Mã «SO-XAY-DUNG-CAN-THO-1» không hợp lệ: chỉ chữ không dấu, số và dấu gạch, tối đa 20 ký tự.",
    );
    expect(await bot.text("admin", "SO-XAY-DUNG-CAN-THO")).toContain("Đã tạo đơn vị Đoàn cơ sở Sở Xây dựng (mã SO-XAY-DUNG-CAN-THO).");
  });

  it("lists units ten to a page with a button per unit and page buttons", async () => {
    const bot = await createTestBot({ adminIds: ["telegram:admin"] });
    for (let i = 1; i <= 23; i++)
      await seedUnit(bot.store, { id: `u${String(i).padStart(2, "0")}`, name: `Đoàn cơ sở Đơn vị ${String(i).padStart(2, "0")}` });
    const [first] = await bot.say("admin", "/dsdonvi");
    expect(first!.text).toBe("23 đơn vị — trang 1/3. Chọn một đơn vị để xem và thay đổi:");
    expect(first!.buttons!.slice(0, 10).map((r) => r[0]!.data)).toEqual(
      Array.from({ length: 10 }, (_, i) => `/dsdonvi u${String(i + 1).padStart(2, "0")}`),
    );
    expect(buttonData(first!, "Trang sau ▶")).toBe("/dsdonvi 2");
    const [last] = await bot.say("admin", "/dsdonvi 3");
    expect(last!.buttons!.slice(0, -1).map((r) => r[0]!.data)).toEqual(["/dsdonvi u21", "/dsdonvi u22", "/dsdonvi u23"]);
    expect(buttonData(last!, "◀ Trang trước")).toBe("/dsdonvi 2");
    const [card] = await bot.say("admin", "/dsdonvi u05");
    expect(card!.text).toContain("🏢 Đoàn cơ sở Đơn vị 05");
    expect(buttonData(card!, "🔀 Sáp nhập")).toBe("/sapnhap u05");
  });

  it("renames a unit keeping the old name in its history, and refuses a name in use", async () => {
    const bot = await bloc();
    expect(await bot.text("admin", "/doitendonvi u02 Đoàn cơ sở Sở Tài Chính")).toContain("Đã có đơn vị tên Đoàn cơ sở Sở Tài chính");
    expect(await bot.text("admin", "/doitendonvi u02")).toContain("Tên mới của Đoàn cơ sở Sở Kế hoạch và Đầu tư là gì?");
    expect(await bot.text("admin", "Đoàn cơ sở Sở Kế hoạch, Đầu tư và Thống kê")).toBe(
      "Đã đổi tên Đoàn cơ sở Sở Kế hoạch và Đầu tư thành Đoàn cơ sở Sở Kế hoạch, Đầu tư và Thống kê. Tên cũ vẫn giữ trong lịch sử và các báo cáo đã nộp.",
    );
    expect((await bot.store.units.get("u02"))!.formerNames).toEqual([{ name: "Đoàn cơ sở Sở Kế hoạch và Đầu tư", until: "2026-11-29" }]);
    expect(await bot.text("admin", "/dsdonvi u02")).toContain("Tên cũ: Đoàn cơ sở Sở Kế hoạch và Đầu tư (đến 29/11/2026)");
  });
});

describe("merging units", () => {
  async function merged(): Promise<TestBot> {
    const bot = await bloc();
    await bot.say("plan", "/lienket", group);
    await seedCertificate(bot.store, { personId: "p-plan", issuedOn: "2026-06-01", title: true });
    await seedReport(bot.store, { unitId: "u02", period: "2026-Q3", submittedAt: "2026-09-20T02:00:00.000Z", submittedBy: "p-plan" });
    await seedReport(bot.store, { unitId: "u02", period: "2026-Q4", submittedAt: "2026-11-20T02:00:00.000Z", submittedBy: "p-plan" });
    await seedCourse(bot.store, { id: "k1", quotas: { u01: 4, u02: 3 } });
    await seedEnrollment(bot.store, { courseId: "k1", personId: "p-plan2", unitId: "u02" });
    const confirm = await bot.say("admin", "/sapnhap u02 u01");
    expect(confirm[0]!.text).toContain("Sáp nhập Đoàn cơ sở Sở Kế hoạch và Đầu tư vào Đoàn cơ sở Sở Tài chính?");
    expect(confirm[0]!.text).toContain("2 hồ sơ cán bộ, 1 nhóm đã liên kết, số lượng phân bổ chưa dùng của các lớp, 2 báo cáo");
    expect(confirm[0]!.text).toContain(
      "• Mỗi đơn vị chỉ có một Bí thư. Hai đơn vị đang có các Bí thư: Trần Thị Bình (Bí thư Đoàn cơ sở Sở Tài chính); Lê Văn An (Bí thư Đoàn cơ sở Sở Kế hoạch và Đầu tư). Bạn chọn người giữ chức Bí thư của đơn vị sau sáp nhập; người còn lại chuyển thành Ủy viên BCH và vẫn được ghi là Bí thư tiền nhiệm.",
    );
    expect(confirm[0]!.buttons!.map((r) => r.map((b) => b.label))).toEqual([
      ["Sáp nhập, Trần Thị Bình giữ chức Bí thư"],
      ["Sáp nhập, Lê Văn An giữ chức Bí thư"],
      ["Thôi, giữ nguyên"],
    ]);
    expect((await bot.store.units.get("u02"))!.status).toBeUndefined();
    const done = await bot.text("admin", buttonData(confirm, "Sáp nhập, Trần Thị Bình giữ chức Bí thư"), { isButton: true });
    expect(done).toBe(
      "Đã sáp nhập Đoàn cơ sở Sở Kế hoạch và Đầu tư vào Đoàn cơ sở Sở Tài chính: 2 cán bộ, 2 báo cáo, 1 nhóm đã chuyển sang.\n" +
        "Trần Thị Bình là Bí thư của Đoàn cơ sở Sở Tài chính; các Bí thư khác đã chuyển thành Ủy viên BCH, chức Bí thư được giữ trong lịch sử.",
    );
    return bot;
  }

  it("answers /donvi of the merged-away unit with the unit it merged into, and a way there", async () => {
    const bot = await merged();
    const [reply] = await bot.say("admin", "/donvi u02");
    expect(reply!.text).toBe(
      "Đoàn cơ sở Sở Kế hoạch và Đầu tư đã sáp nhập vào Đoàn cơ sở Sở Tài chính từ ngày 29/11/2026. Cán bộ, nhóm liên kết và lịch sử của đơn vị nay thuộc Đoàn cơ sở Sở Tài chính.",
    );
    expect(buttonData(reply!, "Đoàn cơ sở Sở Tài chính")).toBe("/donvi u01");
  });

  it("moves cadres, the linked group, quotas and enrolments, reports and (with their holders) certificates to the surviving unit", async () => {
    const bot = await merged();
    expect((await bot.store.cadres.all()).map((c) => [c.id, c.unitId])).toEqual([
      ["p-fin", "u01"],
      ["p-plan", "u01"],
      ["p-plan2", "u01"],
    ]);
    expect((await bot.store.units.get("u01"))!.groups.map((g) => g.chatId)).toEqual(["-1002"]);
    expect((await bot.store.courses.get("k1"))!.quotas).toEqual({ u01: 7 });
    expect((await bot.store.enrollments.all()).map((e) => e.unitId)).toEqual(["u01"]);
    expect((await bot.store.reports.all()).map((r) => [r.id, r.unitId, r.fromUnitId])).toEqual([
      ["u02:2026-Q3", "u01", "u02"],
      ["u02:2026-Q4", "u01", "u02"],
    ]);
    expect((await bot.store.certificates.all()).map((c) => c.personId)).toEqual(["p-plan"]);
    expect(await bot.store.units.get("u02")).toMatchObject({
      status: "merged",
      mergedInto: "u01",
      groups: [],
      name: "Đoàn cơ sở Sở Kế hoạch và Đầu tư",
    });
    expect((await bot.store.units.get("u01"))!.formerNames).toEqual([
      { name: "Đoàn cơ sở Sở Kế hoạch và Đầu tư", until: "2026-11-29", unitId: "u02" },
    ]);
    expect((await bot.store.audit.find({ action: "unit.merge" }))[0]!.details).toEqual({
      into: "u01",
      cadres: 2,
      reports: 2,
      groups: 1,
      enrollments: 1,
    });
    // One Secretary per unit: the surviving unit's keeps the post; the merged unit's becomes a committee
    // member, a former Secretary in their history (the merge day closes the post).
    expect(await bot.store.cadres.get("p-plan")).toMatchObject({
      position: "committee",
      postSince: "2026-11-29",
      formerPosts: [{ unitId: "u02", position: "secretary", from: "2024-06-01", until: "2026-11-28", electedOn: "2024-06-01" }],
    });
    expect(await bot.store.cadres.get("p-fin")).toMatchObject({ position: "secretary", unitId: "u01" });
    // The group now registers people into the surviving unit, and the old deep link leads there too.
    expect(await bot.text("fin", "/lienket", group)).toContain("Đoàn cơ sở Sở Tài chính");
    expect(await bot.text("newbie", "/start u-u02")).toContain("Đoàn cơ sở Sở Tài chính");
    // The merged unit leaves the list.
    expect((await bot.say("admin", "/dsdonvi"))[0]!.buttons!.map((r) => r[0]!.data)).toEqual(["/dsdonvi u01"]);
  });

  it("shows the old name where history needs it in the Excel report", async () => {
    const bot = await merged();
    const [reply] = await bot.say("admin", "/xuat");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(reply!.file!.content as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Báo cáo Quý 4-2026")!;
    expect((ws.getRow(6).values as unknown[])[2]).toBe(
      "Đoàn cơ sở Sở Tài chính (báo cáo của Đoàn cơ sở Sở Kế hoạch và Đầu tư, nay đã sáp nhập)",
    );
  });

  it("asks who holds the Secretary post: the merged unit's Secretary may keep it, the surviving unit's becomes a committee member with the post in their history", async () => {
    const bot = await bloc();
    await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tài chính", members: 40 }, [
      { userId: "fin2", fullName: "Phạm Văn Dũng", position: "deputy", electedOn: "2025-03-01" },
    ]);
    await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Kế hoạch và Đầu tư", members: 20 }, [
      { userId: "plan3", fullName: "Võ Thị Em", position: "deputy", electedOn: "2024-06-01" },
    ]);
    // Typed without a choice, the confirmation asks again; nothing is merged.
    const asked = await bot.say("admin", "/sapnhap u02 u01 xacnhan");
    expect(asked[0]!.text).toContain("Bạn chọn người giữ chức Bí thư của đơn vị sau sáp nhập");
    expect(asked[0]!.text).toContain(
      "• Các Phó Bí thư vẫn giữ chức Phó Bí thư của đơn vị sau sáp nhập: Phạm Văn Dũng (Đoàn cơ sở Sở Tài chính), Võ Thị Em (Đoàn cơ sở Sở Kế hoạch và Đầu tư).",
    );
    expect((await bot.store.units.get("u02"))!.status).toBeUndefined();
    // Someone who is no Secretary of the two is no choice either.
    expect(await bot.text("admin", "/sapnhap u02 u01 xacnhan p-plan2")).toContain("Bạn chọn người giữ chức Bí thư");
    expect((await bot.store.units.get("u02"))!.status).toBeUndefined();
    expect(await bot.text("admin", buttonData(asked, "Sáp nhập, Lê Văn An giữ chức Bí thư"), { isButton: true })).toContain(
      "Lê Văn An là Bí thư của Đoàn cơ sở Sở Tài chính",
    );
    expect(await bot.store.cadres.get("p-plan")).toMatchObject({
      unitId: "u01",
      position: "secretary",
      electedOn: "2024-06-01",
      postSince: "2026-11-29",
      formerPosts: [{ unitId: "u02", position: "secretary", from: "2024-06-01", until: "2026-11-28", electedOn: "2024-06-01" }],
    });
    expect(await bot.store.cadres.get("p-fin")).toMatchObject({
      unitId: "u01",
      position: "committee",
      postSince: "2026-11-29",
      formerPosts: [{ unitId: "u01", position: "secretary", from: "2025-03-01", until: "2026-11-28", electedOn: "2025-03-01" }],
    });
    expect((await bot.store.cadres.get("p-fin"))!.electedOn).toBeUndefined();
    // Deputies stay Deputies; one Secretary in the surviving unit.
    expect((await bot.store.cadres.find({ unitId: "u01" })).map((c) => [c.fullName, c.position]).sort()).toEqual([
      ["Lê Văn An", "secretary"],
      ["Ngô Thị Cúc", "member"],
      ["Phạm Văn Dũng", "deputy"],
      ["Trần Thị Bình", "committee"],
      ["Võ Thị Em", "deputy"],
    ]);
    expect((await bot.store.audit.find({ action: "cadre.replace" })).map((a) => [a.subjectId, a.details])).toEqual([
      ["p-fin", { by: "p-plan", merge: "u02" }],
    ]);
  });

  it("merges at once, with no choice to make, when only one of the two units has a Secretary", async () => {
    const bot = await createTestBot({ adminIds: ["telegram:admin"], now: "2026-11-29T03:00:00.000Z" });
    await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tài chính" }, [
      { userId: "fin", fullName: "Trần Thị Bình", position: "deputy" },
    ]);
    await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Nội vụ" }, [
      { userId: "hr", fullName: "Lê Văn An", position: "secretary", electedOn: "2024-06-01" },
    ]);
    const confirm = await bot.say("admin", "/sapnhap u02 u01");
    expect(confirm[0]!.text).not.toContain("Bí thư");
    expect(confirm[0]!.buttons!.map((r) => r.map((b) => b.label))).toEqual([["Sáp nhập", "Thôi, giữ nguyên"]]);
    await bot.say("admin", buttonData(confirm, "Sáp nhập")!, { isButton: true });
    expect(await bot.store.cadres.get("p-hr")).toMatchObject({ unitId: "u01", position: "secretary", electedOn: "2024-06-01" });
  });

  it("refuses to merge a unit into itself or into a closed unit", async () => {
    const bot = await bloc();
    expect(await bot.text("admin", "/sapnhap u02 u02")).toBe("Không thể sáp nhập một đơn vị vào chính nó.");
    await bot.say("admin", "/giaithe u01 xacnhan");
    expect(await bot.text("admin", "/sapnhap u02 u01")).toBe(
      "Không thể sáp nhập vào Đoàn cơ sở Sở Tài chính: đơn vị này đã giải thể hoặc sáp nhập.",
    );
    expect((await bot.store.units.get("u02"))!.status).toBeUndefined();
  });

  it("says how to name the units: without them, and when one does not exist", async () => {
    const bot = await bloc();
    expect(await bot.text("admin", "/sapnhap")).toBe(
      "Gõ /sapnhap <mã đơn vị bị sáp nhập> <mã đơn vị tiếp nhận>, ví dụ /sapnhap skhdt stc, hoặc chọn Sáp nhập trong /dsdonvi.",
    );
    expect(await bot.text("admin", "/giaithe xyz")).toBe(
      "Không tìm thấy đơn vị «xyz». Gõ vài chữ trong tên đơn vị (ví dụ: tu phap) hoặc mã đơn vị (ví dụ: u01).",
    );
  });
});

describe("closing a unit", () => {
  it("asks first, then keeps its history but takes it off the lists, class quotas and targets", async () => {
    const bot = await bloc();
    await seedCourse(bot.store, { id: "k1", quotas: { u01: 4, u02: 3 } });
    await seedReport(bot.store, { unitId: "u02", period: "2026-Q3", submittedAt: "2026-09-20T02:00:00.000Z", submittedBy: "p-plan" });
    const confirm = await bot.say("admin", "/giaithe u02");
    expect(confirm[0]!.text).toContain("Giải thể Đoàn cơ sở Sở Kế hoạch và Đầu tư?");
    expect((await bot.store.units.get("u02"))!.status).toBeUndefined();
    expect(await bot.text("admin", buttonData(confirm, "Giải thể"), { isButton: true })).toContain(
      "Đã giải thể Đoàn cơ sở Sở Kế hoạch và Đầu tư",
    );
    expect(await bot.store.units.get("u02")).toMatchObject({ status: "closed", endedAt: "2026-11-29T03:00:00.000Z" });
    expect((await bot.store.courses.get("k1"))!.quotas).toEqual({ u01: 4 });
    expect(await bot.store.cadres.count()).toBe(3);
    expect(await bot.store.reports.count()).toBe(1);
    expect((await bot.store.audit.find({ action: "unit.close" }))[0]).toMatchObject({ subjectId: "u02" });
    expect((await bot.say("admin", "/dsdonvi"))[0]!.buttons!.map((r) => r[0]!.data)).toEqual(["/dsdonvi u01"]);
    const progress = await bot.text("admin", "/tiendo");
    expect(progress).not.toContain("Sở Kế hoạch");
    expect(await bot.text("newbie", "/start u-u02")).toContain("đã giải thể hoặc sáp nhập");
  });
});
