import { describe, expect, it } from "vitest";
import { createTestBot, seedUnit } from "../helpers/chat";

describe("creating a class", () => {
  it("walks an admin through the wizard, with quotas spread by unit size and edited per unit", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01", members: 30 });
    await seedUnit(bot.store, { id: "u02", members: 10 });
    const [kind] = await bot.say("admin", "/taolop");
    expect(kind!.buttons!.flat().map((b) => b.data)).toEqual((await bot.runningPlan()).courseKinds.map((k) => k.id));
    expect(await bot.text("admin", "youth-work", { isButton: true })).toBe("Tên lớp?");
    // Today is 29/11/2026: the example is a week ahead, so copying it works.
    expect(await bot.text("admin", "Bồi dưỡng nghiệp vụ công tác Đoàn năm 2026")).toContain(
      "Ví dụ:\n06/12/2026 08:00-11:00 Hội trường Đoàn Khối\n07/12/2026 14h-17h https://meet.example.vn/lop",
    );
    expect(await bot.text("admin", "hôm nay 8 giờ")).toContain("Dòng 1 chưa đúng mẫu.");
    expect(await bot.text("admin", "05/12/2026 08:00-11:00 Hội trường A\n31/11/2026 14:00-17:00 Phòng B")).toContain(
      "Dòng 2: ngày 31/11/2026 không có trên lịch. Bạn xem lại ngày hoặc tháng.",
    );
    // Both sessions in 2026: the plan year is not asked.
    expect(await bot.text("admin", "06/12/2026 14:00-17:00 https://meet.example.vn/lop\n05/12/2026 08:00-11:00 Hội trường A")).toContain(
      "Hạn ghi danh? Ghi ngày/tháng/năm",
    );
    expect(await bot.text("admin", "06/12/2026")).toContain("Hạn ghi danh phải trước buổi học đầu tiên.");
    expect(await bot.text("admin", "01/12/2026 17:00")).toBe("Tổng số chỗ của lớp?");
    expect(await bot.text("admin", "mười")).toContain("Số chỗ là một số nguyên");
    await bot.say("admin", "10");
    const quotas = await bot.text("admin", "Nguyễn Văn Giảng, Trần Thị Dạy");
    expect(quotas).toContain("u01 8 — Đoàn cơ sở u01\nu02 2 — Đoàn cơ sở u02");
    expect(await bot.text("admin", "u02 3")).toContain("Tổng số lượng phân bổ (11) vượt quá số chỗ của lớp (10).");
    expect(await bot.text("admin", "u01 7\nu02 3")).toBe(
      "Đã sửa: u01 7 — Đoàn cơ sở u01; u02 3 — Đoàn cơ sở u02. Đã phân bổ 10/10 chỗ. Gửi thêm thay đổi (ví dụ: u01 3; u02 5) hoặc chọn “Dùng phân bổ này”.",
    );
    const summary = await bot.text("admin", "ok", { isButton: true });
    expect(summary).toContain("  1. 05/12/2026 08:00–11:00, Hội trường A\n  2. 06/12/2026 14:00–17:00, https://meet.example.vn/lop");
    expect(summary).toContain("Hạn ghi danh: 17:00 ngày 01/12/2026");
    expect(await bot.text("admin", "yes", { isButton: true })).toBe(
      "Đã tạo lớp “Bồi dưỡng nghiệp vụ công tác Đoàn năm 2026” (mã L26-01). Hạn ghi danh: 17:00 ngày 01/12/2026.",
    );
    const [course] = await bot.store.courses.all();
    expect(course).toMatchObject({
      code: "L26-01",
      kind: "youth-work",
      year: 2026,
      capacity: 10,
      deadline: "2026-12-01T10:00:00.000Z",
      lecturers: ["Nguyễn Văn Giảng", "Trần Thị Dạy"],
      quotas: { u01: 7, u02: 3 },
      status: "open",
      createdBy: (await bot.store.accounts.get("telegram:admin"))!.personId,
    });
    expect(course!.sessions.map((s) => [s.id, s.date, s.start])).toEqual([
      ["s1", "2026-12-05", "08:00"],
      ["s2", "2026-12-06", "14:00"],
    ]);
    expect(await bot.store.wizards.count()).toBe(0);
  });

  it("refuses a title, a place, a year and a number of seats beyond the class's limits, naming them", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01", members: 30 });
    await bot.say("admin", "/taolop");
    await bot.say("admin", "youth-work", { isButton: true });
    expect(await bot.text("admin", "Lớ")).toContain("Tên lớp cần từ 3 đến 200 ký tự.");
    expect(await bot.text("admin", `Lớp ${"bồi dưỡng ".repeat(20)}`)).toContain("Tên lớp cần từ 3 đến 200 ký tự.");
    await bot.say("admin", "Bồi dưỡng nghiệp vụ công tác Đoàn năm 2026");
    expect(await bot.text("admin", `05/12/2026 08:00-11:00 Hội trường ${"A".repeat(300)}`)).toContain(
      "Dòng 1: địa điểm quá dài (tối đa 300 ký tự).",
    );
    // Sessions on both sides of the new year: the plan year is asked, the two years offered.
    const [year] = await bot.say("admin", "30/12/2026 08:00-11:00 Hội trường A; 02/01/2027 08:00-11:00 Hội trường A");
    expect(year!.text).toBe("Lớp thuộc kế hoạch năm nào?");
    expect(year!.buttons!.flat().map((b) => b.data)).toEqual(["2026", "2027"]);
    expect(await bot.text("admin", "2101")).toContain("Năm là một số từ 2000 đến 2100, ví dụ 2026.");
    await bot.say("admin", "2026");
    await bot.say("admin", "01/12/2026 17:00");
    expect(await bot.text("admin", "10001")).toContain("Số chỗ là một số nguyên từ 1 đến 10000.");
    expect(await bot.text("admin", "10000")).toContain("Báo cáo viên");
  });

  it("takes the usual ways of writing a session: 20/12 8h-11h, 8h30, a date without its year, and quotas as «a; b»", async () => {
    const bot = await createTestBot(); // today is 29/11/2026
    await seedUnit(bot.store, { id: "u01", members: 30 });
    await seedUnit(bot.store, { id: "u02", members: 10 });
    await bot.say("admin", "/taolop");
    await bot.say("admin", "youth-work", { isButton: true });
    await bot.say("admin", "Lớp kỹ năng");
    expect(await bot.text("admin", "20/12 8h-11h Hội trường; 21/12 13h30-16h Phòng B; 10/01 8:00-11h Phòng C")).toContain(
      "Lớp thuộc kế hoạch năm nào?",
    );
    await bot.say("admin", "2026");
    await bot.say("admin", "15/12");
    await bot.say("admin", "10");
    await bot.say("admin", "-");
    expect(await bot.text("admin", "U01 6; u02 4")).toBe(
      "Đã sửa: u01 6 — Đoàn cơ sở u01; u02 4 — Đoàn cơ sở u02. Đã phân bổ 10/10 chỗ. Gửi thêm thay đổi (ví dụ: u01 3; u02 5) hoặc chọn “Dùng phân bổ này”.",
    );
    const summary = await bot.text("admin", "ok", { isButton: true });
    expect(summary).toContain(
      "  1. 20/12/2026 08:00–11:00, Hội trường\n  2. 21/12/2026 13:30–16:00, Phòng B\n  3. 10/01/2027 08:00–11:00, Phòng C",
    );
    expect(summary).toContain("Hạn ghi danh: 23:59 ngày 15/12/2026");
  });

  it("names a deadline not on the calendar as such, and takes «chưa có ai» typed for the lecturers as none", async () => {
    const bot = await createTestBot(); // today is 29/11/2026
    await seedUnit(bot.store, { id: "u01", members: 30 });
    await bot.say("admin", "/taolop");
    await bot.say("admin", "youth-work", { isButton: true });
    await bot.say("admin", "Lớp kỹ năng");
    await bot.say("admin", "20/12 8h-11h Hội trường");
    const asked = "Hạn ghi danh? Ghi ngày/tháng/năm, có thể kèm giờ (ví dụ 01/12/2026 hoặc 01/12/2026 17:00).";
    expect(await bot.text("admin", "31/11/2026")).toBe(
      `Ngày 31/11/2026 không có trên lịch. Bạn xem lại ngày hoặc tháng của hạn ghi danh.\n\n${asked}`,
    );
    expect(await bot.text("admin", "hôm nay")).toBe(
      `Hạn ghi danh chưa đúng mẫu: ghi ngày/tháng/năm, có thể kèm giờ, ví dụ 01/12/2026 hoặc 01/12/2026 17:00.\n\n${asked}`,
    );
    await bot.say("admin", "15/12/2026");
    await bot.say("admin", "10");
    await bot.say("admin", "Chưa có ai");
    const summary = await bot.text("admin", "ok", { isButton: true });
    expect(summary).not.toContain("Báo cáo viên");
    expect(summary).not.toContain("Chưa có ai");
  });

  it("is for admins only", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "1", position: "secretary" }]);
    expect(await bot.text("1", "/taolop")).toContain("Bạn không có quyền dùng lệnh /taolop");
    expect(await bot.store.wizards.count()).toBe(0);
  });
});
