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
  const named = await bot.text(userId, name);
  if (named.includes("Đây đúng là họ tên đầy đủ của bạn chứ?")) expect(await bot.text(userId, "yes", { isButton: true })).toContain("Chức vụ");
  else expect(named).toContain("Chức vụ");
  expect(await bot.text(userId, "Đoàn viên")).toContain("lý luận chính trị");
  expect(await bot.text(userId, "intermediate", { isButton: true })).toContain("chuyên môn");
  expect(await bot.text(userId, "Đại học")).toContain("sinh năm");
  const phoneQuestion = await bot.say(userId, "1998");
  expect(phoneQuestion[0]!.askContact).toBe(true);
  const summary = await bot.text(userId, "", { contactPhone: "+84912345678" });
  expect(summary).toContain("Luật Bảo vệ dữ liệu cá nhân");
  expect(summary).toContain(name);
  expect(summary).toContain("0912345678");
  expect(await bot.text(userId, "both", { isButton: true })).toContain("Đã gửi đăng ký tới Bí thư, Phó Bí thư Đoàn cơ sở Sở Tư pháp");
}

async function personOf(bot: TestBot, userId: string) {
  return (await bot.store.accounts.get(`telegram:${userId}`))!.personId;
}

describe("a cadre the Standing Committee imported", () => {
  it("registers into the imported record (kept with its certificates) and waits for the Secretary to confirm", async () => {
    const bot = await createTestBot();
    await twoUnits(bot);
    const at = "2026-01-05T02:00:00.000Z";
    await bot.store.people.put({ id: "p-imported", roles: [], createdAt: at, muted: false });
    await bot.store.cadres.put({
      id: "p-imported", fullName: "Nguyễn Văn An", unitId: "u01", position: "member", theoryLevel: "basic", professionalLevel: "college",
      birthYear: 1998, status: "approved", consent: { purposes: ["training"], at }, registeredAt: at,
    });
    await bot.store.certificates.put({ id: "c-old", number: "2025-A-001", personId: "p-imported", courseId: "k-old", kind: "youth-work", title: false, issuedOn: "2025-06-01" });
    const fresh = (await bot.say("new1", "/start"), await personOf(bot, "new1"));
    await registerThroughLink(bot, "new1", "nguyen van an");
    expect(await personOf(bot, "new1")).toBe("p-imported");
    expect(await bot.store.people.get(fresh)).toBeUndefined();
    expect(await bot.store.cadres.get("p-imported")).toMatchObject({ status: "pending", fullName: "nguyen van an", professionalLevel: "university", phone: "0912345678" });
    expect(await bot.store.certificates.find({ personId: "p-imported" })).toHaveLength(1);
    expect(bot.inboxReplies("p-sec1").at(-1)!.text).toContain("nguyen van an");
  });

  it("does not hand an imported record to a second registrant once someone holds it", async () => {
    const bot = await createTestBot();
    await twoUnits(bot);
    await registerThroughLink(bot, "new1");
    await registerThroughLink(bot, "new2");
    expect(await personOf(bot, "new2")).not.toBe(await personOf(bot, "new1"));
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
