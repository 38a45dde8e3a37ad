/**
 * What belongs to which plan: a plan's years are the calendar years of its period; two plans share
 * a year only when the earlier was ended early, and then a record dated after its end belongs to the later.
 */
import { describe, expect, it } from "vitest";
import { courseDating, inPlanYears, planOf, planOfYear, reportDating, sharingYear, yearOf } from "../../src/domain/plans";

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

describe("two plans share a year only after an early end", () => {
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

describe("a year two plans share", () => {
  const ended = { id: "KH-2026", period: { from: "2026-01-01", to: "2027-06-30" }, endedEarly: { plannedTo: "2027-12-31" } };
  const next = { id: "KH-2027", period: { from: "2027-07-01", to: "2030-12-31" } };
  const shared = [plan49, ended, next];

  it("a new plan may start within the last year of a plan ended early before it, and not of one that merely ends then", () => {
    expect(sharingYear([plan49, ended], next)).toBeUndefined();
    expect(sharingYear([plan49, { ...ended, endedEarly: undefined }], next)?.id).toBe("KH-2026");
  });

  it.each([
    ["a class of March 2027", { year: 2027, day: "2027-03-15" }, "KH-2026"],
    ["a certificate issued on 30/06/2027, the last day", { year: 2027, day: "2027-06-30" }, "KH-2026"],
    ["a class of September 2027", { year: 2027, day: "2027-09-15" }, "KH-2027"],
    ["a class of 2026", { year: 2026, day: "2026-05-01" }, "KH-2026"],
    ["a class of 2028", { year: 2028, day: "2028-05-01" }, "KH-2027"],
  ])("%s belongs to %s", (_what, dating, id) => {
    expect(planOf(shared, dating)?.id).toBe(id);
  });

  it("what is dated after an early end belongs to no plan until the next one is stored; the year reports under the plan holding 31/12", () => {
    expect(planOf([plan49, ended], { year: 2027, day: "2027-09-15" })).toBeUndefined();
    expect(planOfYear([plan49, ended], 2027)?.id).toBe("KH-2026");
    expect(planOfYear(shared, 2027)?.id).toBe("KH-2027");
  });

  it("dates a class by its first session, else its creation day; a report by its period's last day", () => {
    const session = (date: string) => ({ id: "s1", date, start: "08:00", end: "11:00", place: "Hội trường" });
    const createdAt = "2027-06-10T02:00:00.000Z";
    expect(courseDating({ year: 2027, sessions: [session("2027-09-20"), session("2027-09-15")], createdAt }, "Asia/Ho_Chi_Minh")).toEqual({
      year: 2027,
      day: "2027-09-15",
    });
    expect(courseDating({ year: 2027, sessions: [session("2028-01-05")], createdAt }, "Asia/Ho_Chi_Minh")).toEqual({
      year: 2027,
      day: "2027-06-10",
    });
    expect(reportDating({ period: "2027-Q2" })).toEqual({ year: 2027, day: "2027-06-30" });
    expect(reportDating({ period: "2027-07" })).toEqual({ year: 2027, day: "2027-07-31" });
  });
});
