import { describe, expect, it } from "vitest";
import { createTestBot, seedCertificate, seedUnit } from "../helpers/chat";

/** 29/11/2026, plan 2026–2027: a Secretary, a committee member at sơ cấp with no certificate. */
async function unit() {
  const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z" });
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
    { userId: "sec", fullName: "Trần Thị Bình", position: "secretary", electedOn: "2024-03-01", theoryLevel: "intermediate" },
    { userId: "cb", fullName: "Lê Văn An", position: "committee", theoryLevel: "basic", birthYear: 1998 },
  ]);
  await seedCertificate(bot.store, { personId: "p-sec", issuedOn: "2026-05-01" });
  return bot;
}

describe("training done outside the bot (R7)", () => {
  it("counts an outside theory diploma toward fostering, the theory share and raises the recorded level (audited)", async () => {
    const bot = await unit();
    expect(await bot.text("admin", "/tiendo")).toContain(
      "2 cán bộ Đoàn · bồi dưỡng 1/2 (50%) · Bí thư mới bầu 0/0 (—) · lý luận chính trị 1/2 (50%)",
    );
    expect(await bot.text("sec", "/chungchingoai p-cb trungcap 1234/TCCT 15/06/2026 Trường Chính trị TP. Cần Thơ")).toBe(
      "Đã ghi nhận chứng chỉ số 1234/TCCT của Lê Văn An (do Trường Chính trị TP. Cần Thơ cấp ngày 15/06/2026). Chứng chỉ được tính vào chỉ tiêu như chứng chỉ của lớp do Đoàn Khối tổ chức.",
    );
    expect(await bot.text("admin", "/tiendo")).toContain(
      "2 cán bộ Đoàn · bồi dưỡng 2/2 (100%) · Bí thư mới bầu 0/0 (—) · lý luận chính trị 2/2 (100%)",
    );
    expect((await bot.store.cadres.get("p-cb"))!.theoryLevel).toBe("intermediate");
    expect((await bot.store.audit.all()).map((a) => [a.action, a.subjectId, a.details])).toEqual(
      expect.arrayContaining([
        ["certificate.outside", "p-cb", { kind: "theory-intermediate" }],
        ["cadre.edit", "p-cb", { field: "theoryLevel", by: "outside" }],
      ]),
    );
  });

  it("lets a title certificate earned elsewhere satisfy R4 in /dudieukien", async () => {
    const bot = await unit();
    expect(await bot.text("sec", "/dudieukien p-cb")).toContain("chứng chỉ bồi dưỡng theo chức danh");
    await bot.say("admin", "/chungchingoai p-cb title-secretary CD-77 10/10/2025 Thành đoàn Cần Thơ");
    expect(await bot.text("sec", "/dudieukien p-cb")).not.toContain("chứng chỉ bồi dưỡng theo chức danh");
  });

  it("takes a cadre's own submission, which counts only once an officer confirms it", async () => {
    const bot = await unit();
    expect(await bot.text("cb", "/chungchingoai khac 55 01/03/2026 Thành đoàn Cần Thơ")).toBe(
      "Đã gửi chứng chỉ số 55 cho Bí thư, Phó Bí thư đơn vị xác nhận. Chứng chỉ được tính vào chỉ tiêu sau khi được xác nhận.",
    );
    expect(await bot.store.certificates.find({ personId: "p-cb" })).toEqual([]);
    const [note] = bot.inboxReplies("p-sec");
    expect(note!.text).toBe(
      "Lê Văn An gửi chứng chỉ học tại nơi khác: khác, số 55, do Thành đoàn Cần Thơ cấp ngày 01/03/2026. Chọn «Xác nhận chứng chỉ» nếu thông tin đúng, «Từ chối» nếu không. Gõ /chungchicho để xem mọi chứng chỉ đang chờ.",
    );
    expect(await bot.text("sec", note!.buttons![0]![0]!.data, { isButton: true })).toContain("Đã ghi nhận chứng chỉ số 55 của Lê Văn An");
    expect(await bot.store.certificates.find({ personId: "p-cb" })).toMatchObject([
      { kind: "other", origin: "outside", issuer: "Thành đoàn Cần Thơ", recordedBy: "p-sec" },
    ]);
    expect(bot.inbox("p-cb")).toEqual(["Chứng chỉ số 55 của bạn đã được xác nhận và được tính vào chỉ tiêu. Gõ /chungchi để xem."]);
    const mine = await bot.text("cb", "/chungchi");
    expect(mine).toContain("🎓 55: khác, 01/03/2026 — học tại nơi khác, do Thành đoàn Cần Thơ cấp");
  });

  it("lists the bot's certificates and outside ones in /chungchi, each marked by origin", async () => {
    const bot = await unit();
    await bot.say("admin", "/chungchingoai p-sec trungcap TC-1 01/02/2020 Trường Chính trị TP. Cần Thơ");
    const text = await bot.text("sec", "/chungchi");
    expect(text).toContain("— lớp do Đoàn Khối tổ chức");
    expect(text).toContain("🎓 TC-1: Học lý luận chính trị trung cấp, 01/02/2020 — học tại nơi khác, do Trường Chính trị TP. Cần Thơ cấp");
  });

  it("refuses a date in the future, a date before birth year + 15, a duplicate number from the same issuer, an unknown kind, an officer of another unit", async () => {
    const bot = await unit();
    await seedUnit(bot.store, { id: "u02" }, [{ userId: "other", position: "secretary", electedOn: "2024-01-01" }]);
    expect(await bot.text("sec", "/chungchingoai p-cb khac 1 01/12/2026 Thành đoàn")).toBe(
      "Ngày cấp 01/12/2026 là ngày trong tương lai: chưa thể ghi nhận chứng chỉ này.",
    );
    expect(await bot.text("sec", "/chungchingoai p-cb khac 1 31/12/2012 Thành đoàn")).toBe(
      "Ngày cấp 31/12/2012 sớm hơn năm cán bộ đủ 15 tuổi (01/01/2013): bạn kiểm tra lại ngày cấp.",
    );
    await bot.say("sec", "/chungchingoai p-cb khac 9/TD 01/01/2026 Thành đoàn Cần Thơ");
    expect(await bot.text("admin", "/chungchingoai p-sec khac 9/TD 02/01/2026 thành đoàn cần thơ")).toBe(
      "Số chứng chỉ 9/TD do thành đoàn cần thơ cấp đã được ghi nhận rồi.",
    );
    expect(await bot.text("sec", "/chungchingoai p-cb tienganh 2 01/01/2026 Trung tâm")).toContain(
      "Loại “tienganh” không có trong kế hoạch.",
    );
    expect(await bot.text("sec", "/chungchingoai p-cb khac 2 31/02/2026 Trung tâm")).toBe(
      "Ngày cấp 31/02/2026 không có trên lịch. Bạn kiểm tra lại ngày hoặc tháng.",
    );
    expect(await bot.text("sec", "/chungchingoai p-cb khac 2 2026/02/31 Trung tâm")).toBe(
      "Ngày cấp “2026/02/31” không đúng. Ghi ngày theo dạng dd/mm/yyyy.",
    );
    expect(await bot.text("other", "/chungchingoai p-cb khac 3 01/01/2026 Trung tâm")).toBe(
      "Bạn chỉ ghi nhận, xác nhận được chứng chỉ của cán bộ đơn vị mình.",
    );
    expect(await bot.store.certificates.find({ personId: "p-cb" })).toHaveLength(1);
  });

  it("offers the kinds to choose in Vietnamese, then asks for the rest of the line", async () => {
    const bot = await unit();
    const [kinds] = await bot.say("sec", "/chungchingoai p-cb");
    expect(kinds!.text).toBe("Chứng chỉ học tại nơi khác thuộc loại nào? Chọn một loại:");
    expect(kinds!.buttons!.flat().map((b) => [b.label, b.data])).toEqual([
      ["Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên", "/chungchingoai p-cb youth-work"],
      ["Bồi dưỡng kiến thức bổ trợ (ngoại ngữ, tin học, an ninh quốc phòng, nghiệp vụ)", "/chungchingoai p-cb supplementary"],
      ["Bồi dưỡng đội ngũ báo cáo viên", "/chungchingoai p-cb lecturers"],
      ["Bồi dưỡng theo chức danh Bí thư Đoàn cơ sở", "/chungchingoai p-cb title-secretary"],
      ["Bằng lý luận chính trị sơ cấp", "/chungchingoai p-cb socap"],
      ["Bằng lý luận chính trị trung cấp", "/chungchingoai p-cb trungcap"],
      ["Bằng lý luận chính trị cao cấp", "/chungchingoai p-cb caocap"],
      ["Bằng cử nhân chính trị", "/chungchingoai p-cb cunhan"],
      ["Khác (không thuộc các loại trên)", "/chungchingoai p-cb khac"],
    ]);
    const question = [
      "Loại: Bằng lý luận chính trị trung cấp. Gõ số chứng chỉ, ngày cấp (dd/mm/yyyy) và nơi cấp, cách nhau bằng dấu cách, ví dụ:",
      "1234/TCCT 15/06/2025 Trường Chính trị TP. Cần Thơ",
      "Gõ /huy nếu muốn dừng.",
    ].join("\n");
    expect(await bot.text("sec", "/chungchingoai p-cb trungcap")).toBe(question);
  });

  it("takes the details as a plain answer once the kind is chosen, asking again while they are wrong", async () => {
    const bot = await unit();
    await bot.say("sec", "/chungchingoai p-cb trungcap");
    const question = [
      "Loại: Bằng lý luận chính trị trung cấp. Gõ số chứng chỉ, ngày cấp (dd/mm/yyyy) và nơi cấp, cách nhau bằng dấu cách, ví dụ:",
      "1234/TCCT 15/06/2025 Trường Chính trị TP. Cần Thơ",
      "Gõ /huy nếu muốn dừng.",
    ].join("\n");
    expect(await bot.text("sec", "1234/TCCT")).toBe(
      `Bot cần đủ ba phần, cách nhau bằng dấu cách: số chứng chỉ, ngày cấp (dd/mm/yyyy), rồi nơi cấp.\n\n${question}`,
    );
    expect(await bot.text("sec", "1234/TCCT 31/02/2026 Trường Chính trị TP. Cần Thơ")).toBe(
      `Ngày cấp 31/02/2026 không có trên lịch. Bạn kiểm tra lại ngày hoặc tháng.\n\n${question}`,
    );
    expect(await bot.text("sec", "1234/TCCT 15/06/2026 Trường Chính trị TP. Cần Thơ")).toBe(
      "Đã ghi nhận chứng chỉ số 1234/TCCT của Lê Văn An (do Trường Chính trị TP. Cần Thơ cấp ngày 15/06/2026). Chứng chỉ được tính vào chỉ tiêu như chứng chỉ của lớp do Đoàn Khối tổ chức.",
    );
    expect((await bot.store.cadres.get("p-cb"))!.theoryLevel).toBe("intermediate");
    expect(await bot.text("sec", "/chungchingoai p-cb khac")).toBe(
      "Loại: Khác (không thuộc các loại trên). Gõ số chứng chỉ, ngày cấp (dd/mm/yyyy) và nơi cấp, cách nhau bằng dấu cách, ví dụ:\n1234/TCCT 15/06/2025 Trường Chính trị TP. Cần Thơ\nGõ /huy nếu muốn dừng.",
    );
    await bot.say("sec", "/huy");
    expect(await bot.text("sec", "hello")).toBe("Bot chưa hiểu tin nhắn này. Gõ /trogiup để xem bạn có thể làm gì.");

    // A cadre's own goes to the unit for confirmation; /huy leaves without sending anything.
    await bot.say("cb", "/chungchingoai khac");
    expect(await bot.text("cb", "/huy")).toBe("Đã hủy. Thông tin bạn đang nhập dở không được lưu.");
    await bot.say("cb", "/chungchingoai khac");
    expect(await bot.text("cb", "78 02/03/2026 Thành đoàn Cần Thơ")).toBe(
      "Đã gửi chứng chỉ số 78 cho Bí thư, Phó Bí thư đơn vị xác nhận. Chứng chỉ được tính vào chỉ tiêu sau khi được xác nhận.",
    );
    expect(await bot.store.trainingSubmissions.count()).toBe(1);
  });

  it("says a member's outside certificate is recorded, not that it counts toward the cadres' targets", async () => {
    const bot = await unit();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "dv", fullName: "Võ Thị Hà", position: "member", birthYear: 2000 }]);
    expect(await bot.text("sec", "/chungchingoai p-dv khac 77 01/03/2026 Thành đoàn Cần Thơ")).toBe(
      "Đã ghi nhận chứng chỉ số 77 của Võ Thị Hà (do Thành đoàn Cần Thơ cấp ngày 01/03/2026) vào hồ sơ.",
    );
    expect(await bot.text("dv", "/chungchingoai khac 78 02/03/2026 Thành đoàn Cần Thơ")).toBe(
      "Đã gửi chứng chỉ số 78 cho Bí thư, Phó Bí thư đơn vị xác nhận. Sau khi được xác nhận, chứng chỉ được ghi nhận vào hồ sơ của bạn.",
    );
    expect(await bot.text("sec", "/chungchingoai p-cb khac 79 01/03/2026 Thành đoàn Cần Thơ")).toContain(
      "Chứng chỉ được tính vào chỉ tiêu như chứng chỉ của lớp do Đoàn Khối tổ chức.",
    );
  });

  it("refuses a certificate number over 40 characters and an issuer over 200, naming the limit", async () => {
    const bot = await unit();
    expect(await bot.text("sec", `/chungchingoai p-cb khac ${"9".repeat(41)} 01/01/2026 Thành đoàn`)).toBe(
      "Số chứng chỉ dài quá 40 ký tự.",
    );
    expect(await bot.text("sec", `/chungchingoai p-cb khac 7/TD 01/01/2026 ${"Trường ".repeat(29)}`)).toBe(
      "Nơi cấp cần từ 2 đến 200 ký tự.",
    );
    expect(await bot.text("sec", "/chungchingoai p-cb khac 7/TD 01/01/2026 X")).toBe("Nơi cấp cần từ 2 đến 200 ký tự.");
    expect(await bot.store.certificates.find({ personId: "p-cb" })).toHaveLength(0);
  });
});
