import { describe, expect, it } from "vitest";
import { buttonData, createTestBot, seedUnit, type TestBot } from "../helpers/chat";

async function twoUnits(bot: TestBot) {
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [{ userId: "sec1", position: "secretary", electedOn: "2025-03-01", fullName: "Lê Thị Bí Thư" }]);
  await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" }, [{ userId: "sec2", position: "secretary", electedOn: "2024-05-01", fullName: "Trần Văn Khác" }]);
}

/** Walks the wizard from the name question to the submitted registration. */
async function registerThroughLink(bot: TestBot, userId: string, name = "Nguyễn Văn An") {
  const opened = await bot.text(userId, "/start u-u01");
  expect(opened).toContain("Đoàn cơ sở Sở Tư pháp");
  expect(opened).toContain("Họ và tên");
  expect(await bot.text(userId, name)).toContain("Chức vụ");
  expect(await bot.text(userId, "Đoàn viên")).toContain("lý luận chính trị");
  expect(await bot.text(userId, "intermediate", { isButton: true })).toContain("chuyên môn");
  expect(await bot.text(userId, "Đại học")).toContain("sinh năm");
  const phoneQuestion = await bot.say(userId, "1998");
  expect(phoneQuestion[0]!.askContact).toBe(true);
  expect(await bot.text(userId, "", { contactPhone: "+84912345678" })).toContain("Luật Bảo vệ dữ liệu cá nhân");
  expect(await bot.text(userId, "yes", { isButton: true })).toContain("số điện thoại vừa nhập");
  const summary = await bot.text(userId, "yes", { isButton: true });
  expect(summary).toContain(name);
  expect(summary).toContain("0912345678");
  expect(await bot.text(userId, "ok", { isButton: true })).toMatch(/Đã gửi đăng ký tới .+ \(Bí thư, Phó Bí thư Đoàn cơ sở Sở Tư pháp\) để duyệt/);
}

async function personOf(bot: TestBot, userId: string) {
  return (await bot.store.accounts.get(`telegram:${userId}`))!.personId;
}

