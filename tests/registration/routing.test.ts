/**
 * A registration always reaches someone who can act on it, and the newcomer is told who: the unit's
 * reachable officers, else the admins; a registration left waiting is escalated to the admins.
 */
import { describe, expect, it } from "vitest";
import { plan } from "../../src/scheduler/planner";
import { readPlannerData } from "../../src/scheduler/tick";
import { createTestBot, seedUnit, type TestBot } from "../helpers/chat";

const answers = (position: string) => ["Đỗ Văn Bình", position, ...(position === "secretary" ? ["01/09/2025"] : []), "basic", "university", "1996", "-", "yes", "ok"];

/** Registers `userId` through the unit's link; returns the last answer. */
async function register(bot: TestBot, userId: string, position = "member"): Promise<string> {
  await bot.say(userId, "/start u-u01");
  let last = "";
  for (const a of answers(position)) last = await bot.text(userId, a);
  return last;
}

async function unit(officers: { account?: "none" | "unreachable" }[] = []): Promise<TestBot> {
  const bot = await createTestBot({ adminIds: ["telegram:boss"] });
  await bot.say("boss", "/trogiup");
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, officers.map((_, i) => ({ userId: `sec${i}`, fullName: "Lê Thị Hồng", position: "secretary", electedOn: "2025-01-01" })));
  for (const [i, o] of officers.entries()) {
    if (o.account === "none") await bot.store.accounts.remove(`telegram:sec${i}`);
    if (o.account === "unreachable") await bot.store.accounts.put({ ...(await bot.store.accounts.get(`telegram:sec${i}`))!, unreachable: true });
  }
  return bot;
}

const bossId = async (bot: TestBot) => (await bot.store.accounts.get("telegram:boss"))!.personId;

describe("where a registration goes", () => {
  it("goes to the unit's reachable Secretary, named to the newcomer", async () => {
    const bot = await unit([{}]);
    expect(await register(bot, "n")).toBe("Đã gửi đăng ký tới Lê Thị Hồng (Bí thư, Phó Bí thư Đoàn cơ sở Sở Tư pháp) để duyệt. Bot sẽ báo bạn ngay khi đăng ký được duyệt.");
    expect(bot.inbox("p-sec0")).toHaveLength(1);
    expect(bot.inbox(await bossId(bot))).toEqual([]);
  });

  const toAdmins = "Đã gửi đăng ký tới Ban Thường vụ Đoàn Khối để duyệt, vì Đoàn cơ sở Sở Tư pháp chưa có Bí thư, Phó Bí thư nào duyệt được qua bot. Bot sẽ báo bạn ngay khi đăng ký được duyệt.";

  it("goes to the admins when the unit's Secretary came from a roster and has no chat account", async () => {
    const bot = await unit([{ account: "none" }]);
    expect(await register(bot, "n")).toBe(toAdmins);
    expect(bot.inbox("p-sec0")).toEqual([]);
    expect(bot.inbox(await bossId(bot)).at(-1)).toContain("Đăng ký mới cần duyệt: Đỗ Văn Bình — Đoàn viên, Đoàn cơ sở Sở Tư pháp.");
  });

  it("goes to the admins when the unit's only Secretary blocked the bot", async () => {
    const bot = await unit([{ account: "unreachable" }]);
    expect(await register(bot, "n")).toBe(toAdmins);
    expect(bot.inbox("p-sec0")).toEqual([]);
    expect(bot.inbox(await bossId(bot))).toHaveLength(1);
  });

  it("goes to the admins when the unit has no officer at all", async () => {
    const bot = await unit([]);
    expect(await register(bot, "n")).toBe(toAdmins);
    expect(bot.inbox(await bossId(bot))).toHaveLength(1);
  });

  it("tells a Secretary registering in a unit with no other officer that it went to the Standing Committee", async () => {
    const bot = await unit([]);
    expect(await register(bot, "n", "secretary")).toBe(toAdmins);
    expect(bot.inbox(await bossId(bot)).at(-1)).toContain("Đỗ Văn Bình — Bí thư");
  });
});

describe("a registration left waiting", () => {
  it("is escalated to the admins once registrationEscalationDays have passed, not before, and not when it went to them already", async () => {
    const bot = await unit([{}]);
    await register(bot, "n");
    const id = (await bot.store.accounts.get("telegram:n"))!.personId;
    const escalations = async (now: string) => {
      bot.setNow(now);
      return plan(await readPlannerData(bot.deps), new Date(now)).filter((d) => d.kind === "escalate:registration");
    };
    expect(await escalations("2026-12-02T02:00:00.000Z")).toEqual([]);
    const due = await escalations("2026-12-02T03:30:00.000Z");
    expect(due.map((d) => [d.key, d.recipient, d.message.key])).toEqual([
      [`escalate:registration:${id}:2026-11-29T03:00:00.000Z`, { type: "admins" }, "scheduler:registration.escalation"],
    ]);
    expect(due[0]!.message.vars).toMatchObject({ name: "Đỗ Văn Bình", unit: "Đoàn cơ sở Sở Tư pháp", days: 3, since: "29/11/2026" });

    const orphan = await unit([]);
    await register(orphan, "m");
    orphan.setNow("2026-12-02T03:30:00.000Z");
    expect(plan(await readPlannerData(orphan.deps), new Date("2026-12-02T03:30:00.000Z")).filter((d) => d.kind === "escalate:registration")).toEqual([]);
  });
});
