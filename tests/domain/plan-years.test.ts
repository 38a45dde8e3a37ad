/**
 * What belongs to which plan: a plan's years are the calendar years of its period, two plans never
 * share a year, so the year of a class, a certificate or a report names at most one plan.
 */
import { describe, expect, it } from "vitest";
import { inPlanYears, planOfYear, sharingYear, yearOf, yearsJoining, yearsLeaving } from "../../src/domain/plans";

const plan49 = { id: "49-KH/ĐTN", period: { from: "2020-04-07", to: "2022-12-31" } };
const plan2026 = { id: "KH-2026", period: { from: "2026-01-01", to: "2027-12-31" } };
const plans = [plan49, plan2026];

describe("the plan of a year", () => {
  it.each([
    [2019, undefined],
    [2020, "49-KH/ĐTN"],
    [2022, "49-KH/ĐTN"],
    [2023, undefined],
    [2026, "KH-2026"],
    [2027, "KH-2026"],
    [2028, undefined],
  ])("the year %i belongs to %s", (year, id) => {
    expect(planOfYear(plans, year)?.id).toBe(id);
  });

  it.each([
    ["a class's year", 2022],
    ["a certificate issued on 10/05/2022", yearOf("2022-05-10")],
    ["the report of the second quarter of 2022", yearOf("2022-Q2")],
    ["the report of November 2022", yearOf("2022-11")],
  ])("%s counts for Plan 49, not for the plan running in 2026", (_what, year) => {
    expect(inPlanYears(plan49, year)).toBe(true);
    expect(inPlanYears(plan2026, year)).toBe(false);
  });
});

describe("two plans never share a year", () => {
  it.each([
    ["01/01/2028 – 31/12/2030", { from: "2028-01-01", to: "2030-12-31" }, undefined],
    ["01/01/2023 – 31/12/2025, between the two", { from: "2023-01-01", to: "2025-12-31" }, undefined],
    ["01/07/2027 – 31/12/2029, after KH-2026's last day but in its year", { from: "2027-07-01", to: "2029-12-31" }, "KH-2026"],
    ["01/01/2022 – 31/12/2023, in Plan 49's last year", { from: "2022-01-01", to: "2023-12-31" }, "49-KH/ĐTN"],
  ])("a new plan over %s shares a year with %s", (_what, period, clash) => {
    expect(sharingYear(plans, { id: "new", period })?.id).toBe(clash);
  });

  it("a plan is compared with the other plans only, not with its stored self", () => {
    expect(sharingYear(plans, { id: "KH-2026", period: { from: "2026-01-01", to: "2028-12-31" } })).toBeUndefined();
  });
});

describe("changing a plan's period moves whole years", () => {
  it("01/01/2026 – 31/12/2027 becoming 01/01/2027 – 31/12/2028: 2026 leaves the plan, 2028 joins it", () => {
    const after = { period: { from: "2027-01-01", to: "2028-12-31" } };
    expect(yearsLeaving(plan2026, after)).toEqual([2026]);
    expect(yearsJoining(plan2026, after)).toEqual([2028]);
  });

  it("moving the first day within its year moves nothing", () => {
    const after = { period: { from: "2026-03-01", to: "2027-12-31" } };
    expect(yearsLeaving(plan2026, after)).toEqual([]);
    expect(yearsJoining(plan2026, after)).toEqual([]);
  });
});