describe("a cadre the Standing Committee imported", () => {
  const at = "2026-01-05T02:00:00.000Z";
  /** An approved Deputy imported with a phone, a title certificate and a class, and no chat account. */
  async function imported(bot: TestBot) {
    await bot.store.people.put({ id: "p-imported", roles: [], createdAt: at, muted: false });
    await bot.store.cadres.put({
      id: "p-imported", fullName: "Nguyễn Văn An", unitId: "u01", position: "deputy", electedOn: "2024-03-01", theoryLevel: "intermediate",
      professionalLevel: "master", birthYear: 1998, phone: "0987000111", status: "approved", consent: { purposes: ["training", "contact"], at }, registeredAt: at,
    });
    await bot.store.certificates.put({ id: "c-old", number: "2025-A-001", personId: "p-imported", courseId: "k-old", kind: "title-secretary", title: true, issuedOn: "2025-06-01" });
    await bot.store.enrollments.put({ id: "e-old", courseId: "k-old", personId: "p-imported", unitId: "u01", status: "enrolled", at, attendance: {} });
  }
  /** Everything the store holds about the imported person. */
  async function snapshot(bot: TestBot) {
    return {
      person: await bot.store.people.get("p-imported"),
      cadre: await bot.store.cadres.get("p-imported"),
      certificates: await bot.store.certificates.find({ personId: "p-imported" }),
      enrollments: await bot.store.enrollments.find({ personId: "p-imported" }),
      accounts: await bot.store.accounts.find({ personId: "p-imported" }),
    };
  }

  it("makes the registration a claim: the imported record is untouched and the claimant sees only what they typed", async () => {
    const bot = await createTestBot();
    await twoUnits(bot);
    await imported(bot);
    const before = await snapshot(bot);
    await registerThroughLink(bot, "new1", "nguyen van an");
    const claimant = await personOf(bot, "new1");
    expect(claimant).not.toBe("p-imported");
    expect(await snapshot(bot)).toEqual(before);
    expect(await bot.store.cadres.get(claimant)).toMatchObject({ status: "pending", claims: "p-imported", fullName: "nguyen van an", position: "member", phone: "0912345678" });

    const profile = await bot.text("new1", "/hoso");
    expect(profile).toContain("Họ và tên: nguyen van an");
    expect(profile).toContain("Chức vụ: Đoàn viên");
    expect(profile).not.toContain("Phó Bí thư");
    const [file] = (await bot.say("new1", "/dulieu")).filter((r) => r.file);
    const mine = file!.file!.content.toString("utf8");
    for (const theirs of ["2025-A-001", "0987000111", "Nguyễn Văn An", "deputy", "master"]) expect(mine).not.toContain(theirs);
    expect(await bot.text("new1", "/chungchi")).not.toContain("2025-A-001");
  });

  it("shows the approver which record is claimed and what it holds, beside what was typed", async () => {
    const bot = await createTestBot();
    await twoUnits(bot);
    await imported(bot);
    await registerThroughLink(bot, "new1", "nguyen van an");
    const request = bot.inbox("p-sec1").at(-1)!;
    expect(request).toContain("Đăng ký mới cần duyệt: nguyen van an — Đoàn viên, Đoàn cơ sở Sở Tư pháp.");
    expect(request).toContain("(hồ sơ p-imported)");
    expect(request).toContain("• Họ và tên: Nguyễn Văn An | nguyen van an");
    expect(request).toContain("• Chức vụ: Phó Bí thư | Đoàn viên");
    expect(request).toContain("• Số điện thoại: 0987000111 | 0912345678");
    expect(request).toContain("Hồ sơ có sẵn có 1 chứng chỉ:");
    expect(request).toContain("số 2025-A-001, cấp ngày 01/06/2025 (chứng chỉ theo chức danh)");
    expect(request).toContain("Số lớp đã ghi danh trong hồ sơ có sẵn: 1.");
    expect(await bot.text("sec1", "/choduyet")).toContain("• Chức vụ: Phó Bí thư | Đoàn viên");
  });

  it("leaves the imported record exactly as it was when the officer rejects the claim", async () => {
    const bot = await createTestBot();
    await twoUnits(bot);
    await imported(bot);
    const before = await snapshot(bot);
    await registerThroughLink(bot, "new1", "nguyen van an");
    const claimant = await personOf(bot, "new1");
    expect(await bot.text("sec1", `/tuchoi ${claimant}`)).toBe("Đã từ chối đăng ký của nguyen van an.");
    expect(await snapshot(bot)).toEqual(before);
    expect((await bot.store.cadres.get(claimant))!.status).toBe("rejected");
  });

  it("leaves the imported record exactly as it was when the claimant deletes their data", async () => {
    const bot = await createTestBot();
    await twoUnits(bot);
    await imported(bot);
    const before = await snapshot(bot);
    await registerThroughLink(bot, "new1", "nguyen van an");
    const claimant = await personOf(bot, "new1");
    expect(await bot.text("new1", "/xoadulieu xacnhan")).toContain("xóa");
    expect(await snapshot(bot)).toEqual(before);
    expect(await bot.store.cadres.get(claimant)).toBeUndefined();
    expect(await bot.text("sec1", "/choduyet")).toBe("Không có đăng ký nào đang chờ duyệt.");
  });

  it("moves the account onto the imported record when the officer confirms, keeping its certificates and classes, and logs the claim", async () => {
    const bot = await createTestBot();
    await twoUnits(bot);
    await imported(bot);
    await registerThroughLink(bot, "new1", "nguyen van an");
    const claimant = await personOf(bot, "new1");
    expect(await bot.text("sec1", `/duyet ${claimant}`)).toBe("Đã duyệt đăng ký của nguyen van an.");
    expect(await personOf(bot, "new1")).toBe("p-imported");
    expect(await bot.store.people.get(claimant)).toBeUndefined();
    expect(await bot.store.cadres.get(claimant)).toBeUndefined();
    expect(await bot.store.cadres.get("p-imported")).toMatchObject({
      status: "approved", fullName: "nguyen van an", position: "member", professionalLevel: "university", phone: "0912345678", decidedBy: "p-sec1",
    });
    expect((await bot.store.cadres.get("p-imported"))!.claims).toBeUndefined();
    expect(await bot.store.certificates.find({ personId: "p-imported" })).toHaveLength(1);
    expect(await bot.store.enrollments.find({ personId: "p-imported" })).toHaveLength(1);
    expect(bot.inbox("p-imported").at(-1)).toContain("đã được duyệt");
    const log = (await bot.store.audit.all()).map((a) => [a.action, a.subjectId, a.details]);
    expect(log).toEqual([
      ["cadre.register", claimant, { unitId: "u01", claims: "p-imported" }],
      ["cadre.claim", "p-imported", { claimant, accounts: 1 }],
      ["cadre.approve", "p-imported", { withReason: false, claims: "p-imported" }],
    ]);
    expect(await bot.text("admin", "/nhatky p-imported")).toContain("xác nhận người đăng ký là cán bộ trong danh sách có sẵn");
  });

  it("refuses to confirm a second claim on a record another account already took", async () => {
    const bot = await createTestBot();
    await twoUnits(bot);
    await imported(bot);
    await registerThroughLink(bot, "new1", "nguyen van an");
    await registerThroughLink(bot, "new2", "Nguyễn Văn An");
    const [first, second] = [await personOf(bot, "new1"), await personOf(bot, "new2")];
    expect((await bot.store.cadres.get(second))!.claims).toBe("p-imported");
    await bot.say("sec1", `/duyet ${first}`);
    expect(await bot.text("sec1", `/duyet ${second}`)).toContain("đã được một tài khoản khác nhận trước");
    expect((await bot.store.cadres.get(second))!.status).toBe("pending");
    expect(await personOf(bot, "new2")).toBe(second);
  });

  it("lets only the claimed record's own unit confirm, even after the claimant moved the registration to another unit", async () => {
    const bot = await createTestBot();
    await twoUnits(bot);
    await imported(bot);
    const before = await snapshot(bot);
    await registerThroughLink(bot, "new1", "nguyen van an");
    const claimant = await personOf(bot, "new1");
    await bot.say("new1", "/hoso unit");
    await bot.say("new1", "y te");
    expect((await bot.store.cadres.get(claimant))!).toMatchObject({ unitId: "u02", claims: "p-imported" });
    expect(await bot.text("sec2", `/duyet ${claimant}`)).toBe("Bạn chỉ xử lý được việc của đơn vị mình.");
    expect(await snapshot(bot)).toEqual(before);
    expect(await personOf(bot, "new1")).toBe(claimant);
  });

  it("does not let a registrant claim a record someone already holds", async () => {
    const bot = await createTestBot();
    await twoUnits(bot);
    await registerThroughLink(bot, "new1");
    await registerThroughLink(bot, "new2");
    expect((await bot.store.cadres.get(await personOf(bot, "new2")))!.claims).toBeUndefined();
  });
});

