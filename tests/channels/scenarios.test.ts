/**
 * The chat-core scenarios of the plan, written once and run through every channel: the console,
 * Zalo and Telegram, each through its real entry, notifications included.
 */
import { afterEach, describe, expect, it } from "vitest";
import { drivers, type ChannelDriver } from "../helpers/channels";
import { seedUnit } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";

const joined = (texts: string[]) => texts.join("\n");

describe.each(drivers)("the same conversation on the %s channel", (_name, open) => {
  let d: ChannelDriver;
  afterEach(async () => d?.close());

  /** Unit u01 (Sở Tư pháp): Secretary 501, member 502. Unit u02 (Sở Y tế): committee members 601 and 602. */
  async function twoUnits(): Promise<void> {
    await seedUnit(d.bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
      { userId: "501", fullName: "Lê Thị Bí Thư", position: "secretary", electedOn: "2026-03-01", theoryLevel: "basic" },
      { userId: "502", fullName: "Phạm Văn Cường", position: "member", theoryLevel: "none" },
    ], d.channel);
    await seedUnit(d.bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" }, [
      { userId: "601", fullName: "Trần Văn Một", position: "committee" },
      { userId: "602", fullName: "Ngô Thị Hai", position: "committee" },
    ], d.channel);
  }

  it("welcomes a newcomer in Vietnamese on /start and lists the commands on /trogiup", async () => {
    d = await open();
    expect(joined(await d.say("100", "/start"))).toMatch(/^Xin chào!.*\/trogiup/s);
    const help = joined(await d.say("100", "/trogiup"));
    expect(help).toContain("Các lệnh dành cho bạn");
    expect(help).toContain("/ngonngu (/lang)");
  });

  it("offers the languages as options and switches to English when the person picks English", async () => {
    d = await open();
    await d.say("100", "/ngonngu");
    expect(await d.options("100")).toEqual(["Tiếng Việt", "English"]);
    expect(await d.press("100", "English")).toEqual(["Switched to English."]);
    expect(joined(await d.say("100", "/help"))).toContain("/lang (/ngonngu)");
  });

  it("registers a newcomer from the unit's link in 8 messages, approved by the unit's Secretary in the notification; then /hoso shows the profile", async () => {
    d = await open();
    await twoUnits();
    let sent = 0;
    const say = (text: string) => (sent++, d.say("100", text));
    const press = (label: string) => (sent++, d.press("100", label));
    expect(joined(await say("/start u-u01"))).toContain("Đăng ký hồ sơ cán bộ Đoàn của Đoàn cơ sở Sở Tư pháp");
    await say("Nguyễn Văn An");
    expect(await d.options("100")).toContain("Đoàn viên");
    await press("Đoàn viên");
    await press("Trung cấp");
    await press("Đại học");
    await say("1998");
    const summary = joined(await say("0912345678"));
    expect(summary).toContain("Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15");
    expect(summary).toMatch(/Nguyễn Văn An[^]*0912345678/);
    expect(await d.options("100")).toEqual(["Đồng ý cả hai, gửi đăng ký", "Gửi, không lưu số điện thoại", "Sửa thông tin", "Không đồng ý"]);
    expect(joined(await press("Đồng ý cả hai, gửi đăng ký"))).toContain("Đã gửi đăng ký tới Bí thư, Phó Bí thư Đoàn cơ sở Sở Tư pháp");
    expect(sent).toBe(8);
    expect((await d.bot.store.cadres.find({ fullName: "Nguyễn Văn An" }))[0]).toMatchObject({ phone: "0912345678", consent: { purposes: ["training", "contact"] } });

    expect(d.seen("501").at(-1)).toContain("Đăng ký mới cần duyệt: Nguyễn Văn An — Đoàn viên, Đoàn cơ sở Sở Tư pháp.");
    expect(await d.options("501")).toEqual(["Duyệt", "Từ chối"]);
    expect(await d.press("501", "Duyệt")).toEqual(["Đã duyệt đăng ký của Nguyễn Văn An."]);
    expect(d.seen("100").at(-1)).toContain("Đăng ký của bạn ở Đoàn cơ sở Sở Tư pháp đã được duyệt.");

    const profile = joined(await d.say("100", "/hoso"));
    expect(profile).toContain("Họ và tên: Nguyễn Văn An");
    expect(profile).toContain("Trạng thái: Đã duyệt");
  });

  it("registers without the link in 9 messages, fixes the name from the summary without retyping the rest, and asks to confirm a name without diacritics", async () => {
    d = await open();
    await twoUnits();
    let sent = 0;
    const say = (text: string) => (sent++, d.say("100", text));
    const press = (label: string) => (sent++, d.press("100", label));
    await say("/dangky");
    expect(joined(await say("Nguyen Van An"))).toContain("Bạn ghi họ tên là “Nguyen Van An” — chưa đủ họ và tên, hoặc chưa có dấu.");
    expect(await d.options("100")).toEqual(["Đúng, giữ tên này", "Nhập lại"]);
    sent--; // the confirmation is not part of the count: a name typed with diacritics skips it
    await say("Nguyễn Văn An");
    expect(joined(await say("tư pháp"))).toContain("Chức vụ");
    await press("Đoàn viên");
    await press("Trung cấp");
    await press("Đại học");
    await say("1998");
    expect(joined(await say("0912345678"))).toMatch(/Họ và tên: Nguyễn Văn An[^]*Đơn vị: Đoàn cơ sở Sở Tư pháp/);
    expect(sent).toBe(8);

    await d.press("100", "Sửa thông tin");
    await d.press("100", "Họ và tên");
    const fixed = joined(await d.say("100", "Nguyễn Văn Ân"));
    expect(fixed).toMatch(/Họ và tên: Nguyễn Văn Ân[^]*Chức vụ: Đoàn viên[^]*Năm sinh: 1998[^]*Số điện thoại: 0912345678/);
    expect(joined(await press("Gửi, không lưu số điện thoại"))).toContain("Đã gửi đăng ký tới Bí thư, Phó Bí thư Đoàn cơ sở Sở Tư pháp");
    expect(sent).toBe(9);
    const [cadre] = await d.bot.store.cadres.find({ fullName: "Nguyễn Văn Ân" });
    expect(cadre).toMatchObject({ unitId: "u01", birthYear: 1998, consent: { purposes: ["training"] } });
    expect(cadre!.phone).toBeUndefined();
  });

  it("shows a class in /lichhoc with each person's standing: the Secretary may enrol, a plain member is not in its audience", async () => {
    d = await open();
    await twoUnits();
    await seedCourse(d.bot.store, { id: "c-1", quotas: { u01: 2, u02: 1 } });
    const secretary = joined(await d.say("501", "/lichhoc"));
    expect(secretary).toContain("Nghiệp vụ công tác Đoàn 2026");
    expect(secretary).toContain("05/12/2026 08:00–11:00");
    expect(secretary).toContain("👉 Bạn có thể ghi danh");
    expect(joined(await d.say("502", "/lichhoc"))).toContain("Không thuộc đối tượng của lớp");
  });

  it("enrols a cadre who presses the class's button, and refuses a second cadre of a unit whose quota is 1 when every seat is allotted, saying why", async () => {
    d = await open();
    await twoUnits();
    await seedCourse(d.bot.store, { id: "c-1", capacity: 3, quotas: { u01: 2, u02: 1 } });
    await d.say("601", "/ghidanh");
    expect(joined(await d.press("601", /^Nghiệp vụ công tác Đoàn 2026/))).toContain(
      "Bạn đã ghi danh lớp “Nghiệp vụ công tác Đoàn 2026”. Buổi đầu tiên: 05/12/2026 08:00–11:00",
    );
    expect(joined(await d.say("601", "/lichhoc"))).toContain("✅ Bạn đã ghi danh");
    await d.say("602", "/ghidanh");
    expect(await d.press("602", /^Nghiệp vụ công tác Đoàn 2026/)).toEqual([
      "Đơn vị của bạn đã dùng hết số lượng phân bổ (1 chỗ) của lớp “Nghiệp vụ công tác Đoàn 2026”. Hãy liên hệ Bí thư đơn vị hoặc Ban Thường vụ Đoàn Khối.",
    ]);
    expect((await d.bot.store.enrollments.find({ courseId: "c-1" })).map((e) => [e.personId, e.status])).toEqual([["p-601", "enrolled"]]);
  });

  it("lets a Secretary file the unit's status report through /baocao, answering each question", async () => {
    d = await open();
    await twoUnits();
    const first = joined(await d.say("501", "/baocao"));
    expect(first).toContain("Báo cáo tình hình Quý 4/2026 — Đoàn cơ sở Sở Tư pháp");
    expect(first).toMatch(/1\. Lê Thị Bí Thư\n2\. Phạm Văn Cường/);
    await d.say("501", "2");
    await d.press("501", "Có");
    await d.say("501", "Thiếu kinh phí tổ chức lớp");
    expect(joined(await d.say("501", "-"))).toContain("Đề xuất học lý luận chính trị: Phạm Văn Cường");
    expect(joined(await d.press("501", "Gửi báo cáo"))).toContain("Đã nhận báo cáo Quý 4/2026 của Đoàn cơ sở Sở Tư pháp (lần nộp thứ 1)");
    expect(await d.bot.store.reports.get("u01:2026-Q4")).toMatchObject({ submittedBy: "p-501", proposedForTheory: ["p-502"], committeeApproved: true });
  });
});
