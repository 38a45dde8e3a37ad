import { describe, expect, it } from "vitest";
import { createTestBot, seedUnit } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";

describe("schedule", () => {
  it("says 1 session and 2 sessions in English", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "1", position: "secretary" }]);
    await seedCourse(bot.store, { id: "c-1", quotas: { u01: 1 } });
    await seedCourse(bot.store, {
      id: "c-2",
      sessions: [
        { id: "s1", date: "2026-12-08", start: "08:00", end: "11:00", place: "A" },
        { id: "s2", date: "2026-12-09", start: "08:00", end: "11:00", place: "A" },
      ],
    });
    await bot.say("1", "/lang en", { isButton: true });
    const schedule = await bot.text("1", "/schedule");
    expect(schedule).toContain("From 05/12/2026 08:00–11:00, Hội trường Đoàn Khối · 1 session · registration closes");
    expect(schedule).toContain("From 08/12/2026 08:00–11:00, A · 2 sessions · registration closes");
  });

  it("lists upcoming classes with the person's standing in each", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [
      { userId: "1", position: "secretary" },
      { userId: "2", position: "deputy" },
    ]);
    await seedCourse(bot.store, { id: "c-1", capacity: 1, quotas: { u01: 1 } });
    await seedCourse(bot.store, { id: "c-2", kind: "lecturers", title: "Bồi dưỡng báo cáo viên", quotas: { u01: 1 } });
    await seedCourse(bot.store, {
      id: "c-3",
      title: "Lớp đã qua",
      sessions: [{ id: "s1", date: "2026-11-01", start: "08:00", end: "11:00", place: "A" }],
    });
    await seedCourse(bot.store, { id: "c-4", kind: "title-secretary", title: "Bồi dưỡng chức danh Bí thư", quotas: { u01: 1 } });
    await bot.say("1", "/ghidanh c-1");
    await bot.say("2", "/ghidanh c-1");
    const [secretary] = await bot.say("1", "/lichhoc");
    expect(secretary!.text).toContain("Các lớp sắp tới (trang 1/1):");
    expect(secretary!.text).not.toContain("Lớp đã qua");
    expect(secretary!.text).toMatch(/Nghiệp vụ công tác Đoàn 2026[^\n]*\n[^\n]*còn 0\/1 chỗ\n\s+✅ Bạn đã ghi danh/);
    expect(secretary!.text).toMatch(/Bồi dưỡng báo cáo viên[\s\S]*Không thuộc đối tượng của lớp/);
    expect(secretary!.text).toMatch(/Bồi dưỡng chức danh Bí thư[\s\S]*👉 Bạn có thể ghi danh/);
    expect(secretary!.buttons!.flat().map((b) => b.data)).toEqual(["/lichhoc c-1", "/lichhoc c-2", "/lichhoc c-4", "/lichhoc ics"]);
    expect(secretary!.text.split("\n\n").at(-1)).toBe(
      "Chọn một lớp để xem từng buổi học, ghi danh (nếu lớp dành cho bạn) hoặc tải lịch (.ics).",
    );
    expect(await bot.text("2", "/lichhoc")).toContain("⏳ Bạn đang chờ, vị trí số 1");
    // Plan IV: Deputies are standardised for the title too, so the title class is open to them.
    expect(await bot.text("2", "/lichhoc")).toMatch(/chức danh Bí thư[\s\S]*👉 Bạn có thể ghi danh/);
  });

  it("shows a class in detail with buttons to enrol, for the calendar, and the unit's quota", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "1", position: "secretary" }]);
    await seedCourse(bot.store, {
      id: "c-1",
      quotas: { u01: 3, u02: 7 },
      lecturers: ["Nguyễn Báo Cáo"],
      sessions: [
        { id: "s1", date: "2026-12-05", start: "08:00", end: "11:00", place: "Hội trường Đoàn Khối" },
        { id: "s2", date: "2026-12-06", start: "14:00", end: "17:00", place: "https://meet.example.vn/lop" },
      ],
    });
    const [r] = await bot.say("1", "/lichhoc c-1");
    expect(r!.text).toBe(
      [
        "📚 c-1 · Nghiệp vụ công tác Đoàn 2026",
        "Loại lớp: Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên · năm 2026",
        "Các buổi học:",
        "  1. 05/12/2026 08:00–11:00, Hội trường Đoàn Khối",
        "  2. 06/12/2026 14:00–17:00, https://meet.example.vn/lop",
        "Báo cáo viên: Nguyễn Báo Cáo",
        "Hạn ghi danh: 23:59 ngày 01/12/2026",
        "Đã ghi danh 0/10 chỗ · 0 người đang chờ",
        "Số lượng phân bổ của đơn vị bạn: 3, đã dùng 0, còn 3 chỗ",
        "Ý kiến cấp ủy: chưa ghi nhận.",
        "👉 Bạn có thể ghi danh",
      ].join("\n"),
    );
    expect(r!.buttons!.flat().map((b) => b.data)).toEqual(["/ghidanh c-1", "/lichhoc c-1 ics", "/cudi c-1"]);
  });

  it("shows the unit's view in its linked group: quota and who is enrolled", async () => {
    const bot = await createTestBot();
    const at = "2026-11-01T00:00:00.000Z";
    await seedUnit(
      bot.store,
      { id: "u01", name: "Đoàn cơ sở Sở Tư pháp", groups: [{ channel: "telegram", chatId: "-100", linkedBy: "p-1", at }] },
      [
        { userId: "1", position: "secretary", fullName: "Lê Thị Một" },
        { userId: "2", position: "deputy", fullName: "Võ Văn Hai" },
      ],
    );
    await seedUnit(bot.store, { id: "u02" }, [{ userId: "3", position: "secretary", fullName: "Ngô Ba" }]);
    await seedCourse(bot.store, { id: "c-1", capacity: 2, quotas: { u01: 1, u02: 1 } });
    await bot.say("1", "/ghidanh c-1");
    await bot.say("3", "/ghidanh c-1");
    await bot.say("2", "/ghidanh c-1");
    const text = await bot.text("2", "/lichhoc", { chatType: "group", chatId: "-100" });
    expect(text).toContain("Lịch học của Đoàn cơ sở Sở Tư pháp:");
    expect(text).toContain("Số lượng phân bổ 1 · đã ghi danh 1 · còn 0 chỗ · hạn 23:59 ngày 01/12/2026");
    expect(text).toContain("Đã ghi danh: Lê Thị Một");
    expect(text).toContain("Đang chờ: Võ Văn Hai");
    expect(text).not.toContain("Ngô Ba");
  });

  it("says in the unit's group how many seats beyond its quota the unit may fill, when some are not allotted", async () => {
    const bot = await createTestBot();
    const at = "2026-11-01T00:00:00.000Z";
    await seedUnit(
      bot.store,
      { id: "u01", name: "Đoàn cơ sở Sở Tư pháp", groups: [{ channel: "telegram", chatId: "-100", linkedBy: "p-1", at }] },
      [{ userId: "1", position: "secretary", fullName: "Lê Thị Một" }],
    );
    await seedCourse(bot.store, { id: "c-1", capacity: 10, quotas: { u01: 2 } });
    await bot.say("1", "/ghidanh c-1");
    expect(await bot.text("1", "/lichhoc", { chatType: "group", chatId: "-100" })).toContain(
      "Số lượng phân bổ 2 · đã ghi danh 1 · đơn vị còn cử được 9 chỗ (gồm 8 chỗ chưa phân bổ, mở cho mọi đơn vị) · hạn 23:59 ngày 01/12/2026",
    );
  });

  it("sends a class's sessions as an .ics calendar file in UTC with escaped text and CRLF lines", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "1", position: "secretary" }]);
    await seedCourse(bot.store, {
      id: "c-1",
      title: "Kỹ năng; tổ chức, sinh hoạt",
      sessions: [
        { id: "s1", date: "2026-12-05", start: "08:00", end: "11:00", place: "Phòng 2, Tầng 3" },
        { id: "s2", date: "2026-12-06", start: "14:00", end: "17:00", place: "https://meet.example.vn/lop" },
      ],
    });
    const [r] = await bot.say("1", "/lichhoc c-1 ics");
    expect(r!.file).toMatchObject({ name: "lop-c-1.ics", mime: "text/calendar" });
    const ics = r!.file!.content.toString("utf8");
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(ics).toContain("DTSTART:20261205T010000Z\r\nDTEND:20261205T040000Z");
    expect(ics).toContain("DTSTART:20261206T070000Z");
    expect(ics).toContain("SUMMARY:Kỹ năng\\; tổ chức\\, sinh hoạt (1/2)");
    expect(ics).toContain("LOCATION:Phòng 2\\, Tầng 3");
    expect(ics).toContain("URL:https://meet.example.vn/lop");
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  });

  it("sends a person's own sessions as one calendar, only of classes they hold a seat in", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "1", position: "secretary" }]);
    await seedCourse(bot.store, { id: "c-1", quotas: { u01: 1 } });
    await seedCourse(bot.store, { id: "c-2", title: "Lớp khác", quotas: { u01: 1 } });
    expect(await bot.text("1", "/lichhoc ics")).toBe("Bạn chưa ghi danh lớp nào nên chưa có lịch học.");
    await bot.say("1", "/ghidanh c-1");
    const [r] = await bot.say("1", "/lichhoc ics");
    const ics = r!.file!.content.toString("utf8");
    expect(ics).toContain("UID:c-1-s1@doan-bot");
    expect(ics).not.toContain("Lớp khác");
  });

  it("pages a long list six classes at a time", async () => {
    const bot = await createTestBot();
    for (let i = 1; i <= 8; i++) await seedCourse(bot.store, { id: `c-${i}`, title: `Lớp số ${i}` });
    const [first] = await bot.say("1", "/lichhoc");
    expect(first!.text).toContain("(trang 1/2)");
    expect(first!.buttons!.flat().at(-1)).toEqual({ label: "Xem thêm", data: "/lichhoc 2" });
    expect(await bot.text("1", "/lichhoc 2")).toMatch(/trang 2\/2[\s\S]*Lớp số 7[\s\S]*Lớp số 8/);
  });
});

