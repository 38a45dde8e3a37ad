import { describe, expect, it } from "vitest";
import { renderMessage } from "../../src/scheduler/recipient";
import { planTick } from "../../src/scheduler/tick";
import { createTestBot, seedUnit } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";
import { currentPlan } from "../helpers/plan";

/** Plan 49's yearly warning date (01/06, the default) under the 2026–2027 test plan. */
const plan = () => {
  const p = currentPlan();
  return { ...p, reminders: { ...p.reminders, yearlyClassesWarning: "06-01" } };
};

describe("the 1+1+1 yearly classes (plan III.2)", () => {
  it("shows the admins in /tiendo which yearly kinds have no class yet this year", async () => {
    const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z", plan: plan() });
    await seedUnit(bot.store, { id: "u01" });
    await seedCourse(bot.store, { id: "c-1", year: 2026 }); // youth-work
    expect(await bot.text("admin", "/tiendo")).toContain(
      "Lớp hằng năm chưa tổ chức và chưa lên lịch trong năm 2026: Bồi dưỡng kiến thức bổ trợ (ngoại ngữ, tin học, an ninh quốc phòng, nghiệp vụ); Bồi dưỡng đội ngũ báo cáo viên. Gõ /taolop để tạo lớp.",
    );
  });

  it("warns the admins from 1 June, naming the kinds still missing, once in June and not before", async () => {
    const bot = await createTestBot({ now: "2026-05-31T01:00:10.000Z", plan: plan() });
    await seedUnit(bot.store, { id: "u01" });
    await seedCourse(bot.store, { id: "c-1", year: 2026, kind: "lecturers" });
    await bot.store.scheduler.put({ id: "scheduler", lastTickAt: "2026-05-31T00:59:10.000Z" });
    await planTick(bot.deps);
    const warnings = async () => (await bot.store.outbox.all()).filter((e) => e.kind === "warn:yearly-classes");
    expect(await warnings()).toEqual([]);
    for (const [day, last] of [
      ["2026-06-01T01:00:10.000Z", "2026-06-01T00:59:10.000Z"],
      ["2026-06-02T01:00:10.000Z", "2026-06-02T00:59:10.000Z"],
      ["2026-06-09T01:00:10.000Z", "2026-06-09T00:59:10.000Z"],
    ] as const) {
      bot.setNow(day);
      await bot.store.scheduler.put({ id: "scheduler", lastTickAt: last });
      await planTick(bot.deps);
    }
    const sent = await warnings();
    expect(sent).toHaveLength(1);
    expect(renderMessage(sent[0]!.message, "vi").text).toBe(
      "📌 Năm 2026 còn các lớp hằng năm theo kế hoạch (mục III.2) chưa tổ chức và chưa lên lịch:\n• Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên\n• Bồi dưỡng kiến thức bổ trợ (ngoại ngữ, tin học, an ninh quốc phòng, nghiệp vụ)\n\nGõ /taolop để tạo lớp.",
    );
  });

  it("counts a yearly class left open after its last session as neither held nor scheduled: /tiendo names its kind", async () => {
    const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z", plan: plan() });
    await seedUnit(bot.store, { id: "u01" });
    const past = [{ id: "s1", date: "2026-10-10", start: "08:00", end: "11:00", place: "Hội trường Đoàn Khối" }];
    await seedCourse(bot.store, { id: "c-1", year: 2026, sessions: past }); // youth-work, never closed
    await seedCourse(bot.store, {
      id: "c-2",
      year: 2026,
      kind: "supplementary",
      sessions: past,
      status: "completed",
      completedAt: "2026-10-11T02:00:00.000Z",
    });
    await seedCourse(bot.store, { id: "c-3", year: 2026, kind: "lecturers" }); // scheduled: 05/12/2026
    expect(await bot.text("admin", "/tiendo")).toContain(
      "Lớp hằng năm chưa tổ chức và chưa lên lịch trong năm 2026: Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên. Gõ /taolop để tạo lớp.",
    );
    await bot.store.courses.put({ ...(await bot.store.courses.get("c-1"))!, status: "completed", completedAt: "2026-11-29T02:00:00.000Z" });
    expect(await bot.text("admin", "/tiendo")).toContain("Năm 2026 đã tổ chức hoặc lên lịch đủ các lớp hằng năm theo kế hoạch.");
  });

  it("repeats the warning monthly from 1 June while a yearly kind is neither held nor scheduled, and stops once it is", async () => {
    const bot = await createTestBot({ now: "2026-06-01T01:00:10.000Z", plan: plan() });
    await seedUnit(bot.store, { id: "u01" });
    await seedCourse(bot.store, { id: "c-1", year: 2026, kind: "lecturers" });
    await seedCourse(bot.store, { id: "c-2", year: 2026, kind: "supplementary" });
    const tickAt = async (at: string, last: string) => {
      bot.setNow(at);
      await bot.store.scheduler.put({ id: "scheduler", lastTickAt: last });
      await planTick(bot.deps);
    };
    const keys = async () =>
      (await bot.store.outbox.all()).filter((e) => e.kind === "warn:yearly-classes").map((e) => e.id.replace(/:telegram\.admin$/, ""));
    await tickAt("2026-06-01T01:00:10.000Z", "2026-06-01T00:59:10.000Z");
    await tickAt("2026-07-01T01:00:10.000Z", "2026-07-01T00:59:10.000Z");
    await tickAt("2026-07-15T01:00:10.000Z", "2026-07-15T00:59:10.000Z");
    expect(await keys()).toEqual(["warn:yearly-classes:2026", "warn:yearly-classes:2026:m1"]);
    await seedCourse(bot.store, { id: "c-3", year: 2026 }); // youth-work, 05/12/2026: scheduled
    await tickAt("2026-08-01T01:00:10.000Z", "2026-08-01T00:59:10.000Z");
    expect(await keys()).toEqual(["warn:yearly-classes:2026", "warn:yearly-classes:2026:m1"]);
  });

  it("names the yearly kinds still to come in the yearly announcement", async () => {
    const bot = await createTestBot({ now: "2026-01-15T01:00:10.000Z", plan: plan() });
    await seedUnit(bot.store, { id: "u01" });
    await seedCourse(bot.store, { id: "c-1", code: "L26-01", year: 2026, title: "Nghiệp vụ công tác Đoàn 2026" });
    await bot.store.scheduler.put({ id: "scheduler", lastTickAt: "2026-01-15T00:59:10.000Z" });
    await planTick(bot.deps);
    const [entry] = (await bot.store.outbox.all()).filter((e) => e.kind === "announce:yearly");
    const text = renderMessage(entry!.message, "vi").text;
    expect(text).toContain(
      "• L26-01 · Nghiệp vụ công tác Đoàn 2026 (05/12/2026)\nCác lớp còn phải tổ chức trong năm:\n• Bồi dưỡng kiến thức bổ trợ (ngoại ngữ, tin học, an ninh quốc phòng, nghiệp vụ)\n• Bồi dưỡng đội ngũ báo cáo viên",
    );
  });
});
