/**
 * The counting rules, one test per sentence of Plan 49-KH/ĐTN that they come from. Each row quotes
 * the sentence, then checks the rule on a small hand-made fixture; expected values are written out.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Certificate } from "../../src/domain/courses";
import { isCadre } from "../../src/domain/counting";
import { isEligible } from "../../src/domain/enrolment";
import { inNeedsReview, lacksForTitle } from "../../src/domain/nomination";
import { loadPlan } from "../../src/domain/plan";
import { computeProgress } from "../../src/domain/progress";
import type { Cadre, Unit } from "../../src/domain/records";
import { needsReview } from "../../src/domain/report-rules";
import { cadre, certificate, unit as sampleUnit } from "../helpers/records";

const plan = loadPlan("data/plan.json");
const planText = readFileSync("data/plans/ke-hoach-49-KH-DTN.txt", "utf8").replace(/\s+/g, " ");
const today = "2026-11-29";
const window = { from: "2026-01-01", to: "2026-12-31" };
const unit = sampleUnit("u", { name: "Đoàn cơ sở Mẫu" });

/** A committee member of unit "u" at theory level intermediate, unless said. */
const person = (id: string, c: Partial<Cadre> = {}): Cadre => cadre(id, "u", { theoryLevel: "intermediate", ...c });
const cert = (personId: string, kind: string, issuedOn = "2026-05-01"): Certificate =>
  certificate(personId, issuedOn, { id: `k-${personId}-${kind}`, courseId: `c-${kind}`, kind, title: kind === "title-secretary" });
const progress = (cadres: Cadre[], certificates: Certificate[]) =>
  computeProgress({ units: [unit], cadres, certificates }, { plan, today, window }).bloc;

