/**
 * The class pickers a class command offers when typed without a class: every class reachable,
 * 15 a page with "Xem thêm", and an empty picker that says why and what to do instead.
 */
import { describe, expect, it } from "vitest";
import { buttonData, createTestBot, seedUnit, type TestBot } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";
import type { Reply } from "../../src/app/messages";

const labels = (replies: Reply[]) => replies.flatMap((r) => (r.buttons ?? []).flat().map((b) => b.label));

/** 17 classes held on the 10th of each month, Jan 2025 to May 2026: L25-01 … L25-12, L26-01 … L26-05. */
async function seventeenClasses(bot: TestBot, status: "open" | "completed") {
  for (let i = 1; i <= 17; i++) {
    const year = i <= 12 ? 2025 : 2026;
    const month = i <= 12 ? i : i - 12;
    const mm = String(month).padStart(2, "0");
    await seedCourse(bot.store, {
      id: `c-${i}`,
      code: `L${year - 2000}-${mm}`,
      title: `Lớp số ${i}`,
      year,
      status,
      sessions: [{ id: "s1", date: `${year}-${mm}-10`, start: "08:00", end: "11:00", place: "Hội trường" }],
    });
  }
}

describe("class pickers", () => {
  it("shows /bangdiemdanh's classes of all the years newest first, 15 a page, and the older ones after Xem thêm", async () => {
    const bot = await createTestBot({ now: "2026-06-01T03:00:00.000Z" });
    await seventeenClasses(bot, "completed");

    const first = await bot.say("admin", "/bangdiemdanh");
    expect(first.map((r) => r.text)).toEqual(["Chọn lớp: (trang 1/2)"]);
    expect(labels(first)).toEqual([
      "L26-05 · Lớp số 17 — 10/05/2026",
      "L26-04 · Lớp số 16 — 10/04/2026",
      "L26-03 · Lớp số 15 — 10/03/2026",
      "L26-02 · Lớp số 14 — 10/02/2026",
      "L26-01 · Lớp số 13 — 10/01/2026",
      "L25-12 · Lớp số 12 — 10/12/2025",
      "L25-11 · Lớp số 11 — 10/11/2025",
      "L25-10 · Lớp số 10 — 10/10/2025",
      "L25-09 · Lớp số 9 — 10/09/2025",
      "L25-08 · Lớp số 8 — 10/08/2025",
      "L25-07 · Lớp số 7 — 10/07/2025",
      "L25-06 · Lớp số 6 — 10/06/2025",
      "L25-05 · Lớp số 5 — 10/05/2025",
      "L25-04 · Lớp số 4 — 10/04/2025",
      "L25-03 · Lớp số 3 — 10/03/2025",
      "Xem thêm",
    ]);

    const second = await bot.say("admin", buttonData(first, "Xem thêm"));
    expect(second.map((r) => r.text)).toEqual(["Chọn lớp: (trang 2/2)"]);
    expect(labels(second)).toEqual(["L25-02 · Lớp số 2 — 10/02/2025", "L25-01 · Lớp số 1 — 10/01/2025"]);
    expect(await bot.text("admin", buttonData(second, /^L25-01/))).toContain("Lớp số 1");
  });

  it("keeps the earliest class first where the classes are still to come (/huylop), and reaches the 16th on page 2", async () => {
    const bot = await createTestBot({ now: "2024-12-01T03:00:00.000Z" });
    await seventeenClasses(bot, "open");

    const first = await bot.say("admin", "/huylop");
    expect(first[0]!.text).toBe("Chọn lớp: (trang 1/2)");
    expect(labels(first).slice(0, 2)).toEqual(["L25-01 · Lớp số 1 — 10/01/2025", "L25-02 · Lớp số 2 — 10/02/2025"]);
    expect(buttonData(first, "Xem thêm")).toBe("/huylop trang 2");

    const second = await bot.say("admin", "/huylop trang 2");
    expect(labels(second)).toEqual(["L26-04 · Lớp số 16 — 10/04/2026", "L26-05 · Lớp số 17 — 10/05/2026"]);
    expect(await bot.text("admin", "/huylop L26-05")).toContain("Hủy lớp “Lớp số 17”?");
  });

  it("offers an admin sending cadres every unit with seats, 15 a page: the 20th unit is on page 2", async () => {
    const bot = await createTestBot();
    const quotas: Record<string, number> = {};
    for (let i = 1; i <= 20; i++) {
      const id = `u${String(i).padStart(2, "0")}`;
      await seedUnit(bot.store, { id, name: `Đoàn cơ sở số ${i}` });
      quotas[id] = 1;
    }
    await seedCourse(bot.store, { id: "c-1", code: "L26-01", capacity: 20, quotas });
    const first = await bot.say("admin", "/cudi L26-01");
    expect(first[0]!.text).toBe("Lớp L26-01 “Nghiệp vụ công tác Đoàn 2026”: chọn đơn vị có cán bộ cần cử đi học. (trang 1/2)");
    expect(labels(first)).toHaveLength(16);
    expect(labels(first).slice(-2)).toEqual(["Đoàn cơ sở số 15", "Xem thêm"]);
    const second = await bot.say("admin", buttonData(first, "Xem thêm"));
    expect(second[0]!.text).toBe("Lớp L26-01 “Nghiệp vụ công tác Đoàn 2026”: chọn đơn vị có cán bộ cần cử đi học. (trang 2/2)");
    expect(second[0]!.buttons!.flat().map((b) => [b.label, b.data])).toEqual([
      ["Đoàn cơ sở số 16", "/cudi L26-01 u16"],
      ["Đoàn cơ sở số 17", "/cudi L26-01 u17"],
      ["Đoàn cơ sở số 18", "/cudi L26-01 u18"],
      ["Đoàn cơ sở số 19", "/cudi L26-01 u19"],
      ["Đoàn cơ sở số 20", "/cudi L26-01 u20"],
    ]);
  });

  it("tells a cadre with no class to leave, a Secretary with no class to send to and a lecturer with no class to open what is the matter", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [
      { userId: "s", position: "secretary", fullName: "Lê Bí Thư" },
      { userId: "gv", position: "lecturer", fullName: "Nguyễn Giảng Viên" },
    ]);
    // Past its enrolment deadline (01/12/2026 23:59) on 03/12, and taught by someone else.
    await seedCourse(bot.store, { id: "c-1", code: "L26-01", quotas: { u01: 2 }, lecturers: ["Võ Giảng Khác"] });
    bot.setNow("2026-12-03T03:00:00.000Z");

    expect(await bot.text("s", "/rutten")).toBe(
      "Bạn chưa ghi danh hay đang chờ ở lớp nào đang mở, nên không có gì để rút tên. Gõ /lichhoc để xem các lớp sắp tới.",
    );
    expect(await bot.text("s", "/cudi")).toBe(
      "Hiện không có lớp nào còn nhận cử cán bộ (các lớp sắp tới đã hết hạn ghi danh hoặc chưa có lớp). Bot sẽ báo đơn vị khi có lớp mới; gõ /lichhoc để xem các lớp.",
    );
    expect(await bot.text("gv", "/modiemdanh")).toBe(
      "Không có lớp sắp tới nào bạn mở điểm danh được (báo cáo viên chỉ mở điểm danh lớp mình được phân công). Gõ /lichhoc để xem các lớp.",
    );
    expect(await bot.text("s", "/capuy")).toContain("Chọn lớp:");
    await bot.say("s", "/ngonngu en");
    expect(await bot.text("s", "/withdraw")).toBe(
      "You are not enrolled or waiting in any open class, so there is nothing to withdraw from. Type /schedule to see the classes to come.",
    );
  });
});
