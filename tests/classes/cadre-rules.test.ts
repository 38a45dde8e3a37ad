import { describe, expect, it } from "vitest";
import { ruleFindings } from "../../src/domain/cadre-rules";
import { createTestBot, seedUnit } from "../helpers/chat";
import { currentPlan } from "../helpers/plan";

describe("the cadre regulation's rules (R6) in /dudieukien", () => {
  it("reads the rules by post and unit type: age while holding the post, age at first election, minimum theory level", () => {
    const plan = currentPlan({
      cadreRules: [
        {
          unitType: "agency",
          position: "secretary",
          maxAge: 35,
          maxAgeAtFirstElection: 30,
          minTheoryLevel: "intermediate",
          source: "Quy định thử",
          verified: true,
        },
        { unitType: "enterprise", position: "secretary", maxAge: 40, source: "Quy định doanh nghiệp", verified: false },
      ],
    });
    const secretary = { position: "secretary" as const, birthYear: 1988, theoryLevel: "basic" as const, electedOn: "2020-03-01" };
    expect(ruleFindings(plan, secretary, "agency", "2026-11-29").map((f) => [f.kind, "age" in f ? f.age : f.level])).toEqual([
      ["ageInPost", 38],
      ["ageAtElection", 32],
      ["theory", "intermediate"],
    ]);
    expect(ruleFindings(plan, secretary, "enterprise", "2026-11-29")).toEqual([]);
    expect(ruleFindings(plan, { ...secretary, position: "deputy" }, "agency", "2026-11-29")).toEqual([]);
  });

  it("quotes each finding's source and marks the shipped, unverified figures", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01", type: "agency" }, [
      { userId: "sec", fullName: "Trần Văn Lớn", position: "secretary", electedOn: "2019-01-01", birthYear: 1988, theoryLevel: "basic" },
    ]);
    const text = await bot.text("sec", "/dudieukien");
    expect(text).toContain(
      "   ⚠️ quá 35 tuổi khi giữ chức vụ (38 tuổi) — theo Quy chế cán bộ Đoàn (Quyết định 289-QĐ/TW, 2010): cán bộ Đoàn cơ sở giữ chức vụ không quá 35 tuổi — con số trích dẫn, chưa đối chiếu văn bản (chưa kiểm chứng)",
    );
    expect(text).toContain(
      "   ⚠️ chưa đạt trình độ lý luận chính trị tối thiểu (trung cấp) — theo Kế hoạch 49-KH/ĐTN, mục I: chuẩn hóa trình độ lý luận chính trị từ trung cấp trở lên với cán bộ đoàn (chưa kiểm chứng)",
    );
  });
});
