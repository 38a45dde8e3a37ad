import { describe, expect, it } from "vitest";
import { buttonData, createTestBot, seedUnit, type TestBot } from "../helpers/chat";
import { cadre, certificate, enrollment, person, registeredAt } from "../helpers/records";

async function twoUnits(bot: TestBot) {
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
    { userId: "sec1", position: "secretary", electedOn: "2025-03-01", fullName: "Lê Thị Bí Thư" },
  ]);
  await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" }, [
    { userId: "sec2", position: "secretary", electedOn: "2024-05-01", fullName: "Trần Văn Khác" },
  ]);
}

/** Walks the wizard from the name question to the submitted registration. */
async function registerThroughLink(bot: TestBot, userId: string, name = "Nguyễn Văn An") {
  const opened = await bot.text(userId, "/start u-u01");
  expect(opened).toContain("Đoàn cơ sở Sở Tư pháp");
  expect(opened).toContain("Họ và tên");
  const named = await bot.text(userId, name);
  if (named.includes("Đây đúng là họ tên đầy đủ của bạn chứ?"))
    expect(await bot.text(userId, "yes", { isButton: true })).toContain("Chức vụ");
  else expect(named).toContain("Chức vụ");
  expect(await bot.text(userId, "Đoàn viên")).toContain("lý luận chính trị");
  expect(await bot.text(userId, "intermediate", { isButton: true })).toContain("sinh năm");
  const phoneQuestion = await bot.say(userId, "1998");
  expect(phoneQuestion[0]!.askContact).toBe(true);
  const summary = await bot.text(userId, "", { contactPhone: "+84912345678" });
  expect(summary).toContain("Luật Bảo vệ dữ liệu cá nhân");
  expect(summary).toContain(name);
  expect(summary).toContain("0912345678");
  expect(await bot.text(userId, "both", { isButton: true })).toMatch(
    /Đã gửi đăng ký tới .+ \(Bí thư, Phó Bí thư Đoàn cơ sở Sở Tư pháp\) để duyệt/,
  );
}

async function personOf(bot: TestBot, userId: string) {
  return (await bot.store.accounts.get(`telegram:${userId}`))!.personId;
}

