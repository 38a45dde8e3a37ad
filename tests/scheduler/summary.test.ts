import { describe, expect, it } from "vitest";
import type { ChatAddress, Reply } from "../../src/app/messages";
import { periodSummary } from "../../src/features/reports";
import { startScheduler } from "../../src/scheduler";
import { createTestBot, seedReport, seedUnit, type TestBot } from "../helpers/chat";

const bloc = { chatType: "group" as const, chatId: "-900" };

/** A bloc on 11/01/2027 at 08:00 local, the morning after the 2026-Q4 deadline: u2 reported, u1 did not. */
async function dayAfterDeadline(): Promise<TestBot> {
  const bot = await createTestBot({ now: "2027-01-11T01:00:10.000Z" });
  await seedUnit(bot.store, { id: "u1", name: "Đoàn cơ sở Sở Tư pháp" }, [{ userId: "11", position: "secretary", electedOn: "2025-01-01" }]);
  await seedUnit(bot.store, { id: "u2", name: "Đoàn cơ sở Sở Y tế" }, [{ userId: "21", position: "secretary", electedOn: "2025-01-01" }]);
  await seedReport(bot.store, { unitId: "u2", period: "2026-Q4", submittedAt: "2027-01-05T02:00:00.000Z" });
  return bot;
}

/** Runs one scheduler tick (the one at start) with a recording channel; returns what it sent. */
async function tick(bot: TestBot): Promise<{ chat: ChatAddress; reply: Reply }[]> {
  await bot.store.scheduler.put({ id: "scheduler", lastTickAt: "2027-01-11T00:59:10.000Z" });
  const sent: { chat: ChatAddress; reply: Reply }[] = [];
  const channel = { send: async (chat: ChatAddress, reply: Reply) => void sent.push({ chat, reply }) };
  const scheduler = startScheduler(bot.deps, { telegram: channel }, { cron: "0 0 1 1 *", composers: bot.composers });
  await scheduler.stop();
  return sent;
}

describe("the period summary", () => {
  it("lets an admin link the Standing Committee's group with /lienket khoi, not an officer", async () => {
    const bot = await dayAfterDeadline();
    expect(await bot.text("11", "/lienket khoi", bloc)).toContain("Chỉ Ban Thường vụ Đoàn Khối");
    expect(await bot.text("admin", "/lienket khối", bloc)).toContain("nhóm của Ban Thường vụ Đoàn Khối");
    expect((await bot.store.bloc.get("bloc"))!.groups).toMatchObject([{ channel: "telegram", chatId: "-900" }]);
    expect(await bot.text("admin", "/link bloc", { ...bloc, chatId: "-901" })).toContain("nhóm của Ban Thường vụ Đoàn Khối");
    expect((await bot.store.bloc.get("bloc"))!.groups.map((g) => g.chatId)).toEqual(["-900", "-901"]);
    expect((await bot.store.audit.find({ action: "bloc.link" })).length).toBe(2);
  });

  it("moves a group from a unit to the bloc and back, confirmed by an admin: a chat is linked to one place", async () => {
    const bot = await dayAfterDeadline();
    await bot.say("11", "/lienket", bloc);
    await bot.say("admin", "/lienket khoi", bloc);
    expect((await bot.store.units.get("u1"))!.groups.map((g) => g.chatId)).toEqual(["-900"]);
    await bot.say("admin", "/lienket khoi xacnhan", bloc);
    expect((await bot.store.units.get("u1"))!.groups).toEqual([]);
    expect(await bot.text("11", "/lienket", bloc)).toContain("Chỉ Ban Thường vụ (quản trị viên) mới chuyển được");
    await bot.say("admin", "/lienket u1 xacnhan", bloc);
    expect((await bot.store.bloc.get("bloc"))!.groups).toEqual([]);
    expect((await bot.store.units.get("u1"))!.groups.map((g) => g.chatId)).toEqual(["-900"]);
  });

  it("keeps the bloc's link when its group is migrated to a supergroup", async () => {
    const bot = await dayAfterDeadline();
    await bot.say("admin", "/lienket khoi", bloc);
    await bot.say("admin", "", { chatType: "group", chatId: "-1009900", migratedFromChatId: "-900" });
    expect((await bot.store.bloc.get("bloc"))!.groups.map((g) => g.chatId)).toEqual(["-1009900"]);
  });

  it("goes to the bloc's group once the deadline has passed, written from the data when sent", async () => {
    const bot = await dayAfterDeadline();
    await bot.say("admin", "/lienket khoi", bloc);
    const sent = await tick(bot);
    const toGroup = sent.filter((s) => s.chat.chatId === "-900");
    expect(toGroup).toHaveLength(1);
    expect(toGroup[0]!.reply.text).toBe((await periodSummary(bot.deps, "2026-Q4")).text);
    expect(toGroup[0]!.reply.text).toContain("Tổng kết kỳ báo cáo Quý 4/2026");
    expect(toGroup[0]!.reply.text).toContain("Đoàn cơ sở Sở Tư pháp");
    expect(sent.filter((s) => s.chat.chatId === "admin").map((s) => s.reply.text)).toEqual([expect.stringContaining("Tổng hợp tuần")]); // Monday: only the digest
    expect(await tick(bot)).toEqual([]); // planned again: sent once
  });

  it("goes to each admin privately when no group is linked to the bloc", async () => {
    const bot = await dayAfterDeadline();
    await bot.say("admin", "/batdau");
    const sent = await tick(bot);
    const summaries = sent.filter((s) => s.reply.text.includes("Tổng kết kỳ báo cáo Quý 4/2026"));
    expect(summaries.map((s) => s.chat.chatId)).toEqual(["admin"]);
  });
});
