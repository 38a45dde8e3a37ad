import { describe, expect, it } from "vitest";
import { loadPlan } from "../../src/domain/plan";
import { computeProgress, fosteredByYear, isNewlyElectedSecretary, progressWindow } from "../../src/domain/progress";
import { needsReview, reportBoard, unitFacts } from "../../src/domain/report-rules";
import { cadre, certificate, statusReport, unit } from "../helpers/records";

// Plan 49's rules over a period holding 2026: T2 counts Secretaries elected within the plan (R3).
const plan = { ...loadPlan("data/plan.json"), period: { from: "2026-01-01", to: "2027-12-31" } };
const today = "2026-11-29";
const window = { from: "2026-01-01", to: "2026-12-31" };

const cert = (personId: string, issuedOn: string, title = false) => certificate(personId, issuedOn, { title });

/**
 * The hand-computed set (today 29/11/2026, window the year 2026, targets 100%):
 * - A: 2 cadres, both fostered in 2026, both trung cấp+; its Secretary elected 01/03/2026 holds a title certificate.
 *   T1 2/2 = 100%, T2 1/1 = 100%, theory 2/2 = 100%.
 * - B: 2 cadres; one certificate from 2025 (outside the window); both below trung cấp; its Secretary elected
 *   01/05/2026 without a title certificate. T1 0/2 = 0%, T2 0/1 = 0%, theory 0/2 = 0%.
 * - C: 3 approved cadres (+1 pending, not counted): one fostered; its Secretary re-elected, in the post since
 *   2019, no title certificate (not newly elected); a Deputy elected 2026 (not a Secretary). One at cao cấp.
 *   T1 1/3, T2 0/0 (—), theory 1/3.
 * - D: no cadre registered.
 * Bloc: T1 3/7, T2 1/2 = 50%, theory 3/7.
 */
const units = [unit("uA", { name: "A" }), unit("uB", { name: "B" }), unit("uC", { name: "C" }), unit("uD", { name: "D" })];
const cadres = [
  cadre("a1", "uA", { position: "secretary", electedOn: "2026-03-01", theoryLevel: "intermediate" }),
  cadre("a2", "uA", { theoryLevel: "bachelor" }),
  cadre("b1", "uB", { position: "secretary", electedOn: "2026-05-01", theoryLevel: "none" }),
  cadre("b2", "uB"),
  cadre("c1", "uC", { position: "secretary", electedOn: "2019-10-01" }),
  cadre("c2", "uC", { position: "deputy", electedOn: "2026-02-01" }),
  cadre("c3", "uC", { theoryLevel: "advanced" }),
  cadre("c4", "uC", { status: "pending", theoryLevel: "advanced" }),
];
const certificates = [
  cert("a1", "2026-01-01"),
  cert("a1", "2025-06-01", true),
  cert("a2", "2026-12-31"),
  cert("b2", "2025-12-31"),
  cert("c3", "2026-04-10"),
  cert("c4", "2026-04-10"),
];