describe("a cadre the Standing Committee imported", () => {
  /** An approved Deputy imported with a phone, a title certificate and a class, and no chat account. */
  async function imported(bot: TestBot) {
    await bot.store.people.put(person("p-imported"));
    await bot.store.cadres.put(
      cadre("p-imported", "u01", {
        fullName: "Nguyễn Văn An",
        position: "deputy",
        electedOn: "2024-03-01",
        theoryLevel: "intermediate",
        professionalLevel: "master",
        birthYear: 1998,
        phone: "0987000111",
        consent: { purposes: ["training", "contact"], at: registeredAt },
      }),
    );
    await bot.store.certificates.put(
      certificate("p-imported", "2025-06-01", { id: "c-old", number: "2025-A-001", courseId: "k-old", title: true }),
    );
    await bot.store.enrollments.put(enrollment("k-old", "p-imported", "u01", { id: "e-old", at: registeredAt }));
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
    expect(await bot.store.cadres.get(claimant)).toMatchObject({
      status: "pending",
      claims: "p-imported",
      fullName: "nguyen van an",
      position: "member",
      phone: "0912345678",
    });

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

  it("says the record on file holds no certificate, rather than a heading with nothing under it", async () => {
    const bot = await createTestBot();
    await twoUnits(bot);
    await imported(bot);
    await bot.store.certificates.remove("c-old");
    await registerThroughLink(bot, "new1", "nguyen van an");
    const request = bot.inbox("p-sec1").at(-1)!;
    expect(request).toContain("Hồ sơ có sẵn chưa có chứng chỉ nào.\nSố lớp đã ghi danh trong hồ sơ có sẵn: 1.");
    expect(request).not.toContain("0 chứng chỉ");
  });

  it("leaves the imported record exactly as it was when the officer rejects the claim", async () => {
    const bot = await createTestBot();
    await twoUnits(bot);
    await imported(bot);
    const before = await snapshot(bot);
    await registerThroughLink(bot, "new1", "nguyen van an");
    const claimant = await personOf(bot, "new1");
    expect(await bot.text("sec1", `/tuchoi ${claimant} -`)).toBe("Đã từ chối đăng ký của nguyen van an.");
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
      status: "approved",
      fullName: "nguyen van an",
      position: "member",
      // Registration does not ask the professional level: the imported record's is kept.
      professionalLevel: "master",
      phone: "0912345678",
      decidedBy: "p-sec1",
    });
    expect((await bot.store.cadres.get("p-imported"))!.claims).toBeUndefined();
    // The imported Deputy's post stays in the history, up to the day before the claim (29/11/2026) typed "Đoàn viên".
    expect(await bot.store.cadres.get("p-imported")).toMatchObject({
      postSince: "2026-11-29",
      formerPosts: [{ unitId: "u01", position: "deputy", from: "2024-03-01", until: "2026-11-28", electedOn: "2024-03-01" }],
    });
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
    expect((await bot.store.cadres.get(id))!).toMatchObject({
      status: "pending",
      unitId: "u01",
      phone: "0912345678",
      fullName: "Nguyễn Văn An",
    });
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

  it("tells an officer who presses Duyệt or Từ chối again who decided the registration and when", async () => {
    const bot = await createTestBot();
    await twoUnits(bot);
    await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
      { userId: "dep1", position: "deputy", fullName: "Võ Văn Phó" },
    ]);
    await registerThroughLink(bot, "new2");
    const id = await personOf(bot, "new2");
    await bot.say("sec1", `/duyet ${id}`, { isButton: true });
    expect(await bot.text("dep1", `/duyet ${id}`, { isButton: true })).toBe(
      "Đăng ký của Nguyễn Văn An đã được Lê Thị Bí Thư duyệt lúc 10:00 29/11/2026; không cần làm gì thêm.",
    );
    expect(await bot.text("dep1", `/tuchoi ${id}`, { isButton: true })).toBe(
      "Đăng ký của Nguyễn Văn An đã được Lê Thị Bí Thư duyệt lúc 10:00 29/11/2026; không cần làm gì thêm.",
    );
    expect((await bot.store.cadres.get(id))!.status).toBe("approved");
  });

  it("refuses a rejection reason over 300 characters, naming the limit, and keeps the registration pending", async () => {
    const bot = await createTestBot();
    await twoUnits(bot);
    await registerThroughLink(bot, "new2");
    const id = await personOf(bot, "new2");
    const long = "Thiếu thông tin. ".repeat(20).trim();
    expect(await bot.text("sec1", `/tuchoi ${id} ${long}`)).toBe("Lý do dài 339 ký tự, quá 300 ký tự cho phép. Bạn viết gọn lại nhé.");
    expect(await bot.text("sec1", `/tuchoi ${id}`)).toContain("Lý do là gì?");
    expect(await bot.text("sec1", long)).toBe(
      "Lý do dài 339 ký tự, quá 300 ký tự cho phép. Bạn viết gọn lại nhé.\n\nTừ chối đăng ký của Nguyễn Văn An. Lý do là gì? Người đăng ký sẽ được báo lý do này (gõ lý do, hoặc chọn “Không nêu lý do”).",
    );
    expect((await bot.store.cadres.get(id))!.status).toBe("pending");
    expect(await bot.text("sec1", "Sai đơn vị")).toBe("Đã từ chối đăng ký của Nguyễn Văn An.\nLý do: Sai đơn vị");
    expect((await bot.store.cadres.get(id))!.status).toBe("rejected");
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
    for (const a of ["Đỗ Văn Bình", "secretary", "01/09/2025", "basic", "1996", "-", "yes", "ok"]) await bot.say("n", a);
    const admin = await personOf(bot, "boss");
    expect(bot.inbox(admin).at(-1)).toContain("Đỗ Văn Bình — Bí thư");
    const id = await personOf(bot, "n");
    expect(await bot.text("boss", `/duyet ${id}`)).toContain("Đã duyệt");
    expect(await bot.text("n", "/choduyet")).toBe("Không có đăng ký nào đang chờ duyệt.");
  });
});

