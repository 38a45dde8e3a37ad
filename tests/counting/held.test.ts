/**
 * "Held means held" (III.2): a class whose last session passed but which was never closed is named
 * to the admins each week until closed, under one key per class per week.
 */
import { describe, expect, it } from "vitest";
import { renderMessage } from "../../src/scheduler/recipient";
import { planTick } from "../../src/scheduler/tick";
import { createTestBot, seedUnit } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";

describe("a class left open after its last session", () => {
  it("is named to the admins weekly from the day after its last session until it is closed", async () => {
    const bot = await createTestBot({ now: "2026-11-20T12:00:00.000Z" });
    await seedUnit(bot.store, { id: "u01" });
    await seedCourse(bot.store, {
      id: "c-1",
      code: "L26-05",
      title: "Nghiệp vụ công tác Đoàn 2026",
      sessions: [{ id: "s1", date: "2026-11-20", start: "08:00", end: "11:00", place: "Hội trường Đoàn Khối" }],
    });
    const tickAt = async (at: string, last: string) => {
      bot.setNow(at);
      await bot.store.scheduler.put({ id: "scheduler", lastTickAt: last });
      await planTick(bot.deps);
    };
    const notices = async () => (await bot.store.outbox.all()).filter((e) => e.kind === "warn:unclosed");
    // 08:00 in Cần Thơ is 01:00 UTC.
    await tickAt("2026-11-21T01:00:10.000Z", "2026-11-21T00:59:10.000Z");
    await tickAt("2026-11-25T01:00:10.000Z", "2026-11-25T00:59:10.000Z");
    await tickAt("2026-11-28T01:00:10.000Z", "2026-11-28T00:59:10.000Z");
    const sent = await notices();
    expect(sent.map((e) => e.id.replace(/:telegram\.admin$/, ""))).toEqual(["warn:unclosed:c-1:w0", "warn:unclosed:c-1:w1"]);
    expect(renderMessage(sent[0]!.message, "vi").text).toBe(
      "📌 Lớp L26-05 «Nghiệp vụ công tác Đoàn 2026» đã qua buổi học cuối (20/11/2026) nhưng chưa được kết thúc: lớp chưa được tính là đã tổ chức trong năm 2026 (mục III.2) và học viên chưa được cấp chứng chỉ. Gõ /ketthuc L26-05 để kết thúc lớp và cấp chứng chỉ.",
    );
    await bot.store.courses.put({ ...(await bot.store.courses.get("c-1"))!, status: "completed", completedAt: "2026-11-30T02:00:00.000Z" });
    await tickAt("2026-12-05T01:00:10.000Z", "2026-12-05T00:59:10.000Z");
    expect(await notices()).toHaveLength(2);
  });
});
