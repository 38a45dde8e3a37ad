/**
 * What a newcomer sees on /lichhoc (issue 22): the same page for everyone without a record, kept
 * between two updates — and changed by the writes that change it: an enrolment taking a seat, a
 * class's title edited, a class added.
 */
import { describe, expect, it } from "vitest";
import { createTestBot, seedUnit } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";

describe("a guest's class list", () => {
  it("shows the seats left as enrolments take them, and a class as it was last written", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "501", position: "secretary" }]);
    await seedCourse(bot.store, { id: "c-1", capacity: 3, quotas: { u01: 3 } });
    const first = await bot.text("9001", "/lichhoc");
    expect(first).toContain("📚 c-1 · Nghiệp vụ công tác Đoàn 2026");
    expect(first).toContain("còn 3/3 chỗ");
    // A second newcomer sees the same page.
    expect(await bot.text("9002", "/lichhoc")).toBe(first);

    await bot.say("501", "/ghidanh c-1");
    expect(await bot.text("9003", "/lichhoc")).toContain("còn 2/3 chỗ");

    await bot.store.courses.put({ ...(await bot.store.courses.get("c-1"))!, title: "Nghiệp vụ công tác Đoàn 2026 (đợt 2)" });
    expect(await bot.text("9001", "/lichhoc")).toContain("📚 c-1 · Nghiệp vụ công tác Đoàn 2026 (đợt 2)");

    await seedCourse(bot.store, { id: "c-2", title: "Kỹ năng tuyên truyền", quotas: { u01: 1 } });
    const after = await bot.text("9002", "/lichhoc");
    expect(after).toContain("📚 c-1 · Nghiệp vụ công tác Đoàn 2026 (đợt 2)");
    expect(after).toContain("📚 c-2 · Kỹ năng tuyên truyền");
  });

  it("is not the page a cadre sees: the cadre's standing is their own", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "501", position: "secretary" }]);
    await seedCourse(bot.store, { id: "c-1", capacity: 3, quotas: { u01: 3 } });
    const guest = await bot.text("9001", "/lichhoc");
    const cadre = await bot.text("501", "/lichhoc");
    expect(cadre).toContain("👉 Bạn có thể ghi danh");
    expect(guest).not.toContain("👉 Bạn có thể ghi danh");
  });
});
