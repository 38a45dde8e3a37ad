/**
 * Conversation quality (issue 15), run through every channel like the scenarios: nobody stuck,
 * nothing surprising. Each test is a person's conversation, with what they see written out.
 */
import { afterEach, describe, expect, it } from "vitest";
import { drivers, type ChannelDriver } from "../helpers/channels";
import { seedTwoUnits } from "../helpers/channels";
import { seedCourse } from "../helpers/classes";
import { directEnrolmentPlan } from "../helpers/plan";
import { unit } from "../helpers/records";

const joined = (texts: string[]) => texts.join("\n");
/** Admin 900 on every channel. */
const adminIds = ["telegram:900", "zalo:900", "console:900"];

describe.each(drivers)("conversation quality on the %s channel", (_name, open) => {
  let d: ChannelDriver;
  afterEach(async () => d?.close());

  const twoUnits = () => seedTwoUnits(d);

  it("offers the classes to choose from when a class command is typed without a class code", async () => {
    d = await open({ adminIds, plan: directEnrolmentPlan() });
    await twoUnits();
    await seedCourse(d.bot.store, { id: "c-1", code: "L26-01", quotas: { u01: 2, u02: 2 } });
    const label = "L26-01 · Nghiệp vụ công tác Đoàn 2026 — 05/12/2026";
    for (const command of ["/huylop", "/phanbo", "/thuhoi", "/modiemdanh", "/bangdiemdanh", "/ketthuc", "/danhdau"]) {
      expect(joined(await d.say("900", command)), command).toContain("Chọn lớp:");
      expect(await d.options("900"), command).toEqual([label]);
    }
    expect(joined(await d.press("900", label))).toContain("Chọn buổi học của lớp “Nghiệp vụ công tác Đoàn 2026”");
    expect(await d.options("900")).toEqual(["05/12/2026 08:00–11:00, Hội trường Đoàn Khối"]);
    await d.say("900", "/huylop");
    expect(joined(await d.press("900", label))).toContain("Hủy lớp “Nghiệp vụ công tác Đoàn 2026”?");

    await d.say("501", "/cudi");
    expect(joined(await d.press("501", label))).toContain("Cử cán bộ đi học lớp L26-01 “Nghiệp vụ công tác Đoàn 2026”");
    await d.say("601", "/ghidanh c-1");
    await d.say("601", "/rutten");
    expect(await d.options("601")).toEqual([label]);
    expect(joined(await d.press("601", label))).toContain("Rút tên khỏi lớp “Nghiệp vụ công tác Đoàn 2026”?");
    expect(await d.options("601")).toEqual(["Rút tên", "Thôi, giữ nguyên"]);
    expect(await d.press("601", "Thôi, giữ nguyên")).toEqual(["Đã giữ nguyên, không có gì thay đổi."]);
    expect((await d.bot.store.enrollments.get("c-1:p-601"))!.status).toBe("enrolled");
    await d.say("601", "/rutten l26-1");
    expect(joined(await d.press("601", "Rút tên"))).toContain("Bạn đã rút tên khỏi lớp “Nghiệp vụ công tác Đoàn 2026”");
  });

  it("tells a cadre in /lichhoc that the unit's seats are used up, and tells the Secretary in /cudi to ask the bloc", async () => {
    d = await open({ plan: directEnrolmentPlan() });
    await twoUnits();
    await seedCourse(d.bot.store, { id: "c-1", capacity: 2, quotas: { u01: 1, u02: 1 } });
    await d.say("601", "/ghidanh c-1");
    const schedule = joined(await d.say("602", "/lichhoc"));
    expect(schedule).toContain("Đơn vị của bạn đã dùng hết số lượng phân bổ của lớp");
    expect(schedule).not.toContain("Bạn có thể ghi danh");
    expect(schedule).toContain("hạn ghi danh 23:59 ngày 01/12/2026");

    await d.bot.store.courses.put({ ...(await d.bot.store.courses.get("c-1"))!, quotas: { u01: 0, u02: 2 } });
    expect(await d.say("501", "/cudi c-1")).toEqual([
      "Đơn vị đã dùng hết số lượng phân bổ (0 chỗ) của lớp “Nghiệp vụ công tác Đoàn 2026”. Muốn cử thêm người, hãy đề nghị Ban Thường vụ Đoàn Khối tăng số lượng phân bổ cho đơn vị.",
    ]);
  });

  it("refuses a class session in the past, saying which, and reads sessions separated by ';' without spaces", async () => {
    d = await open({ adminIds });
    await twoUnits();
    await d.say("900", "/taolop");
    await d.press("900", /^Bồi dưỡng nghiệp vụ công tác Đoàn/);
    await d.say("900", "Lớp thử nghiệm");
    expect(joined(await d.say("900", "20/11/2026 08:00-11:00 Hội trường"))).toContain(
      "Buổi 20/11/2026 08:00 đã qua. Chỉ nhập các buổi học sắp tới.",
    );
    await d.say("900", "05/12/2026 08:00-11:00 Hội trường A;06/12/2026 14:00-17:00 Hội trường B");
    await d.say("900", "01/12/2026");
    await d.say("900", "10");
    await d.press("900", "Chưa có");
    const summary = joined(await d.press("900", "Dùng phân bổ này"));
    expect(summary).toContain("1. 05/12/2026 08:00–11:00, Hội trường A");
    expect(summary).toContain("2. 06/12/2026 14:00–17:00, Hội trường B");
  });

  it("asks before closing a class that has not started, tells those enrolled, and records it in /nhatky", async () => {
    d = await open({ adminIds, plan: directEnrolmentPlan() });
    await twoUnits();
    await seedCourse(d.bot.store, { id: "c-1", quotas: { u02: 2 } });
    await d.say("601", "/ghidanh c-1");
    const asked = joined(await d.say("900", "/ketthuc c-1"));
    expect(asked).toContain("Lớp “Nghiệp vụ công tác Đoàn 2026” chưa học buổi nào.");
    expect(await d.options("900")).toEqual(["Vẫn kết thúc lớp", "Hủy lớp", "Thôi, giữ nguyên"]);
    // Backing out of the cancellation it offers, by its button or by /huy: the class stays.
    expect(joined(await d.press("900", "Hủy lớp"))).toContain("Hủy lớp “Nghiệp vụ công tác Đoàn 2026”?");
    expect(await d.options("900")).toEqual(["Hủy lớp", "Thôi, giữ nguyên"]);
    expect(await d.press("900", "Thôi, giữ nguyên")).toEqual(["Đã giữ nguyên, không có gì thay đổi."]);
    await d.say("900", "/huylop c-1");
    expect(await d.say("900", "/huy")).toEqual(["Đã giữ nguyên, không có gì thay đổi."]);
    expect((await d.bot.store.courses.get("c-1"))!.status).toBe("open");
    await d.say("900", "/ketthuc c-1");
    const done = joined(await d.press("900", "Vẫn kết thúc lớp"));
    expect(done).toContain("Không ai được cấp chứng chỉ");
    expect(done).not.toContain("cấp 0 chứng chỉ");
    expect(d.seen("601").at(-1)).toContain("Lớp “Nghiệp vụ công tác Đoàn 2026” đã kết thúc.");
    expect(joined(await d.say("900", "/nhatky"))).toContain("kết thúc lớp — Nghiệp vụ công tác Đoàn 2026");
  });

  it("takes /đăngký typed with a Vietnamese keyboard as /dangky, and tells a guest what to do on /start and after an unknown link", async () => {
    d = await open();
    await twoUnits();
    const welcome = joined(await d.say("100", "/start"));
    expect(welcome).toContain("Gõ /dangky để đăng ký hồ sơ");
    expect(await d.options("100")).toEqual(["Đăng ký hồ sơ"]);
    expect(joined(await d.say("100", "/start zz-123"))).toContain("Đường dẫn bạn vừa mở không còn dùng được");
    expect(joined(await d.say("100", "/đăngký"))).toContain("Đăng ký hồ sơ cán bộ Đoàn.");
    expect(joined(await d.say("100", "/Huỷ"))).toContain("Đã hủy.");
  });

  it("lists in /trogiup only what the role may use, with a plain role label", async () => {
    d = await open();
    await twoUnits();
    const guest = joined(await d.say("100", "/trogiup"));
    expect(guest).toContain("Các lệnh dành cho bạn (khách, chưa đăng ký):");
    const secretary = joined(await d.say("501", "/trogiup"));
    expect(secretary).toContain("/cudi");
    expect(secretary).not.toContain("/modiemdanh");
  });

  it("keeps the list of units when /quaylai goes back to the unit choice", async () => {
    d = await open();
    await twoUnits();
    await d.say("100", "/dangky");
    await d.say("100", "Nguyễn Văn An");
    await d.say("100", "Đoàn cơ sở");
    await d.press("100", "Đoàn cơ sở Sở Y tế");
    expect(joined(await d.say("100", "/quaylai"))).toContain("Có vài đơn vị khớp với từ bạn gõ.");
    expect(await d.options("100")).toEqual(["Đoàn cơ sở Sở Tư pháp", "Đoàn cơ sở Sở Y tế"]);
    expect(joined(await d.press("100", "Đoàn cơ sở Sở Tư pháp"))).toContain("Chức vụ");
  });

  it("asks before a change of unit drops the approval, and before deleting one's data, with a way to keep things", async () => {
    d = await open();
    await twoUnits();
    await d.say("601", "/hoso unit");
    await d.say("601", "u01");
    expect(await d.options("601")).toEqual(["Đồng ý đổi", "Thôi, giữ nguyên"]);
    expect(await d.press("601", "Thôi, giữ nguyên")).toEqual(["Đã giữ nguyên, không có gì thay đổi."]);
    expect(await d.bot.store.cadres.get("p-601")).toMatchObject({ unitId: "u02", status: "approved" });
    await d.say("601", "/xoadulieu");
    expect(await d.options("601")).toEqual(["Xóa dữ liệu của tôi", "Thôi, giữ nguyên"]);
    expect(await d.press("601", "Thôi, giữ nguyên")).toEqual(["Đã giữ nguyên, không có gì thay đổi."]);
    expect(await d.bot.store.cadres.get("p-601")).toBeDefined();
  });

  /** A newcomer registers from unit u01's link as a member with a phone; resolves to the messages they sent. */
  async function registerFromLink(userId: string, name: string): Promise<number> {
    const sent: (() => Promise<unknown>)[] = [
      () => d.say(userId, "/start u-u01"),
      () => d.say(userId, name),
      () => d.press(userId, "Đoàn viên"),
      () => d.press(userId, "Trung cấp"),
      () => d.say(userId, "1998"),
      () => d.say(userId, "0912345678"),
      () => d.press(userId, "Đồng ý cả hai, gửi đăng ký"),
    ];
    for (const send of sent) await send();
    return sent.length;
  }

  it("keeps each registration waiting answerable, and tells a rejected registrant the reason", async () => {
    d = await open();
    await twoUnits();
    await registerFromLink("100", "Nguyễn Văn An");
    await registerFromLink("101", "Trần Thị Bình");
    expect(
      d
        .seen("501")
        .slice(-2)
        .map((t) => t.split("\n")[0]),
    ).toEqual([
      "Đăng ký mới cần duyệt: Nguyễn Văn An — Đoàn viên, Đoàn cơ sở Sở Tư pháp.",
      "Đăng ký mới cần duyệt: Trần Thị Bình — Đoàn viên, Đoàn cơ sở Sở Tư pháp.",
    ]);
    expect(await d.press("501", "Duyệt")).toEqual(["Đã duyệt đăng ký của Nguyễn Văn An."]);
    expect(joined(await d.press("501", "Từ chối"))).toContain("Từ chối đăng ký của Trần Thị Bình. Lý do là gì?");
    expect(joined(await d.say("501", "Sai đơn vị, bạn thuộc Sở Y tế"))).toContain("Đã từ chối đăng ký của Trần Thị Bình.");
    expect((await d.bot.store.cadres.find({ fullName: "Nguyễn Văn An" }))[0]!.status).toBe("approved");
    expect((await d.bot.store.cadres.find({ fullName: "Trần Thị Bình" }))[0]!.status).toBe("rejected");
    expect(d.seen("101").at(-1)).toContain("Lý do: Sai đơn vị, bạn thuộc Sở Y tế");
  });

  it("repeats only the question after a wrong answer in a wizard, not the header before it", async () => {
    d = await open();
    await twoUnits();
    expect(joined(await d.say("501", "/baocao"))).toContain("Báo cáo tình hình Quý 4/2026 — Đoàn cơ sở Sở Tư pháp");
    const again = await d.say("501", "abc");
    expect(again).toHaveLength(1);
    // Only cadres and cadres planned for a post may be proposed: Phạm Văn Cường, an ordinary member, is not listed.
    expect(again[0]).toContain("1. Lê Thị Bí Thư\n   ⚠️ chưa đạt trình độ lý luận chính trị tối thiểu (trung cấp)");
    expect(again[0]).not.toContain("Phạm Văn Cường");
    expect(again[0]).not.toContain("Báo cáo tình hình");
    await d.say("501", "/huy");

    await d.say("100", "/start u-u01");
    for (const answer of ["Nguyễn Văn An", "Đoàn viên", "Trung cấp", "1998"])
      await (answer.startsWith("Nguy") || answer === "1998" ? d.say("100", answer) : d.press("100", answer));
    expect(joined(await d.say("100", "-"))).toContain("Luật Bảo vệ dữ liệu cá nhân");
    const wrong = await d.say("100", "ừ thì");
    expect(joined(wrong)).toContain("Bạn chọn một mục bên dưới");
    expect(joined(wrong)).not.toContain("Luật Bảo vệ dữ liệu cá nhân");
    expect(await d.options("100")).toEqual(["Đồng ý, gửi đăng ký", "Sửa thông tin", "Không đồng ý"]);
  });

  it("shows long lists 15 lines at a time with “Xem thêm”, and /nhatky <unit> finds what was done about its people", async () => {
    d = await open({ adminIds });
    await twoUnits();
    for (let i = 3; i <= 20; i++)
      await d.bot.store.units.put(unit(`u${String(i).padStart(2, "0")}`, { name: `Đoàn cơ sở số ${i}`, members: 10 }));
    const first = joined(await d.say("900", "/donvi"));
    expect(first).toContain("(trang 1/2)");
    expect(first.split("\n").filter((l) => /Đoàn cơ sở/.test(l))).toHaveLength(15);
    expect(await d.options("900")).toEqual(["Xem thêm"]);
    const second = joined(await d.press("900", "Xem thêm"));
    expect(second).toContain("(trang 2/2)");
    expect(second.split("\n").filter((l) => /Đoàn cơ sở/.test(l))).toHaveLength(5);

    await d.say("601", "/hoso birthYear");
    await d.say("601", "1994");
    const log = joined(await d.say("900", "/nhatky u02"));
    expect(log).toContain("Trần Văn Một: sửa hồ sơ — Trần Văn Một");
    expect(joined(await d.say("900", "/nhatky u01"))).toContain("Nhật ký không có mục nào về “u01”.");
  });

  it("tells a member with no class open to them why, and what is open to whom; /dulieu sends a readable summary beside the file", async () => {
    d = await open();
    await twoUnits();
    await seedCourse(d.bot.store, { id: "c-1", quotas: { u01: 2 } });
    const none = joined(await d.say("502", "/ghidanh"));
    expect(none).toContain("chức vụ của bạn (Đoàn viên) chưa thuộc đối tượng của lớp nào");
    expect(none).toContain("• “Nghiệp vụ công tác Đoàn 2026”: dành cho Bí thư, Phó Bí thư");

    const mine = joined(await d.say("502", "/dulieu"));
    expect(mine).toContain("Tóm tắt dữ liệu bot đang lưu về bạn:");
    expect(mine).toContain("Họ và tên: Phạm Văn Cường");
    expect(mine).toContain("Lớp đã ghi danh: 0.");
  });

  // Telegram has buttons: the check is for the channels that show options as numbers.
  if (_name !== "telegram")
    it("never speaks of buttons where there are none", async () => {
      d = await open();
      await twoUnits();
      await d.say("100", "/dangky");
      await d.say("100", "Nguyễn Văn An");
      await d.say("100", "u01");
      await d.say("100", "chức gì đó");
      await d.say("601", "/hoso");
      await d.say("601", "/hoso __proto__");
      await d.say("601", "/rutdongy training");
      for (const user of ["100", "601"]) for (const text of d.seen(user)) expect(text).not.toMatch(/nút|bấm/i);
    });
});
