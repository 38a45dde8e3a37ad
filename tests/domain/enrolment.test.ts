import { describe, expect, it } from "vitest";
import type { Enrollment } from "../../src/domain/courses";
import { defaultQuotas, isEligible, placement, promotions, reclaim, seatsLeftFor, seatsTaken } from "../../src/domain/enrolment";
import { loadPlan } from "../../src/domain/plan";
import { zoned } from "../../src/domain/zoned-time";
import { parseDeadline, parseSessions } from "../../src/domain/course-input";
import { lacksForTitle, inNeedsReview } from "../../src/domain/nomination";
import { escapeText, foldLine } from "../../src/features/classes/ics";

const plan = loadPlan("data/plan.json");
let seq = 0;
const e = (unitId: string, status: Enrollment["status"]): Enrollment => ({
  id: `c:${++seq}`,
  courseId: "c",
  personId: `p-${seq}`,
  unitId,
  status,
  at: "2026-11-29T03:00:00.000Z",
  seq,
  attendance: {},
});

describe("enrolment rules", () => {
  it("opens each course kind to the positions of its audiences in the plan (R1)", () => {
    expect(isEligible(plan, "title-secretary", { position: "secretary", status: "approved" })).toBe(true);
    expect(isEligible(plan, "title-secretary", { position: "deputy", status: "approved" })).toBe(true);
    expect(isEligible(plan, "title-secretary", { position: "committee", status: "approved" })).toBe(false);
    expect(isEligible(plan, "title-secretary", { position: "committee", plannedFor: "deputy", status: "approved" })).toBe(true);
    expect(isEligible(plan, "youth-work", { position: "committee", status: "approved" })).toBe(true);
    expect(isEligible(plan, "youth-work", { position: "committee", status: "pending" })).toBe(false);
    expect(isEligible(plan, "no-such-kind", { position: "secretary", status: "approved" })).toBe(false);
  });

  it("spreads a capacity over units by members, adding up to the capacity", () => {
    expect(
      defaultQuotas(10, [
        { id: "a", members: 30 },
        { id: "b", members: 10 },
      ]),
    ).toEqual({ a: 8, b: 2 });
    const units = Array.from({ length: 66 }, (_, i) => ({ id: `u${i}`, members: 10 + i }));
    const q = defaultQuotas(60, units);
    expect(Object.values(q).reduce((a, b) => a + b, 0)).toBe(60);
    expect(q.u65).toBeGreaterThanOrEqual(q.u0!);
    expect(
      defaultQuotas(3, [
        { id: "a", members: 0 },
        { id: "b", members: 0 },
        { id: "c", members: 0 },
      ]),
    ).toEqual({ a: 1, b: 1, c: 1 });
  });

  it("seats a unit within its quota, then in the open pool, waitlists when full, refuses when only others have seats", () => {
    const course = { capacity: 4, quotas: { a: 1, b: 1 } };
    const list = [e("a", "enrolled")];
    expect(placement(course, seatsTaken(list), "a")).toBe("enrolled"); // open pool of 2
    list.push(e("a", "enrolled"), e("a", "enrolled"));
    expect(seatsLeftFor(course, seatsTaken(list), "a")).toBe(0);
    expect(placement(course, seatsTaken(list), "a")).toBe("quotaFull");
    expect(placement(course, seatsTaken(list), "b")).toBe("enrolled");
    list.push(e("b", "enrolled"));
    expect(placement(course, seatsTaken(list), "b")).toBe("waitlisted");
  });

  it("promotes waitlisted people in order, skipping those whose unit has no seat", () => {
    const course = { capacity: 2, quotas: { a: 1, b: 1 } };
    const list = [e("a", "withdrawn"), e("b", "enrolled"), e("b", "waitlisted"), e("a", "waitlisted"), e("a", "waitlisted")];
    expect(promotions(course, list).map((x) => x.id)).toEqual([list[3]!.id]);
  });

  it("reclaims only unused seats", () => {
    const seats = seatsTaken([e("a", "enrolled"), e("b", "enrolled"), e("b", "enrolled")]);
    expect(reclaim({ quotas: { a: 3, b: 2, c: 1 } }, seats, ["a", "b", "c"])).toEqual({
      quotas: { a: 1, b: 2, c: 0 },
      reclaimed: { a: 2, c: 1 },
    });
  });

  it("reclaims nothing from names that are not units of the class, even constructor or __proto__", () => {
    const seats = seatsTaken([e("a", "enrolled")]);
    expect(reclaim({ quotas: { a: 3 } }, seats, ["constructor", "__proto__", "toString", "zz"])).toEqual({
      quotas: { a: 3 },
      reclaimed: {},
    });
  });

  it("reads R4 and R5 from the certificates and the plan's theory standard", () => {
    const title = [{ id: "k", number: "1", personId: "p", courseId: "c", kind: "title-secretary", title: true, issuedOn: "2026-01-01" }];
    expect(lacksForTitle(plan, { theoryLevel: "intermediate" }, title)).toEqual([]);
    expect(lacksForTitle(plan, { theoryLevel: "basic" }, [])).toEqual(["titleCertificate", "theory"]);
    expect(inNeedsReview(plan, { position: "deputy", theoryLevel: "basic" })).toBe(true);
    expect(inNeedsReview(plan, { position: "member", theoryLevel: "none" })).toBe(false);
  });
});

describe("dates, times and calendar text", () => {
  it("turns Cần Thơ wall-clock times into instants", () => {
    expect(zoned("2026-12-05", "08:00", "Asia/Ho_Chi_Minh").toISOString()).toBe("2026-12-05T01:00:00.000Z");
    expect(zoned("2026-07-01", "08:00", "Europe/Berlin").toISOString()).toBe("2026-07-01T06:00:00.000Z");
    expect(parseDeadline("1/12/2026", "Asia/Ho_Chi_Minh")).toEqual({ ok: true, value: "2026-12-01T16:59:00.000Z" });
  });

  it("parses session lines, sorts them and names them s1, s2, …", () => {
    const parsed = parseSessions("06/12/2026 14h00-17h00 Phòng B\n05/12/2026 8:00 – 11:00 Hội trường A");
    expect(parsed.ok && parsed.value.map((s) => [s.id, s.date, s.start, s.end])).toEqual([
      ["s1", "2026-12-05", "08:00", "11:00"],
      ["s2", "2026-12-06", "14:00", "17:00"],
    ]);
    expect(parseSessions("05/12/2026 11:00-08:00 A")).toMatchObject({ ok: false, problem: "classes:input.endBeforeStart", line: 1 });
  });

  it("takes sessions separated by ' ; ' from a chat that sends one line (the console)", () => {
    const parsed = parseSessions("05/12/2026 08:00-11:00 Hội trường A ; 06/12/2026 14:00-17:00 https://meet.example.vn/a;b");
    expect(parsed.ok && parsed.value.map((s) => s.place)).toEqual(["Hội trường A", "https://meet.example.vn/a;b"]);
  });

  it("escapes iCalendar text and folds long lines at 75 octets without splitting a character", () => {
    expect(escapeText("a;b,c\\d\ne")).toBe("a\\;b\\,c\\\\d\\ne");
    const line = `SUMMARY:${"Bồi dưỡng nghiệp vụ ".repeat(8)}`;
    const folded = foldLine(line);
    expect(folded.split("\r\n").every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
  });
});
