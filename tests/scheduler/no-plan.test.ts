import { describe, expect, it } from "vitest";
import { renderMessage } from "../../src/scheduler/recipient";
import { planTick } from "../../src/scheduler/tick";
import { createTestBot, seedCertificate, seedUnit, type TestBot } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";

/**
 * "When no plan covers today, admins are told and asked to start one; nobody else sees broken
 * numbers." The test plan runs 01/01/2026 – 31/12/2027; these tests are set in 2028.
 */
async function bloc(now: string): Promise<TestBot> {
  const bot = await createTestBot({ now });
  const group = { channel: "telegram" as const, chatId: "-1001", linkedBy: "p-admin", at: "2026-02-01T00:00:00.000Z" };
  await seedUnit(bot.store, { id: "u1", groups: [group] }, [
    { userId: "11", position: "secretary", electedOn: "2027-06-01", theoryLevel: "intermediate" },
    { userId: "12", position: "committee" },
  ]);
  await seedCertificate(bot.store, { personId: "p-11", issuedOn: "2027-07-01", title: true });
  return bot;
}

async function tick(bot: TestBot, last: string) {
  await bot.store.scheduler.put({ id: "scheduler", lastTickAt: last });
  await planTick(bot.deps);
  return bot.store.outbox.all();
}

describe("when no plan covers today", () => {
  it("the weekly digest gives the admins no numbers and asks them to start a plan", async () => {
    const bot = await bloc("2028-01-03T01:00:10.000Z"); // Monday 03/01/2028, 08:00:10 local
    const entries = (await tick(bot, "2028-01-03T00:59:10.000Z")).filter((e) => e.kind === "digest:weekly");
    expect(entries.length).toBeGreaterThan(0);
    const text = renderMessage(entries[0]!.message, "vi").text;
    expect(text).toBe(
      "📊 Tổng hợp tuần (03/01/2028)\nHôm nay không có kế hoạch đào tạo, bồi dưỡng nào đang thực hiện: kế hoạch gần nhất là KH-2026 (01/01/2026 – 31/12/2027), nên bot không tính tiến độ. Gõ /kehoach moi để lập kế hoạch mới từ kế hoạch này, hoặc gửi tệp kế hoạch.",
    );
    expect(text).not.toContain("%");
    expect(renderMessage(entries[0]!.message, "en").text).toContain("No training plan is running today: the latest is KH-2026");
  });

  it("the weekly digest still counts while the plan runs, up to its last week", async () => {
    const bot = await bloc("2027-12-27T01:00:10.000Z"); // Monday 27/12/2027
    const [entry] = (await tick(bot, "2027-12-27T00:59:10.000Z")).filter((e) => e.kind === "digest:weekly");
    expect(renderMessage(entry!.message, "vi").text).toContain("Cán bộ được bồi dưỡng (từ 01/01/2026 đến 31/12/2027): 1/2 (50%)");
  });

  it("the yearly announcement does not reach the units' groups; the admins are asked to start a plan", async () => {
    const bot = await bloc("2028-01-15T01:00:10.000Z"); // 15/01/2028 08:00:10 local, the plan's announcement day
    await seedCourse(bot.store, { id: "c-1", year: 2027 });
    const entries = (await tick(bot, "2028-01-15T00:59:10.000Z")).filter((e) => e.kind === "announce:yearly");
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.map((e) => e.to)).toEqual([{ type: "chat", channel: "telegram", chatId: "admin", group: false }]);
    expect(renderMessage(entries[0]!.message, "vi").text).toBe(
      "📣 Đến ngày thông báo các lớp năm 2028 nhưng không có kế hoạch nào bao gồm năm này (kế hoạch KH-2026 đã kết thúc ngày 31/12/2027), nên bot chưa gửi thông báo đến các cơ sở Đoàn. Gõ /kehoach moi để lập kế hoạch mới.",
    );
  });

  it("the yearly announcement of a year the plan covers still reaches the groups", async () => {
    const bot = await bloc("2027-01-15T01:00:10.000Z");
    const entries = (await tick(bot, "2027-01-15T00:59:10.000Z")).filter((e) => e.kind === "announce:yearly");
    expect(entries.some((e) => e.to.type === "chat" && e.to.chatId === "-1001")).toBe(true);
    expect(renderMessage(entries[0]!.message, "vi").text).toContain("📣 Kế hoạch bồi dưỡng cán bộ Đoàn năm 2027");
  });

  it("the warning of yearly classes not yet created is not sent for a year no plan covers", async () => {
    const bot = await bloc("2028-12-31T01:00:10.000Z"); // the test plan's warning date is 31/12
    const entries = (await tick(bot, "2028-12-31T00:59:10.000Z")).filter((e) => e.kind === "warn:yearly-classes");
    expect(entries).toEqual([]);
  });

  it("an officer filing the unit report sees no figures, only that no plan runs, and can still file", async () => {
    const bot = await bloc("2028-02-01T03:00:00.000Z");
    const first = await bot.text("11", "/baocao");
    expect(first).toContain(
      "Hiện chưa có kế hoạch đào tạo, bồi dưỡng nào đang thực hiện nên bot chưa tính số liệu của đơn vị; bạn vẫn gửi báo cáo như thường.",
    );
    expect(first).not.toContain("Số cán bộ Đoàn");
    expect(first).not.toContain("Đã được bồi dưỡng");
  });

  it("/tiendo tells an officer there is nothing to show, and the admin to start a plan", async () => {
    const bot = await bloc("2028-02-01T03:00:00.000Z");
    expect(await bot.text("11", "/tiendo")).toBe(
      "Hiện chưa có kế hoạch đào tạo, bồi dưỡng nào đang thực hiện nên chưa có số liệu tiến độ. Ban Thường vụ Đoàn Khối sẽ thông báo khi có kế hoạch mới.",
    );
    expect(await bot.text("admin", "/tiendo")).toContain("Gõ /kehoach moi để lập kế hoạch mới từ kế hoạch này");
  });
});