describe("progress against the plan's targets", () => {
  const progress = computeProgress({ units, cadres, certificates }, { plan, today, window });
  const row = (id: string) => progress.units.find((u) => u.unitId === id)!;

  it("counts a unit that met every target as exactly 100%", () => {
    expect(row("uA").fostered).toEqual({ done: 2, total: 2, percent: 100 });
    expect(row("uA").newSecretaries).toEqual({ done: 1, total: 1, percent: 100 });
    expect(row("uA").theory).toEqual({ done: 2, total: 2, percent: 100 });
    expect(row("uA").shortfall).toBe(0);
  });

  it("counts a unit with nothing done as exactly 0%, ignoring a certificate from before the window", () => {
    expect(row("uB").fostered).toEqual({ done: 0, total: 2, percent: 0 });
    expect(row("uB").newSecretaries).toEqual({ done: 0, total: 1, percent: 0 });
    expect(row("uB").theory).toEqual({ done: 0, total: 2, percent: 0 });
  });

  it("counts partial progress, leaves out pending cadres, and does not count a re-elected Secretary or a Deputy for T2", () => {
    expect(row("uC").cadres).toBe(3);
    expect(row("uC").fostered.done).toBe(1);
    expect(row("uC").fostered.percent).toBeCloseTo(33.333, 2);
    expect(row("uC").newSecretaries).toEqual({ done: 0, total: 0, percent: null });
    expect(row("uC").theory).toMatchObject({ done: 1, total: 3 });
  });

  it("adds up the bloc: T1 3/7, T2 1/2, theory 3/7", () => {
    expect(progress.bloc.cadres).toBe(7);
    expect(progress.bloc.fostered).toMatchObject({ done: 3, total: 7 });
    expect(progress.bloc.newSecretaries).toEqual({ done: 1, total: 2, percent: 50 });
    expect(progress.bloc.theory).toMatchObject({ done: 3, total: 7 });
  });

  it("lists the units furthest behind first: B, then D (nobody registered), C, A", () => {
    expect(progress.units.map((u) => u.unitId)).toEqual(["uB", "uD", "uC", "uA"]);
    expect(row("uD").fostered.percent).toBeNull();
  });

  it("counts over the plan's whole period, never a calendar year", () => {
    expect(progressWindow({ from: "2026-04-07", to: "2028-12-31" })).toEqual({ from: "2026-04-07", to: "2028-12-31" });
  });

  it("does not reset on 1 January inside a plan: 31/12/2026 and 01/01/2027 count the same, with a per-year breakdown", () => {
    const plan2026 = { ...plan, period: { from: "2026-01-01", to: "2028-12-31" } };
    const window2026 = progressWindow(plan2026.period);
    const data = { units, cadres, certificates };
    const before = computeProgress(data, { plan: plan2026, today: "2026-12-31", window: window2026 });
    const after = computeProgress(data, { plan: plan2026, today: "2027-01-01", window: window2026 });
    // a1, a2, c3 were fostered in 2026: still counted on 01/01/2027 (a calendar-year window would say 0/7).
    expect(before.bloc.fostered).toMatchObject({ done: 3, total: 7 });
    expect(after.bloc.fostered).toMatchObject({ done: 3, total: 7 });
    expect(after.units.find((u) => u.unitId === "uA")!.fostered).toEqual({ done: 2, total: 2, percent: 100 });
    data.certificates = [...certificates, cert("b1", "2027-01-01")];
    expect(computeProgress(data, { plan: plan2026, today: "2027-01-01", window: window2026 }).bloc.fostered).toMatchObject({
      done: 4,
      total: 7,
    });
    expect(fosteredByYear(data, { plan: plan2026, window: window2026 })).toEqual([
      { year: 2026, fostered: 3, cumulative: 3 },
      { year: 2027, fostered: 1, cumulative: 4 },
      { year: 2028, fostered: 0, cumulative: 4 },
    ]);
  });

  it("counts in T2 every Secretary elected from 6 months before the plan's start (01/07/2025) to the day counted, never a rolling window", () => {
    const secretary = (electedOn?: string) => cadre("x", "uA", { position: "secretary", electedOn });
    expect(isNewlyElectedSecretary(secretary("2025-07-01"), plan, today)).toBe(true);
    expect(isNewlyElectedSecretary(secretary("2025-06-30"), plan, today)).toBe(false);
    expect(isNewlyElectedSecretary(secretary("2026-12-01"), plan, today)).toBe(false);
    expect(isNewlyElectedSecretary(secretary(), plan, today)).toBe(false);
    // Elected 15/10/2025 and never trained: still counted more than a year later, until the plan ends.
    expect(isNewlyElectedSecretary(secretary("2025-10-15"), plan, "2026-10-16")).toBe(true);
    expect(isNewlyElectedSecretary(secretary("2025-10-15"), plan, "2027-12-31")).toBe(true);
  });

  it("keeps an untrained Secretary in T2 a year after the election: 2/27 becomes 2/28 when one is added, never back to 2/27", () => {
    const bloc = [
      ...Array.from({ length: 27 }, (_, i) =>
        cadre(`s${i}`, "uA", { position: "secretary", electedOn: i < 20 ? "2026-02-01" : "2025-09-01" }),
      ),
    ];
    const trained = [cert("s0", "2026-03-01"), cert("s1", "2026-03-02")];
    const at = (day: string, people = bloc) =>
      computeProgress({ units, cadres: people, certificates: trained }, { plan, today: day, window }).bloc.newSecretaries;
    expect(at("2026-09-30")).toMatchObject({ done: 2, total: 27 });
    const added = [...bloc, cadre("late", "uB", { position: "secretary", electedOn: "2025-10-15" })];
    expect(at("2026-10-16", added)).toMatchObject({ done: 2, total: 28 });
    expect(at("2027-06-30", added)).toMatchObject({ done: 2, total: 28 });
  });

  it("keeps a Secretary replaced before being trained in T2, in the unit that elected them", () => {
    const former = cadre("f", "uB", {
      position: "committee",
      postSince: "2026-06-01",
      formerPosts: [{ unitId: "uA", position: "secretary", from: "2026-02-01", until: "2026-05-31", electedOn: "2026-02-01" }],
    });
    const p = computeProgress({ units, cadres: [former], certificates: [] }, { plan, today, window });
    expect(p.bloc.newSecretaries).toEqual({ done: 0, total: 1, percent: 0 });
    expect(p.units.find((u) => u.unitId === "uA")!.newSecretaries).toEqual({ done: 0, total: 1, percent: 0 });
    expect(p.units.find((u) => u.unitId === "uB")!.cadres).toBe(1);
    // As of 31/03/2026 the same person counts as the Secretary of uA, not yet a committee member of uB.
    const march = computeProgress({ units, cadres: [former], certificates: [] }, { plan, today: "2026-03-31", window });
    expect(march.units.find((u) => u.unitId === "uA")!.cadres).toBe(1);
    expect(march.units.find((u) => u.unitId === "uB")!.cadres).toBe(0);
  });
});

