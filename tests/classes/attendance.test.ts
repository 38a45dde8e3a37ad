import { describe, expect, it } from "vitest";
import { createTestBot, seedUnit } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";

async function classInSession() {
  const bot = await createTestBot();
  await seedUnit(bot.store, { id: "u01" }, [
    { userId: "gv", position: "lecturer", fullName: "Nguyễn Giảng Viên" },
    { userId: "gv2", position: "lecturer", fullName: "Võ Giảng Khác" },
    { userId: "s", position: "secretary", fullName: "Lê Bí Thư" },
    { userId: "d", position: "deputy", fullName: "Trần Phó" },
    { userId: "m", position: "committee", fullName: "Phạm Ủy Viên" },
  ]);
  await seedCourse(bot.store, { id: "c-1", quotas: { u01: 10 }, lecturers: ["Nguyễn Giảng Viên"] });
  await bot.say("s", "/ghidanh c-1");
  await bot.say("d", "/ghidanh c-1");
  // 05/12/2026 07:45 in Cần Thơ: a quarter of an hour before the session.
  bot.setNow("2026-12-05T00:45:00.000Z");
  const opened = await bot.text("gv", "/modiemdanh c-1");
  const code = /Mã điểm danh: ([A-Z0-9]+)/.exec(opened)?.[1];
  return { bot, opened, code: code! };
}

