import { describe, expect, it } from "vitest";
import { loadPlan } from "../../src/domain/plan";
import type { Cadre } from "../../src/domain/records";
import { needsReview } from "../../src/domain/report-rules";

/** Plan 49 as shipped: cadres are Secretaries, Deputies and committee members; the theory standard is trung cấp. */
const plan = loadPlan("data/plan.json");
const today = "2026-11-29";

function person(id: string, c: Partial<Cadre> = {}): Cadre {
  return {
    id,
    unitId: "u1",
    fullName: `Cán bộ ${id}`,
    position: "committee",
    theoryLevel: "basic",
    professionalLevel: "university",
    birthYear: 1995,
    status: "approved",
    consent: { purposes: ["training"], at: "2026-01-05T02:00:00.000Z" },
    registeredAt: "2026-01-05T02:00:00.000Z",
    ...c,
  };
}

const ids = (cadres: Cadre[], unitType = "agency") => needsReview(cadres, plan, unitType, today).map((c) => c.cadre.id);

describe("the needs review (plan V.2: 'rà soát nhu cầu học tập lý luận chính trị … đề xuất cấp ủy tạo điều kiện cho đi học tập')", () => {
  // One row per sentence of the plan (and of R6) the review reads.
  it.each([
    ["a Secretary below trung cấp is proposed", { position: "secretary" as const, theoryLevel: "basic" as const }, ["x"]],
    ["a Deputy below trung cấp is proposed", { position: "deputy" as const, theoryLevel: "none" as const }, ["x"]],
    ["a committee member (a cadre) below trung cấp is proposed", { position: "committee" as const }, ["x"]],
    ["a Secretary at trung cấp is not", { position: "secretary" as const, theoryLevel: "intermediate" as const }, []],
    ["an ordinary member (đoàn viên) is not a cadre: never proposed", { position: "member" as const, theoryLevel: "none" as const }, []],
    [
      "a member planned for the Deputy's post (cán bộ quy hoạch, plan IV) is proposed",
      { position: "member" as const, theoryLevel: "none" as const, plannedFor: "deputy" as const },
      ["x"],
    ],
    ["a pending registration is not", { position: "secretary" as const, status: "pending" as const }, []],
  ])("%s", (_, fields, expected) => {
    expect(ids([person("x", fields)])).toEqual(expected);
  });

  it("quotes the cadre regulation's theory rule (R6), with its source, and that it is not verified", () => {
    const [entry] = needsReview([person("s", { position: "secretary", birthYear: 1995 })], plan, "agency", today);
    expect(entry!.findings).toHaveLength(1);
    expect(entry!.findings[0]).toMatchObject({ kind: "theory", level: "intermediate" });
    expect(entry!.findings[0]!.rule.source).toBe(
      "Kế hoạch 49-KH/ĐTN, mục I: chuẩn hóa trình độ lý luận chính trị từ trung cấp trở lên với cán bộ đoàn",
    );
    expect(entry!.findings[0]!.rule.verified).toBe(false);
  });

  it("adds a candidate's age finding (over 35 while holding the post) beside the theory one", () => {
    const [entry] = needsReview([person("s", { position: "secretary", birthYear: 1988 })], plan, "agency", today);
    expect(entry!.findings.map((f) => f.kind).sort()).toEqual(["ageInPost", "theory"]);
    expect(entry!.findings.find((f) => f.kind === "ageInPost")).toMatchObject({ limit: 35, age: 38 });
  });

  it("does not propose someone for study because of age alone", () => {
    expect(ids([person("s", { position: "secretary", birthYear: 1980, theoryLevel: "intermediate" })])).toEqual([]);
  });

  it("reads the rule of the unit's type: an enterprise Secretary at sơ cấp meets its rule, not the plan's standard", () => {
    const [entry] = needsReview([person("e", { position: "secretary", theoryLevel: "basic" })], plan, "enterprise", today);
    expect(entry!.cadre.id).toBe("e");
    expect(entry!.findings).toEqual([]);
  });

  it("lists Secretaries first, then Deputies, then the others, each by name", () => {
    const list = [
      person("m", { position: "committee", fullName: "An" }),
      person("d", { position: "deputy", fullName: "Bình" }),
      person("p", { position: "member", fullName: "Anh", plannedFor: "secretary" }),
      person("s", { position: "secretary", fullName: "Cường" }),
    ];
    expect(ids(list)).toEqual(["s", "d", "m", "p"]);
  });
});
