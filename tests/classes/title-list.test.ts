/**
 * The list for the next title-based class (R4, section IV): Secretaries, Deputies and the cadres
 * planned for those posts without the title certificate, derived from the records — shown to a
 * unit's officers for their unit and to the admins per unit, and told, with their units' officers,
 * when an admin creates a title-based class.
 */
import { describe, expect, it } from "vitest";
import { buttonData, createTestBot, seedCertificate, seedUnit, type TestBot } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";

async function bloc(): Promise<TestBot> {
  const bot = await createTestBot({ adminIds: ["telegram:admin"], now: "2026-11-29T03:00:00.000Z" });
  await bot.say("admin", "/trogiup");
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp", code: "STP", members: 30 }, [
    { userId: "an", fullName: "Lê Văn An", position: "secretary", electedOn: "2025-10-15", theoryLevel: "intermediate" },
    { userId: "binh", fullName: "Trần Thị Bình", position: "deputy", electedOn: "2025-10-15", theoryLevel: "intermediate" },
    { userId: "cuc", fullName: "Ngô Thị Cúc", position: "committee", plannedFor: "deputy", theoryLevel: "intermediate" },
    { userId: "dung", fullName: "Phạm Văn Dũng", position: "committee", theoryLevel: "intermediate" },
    { userId: "em", fullName: "Võ Thị Em", position: "member", theoryLevel: "intermediate" },
  ]);
  await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Nội vụ", code: "SNV", members: 10 }, [
    { userId: "giang", fullName: "Đỗ Văn Giang", position: "secretary", electedOn: "2024-06-01", theoryLevel: "intermediate" },
    { userId: "hoa", fullName: "Lý Thị Hoa", position: "deputy", electedOn: "2024-06-01", theoryLevel: "intermediate" },
  ]);
  await seedCertificate(bot.store, { personId: "p-binh", issuedOn: "2026-05-10", title: true });
  await seedCertificate(bot.store, { personId: "p-giang", issuedOn: "2025-05-10", title: true });
  return bot;
}

