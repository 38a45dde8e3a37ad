import { describe, expect, it } from "vitest";
import { waitlist } from "../../src/domain/enrolment";
import { openPostgresStore } from "../../src/store/postgres/postgres-store";
import { createTestBot, seedUnit } from "../helpers/chat";
import { directEnrolmentPlan } from "../helpers/plan";
import { seedCourse } from "../helpers/classes";
import { freshDatabase } from "../helpers/postgres";
import { cleanEnv, runTs } from "../helpers/process";

describe("enrolment across two bot processes on one PostgreSQL database", () => {
  it("gives 10 seats to 50 simultaneous enrolments from two processes: 10 enrolled, 40 waitlisted in the order they reached the database", async () => {
    const url = await freshDatabase();
    const store = await openPostgresStore({ url });
    const units = ["u1", "u2", "u3", "u4", "u5"];
    for (const id of units) {
      await seedUnit(
        store,
        { id },
        Array.from({ length: 10 }, (_, i) => ({ userId: `${id}-${i}`, position: "committee" as const })),
      );
    }
    // No unit quotas: whoever reaches the database first takes a seat (with quotas, R2 would refuse a unit's 3rd).
    await seedCourse(store, { id: "c-1", capacity: 10, quotas: {} });
    // Everyone has talked to the bot before, so the burst is enrolments only.
    const seeding = await createTestBot({ store, plan: directEnrolmentPlan() });
    for (const id of units) for (let i = 0; i < 10; i++) await seeding.say(`${id}-${i}`, "/chungchi");

    const order = Array.from({ length: 10 }, (_, i) => units.map((u) => `${u}-${i}`)).flat();
    const halves = [order.filter((_, i) => i % 2 === 0), order.filter((_, i) => i % 2 === 1)];
    const children = halves.map((users) =>
      runTs("tests/classes/fixtures/enrol-burst.ts", [], cleanEnv({ DATABASE_URL: url, USERS: users.join(","), COURSE: "c-1" })),
    );
    try {
      await Promise.all(children.map((c) => c.waitFor((out) => out.includes("ready\n"))));
      for (const c of children) c.proc.stdin!.end("go\n");
      const outputs = await Promise.all(
        children.map(async (c) => ((await c.exited) === 0 ? c.stdout() : Promise.reject(new Error(c.stderr())))),
      );
      const answers = outputs.map((out) => JSON.parse(out.split("\n")[1]!) as string[]);
      const told = new Map<string, string>(halves.flatMap((users, h) => users.map((user, i) => [`p-${user}`, answers[h]![i]!] as const)));

      const texts = [...told.values()];
      expect(texts.filter((a) => a.includes("Bạn đã ghi danh lớp"))).toHaveLength(10);
      const places = texts
        .map((a) => /vị trí số (\d+)/.exec(a)?.[1])
        .filter(Boolean)
        .map(Number);
      expect(places.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      // Both processes took seats or places: the burst really was spread over the two.
      for (const h of [0, 1]) expect(answers[h]!.some((a) => /vị trí số/.test(a))).toBe(true);

      const all = await store.enrollments.find({ courseId: "c-1" });
      expect(all.filter((e) => e.status === "enrolled")).toHaveLength(10);
      expect(all.filter((e) => e.status === "waitlisted")).toHaveLength(40);
      // The stored waitlist, in order, is the order people were told: 1, 2, … 40.
      const queue = waitlist(all);
      expect(queue).toHaveLength(40);
      expect(queue.map((e) => Number(/vị trí số (\d+)/.exec(told.get(e.personId)!)?.[1]))).toEqual(
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
    } finally {
      for (const c of children) if (c.proc.exitCode === null) c.proc.kill("SIGKILL");
      await store.close();
    }
  }, 60_000);
});
