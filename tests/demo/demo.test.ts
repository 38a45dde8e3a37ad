import { describe, expect, it } from "vitest";
import { seedDemo } from "../../src/demo";
import { createTestBot } from "../helpers/chat";

/** The demo admin, as in the console. */
async function demoBot(now: string) {
  const bot = await createTestBot({ now, adminIds: ["telegram:admin"] });
  await seedDemo(bot.store, bot.deps);
  return bot;
}

describe("the demo data", () => {
  it("holds the year's three yearly classes and the Secretaries' title class, starting two weeks after the day it is loaded", async () => {
    const bot = await demoBot("2027-03-10T02:00:00.000Z");
    const open = (await bot.store.courses.all()).filter((c) => c.status === "open");
    expect(open.map((c) => c.kind).sort()).toEqual(["lecturers", "supplementary", "title-secretary", "youth-work"]);
    expect(open.map((c) => c.sessions[0]!.date).sort()[0]).toBe("2027-03-24");
    for (const c of open) {
      expect(Object.values(c.quotas).reduce((a, b) => a + b, 0)).toBe(c.capacity);
      expect(Date.parse(c.deadline)).toBeLessThan(Date.parse(`${c.sessions[0]!.date}T00:00:00+07:00`));
    }
    const schedule = await bot.text("admin", "/lichhoc");
    expect(schedule).toContain("Bồi dưỡng nghiệp vụ công tác Đoàn (mẫu)");
    expect(schedule).toContain("24/03/2027 08:00–11:30");
  });

  it("spreads a class's seats by unit size over the units whose cadres may join it", async () => {
    const bot = await demoBot("2026-11-29T03:00:00.000Z");
    const youthWork = (await bot.store.courses.get("c-demo-nghiepvu"))!;
    expect(youthWork.quotas.u09).toBeGreaterThan(youthWork.quotas.u01!);
    expect(Object.keys((await bot.store.courses.get("c-demo-baocaovien"))!.quotas).sort()).toEqual(["u11", "u22", "u33", "u44", "u55", "u66"]);
  });

  it("gives newly elected Secretaries with a title certificate to /tiendo's T2", async () => {
    const bot = await demoBot("2026-11-29T03:00:00.000Z");
    expect(await bot.text("admin", "/tiendo")).toMatch(/T2 2\/\d+ /);
  });

  it("shows the reports of the period being collected and the units still missing in /tinhhinh", async () => {
    const bot = await demoBot("2026-11-29T03:00:00.000Z");
    expect(await bot.store.reports.count()).toBe(5);
    expect((await bot.store.reports.get("u01:2026-Q4"))!.submittedBy).toBe("p-demo-u01-1");
    expect(await bot.text("admin", "/tinhhinh")).toContain("Tình hình báo cáo Quý 4/2026 (hạn 10/01/2027): 5 đúng hạn, 0 trễ hạn, 61 chưa báo cáo");
  });
});