describe("classes in /help", () => {
  it("lists enrolment for cadres, nomination for officers and class management for admins only", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [
      { userId: "c", position: "committee" },
      { userId: "s", position: "secretary" },
    ]);
    const cadre = await bot.text("c", "/trogiup");
    expect(cadre).toContain("/lichhoc (/schedule) — lịch các lớp bồi dưỡng sắp tới");
    expect(cadre).toContain("/ghidanh (/enroll)");
    expect(cadre).not.toContain("/cudi");
    expect(cadre).not.toContain("/taolop");
    expect(await bot.text("s", "/trogiup")).toContain("/cudi (/nominate)");
    const admin = await bot.text("admin", "/help");
    for (const c of ["/taolop", "/phanbo", "/thuhoi", "/danhdau", "/bangdiemdanh", "/ketthuc"]) expect(admin).toContain(c);
    expect(await bot.text("guest", "/trogiup")).not.toContain("/ghidanh");
  });

  it("shows an admin without a cadre record the list without a standing line", async () => {
    const bot = await createTestBot();
    await seedCourse(bot.store, { id: "c-1" });
    const text = await bot.text("admin", "/lichhoc");
    expect(text).not.toContain("/dangky");
    expect(text).toContain("còn 10/10 chỗ");
  });
});

describe("what a cadre is offered", () => {
  it("offers no enrol button on a class whose audience the cadre is not in", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "m", position: "member" }]);
    await seedCourse(bot.store, { id: "c-1", kind: "title-secretary", title: "Bồi dưỡng chức danh Bí thư", quotas: { u01: 1 } });
    const [detail] = await bot.say("m", "/lichhoc c-1");
    expect(detail!.buttons!.flat().map((b) => b.data)).not.toContain("/ghidanh c-1");
  });

  it("lists under /ghidanh only the classes the cadre has not joined yet, each with its deadline", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "1", position: "secretary" }]);
    await seedCourse(bot.store, { id: "c-1", title: "Lớp một", quotas: { u01: 2 } });
    await seedCourse(bot.store, { id: "c-2", code: "L26-02", title: "Lớp hai", quotas: { u01: 2 }, deadline: "2026-12-01T16:59:00.000Z" });
    await bot.say("1", "/ghidanh c-1");
    const [menu] = await bot.say("1", "/ghidanh");
    expect(menu!.buttons!.flat()).toEqual([{ label: "L26-02 · Lớp hai — hạn ghi danh 23:59 ngày 01/12/2026", data: "/ghidanh L26-02" }]);
  });
});