const sentences: { section: string; sentence: string; check: () => void }[] = [
  {
    section: "II",
    sentence: "Tham mưu cho cấp ủy bảo đảm 100% cán bộ Đoàn trong Khối được bồi dưỡng kiến thức",
    check: () => {
      // Cadres are the holders of a post; an ordinary member (đoàn viên) is not one and is not counted.
      expect(
        ["secretary", "deputy", "committee", "lecturer", "member"].map((position) =>
          isCadre(plan, { position: position as Cadre["position"] }),
        ),
      ).toEqual([true, true, true, false, false]);
      const cadres = [
        person("s", { position: "secretary", electedOn: "2020-01-01" }),
        person("d", { position: "deputy" }),
        person("c"),
        person("m", { position: "member" }),
      ];
      const certificates = [cert("s", "youth-work"), cert("d", "supplementary"), cert("c", "theory-basic")];
      expect(progress(cadres, certificates).fostered).toEqual({ done: 3, total: 3, percent: 100 });
      expect(plan.targets.find((t) => t.measure === "fostered")?.percent).toBe(100);
    },
  },
  {
    section: "II",
    sentence: "100% Bí thư Đoàn cấp cơ sở (mới được bầu) được đào tạo kiến thức nghiệp vụ cơ bản về công tác Đoàn, Hội",
    check: () => {
      const cadres = [
        person("a", { position: "secretary", electedOn: "2026-03-01" }), // the title class
        person("b", { position: "secretary", electedOn: "2026-04-01" }), // the youth-work class: basic Youth Union skills
        person("c", { position: "secretary", electedOn: "2026-05-01" }), // only the supplementary class
        person("d", { position: "secretary" }), // no election date: not counted, shown apart
        person("e", { position: "secretary", electedOn: "2019-01-01" }), // long in the post: not newly elected
        person("f", { position: "secretary", electedOn: "2025-08-01" }), // the congress just before the plan (lead-in 6 months): counted, untrained
      ];
      // R3: "newly elected" is read against the plan's period (here 2026–2027) and its lead-in, never a rolling window.
      const during = { ...plan, period: { from: "2026-01-01", to: "2027-12-31" } };
      const row = computeProgress(
        {
          units: [unit],
          cadres,
          certificates: [cert("a", "title-secretary"), cert("b", "youth-work", "2025-02-01"), cert("c", "supplementary")],
        },
        { plan: during, today, window },
      ).bloc;
      expect(row.newSecretaries).toEqual({ done: 2, total: 4, percent: 50 });
      expect(row.noElectionDate).toBe(1);
    },
  },
  {
    section: "I",
    sentence: "chuẩn hóa trình độ lý luận chính trị từ trung cấp trở lên với cán bộ đoàn",
    check: () => {
      const cadres = [
        person("a", { theoryLevel: "intermediate" }),
        person("b", { theoryLevel: "bachelor" }),
        person("c", { theoryLevel: "basic" }),
        person("m", { position: "member", theoryLevel: "none" }),
      ];
      expect(progress(cadres, []).theory).toEqual({ done: 2, total: 3, percent: (2 / 3) * 100 });
      expect(plan.theoryStandard).toBe("intermediate");
      expect(plan.targets.find((t) => t.measure === "theory")?.percent).toBe(100);
    },
  },
  {
    section: "III.1.2",
    sentence: "Đối tượng bồi dưỡng theo chức danh: Bí thư Đoàn cấp cơ sở",
    check: () => expect(isEligible(plan, "title-secretary", person("s", { position: "secretary" }))).toBe(true),
  },
  {
    section: "IV",
    sentence:
      "Tập trung đào tạo, bồi dưỡng chuẩn hóa chức danh Bí thư, Phó Bí thư cấp cơ sở và cán bộ được quy hoạch vào các chức danh này",
    check: () => {
      expect(isEligible(plan, "title-secretary", person("d", { position: "deputy" }))).toBe(true);
      expect(isEligible(plan, "title-secretary", person("q", { plannedFor: "secretary" }))).toBe(true);
      expect(isEligible(plan, "title-secretary", person("r", { position: "member", plannedFor: "deputy" }))).toBe(true);
      expect(isEligible(plan, "title-secretary", person("c"))).toBe(false);
    },
  },
  {
    section: "III.1.3",
    sentence: "Đối tượng bồi dưỡng về nghiệp vụ: Bí thư, Phó Bí thư Đoàn cấp cơ sở",
    check: () => {
      expect(isEligible(plan, "youth-work", person("s", { position: "secretary" }))).toBe(true);
      expect(isEligible(plan, "youth-work", person("d", { position: "deputy" }))).toBe(true);
    },
  },
  {
    section: "III.1.4",
    sentence: "Ngoại ngữ (tiếng Anh); tin học; an ninh quốc phòng, nghiệp vụ ở một số lĩnh vực: Ban Chấp hành Đoàn cấp cơ sở",
    check: () => {
      expect(isEligible(plan, "supplementary", person("c"))).toBe(true);
      expect(isEligible(plan, "supplementary", person("m", { position: "member" }))).toBe(false);
    },
  },
  {
    section: "III.1.5",
    sentence: "Đối tượng bồi dưỡng giảng viên, báo cáo viên làm công tác bồi dưỡng cán bộ Đoàn: Báo cáo viên cấp Đoàn Khối",
    check: () => {
      expect(isEligible(plan, "lecturers", person("s", { position: "secretary", lecturer: true }))).toBe(true);
      expect(isEligible(plan, "lecturers", person("l", { position: "lecturer" }))).toBe(true);
      expect(isEligible(plan, "lecturers", person("s2", { position: "secretary" }))).toBe(false);
    },
  },
  {
    section: "IV",
    sentence: "chỉ giới thiệu ứng cử, bổ nhiệm các chức danh của Đoàn khi đã có chứng chỉ bồi dưỡng theo chức danh",
    check: () => {
      expect(lacksForTitle(plan, person("a"), [cert("a", "youth-work")])).toEqual(["titleCertificate"]);
      expect(lacksForTitle(plan, person("a"), [cert("a", "title-secretary")])).toEqual([]);
    },
  },
  {
    section: "V.2",
    sentence:
      "rà soát nhu cầu học tập lý luận chính trị, thực trạng Bí thư, Phó Bí thư Đoàn chưa đủ tiêu chuẩn về trình độ lý luận chính trị",
    check: () => {
      expect(inNeedsReview(plan, person("s", { position: "secretary", theoryLevel: "basic" }))).toBe(true);
      expect(inNeedsReview(plan, person("d", { position: "deputy", theoryLevel: "intermediate" }))).toBe(false);
      expect(inNeedsReview(plan, person("c", { theoryLevel: "none" }))).toBe(false);
    },
  },
  {
    section: "V.2",
    sentence: "đề xuất cấp ủy tạo điều kiện cho đi học tập",
    check: () => {
      // Who a unit may propose for study: cadres (the plan's cadre posts) and cadres planned for a post, below
      // the theory standard; never an ordinary member (đoàn viên) nor a pending registration. Secretaries first.
      const cadres = [
        person("m", { position: "member", theoryLevel: "none" }),
        person("c", { theoryLevel: "basic", fullName: "An" }),
        person("q", { position: "member", theoryLevel: "none", plannedFor: "deputy", fullName: "Anh" }),
        person("d", { position: "deputy", theoryLevel: "none" }),
        person("s", { position: "secretary", theoryLevel: "basic" }),
        person("t", { position: "secretary", theoryLevel: "intermediate" }),
        person("p", { position: "secretary", theoryLevel: "basic", status: "pending" }),
      ];
      expect(proposable(cadres)).toEqual(["s", "d", "c", "q"]);
    },
  },
];