describe("the list for the next title-based class", () => {
  it("shows a unit's officers who of theirs waits for it: Secretaries, Deputies and planned cadres without the title certificate", async () => {
    const bot = await bloc();
    const text = await bot.text("an", "/dudieukien");
    expect(text.split("\n").slice(-3)).toEqual([
      "Chờ lớp bồi dưỡng theo chức danh tiếp theo (2 người: Bí thư, Phó Bí thư và cán bộ được quy hoạch chưa có chứng chỉ bồi dưỡng theo chức danh, điều kiện R4):",
      "• Lê Văn An (Bí thư)",
      "• Ngô Thị Cúc (Ủy viên BCH, quy hoạch Phó Bí thư)",
    ]);
  });

  it("shows the admins how many wait in each unit, and that no title class is open yet", async () => {
    const bot = await bloc();
    const [reply] = await bot.say("admin", "/dudieukien");
    expect(reply!.text.split("\n")).toEqual([
      "Điều kiện ứng cử chức danh Đoàn trong toàn Khối (đủ điều kiện / cán bộ đã duyệt hồ sơ):",
      "• Đoàn cơ sở Sở Nội vụ (SNV): 1/2 đủ điều kiện; 0 cần rà soát học lý luận chính trị; 1 chờ lớp bồi dưỡng theo chức danh",
      "• Đoàn cơ sở Sở Tư pháp (STP): 1/5 đủ điều kiện; 0 cần rà soát học lý luận chính trị; 2 chờ lớp bồi dưỡng theo chức danh",
      "",
      "3 người chờ lớp bồi dưỡng theo chức danh tiếp theo (Bí thư, Phó Bí thư và cán bộ được quy hoạch chưa có chứng chỉ). Chưa có lớp nào đang mở: khi tạo lớp (/taolop), bot sẽ đề nghị báo cho họ.",
      "Để xem từng người của một đơn vị, gõ /dudieukien kèm mã đơn vị, ví dụ: /dudieukien SNV",
    ]);
    expect(reply!.buttons ?? []).toEqual([]);
    // Once one of them holds the certificate, they leave the list (nothing is stored: it is read from the records).
    await seedCertificate(bot.store, { personId: "p-hoa", issuedOn: "2026-11-20", title: true, origin: "outside" });
    expect(await bot.text("admin", "/dudieukien")).toContain("2 người chờ lớp bồi dưỡng theo chức danh tiếp theo");
  });

  it("offers, when an admin creates a title-based class, to tell those waiting and their units' officers", async () => {
    const bot = await bloc();
    await bot.say("admin", "/taolop");
    await bot.say("admin", "title-secretary", { isButton: true });
    await bot.say("admin", "Bồi dưỡng chức danh Bí thư 2026");
    await bot.say("admin", "06/12/2026 08:00-11:00 Hội trường A");
    await bot.say("admin", "02/12/2026 17:00");
    await bot.say("admin", "10");
    await bot.say("admin", "Nguyễn Văn Giảng");
    await bot.say("admin", "ok", { isButton: true });
    const done = await bot.say("admin", "yes", { isButton: true });
    expect(done.map((r) => r.text)).toEqual([
      "Đã tạo lớp “Bồi dưỡng chức danh Bí thư 2026” (mã L26-01). Hạn ghi danh: 17:00 ngày 02/12/2026.",
      "3 người đang chờ lớp bồi dưỡng theo chức danh (Bí thư, Phó Bí thư và cán bộ được quy hoạch chưa có chứng chỉ). Bạn có muốn báo cho họ và cán bộ phụ trách đơn vị của họ không?",
    ]);
    expect(buttonData(done, "Báo cho 3 người chờ lớp")).toBe("/dudieukien moi L26-01");
    // The bloc's view now names the class open for them, with the same button.
    const [bloc2] = await bot.say("admin", "/dudieukien");
    expect(bloc2!.text).toContain("Lớp L26-01 đang nhận ghi danh.");
    expect(buttonData(bloc2!, "Báo cho 3 người chờ lớp")).toBe("/dudieukien moi L26-01");
    expect(await bot.text("admin", "/dudieukien moi L26-01", { isButton: true })).toBe(
      "Đã báo cho 3 người chờ lớp L26-01 và cán bộ phụ trách của 2 đơn vị.",
    );
    expect(bot.inbox("p-cuc")).toEqual([
      "📣 Lớp L26-01 «Bồi dưỡng chức danh Bí thư 2026» (bồi dưỡng theo chức danh) đang nhận ghi danh đến 17:00 ngày 02/12/2026. Bạn chưa có chứng chỉ bồi dưỡng theo chức danh mà chức danh Phó Bí thư cần (điều kiện R4), nên bạn có tên trong danh sách học lớp này. Bạn chọn «Xin đi học» để đề nghị đơn vị cử bạn.",
    ]);
    expect(buttonData(bot.inboxReplies("p-cuc"), "Xin đi học")).toBe("/ghidanh L26-01");
    // The unit's officers (the Secretary, on the list himself, and the Deputy) are told who of theirs waits, to send them.
    expect(bot.inbox("p-binh")).toEqual([
      "📣 Lớp L26-01 «Bồi dưỡng chức danh Bí thư 2026» (bồi dưỡng theo chức danh) đang nhận ghi danh đến 17:00 ngày 02/12/2026. Đơn vị bạn có 2 người chưa có chứng chỉ bồi dưỡng theo chức danh (điều kiện R4):\n• Lê Văn An (Bí thư)\n• Ngô Thị Cúc (Ủy viên BCH, quy hoạch Phó Bí thư)",
    ]);
    expect(buttonData(bot.inboxReplies("p-binh"), "Cử cán bộ đi học")).toBe("/cudi L26-01");
    expect(bot.inbox("p-an")).toHaveLength(2);
    expect(bot.inbox("p-giang")).toEqual([
      "📣 Lớp L26-01 «Bồi dưỡng chức danh Bí thư 2026» (bồi dưỡng theo chức danh) đang nhận ghi danh đến 17:00 ngày 02/12/2026. Đơn vị bạn có 1 người chưa có chứng chỉ bồi dưỡng theo chức danh (điều kiện R4):\n• Lý Thị Hoa (Phó Bí thư)",
    ]);
    expect(bot.inbox("p-dung")).toEqual([]);
    expect(bot.inbox("p-em")).toEqual([]);
    // Told once: pressing again queues nothing new.
    await bot.say("admin", "/dudieukien moi L26-01");
    expect(bot.inbox("p-cuc")).toHaveLength(1);
  });

  it("is the admins' to send: an officer is refused, and a class that is no title class is refused by its code", async () => {
    const bot = await bloc();
    await seedCourse(bot.store, { id: "k1", code: "L26-05" });
    expect(await bot.text("admin", "/dudieukien moi L26-05")).toBe(
      "Lớp L26-05 không phải lớp bồi dưỡng theo chức danh đang nhận ghi danh.",
    );
    expect(await bot.text("an", "/dudieukien moi L26-05")).toContain("Bạn không có quyền");
  });
});
