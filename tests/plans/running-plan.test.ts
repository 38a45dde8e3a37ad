import { afterEach, describe, expect, it } from "vitest";
import { markPlansChanged } from "../../src/app/plans";
import { startScheduler } from "../../src/scheduler";
import { renderMessage } from "../../src/scheduler/recipient";
import { openPostgresStore } from "../../src/store/postgres/postgres-store";
import type { Store } from "../../src/store/store";
import { createTestBot, seedUnit, type TestBot } from "../helpers/chat";
import { currentPlan } from "../helpers/plan";
import { freshDatabase } from "../helpers/postgres";

const stores: Store[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.close();
});

/** The test plan KH-2026 runs 01/01/2026 – 31/12/2027; the next, KH-2028, was stored ahead of time. */
async function withNextPlan(now: string): Promise<TestBot> {
  const bot = await createTestBot({ now });
  await seedUnit(bot.store, { id: "u1" }, [{ userId: "11", position: "secretary", electedOn: "2027-06-01" }, { userId: "12" }]);
  await bot.store.transaction(async (tx) => {
    await tx.plans.put(currentPlan({ id: "KH-2028", period: { from: "2028-01-01", to: "2032-12-31" } }));
    await markPlansChanged(tx, bot.deps.now());
  });
  return bot;
}

describe("the running plan is read, not held", () => {
  it("a plan starting tomorrow takes over at midnight in Asia/Ho_Chi_Minh, with no restart", async () => {
    const bot = await withNextPlan("2027-12-31T16:59:00.000Z"); // 23:59 on 31/12/2027 where the bloc lives
    expect((await bot.text("admin", "/tiendo")).split("\n")[0]).toBe("Tiến độ thực hiện KH-2026 (tính từ 01/01/2026 đến 31/12/2027)");
    bot.setNow("2027-12-31T17:00:00.000Z"); // 00:00 on 01/01/2028
    expect((await bot.text("admin", "/tiendo")).split("\n")[0]).toBe("Tiến độ thực hiện KH-2028 (tính từ 01/01/2028 đến 31/12/2032)");
  });

  it("the scheduler's tick plans with the plan running that day", async () => {
    const bot = await withNextPlan("2028-01-03T01:00:10.000Z"); // Monday 03/01/2028, 08:00:10 local
    await bot.store.scheduler.put({ id: "scheduler", lastTickAt: "2028-01-03T00:59:10.000Z" });
    const scheduler = startScheduler(bot.deps, {}, { cron: "0 0 1 1 *" });
    await scheduler.tick();
    await scheduler.stop();
    const [digest, ...more] = (await bot.store.outbox.all()).filter((e) => e.kind === "digest:weekly");
    expect(more).toEqual([]);
    const lines = renderMessage(digest!.message, "vi").text.split("\n");
    expect(lines[2]).toBe("• Cán bộ được bồi dưỡng (từ 01/01/2028 đến 31/12/2032): 0/1 (0%)");
  });

  it("reads the plans once, then only a small check at most once a second, while nothing changes", async () => {
    let clock = 0;
    const bot = await createTestBot({ planClock: () => clock });
    let reads = 0;
    const all = bot.store.plans.all.bind(bot.store.plans);
    bot.store.plans.all = async () => {
      reads++;
      return all();
    };
    for (let i = 0; i < 20; i++) {
      await bot.say("admin", "/start");
      clock += 400;
    }
    expect(reads).toBe(1);
  });
});

describe("two instances on one PostgreSQL database", () => {
  it("see a plan saved on the other within a second of it", async () => {
    const url = await freshDatabase();
    let clockB = 0;
    const open = async (planClock?: () => number) => {
      const store = await openPostgresStore({ url });
      stores.push(store);
      return createTestBot({ store, planClock });
    };
    const a = await open();
    const b = await open(() => clockB);
    expect((await b.runningPlan()).targets[0]!.percent).toBe(100);

    await a.say("admin", "/kehoach chitieu T1 90");
    expect(await a.text("admin", "ok")).toBe(
      "Đã lưu kế hoạch KH-2026; đây là kế hoạch đang thực hiện. Tiến độ (/tiendo) tính theo giai đoạn của kế hoạch này.",
    );
    expect((await a.runningPlan()).targets[0]!.percent).toBe(90);
    // B checked the store just now: it keeps what it read until a second has passed…
    clockB += 999;
    expect((await b.runningPlan()).targets[0]!.percent).toBe(100);
    // …then sees the change.
    clockB += 1;
    expect((await b.runningPlan()).targets[0]!.percent).toBe(90);
  });
});