describe("report facts and the status board", () => {
  it("gives a unit's facts: cadres, fostered, new Secretaries without title, officers below standard", () => {
    const inC = cadres.filter((c) => c.unitId === "uC");
    expect(unitFacts(inC, certificates, { plan, today, window })).toEqual({
      cadres: 3,
      fostered: 1,
      newSecretariesWithoutTitle: 0,
      belowTheoryStandard: 2,
    });
    const inB = cadres.filter((c) => c.unitId === "uB");
    expect(unitFacts(inB, certificates, { plan, today, window })).toEqual({
      cadres: 2,
      fostered: 0,
      newSecretariesWithoutTitle: 1,
      belowTheoryStandard: 1,
    });
  });

  it("proposes cadres below trung cấp for the needs review, Secretaries and Deputies first", () => {
    expect(
      needsReview(
        cadres.filter((c) => c.unitId === "uC"),
        plan,
        "agency",
        today,
      ).map((c) => c.cadre.id),
    ).toEqual(["c1", "c2"]);
    expect(
      needsReview(
        cadres.filter((c) => c.unitId === "uB"),
        plan,
        "agency",
        today,
      ).map((c) => c.cadre.id),
    ).toEqual(["b1", "b2"]);
  });

  it("sorts the board missing first, then late, then on time", () => {
    const reports = [
      statusReport("uA", "2026-Q4", "2026-12-01T00:00:00Z"),
      statusReport("uB", "2026-Q4", "2027-01-12T00:00:00Z", { late: true }),
      statusReport("uC", "2026-Q3", "2026-10-01T00:00:00Z"),
    ];
    const board = reportBoard(units, reports, cadres, "2026-Q4");
    expect(board.map((r) => [r.unit.id, r.state])).toEqual([
      ["uC", "missing"],
      ["uD", "missing"],
      ["uB", "late"],
      ["uA", "onTime"],
    ]);
    expect(board[0]!.contacts.map((c) => c.id)).toEqual(["c1", "c2"]);
  });
});
