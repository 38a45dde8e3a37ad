import { describe, expect, it } from "vitest";
import { createTestBot, seedUnit } from "../helpers/chat";
import { directEnrolmentPlan } from "../helpers/plan";
import { seedCourse } from "../helpers/classes";
import { waitlist } from "../../src/domain/enrolment";

describe("enrolment under concurrency", () => {
  it("gives 10 seats to 50 simultaneous enrolments: 10 enrolled, 40 waitlisted in order, no quota exceeded", async () => {
    const bot = await createTestBot({ plan: directEnrolmentPlan() });
    const units = ["u1", "u2", "u3", "u4", "u5"];
    for (const id of units) {
      await seedUnit(
        bot.store,
        { id },
        Array.from({ length: 10 }, (_, i) => ({ userId: `${id}-${i}`, position: "committee" as const })),
      );
    }
    await seedCourse(bot.store, { id: "c-1", capacity: 10, quotas: Object.fromEntries(units.map((u) => [u, 2])) });
    // Everyone has talked to the bot before, so the burst is enrolments only.
    for (const id of units) for (let i = 0; i < 10; i++) await bot.say(`${id}-${i}`, "/chungchi");

    const order = Array.from({ length: 10 }, (_, i) => units.map((u) => `${u}-${i}`)).flat();
    const answers = await Promise.all(order.map((user) => bot.text(user, "/ghidanh c-1")));

    const enrolledAnswers = answers.filter((a) => a.includes("Bạn đã ghi danh lớp"));
    const places = answers
      .map((a) => /vị trí số (\d+)/.exec(a)?.[1])
      .filter(Boolean)
      .map(Number);
    expect(enrolledAnswers).toHaveLength(10);
    expect([...places].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));

    const all = await bot.store.enrollments.find({ courseId: "c-1" });
    expect(all.filter((e) => e.status === "enrolled")).toHaveLength(10);
    for (const u of units) expect(all.filter((e) => e.unitId === u && e.status === "enrolled").length).toBeLessThanOrEqual(2);
    // The stored waitlist order is the order people were told, and the order they arrived in.
    const told = new Map(order.map((user, i) => [`p-${user}`, Number(/vị trí số (\d+)/.exec(answers[i]!)?.[1] ?? 0)]));
    const queue = waitlist(all);
    expect(queue.map((e) => told.get(e.personId))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(queue.map((e) => e.personId)).toEqual(order.slice(10).map((u) => `p-${u}`));
  });

  it("gives the last seat to exactly one of two people pressing at the same moment", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u1" }, [{ userId: "a", position: "secretary" }]);
    await seedUnit(bot.store, { id: "u2" }, [{ userId: "b", position: "secretary" }]);
    await seedCourse(bot.store, { id: "c-1", capacity: 1, quotas: {} });
    const [a, b] = await Promise.all([bot.text("a", "/ghidanh c-1"), bot.text("b", "/ghidanh c-1")]);
    expect([a, b].filter((t) => t.includes("Bạn đã ghi danh lớp"))).toHaveLength(1);
    expect([a, b].filter((t) => t.includes("danh sách chờ, vị trí số 1"))).toHaveLength(1);
    expect((await bot.store.enrollments.all()).map((e) => e.status).sort()).toEqual(["enrolled", "waitlisted"]);
  });
});