describe("/choduyet, the registrations waiting", () => {
  const numberWords = [
    "Một",
    "Hai",
    "Ba",
    "Bốn",
    "Năm",
    "Sáu",
    "Bảy",
    "Tám",
    "Chín",
    "Mười",
    "Mười Một",
    "Mười Hai",
    "Mười Ba",
    "Mười Bốn",
    "Mười Lăm",
    "Mười Sáu",
    "Mười Bảy",
    "Mười Tám",
    "Mười Chín",
    "Hai Mươi",
  ];

  /** u01 with its Secretary and `count` pending registrations, sent one a day from 01/11/2026. */
  async function waiting(bot: TestBot, count: number) {
    await twoUnits(bot);
    const pending = Array.from({ length: count }, (_, i) => ({
      userId: `w${String(i + 1).padStart(2, "0")}`,
      fullName: `Người Chờ Số ${numberWords[i]}`,
      status: "pending" as const,
      registeredAt: `2026-11-${String(i + 1).padStart(2, "0")}T02:00:00.000Z`,
    }));
    await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, pending);
  }

  it("shows three or fewer in full, each with its buttons", async () => {
    const bot = await createTestBot();
    await waiting(bot, 2);
    const replies = await bot.say("sec1", "/choduyet");
    expect(replies.map((r) => r.text)).toEqual([
      "Có 2 đăng ký đang chờ duyệt:",
      "Đăng ký mới cần duyệt: Người Chờ Số Một — Đoàn viên, Đoàn cơ sở Sở Tư pháp.",
      "Đăng ký mới cần duyệt: Người Chờ Số Hai — Đoàn viên, Đoàn cơ sở Sở Tư pháp.",
    ]);
    expect(replies[1]!.buttons!.flat().map((b) => b.data)).toEqual(["/duyet p-w01", "/tuchoi p-w01"]);
  });

  it("pages more than that 15 a page with “Xem thêm”, a button per person opening their request", async () => {
    const bot = await createTestBot();
    await waiting(bot, 20);
    const [first] = await bot.say("sec1", "/choduyet");
    const lines = first!.text.split("\n");
    expect(lines[0]).toBe("Có 20 đăng ký đang chờ duyệt: (trang 1/2)");
    expect(lines[1]).toBe("1. Người Chờ Số Một — Đoàn viên, Đoàn cơ sở Sở Tư pháp · gửi ngày 01/11/2026");
    expect(lines[15]).toBe("15. Người Chờ Số Mười Lăm — Đoàn viên, Đoàn cơ sở Sở Tư pháp · gửi ngày 15/11/2026");
    expect(lines).toHaveLength(16);
    const buttons = first!.buttons!.flat();
    expect(buttons).toHaveLength(16);
    expect(buttons[0]).toEqual({ label: "1. Người Chờ Số Một", data: "/choduyet p-w01" });
    expect(buttons[15]).toEqual({ label: "Xem thêm", data: "/choduyet trang 2" });

    const [second] = await bot.say("sec1", "/choduyet trang 2", { isButton: true });
    expect(second!.text.split("\n")).toEqual([
      "Có 20 đăng ký đang chờ duyệt: (trang 2/2)",
      "16. Người Chờ Số Mười Sáu — Đoàn viên, Đoàn cơ sở Sở Tư pháp · gửi ngày 16/11/2026",
      "17. Người Chờ Số Mười Bảy — Đoàn viên, Đoàn cơ sở Sở Tư pháp · gửi ngày 17/11/2026",
      "18. Người Chờ Số Mười Tám — Đoàn viên, Đoàn cơ sở Sở Tư pháp · gửi ngày 18/11/2026",
      "19. Người Chờ Số Mười Chín — Đoàn viên, Đoàn cơ sở Sở Tư pháp · gửi ngày 19/11/2026",
      "20. Người Chờ Số Hai Mươi — Đoàn viên, Đoàn cơ sở Sở Tư pháp · gửi ngày 20/11/2026",
      "",
      "Chọn một người để xem đầy đủ và duyệt hoặc từ chối.",
    ]);
    expect(second!.buttons!.flat().map((b) => b.data)).toEqual([
      "/choduyet p-w16",
      "/choduyet p-w17",
      "/choduyet p-w18",
      "/choduyet p-w19",
      "/choduyet p-w20",
    ]);

    const [one] = await bot.say("sec1", "/choduyet p-w17", { isButton: true });
    expect(one!.text).toBe("Đăng ký mới cần duyệt: Người Chờ Số Mười Bảy — Đoàn viên, Đoàn cơ sở Sở Tư pháp.");
    expect(await bot.text("sec1", buttonData(one!, "Duyệt"), { isButton: true })).toBe("Đã duyệt đăng ký của Người Chờ Số Mười Bảy.");
    expect((await bot.text("sec1", "/choduyet")).split("\n")[0]).toBe("Có 19 đăng ký đang chờ duyệt: (trang 1/2)");
    expect(await bot.text("sec1", "/choduyet p-w17")).toBe(
      "Không có đăng ký nào đang chờ duyệt với mã “p-w17” (có thể đã được duyệt hoặc từ chối). Gõ /choduyet để xem danh sách.",
    );
    expect(await bot.text("sec2", "/choduyet")).toBe("Không có đăng ký nào đang chờ duyệt.");
  });
});
