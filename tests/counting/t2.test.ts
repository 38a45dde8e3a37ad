/**
 * R3 through the chat: T2 counts every Secretary elected within the plan (2026–2027) or its 6-month
 * lead-in until trained or the plan ends — the same figure in /tiendo and the weekly digest — and a
 * plan stored with the retired rolling window still loads.
 */
import { describe, expect, it } from "vitest";
import { Plan, withoutRetiredFields } from "../../src/domain/plan";
import { createTestBot, seedCertificate, seedUnit } from "../helpers/chat";
import { currentPlan } from "../helpers/plan";

/** u01: Secretary An elected 15/10/2025 (lead-in), never trained; u02: Secretary Bình elected 01/03/2026, trained 01/04/2026; u03: Secretary Cường elected 2019. */
async function setup(now: string) {
  const bot = await createTestBot({ now });
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
    { userId: "an", fullName: "Lê Văn An", position: "secretary", electedOn: "2025-10-15", registeredAt: "2025-10-20T02:00:00.000Z" },
  ]);
  await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" }, [
    { userId: "binh", fullName: "Trần Thị Bình", position: "secretary", electedOn: "2026-03-01" },
  ]);
  await seedUnit(bot.store, { id: "u03", name: "Đoàn cơ sở Sở Xây dựng" }, [
    { userId: "cuong", fullName: "Phạm Văn Cường", position: "secretary", electedOn: "2019-05-01" },
  ]);
  await seedCertificate(bot.store, { personId: "p-binh", issuedOn: "2026-04-01", kind: "youth-work" });
  return bot;
}

describe("T2 (R3): newly elected Secretaries trained, over the plan, never a rolling window", () => {
  it("counts a Secretary elected at the congress before the plan until trained, and says the rule under the figure", async () => {
    const bot = await setup("2026-11-29T03:00:00.000Z");
    const text = await bot.text("admin", "/tiendo");
    expect(text).toContain("1/2 (50%)");
    expect(text).toContain(
      "Bí thư mới được bầu: mọi người được bầu làm Bí thư từ 01/07/2025 (6 tháng trước khi kế hoạch bắt đầu ngày 01/01/2026) đến nay, tính cho đến khi được đào tạo hoặc đến hết kế hoạch (31/12/2027).",
    );
    // A year and more after the election, An is still counted: 1/2, not 1/1.
    bot.setNow("2027-06-30T03:00:00.000Z");
    expect(await bot.text("admin", "/tiendo")).toContain("1/2 (50%)");
    // Trained: counted as done.
    await seedCertificate(bot.store, { personId: "p-an", issuedOn: "2027-07-01", kind: "title-secretary", title: true });
    bot.setNow("2027-07-02T03:00:00.000Z");
    expect(await bot.text("admin", "/tiendo")).toContain("2/2 (100%)");
  });

  it("in English, the rule line follows the person's language", async () => {
    const bot = await setup("2026-11-29T03:00:00.000Z");
    await bot.say("admin", "/lang en");
    const text = await bot.text("admin", "/progress");
    expect(text).toContain(
      "Newly elected Secretaries: everyone elected Secretary from 01/07/2025 (6 months before the plan starts on 01/01/2026) to date, counted until trained or until the plan ends (31/12/2027).",
    );
  });

  it("loads a plan stored with the retired newlyElectedMonths, and drops it when the plan is saved again", () => {
    const stored = { ...currentPlan(), newlyElectedMonths: 12 };
    const parsed = Plan.parse(stored);
    expect(parsed.newlyElectedLeadInMonths).toBe(6);
    expect(parsed.newlyElectedMonths).toBe(12);
    expect("newlyElectedMonths" in withoutRetiredFields(parsed)).toBe(false);
  });
});
