import { describe, expect, it } from "vitest";
import {
  BadPeriod,
  deadlineOf,
  isFuture,
  isLate,
  nextPeriod,
  parsePeriod,
  periodDates,
  periodOf,
  previousPeriod,
  readPeriod,
  recentPeriods,
  reportingPeriod,
} from "../../src/domain/periods";
import { localDate } from "../../src/domain/zoned-time";

const tz = "Asia/Ho_Chi_Minh";
const quarterly = { cadence: "quarterly" as const, deadlineDay: 10 };
const monthly = { cadence: "monthly" as const, deadlineDay: 5 };

describe("reporting periods", () => {
  it("puts a moment in the period of its local date in Cần Thơ", () => {
    expect(periodOf(new Date("2026-11-29T03:00:00Z"), "quarterly", tz)).toBe("2026-Q4");
    // 18:00 UTC on 31/12 is already 01:00 on 01/01 in Vietnam.
    expect(localDate(new Date("2026-12-31T18:00:00Z"), tz)).toBe("2027-01-01");
    expect(periodOf(new Date("2026-12-31T18:00:00Z"), "quarterly", tz)).toBe("2027-Q1");
    expect(periodOf(new Date("2026-12-31T16:59:00Z"), "monthly", tz)).toBe("2026-12");
  });

  it("knows the first and last day of quarters and months", () => {
    expect(periodDates("2026-Q1", "quarterly")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(periodDates("2028-02", "monthly")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
  });

  it("steps to the next and previous period across the year", () => {
    expect(nextPeriod("2026-Q4", "quarterly")).toBe("2027-Q1");
    expect(previousPeriod("2027-Q1", "quarterly")).toBe("2026-Q4");
    expect(nextPeriod("2026-12", "monthly")).toBe("2027-01");
    expect(previousPeriod("2026-01", "monthly")).toBe("2025-12");
    expect(previousPeriod("2026-Q3", "quarterly")).toBe("2026-Q2");
  });

  it("makes the Q4 report due by the end of 10/01 of the next year, local time", () => {
    const { dueDate, passesAt } = deadlineOf("2026-Q4", quarterly, tz);
    expect(dueDate).toBe("2027-01-10");
    expect(passesAt.toISOString()).toBe("2027-01-10T17:00:00.000Z");
    expect(isLate("2026-Q4", new Date("2027-01-10T16:59:59Z"), quarterly, tz)).toBe(false);
    expect(isLate("2026-Q4", new Date("2027-01-10T17:00:00Z"), quarterly, tz)).toBe(true);
    expect(deadlineOf("2026-11", monthly, tz).dueDate).toBe("2026-12-05");
  });

  it("lists the period holding a moment and those before it, newest first, across the year", () => {
    expect(recentPeriods(new Date("2027-01-05T03:00:00Z"), "quarterly", tz, 3)).toEqual(["2027-Q1", "2026-Q4", "2026-Q3"]);
    expect(recentPeriods(new Date("2026-12-31T18:00:00Z"), "monthly", tz, 2)).toEqual(["2027-01", "2026-12"]);
  });

  it("collects the previous period's reports until its deadline, then the current one's", () => {
    expect(reportingPeriod(new Date("2026-11-29T03:00:00Z"), quarterly, tz)).toBe("2026-Q4");
    expect(reportingPeriod(new Date("2027-01-05T03:00:00Z"), quarterly, tz)).toBe("2026-Q4");
    expect(reportingPeriod(new Date("2027-01-11T03:00:00Z"), quarterly, tz)).toBe("2027-Q1");
  });

  it("refuses a period of the other cadence or a malformed one", () => {
    expect(() => parsePeriod("2026-11", "quarterly")).toThrow(BadPeriod);
    expect(() => parsePeriod("2026-Q4", "monthly")).toThrow(BadPeriod);
    expect(() => parsePeriod("2026-Q5", "quarterly")).toThrow(BadPeriod);
    expect(() => parsePeriod("2026-13", "monthly")).toThrow(BadPeriod);
  });

  it("tells a future period from the current one", () => {
    const now = new Date("2026-11-29T03:00:00Z");
    expect(isFuture("2027-Q1", now, quarterly, tz)).toBe(true);
    expect(isFuture("2026-Q4", now, quarterly, tz)).toBe(false);
  });
  it("reads a period as people type it, of the plan's cadence only", () => {
    const typed = [
      "2026-Q4",
      "2026-q4",
      "Q4/2026",
      "q4 2026",
      "quý 4/2026",
      "Quý 4 năm 2026",
      "4/2026",
      "11/2026",
      "tháng 11/2026",
      "2026-11",
    ];
    expect(typed.map((t) => readPeriod(t, "quarterly"))).toEqual([
      "2026-Q4",
      "2026-Q4",
      "2026-Q4",
      "2026-Q4",
      "2026-Q4",
      "2026-Q4",
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(typed.map((t) => readPeriod(t, "monthly"))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      "2026-04",
      "2026-11",
      "2026-11",
      "2026-11",
    ]);
    expect(["2099", "Q5/2026", "13/2026", "abc", ""].map((t) => readPeriod(t, "monthly") ?? readPeriod(t, "quarterly"))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