describe("attendance", () => {
  it("gives a lecturer a short code valid until the session ends", async () => {
    const { bot, opened, code } = await classInSession();
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    expect(opened).toContain(`Học viên gửi: /diemdanh ${code} (hiệu lực đến 11:00 05/12/2026).`);
    expect(await bot.store.checkins.get("c-1:s1")).toMatchObject({ code, closesAt: "2026-12-05T04:00:00.000Z", openedBy: "p-gv" });
  });

  it("records present on time and late after the grace period", async () => {
    const { bot, code } = await classInSession();
    bot.setNow("2026-12-05T01:05:00.000Z");
    expect(await bot.text("s", `/diemdanh ${code.toLowerCase()}`)).toBe(
      "Đã điểm danh: có mặt ở lớp “Nghiệp vụ công tác Đoàn 2026”, buổi 05/12/2026 08:00–11:00, Hội trường Đoàn Khối.",
    );
    bot.setNow("2026-12-05T01:20:00.000Z");
    expect(await bot.text("d", `/diemdanh ${code}`)).toContain("Đã điểm danh: đi trễ");
    expect(await bot.text("d", `/diemdanh ${code}`)).toContain("Bạn đã điểm danh buổi");
    expect((await bot.store.enrollments.get("c-1:p-s"))!.attendance).toEqual({ s1: "present" });
    expect((await bot.store.enrollments.get("c-1:p-d"))!.attendance).toEqual({ s1: "late" });
  });

  it("refuses a wrong code, an expired code and a person not enrolled", async () => {
    const { bot, code } = await classInSession();
    bot.setNow("2026-12-05T01:05:00.000Z");
    const wrong = code === "ABCDEF" ? "ABCDEG" : "ABCDEF";
    expect(await bot.text("s", `/diemdanh ${wrong}`)).toBe("Mã điểm danh không đúng. Bạn kiểm tra lại mã báo cáo viên đọc nhé.");
    expect(await bot.text("m", `/diemdanh ${code}`)).toBe("Bạn không có trong danh sách học viên của lớp này nên không điểm danh được.");
    bot.setNow("2026-12-05T04:01:00.000Z");
    expect(await bot.text("s", `/diemdanh ${code}`)).toBe("Mã điểm danh này đã hết hiệu lực (buổi học đã kết thúc).");
    expect((await bot.store.enrollments.find({ courseId: "c-1" })).map((e) => e.attendance)).toEqual([{}, {}]);
  });

  it("lets only admins and the lecturers assigned to the class open check-in, and only during the session", async () => {
    const { bot } = await classInSession();
    const refusal =
      "Chỉ báo cáo viên được phân công dạy lớp “Nghiệp vụ công tác Đoàn 2026” hoặc Ban Thường vụ Đoàn Khối mới mở điểm danh lớp này được.";
    // Not a lecturer at all: the command itself is not theirs.
    expect(await bot.text("s", "/modiemdanh c-1")).toBe("Chỉ báo cáo viên hoặc Ban Thường vụ Đoàn Khối mới mở điểm danh được.");
    expect(await bot.text("gv2", "/modiemdanh c-1")).toBe(refusal);
    bot.setNow("2026-12-04T01:00:00.000Z");
    expect(await bot.text("admin", "/modiemdanh c-1 s1")).toBe(
      "Chỉ mở điểm danh được trong thời gian buổi học (05/12/2026 08:00–11:00, Hội trường Đoàn Khối), từ 07:30 05/12/2026.",
    );
    // No session under way: the sessions are offered, instead of asking for a code shown nowhere.
    const [sessions] = await bot.say("admin", "/modiemdanh c-1");
    expect(sessions!.text).toBe("Lớp “Nghiệp vụ công tác Đoàn 2026” không có buổi nào đang diễn ra. Chọn buổi cần mở điểm danh:");
    expect(sessions!.buttons!.flat()).toEqual([{ label: "05/12/2026 08:00–11:00, Hội trường Đoàn Khối", data: "/modiemdanh c-1 s1" }]);
    expect(await bot.text("admin", "/modiemdanh c-1 s9")).toBe("Lớp không có buổi “s9”.");
  });

  it("takes the code typed alone, in any case, as a check-in", async () => {
    const { bot, code } = await classInSession();
    bot.setNow("2026-12-05T01:05:00.000Z");
    expect(await bot.text("s", code.toLowerCase())).toBe(
      "Đã điểm danh: có mặt ở lớp “Nghiệp vụ công tác Đoàn 2026”, buổi 05/12/2026 08:00–11:00, Hội trường Đoàn Khối.",
    );
    expect(await bot.text("s", "ABCDEF")).toBe("Bot chưa hiểu tin nhắn này. Gõ /trogiup để xem bạn có thể làm gì.");
  });

  it("offers a lecturer only the classes he teaches when /modiemdanh is typed alone", async () => {
    const { bot } = await classInSession();
    await seedCourse(bot.store, { id: "c-2", title: "Lớp của người khác", lecturers: ["Võ Giảng Khác"] });
    const [mine] = await bot.say("gv", "/modiemdanh");
    expect(mine!.buttons!.flat().map((b) => b.data)).toEqual(["/modiemdanh c-1"]);
    const [theirs] = await bot.say("gv2", "/modiemdanh");
    expect(theirs!.buttons!.flat().map((b) => b.data)).toEqual(["/modiemdanh c-2"]);
    const [all] = await bot.say("admin", "/modiemdanh");
    expect(all!.buttons!.flat().map((b) => b.data)).toEqual(["/modiemdanh c-1", "/modiemdanh c-2"]);
  });

  it("lets a Secretary who is a bloc lecturer assigned to the class (by record id) open its check-in", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "s", position: "secretary", fullName: "Lê Bí Thư", lecturer: true }]);
    await seedCourse(bot.store, { id: "c-1", quotas: { u01: 10 }, lecturers: ["p-s"] });
    bot.setNow("2026-12-05T00:45:00.000Z");
    expect(await bot.text("s", "/modiemdanh c-1")).toContain("Mã điểm danh:");
  });

  it("lets an admin mark by hand with buttons and shows the attendance sheet", async () => {
    const { bot } = await classInSession();
    const [people] = await bot.say("admin", "/danhdau c-1 s1");
    expect(people!.buttons!.flat().map((b) => b.data)).toEqual(["/danhdau c-1 s1 p-s", "/danhdau c-1 s1 p-d"]);
    const [marks] = await bot.say("admin", "/danhdau c-1 s1 p-d", { isButton: true });
    expect(marks!.buttons!.flat().map((b) => b.label)).toEqual(["Có mặt", "Đi trễ", "Vắng có phép", "Vắng"]);
    // After a mark, the list again with each person's mark.
    const [again] = await bot.say("admin", "/danhdau c-1 s1 p-d excused", { isButton: true });
    expect(again!.text).toBe(
      "Đã ghi Trần Phó: Vắng có phép.\n\nChọn học viên để đánh dấu (buổi 05/12/2026 08:00–11:00, Hội trường Đoàn Khối):",
    );
    expect(again!.buttons!.flat().map((b) => b.label)).toEqual(["Lê Bí Thư", "Trần Phó (Vắng có phép)"]);
    expect(await bot.text("admin", "/danhdau c-1 s1 p-m absent")).toContain("không có trong danh sách học viên");
    const sheet = await bot.text("admin", "/bangdiemdanh c-1");
    expect(sheet).toContain("Bảng điểm danh lớp “Nghiệp vụ công tác Đoàn 2026” (1 buổi; hoàn thành khi dự từ 80%):");
    expect(sheet).toContain("1. Lê Bí Thư (u01): · — 0%");
    expect(sheet).toContain("2. Trần Phó (u01): P — 0%");
  });
});