const proposable = (cadres: Cadre[], unitType = "agency") => needsReview(cadres, plan, unitType, today).map((c) => c.cadre.id);

describe("the counting rules, sentence by sentence of Plan 49-KH/ĐTN", () => {
  for (const row of sentences) {
    it(`${row.section}: “${row.sentence}”`, () => {
      expect(planText).toContain(row.sentence);
      row.check();
    });
  }
});

describe("the needs review reads the cadre regulation (R6)", () => {
  it("quotes the theory rule for the post, with its source, and that no admin has verified it", () => {
    const [entry] = needsReview([person("s", { position: "secretary", theoryLevel: "basic" })], plan, "agency", today);
    expect(entry!.findings).toHaveLength(1);
    expect(entry!.findings[0]).toMatchObject({ kind: "theory", level: "intermediate" });
    expect(entry!.findings[0]!.rule.source).toBe(
      "Kế hoạch 49-KH/ĐTN, mục I: chuẩn hóa trình độ lý luận chính trị từ trung cấp trở lên với cán bộ đoàn",
    );
    expect(entry!.findings[0]!.rule.verified).toBe(false);
  });

  it("adds a candidate's age finding (over 35 while holding the post) beside the theory one", () => {
    const [entry] = needsReview([person("s", { position: "secretary", theoryLevel: "basic", birthYear: 1988 })], plan, "agency", today);
    expect(entry!.findings.map((f) => f.kind).sort()).toEqual(["ageInPost", "theory"]);
    expect(entry!.findings.find((f) => f.kind === "ageInPost")).toMatchObject({ limit: 35, age: 38 });
  });

  it("does not propose someone for study because of age alone", () => {
    expect(proposable([person("s", { position: "secretary", birthYear: 1980 })])).toEqual([]);
  });

  it("reads the rule of the unit's type: an enterprise Secretary at sơ cấp meets its rule, not the plan's standard", () => {
    const [entry] = needsReview([person("e", { position: "secretary", theoryLevel: "basic" })], plan, "enterprise", today);
    expect(entry!.cadre.id).toBe("e");
    expect(entry!.findings).toEqual([]);
  });
});

describe("the demo bloc: every cadre certified", () => {
  it("reaches 100% fostered when every cadre holds a certificate, members left out (418 records, 346 cadres)", () => {
    const cadres = JSON.parse(readFileSync("data/demo/cadres.json", "utf8")) as Cadre[];
    const units = JSON.parse(readFileSync("data/demo/units.json", "utf8")) as Unit[];
    const certificates = cadres.filter((c) => c.position !== "member").map((c) => cert(c.id, "youth-work"));
    const { bloc } = computeProgress({ units, cadres, certificates }, { plan, today, window });
    expect(cadres).toHaveLength(418);
    expect(bloc.cadres).toBe(346);
    expect(bloc.fostered).toEqual({ done: 346, total: 346, percent: 100 });
  });
});
