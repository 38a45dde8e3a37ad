import { describe, expect, it } from "vitest";
import { buttonData, createTestBot, seedUnit } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";
import { directEnrolmentPlan } from "../helpers/plan";

describe("quotas and reclaim", () => {
  it("reclaims a unit's unused seats before the deadline, tells its officers, and opens them to other units", async () => {
    const bot = await createTestBot({ plan: directEnrolmentPlan() });
    await seedUnit(bot.store, { id: "u01" }, [
      { userId: "s1", position: "secretary" },
      { userId: "d1", position: "deputy" },
      { userId: "m1", position: "committee" },
    ]);
    await seedUnit(bot.store, { id: "u02" }, [
      { userId: "s2", position: "secretary" },
      { userId: "d2", position: "deputy" },
      { userId: "m2", position: "committee" },
    ]);
    await seedCourse(bot.store, { id: "c-1", capacity: 4, quotas: { u01: 3, u02: 1 } });
    await bot.say("m1", "/ghidanh c-1");
    await bot.say("s2", "/ghidanh c-1");
    expect(await bot.text("d2", "/ghidanh c-1")).toContain("đã dùng hết số lượng phân bổ (1 chỗ)");

    const asked = await bot.say("admin", "/thuhoi c-1");
    expect(asked[0]!.text).toBe(
      "Thu hồi 2 chỗ chưa dùng của 1 đơn vị ở lớp “Nghiệp vụ công tác Đoàn 2026”? Mỗi đơn vị chỉ giữ số chỗ đã dùng; các chỗ thu hồi mở cho mọi đơn vị đến 23:59 ngày 01/12/2026, và bot báo Bí thư, Phó Bí thư của các đơn vị đó.",
    );
    expect(asked[0]!.buttons!.flat().map((b) => b.label)).toEqual(["Thu hồi 2 chỗ", "Thôi, giữ nguyên"]);
    expect((await bot.store.courses.get("c-1"))!.quotas).toEqual({ u01: 3, u02: 1 });
    expect(await bot.text("admin", buttonData(asked, "Thu hồi 2 chỗ"), { isButton: true })).toBe(
      "Đã thu hồi 2 chỗ chưa dùng của 1 đơn vị ở lớp “Nghiệp vụ công tác Đoàn 2026”. Hiện có 2 chỗ mở cho mọi đơn vị đến 23:59 ngày 01/12/2026; 0 người trong danh sách chờ đã được xếp chỗ.",
    );
    expect((await bot.store.courses.get("c-1"))!.quotas).toEqual({ u01: 1, u02: 1 });
    const told =
      "Ban Thường vụ Đoàn Khối đã thu hồi 2 chỗ chưa dùng trong số lượng phân bổ của đơn vị ở lớp “Nghiệp vụ công tác Đoàn 2026”. Số lượng phân bổ còn lại của đơn vị: 1. Các chỗ này nay mở cho mọi đơn vị.";
    expect(bot.inbox("p-s1")).toEqual([told]);
    expect(bot.inbox("p-d1")).toEqual([told]);
    expect(bot.inbox("p-m1")).toEqual([]);
    expect(bot.inbox("p-s2")).toEqual([]);
    expect(await bot.text("d2", "/ghidanh c-1")).toContain("Bạn đã ghi danh");
    expect(await bot.text("m2", "/ghidanh c-1")).toContain("Bạn đã ghi danh");
    expect(await bot.store.enrollments.find({ courseId: "c-1", unitId: "u02", status: "enrolled" })).toHaveLength(3);
  });

  it("asks before reclaiming, and changes nothing on Thôi, giữ nguyên or when no seat is unused", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "s1", position: "secretary" }]);
    await seedUnit(bot.store, { id: "u02" }, [{ userId: "s2", position: "secretary" }]);
    await seedCourse(bot.store, { id: "c-1", code: "L26-01", capacity: 6, quotas: { u01: 3, u02: 3 } });
    const asked = await bot.say("admin", "/thuhoi l26-1 u02");
    expect(asked[0]!.text).toBe(
      "Thu hồi 3 chỗ chưa dùng của 1 đơn vị ở lớp “Nghiệp vụ công tác Đoàn 2026”? Mỗi đơn vị chỉ giữ số chỗ đã dùng; các chỗ thu hồi mở cho mọi đơn vị đến 23:59 ngày 01/12/2026, và bot báo Bí thư, Phó Bí thư của các đơn vị đó.",
    );
    expect(asked[0]!.buttons!.flat().map((b) => b.data)).toEqual(["/thuhoi L26-01 u02 xacnhan", "/thuhoi L26-01 u02 giulai"]);
    expect(await bot.text("admin", "/thuhoi L26-01 u02 giulai", { isButton: true })).toBe("Đã giữ nguyên, không có gì thay đổi.");
    expect(await bot.text("admin", "/thuhoi L26-01 u02 xacnhan")).toContain("Đã thu hồi 3 chỗ chưa dùng của 1 đơn vị");
    expect((await bot.store.courses.get("c-1"))!.quotas).toEqual({ u01: 3, u02: 0 });
    expect(bot.inbox("p-s1")).toEqual([]);
    expect(await bot.text("admin", "/thuhoi L26-01 u02")).toBe(
      "Không có chỗ phân bổ nào chưa dùng để thu hồi ở lớp “Nghiệp vụ công tác Đoàn 2026”.",
    );
    expect(await bot.text("admin", "/phanbo L26-01 u99 3")).toBe(
      "Không tìm thấy đơn vị có mã “u99”. Mã các đơn vị có trong /donvi (ví dụ: u01).",
    );
  });

  it("refuses to reclaim after the deadline", async () => {
    const bot = await createTestBot({ now: "2026-12-02T01:00:00.000Z" });
    await seedUnit(bot.store, { id: "u01" });
    await seedCourse(bot.store, { id: "c-1", capacity: 4, quotas: { u01: 4 } });
    expect(await bot.text("admin", "/thuhoi c-1")).toBe(
      "Chỉ thu hồi được chỗ phân bổ chưa dùng trước hạn ghi danh, khi lớp “Nghiệp vụ công tác Đoàn 2026” còn mở.",
    );
    expect((await bot.store.courses.get("c-1"))!.quotas).toEqual({ u01: 4 });
  });

  it("lets an admin move a seat to a unit whose cadre waits, who is then promoted and told; quotas stay within capacity", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [
      { userId: "a", position: "secretary" },
      { userId: "b", position: "deputy" },
    ]);
    await seedUnit(bot.store, { id: "u02" }, [{ userId: "c", position: "secretary" }]);
    await seedCourse(bot.store, { id: "c-1", capacity: 2, quotas: { u01: 1, u02: 1 } });
    await bot.say("a", "/ghidanh c-1");
    await bot.say("c", "/ghidanh c-1");
    expect(await bot.text("b", "/ghidanh c-1")).toContain("vị trí số 1");
    await bot.say("c", "/rutten c-1 xacnhan");
    expect(await bot.store.enrollments.get("c-1:p-b")).toMatchObject({ status: "waitlisted" });
    expect(await bot.text("admin", "/phanbo c-1 u01 2")).toBe(
      "Tổng số lượng phân bổ (3) vượt quá số chỗ của lớp (2). Bạn giảm số chỗ của đơn vị khác trước, để tổng không quá 2.",
    );
    expect(await bot.text("admin", "/phanbo c-1 u02 0")).toContain("Đã đặt số lượng phân bổ của u02 là 0 chỗ.");
    // Seats are "số lượng phân bổ", never "chỉ tiêu" (the plan's targets): /phanbo, and the former /chitieu still answers.
    expect(await bot.text("admin", "/chitieu c-1 u01 2")).toContain("u01 Đoàn cơ sở u01: số lượng phân bổ 2, đã dùng 2");
    expect(await bot.store.enrollments.get("c-1:p-b")).toMatchObject({ status: "enrolled" });
    expect(bot.inbox("p-b")).toHaveLength(1);
    expect(bot.inbox("p-b")[0]).toContain("bạn chính thức được ghi danh");
    expect(await bot.text("admin", "/phanbo c-1 u01 1")).toBe("Đơn vị đã có 2 người ghi danh; số lượng phân bổ không thể thấp hơn số đó.");
    const help = await bot.text("admin", "/trogiup");
    expect(help).toContain("/phanbo (/quota) — xem và sửa số lượng phân bổ từng đơn vị của một lớp");
    expect(help).not.toContain("/chitieu");
  });
});