describe("registration and approval", () => {
  it("takes a newcomer from the unit's deep link to an approved profile, approved by the unit's Secretary", async () => {
    const bot = await createTestBot();
    await twoUnits(bot);
    await registerThroughLink(bot, "new1");
    const id = await personOf(bot, "new1");
    expect((await bot.store.cadres.get(id))!).toMatchObject({ status: "pending", unitId: "u01", phone: "0912345678", fullName: "Nguyễn Văn An" });
    expect(await bot.text("new1", "/donvi")).toContain("không có quyền");

    const [request] = bot.inboxReplies("p-sec1");
    expect(request!.text).toContain("Nguyễn Văn An — Đoàn viên, Đoàn cơ sở Sở Tư pháp");
    expect(bot.inbox("p-sec2")).toEqual([]);
    expect(await bot.text("sec1", buttonData(request!, "Duyệt"), { isButton: true })).toBe("Đã duyệt đăng ký của Nguyễn Văn An.");
    expect(bot.inbox(id).at(-1)).toContain("đã được duyệt");

    const profile = await bot.text("new1", "/hoso");
    expect(profile).toContain("Họ và tên: Nguyễn Văn An");
    expect(profile).toContain("Trạng thái: Đã duyệt");
    const audit = await bot.store.audit.find({ subjectId: id });
    expect(audit.map((a) => a.action)).toEqual(["cadre.register", "cadre.approve"]);
  });

  it("refuses an approval by the Secretary of another unit and leaves the registration pending", async () => {
    const bot = await createTestBot();
    await twoUnits(bot);
    await registerThroughLink(bot, "new2");
    const id = await personOf(bot, "new2");
    expect(await bot.text("sec2", `/duyet ${id}`)).toBe("Bạn chỉ xử lý được việc của đơn vị mình.");
    expect((await bot.store.cadres.get(id))!.status).toBe("pending");
    expect(await bot.text("new2", `/duyet ${id}`)).toContain("không có quyền");
  });

  it("stores nothing when the person does not consent, and says so", async () => {
    const bot = await createTestBot();
    await twoUnits(bot);
    await bot.say("nope", "/dangky");
    await bot.say("nope", "Phạm Thị Hoa");
    expect(await bot.text("nope", "tu phap")).toContain("Chức vụ");
    for (const answer of ["member", "basic", "college", "2000", "-"]) await bot.say("nope", answer);
    expect(await bot.text("nope", "no", { isButton: true })).toContain("không lưu bất kỳ thông tin nào");
    expect(await bot.store.cadres.count()).toBe(2);
    expect(await bot.store.wizards.count()).toBe(0);
  });

  it("finds the unit ignoring diacritics and case, offering a choice when several match", async () => {
    const bot = await createTestBot();
    await twoUnits(bot);
    await bot.say("x", "/dangky");
    await bot.say("x", "Võ Minh Tâm");
    const pick = await bot.say("x", "doan co so");
    expect(pick[0]!.buttons!.flat().map((b) => b.data)).toEqual(["u01", "u02"]);
    expect(await bot.text("x", "u02", { isButton: true })).toContain("Chức vụ");
    expect(await bot.text("x", "Bí thư")).toContain("được bầu");
    expect(await bot.text("x", "31/02/2024")).toContain("không có trên lịch");
    expect(await bot.text("x", "01/01/2030")).toContain("chưa tới");
    expect(await bot.text("x", "1/6/2025")).toContain("lý luận chính trị");
  });

  it("sends a registration to the admins when the unit has no approved officer yet", async () => {
    const bot = await createTestBot({ adminIds: ["telegram:boss"] });
    await seedUnit(bot.store, { id: "u09", name: "Đoàn cơ sở Mới" });
    await bot.say("boss", "/start");
    await bot.say("n", "/start u-u09");
    for (const a of ["Đỗ Văn Bình", "secretary", "01/09/2025", "basic", "university", "1996", "-", "yes", "ok"]) await bot.say("n", a);
    const admin = await personOf(bot, "boss");
    expect(bot.inbox(admin).at(-1)).toContain("Đỗ Văn Bình — Bí thư");
    const id = await personOf(bot, "n");
    expect(await bot.text("boss", `/duyet ${id}`)).toContain("Đã duyệt");
    expect(await bot.text("n", "/choduyet")).toBe("Không có đăng ký nào đang chờ duyệt.");
  });
});
