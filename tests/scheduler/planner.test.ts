import { describe, expect, it } from "vitest";
import { plan, type Due } from "../../src/scheduler/planner";
import type { Course } from "../../src/domain/courses";
import { data, tickAt } from "../helpers/planner";
import { cadre, certificate, course, enrollment, linkedGroup, statusReport, unit } from "../helpers/records";

/** The class most tests plan around: 100 seats, created 01/03/2026 09:00, registration until 23:59 on 20/03/2026, one session on 25/03/2026 08:00–11:00. */
const march: Partial<Course> = {
  sessions: [{ id: "s1", date: "2026-03-25", start: "08:00", end: "11:00", place: "Hội trường Đoàn Khối" }],
  deadline: "2026-03-20T16:59:00.000Z",
  capacity: 100,
  createdAt: "2026-03-01T02:00:00.000Z",
};

/** `key → recipient` lines, sorted, so assertions read like a mailing list. */
function who(dues: Due[]): string[] {
  return dues
    .map(
      (d) =>
        `${d.key} → ${d.recipient.type === "person" ? d.recipient.personId : d.recipient.type === "chat" ? `group ${d.recipient.chatId}` : "admins"}`,
    )
    .sort();
}

const units = [unit("u1", { groups: [linkedGroup("-1001")] }), unit("u2", { groups: [linkedGroup("-1002")] }), unit("u3")];

describe("planner: yearly announcement", () => {
  it("announces the year's classes on 15/01 at 08:00 to every linked group and the admins", () => {
    const { now, lastTickAt } = tickAt("2026-01-15T01:00:20Z");
    const courses = [
      course("c1", { ...march, code: "L26-01", title: "Nghiệp vụ công tác Đoàn 2026" }),
      course("c2", { ...march, kind: "title-secretary", title: "Chức danh Bí thư" }),
    ];
    const dues = plan(data({ units, courses, lastTickAt }), now);
    expect(who(dues)).toEqual([
      "announce:yearly:2026 → admins",
      "announce:yearly:2026 → group -1001",
      "announce:yearly:2026 → group -1002",
    ]);
    const classes = dues[0]!.message.vars.classes as { vi: string };
    expect(classes.vi).toContain("• L26-01 · Nghiệp vụ công tác Đoàn 2026 (25/03/2026)");
    expect(classes.vi).not.toContain("Chức danh Bí thư");
  });

  it("is not due the minute before, nor again on the next tick", () => {
    expect(plan(data({ units, ...tickAt("2026-01-15T00:59:50Z") }), new Date("2026-01-15T00:59:50Z"))).toEqual([]);
    const later = tickAt("2026-01-15T01:01:20Z");
    expect(plan(data({ units, lastTickAt: later.lastTickAt }), later.now)).toEqual([]);
  });
});

describe("planner: class opening", () => {
  it("tells the groups of units with seats and their eligible cadres, not members or units without seats", () => {
    const cadres = [
      cadre("p-sec", "u1", { position: "secretary" }),
      cadre("p-com", "u1", { position: "committee" }),
      cadre("p-mem", "u1", { position: "member" }),
      cadre("p-u2", "u2", { position: "secretary" }),
    ];
    const courses = [course("c1", { ...march, createdAt: "2026-03-01T02:00:00Z", quotas: { u1: 3, u2: 0 } })];
    const { now, lastTickAt } = tickAt("2026-03-01T02:00:30Z");
    expect(who(plan(data({ units, cadres, courses, lastTickAt }), now))).toEqual([
      "class:open:c1 → group -1001",
      "class:open:c1 → p-com",
      "class:open:c1 → p-sec",
    ]);
  });
});

describe("planner: registration deadline nudges", () => {
  const cadres = [
    cadre("p-a", "u1", { position: "secretary" }),
    cadre("p-b", "u1", { position: "committee" }),
    cadre("p-c", "u2", { position: "deputy" }),
    cadre("p-d", "u2", { position: "committee" }),
  ];
  const c1 = course("c1", { ...march, quotas: { u1: 2, u2: 1 } });

  it("nudges eligible cadres not enrolled and units under quota (group and officers) 7 days before at 08:00", () => {
    const { now, lastTickAt } = tickAt("2026-03-13T01:00:10Z");
    const enrollments = [enrollment("c1", "p-a", "u1"), enrollment("c1", "p-c", "u2")];
    expect(who(plan(data({ units, cadres, courses: [c1], enrollments, lastTickAt }), now))).toEqual([
      "nudge:enrol:c1:d-7 → p-b",
      "nudge:quota:c1:d-7:u1 → group -1001",
      "nudge:quota:c1:d-7:u1 → p-a",
    ]);
  });

  it("has steps 3 and 1 days before too, and nothing once the deadline has passed", () => {
    for (const [iso, step] of [
      ["2026-03-17T01:00:10Z", "d-3"],
      ["2026-03-19T01:00:10Z", "d-1"],
    ] as const) {
      const { now, lastTickAt } = tickAt(iso);
      expect(plan(data({ units, cadres, courses: [c1], lastTickAt }), now).every((d) => d.key.includes(`:${step}`))).toBe(true);
    }
    const after = new Date("2026-03-21T01:00:00Z");
    expect(plan(data({ units, cadres, courses: [c1], lastTickAt: new Date("2026-03-19T00:00:00Z") }), after)).toEqual([]);
  });
});

describe("planner: session reminders", () => {
  const cadres = [cadre("p-a", "u1", { position: "secretary" }), cadre("p-w", "u1", { position: "deputy" })];
  const enrollments = [enrollment("c1", "p-a", "u1"), enrollment("c1", "p-w", "u1", { status: "waitlisted" })];

  it("reminds the enrolled (not the waitlisted) the day before, as an essential message", () => {
    const { now, lastTickAt } = tickAt("2026-03-24T01:00:10Z");
    const dues = plan(data({ units, cadres, courses: [course("c1", march)], enrollments, lastTickAt }), now);
    expect(who(dues)).toEqual(["reminder:session:c1:s1:m1440 → p-a"]);
    expect(dues[0]!.essential).toBe(true);
    expect(dues[0]!.staleAt.toISOString()).toBe("2026-03-25T01:00:00.000Z");
  });

  it("defers the 2-hours-before reminder of an 08:00 session out of the quiet hours to 07:00", () => {
    const { now, lastTickAt } = tickAt("2026-03-24T23:00:10Z"); // 06:00 local
    const [due] = plan(data({ units, cadres, courses: [course("c1", march)], enrollments, lastTickAt }), now);
    expect(due!.key).toBe("reminder:session:c1:s1:m120");
    expect(due!.notBefore.toISOString()).toBe("2026-03-25T00:00:00.000Z"); // 07:00 local
  });
});

describe("planner: report deadline nudges", () => {
  const cadres = [
    cadre("p-s1", "u1", { position: "secretary" }),
    cadre("p-d1", "u1", { position: "deputy" }),
    cadre("p-m1", "u1", { position: "member" }),
    cadre("p-s2", "u2", { position: "secretary" }),
  ];
  const reports = [
    statusReport("u2", "2026-Q4", "2027-01-05T02:00:00Z", {
      submittedBy: "p-s2",
      facts: { cadres: 1, fostered: 0, newSecretariesWithoutTitle: 0, belowTheoryStandard: 0 },
    }),
  ];

  it("nudges the officers of units that have not reported, 3 days before the 10th", () => {
    const { now, lastTickAt } = tickAt("2027-01-07T01:00:10Z");
    expect(who(plan(data({ units, cadres, reports, lastTickAt }), now))).toEqual([
      "nudge:report:2026-Q4:u1:d-3 → p-d1",
      "nudge:report:2026-Q4:u1:d-3 → p-s1",
    ]);
  });

  it("nudges on the day and 2 days after, then escalates the missing units to the admins", () => {
    const onDay = tickAt("2027-01-10T01:00:10Z");
    expect(who(plan(data({ units, cadres, reports, lastTickAt: onDay.lastTickAt }), onDay.now))).toContain(
      "nudge:report:2026-Q4:u1:d0 → p-s1",
    );
    const after = tickAt("2027-01-12T01:00:10Z");
    expect(who(plan(data({ units, cadres, reports, lastTickAt: after.lastTickAt }), after.now))).toContain(
      "nudge:report:2026-Q4:u1:d+2 → p-s1",
    );
    const esc = tickAt("2027-01-13T01:00:10Z");
    const [due] = plan(data({ units, cadres, reports, lastTickAt: esc.lastTickAt }), esc.now);
    expect(who([due!])).toEqual(["nudge:report:2026-Q4:escalate → admins"]);
    expect(due!.message.vars).toMatchObject({ missing: 2, total: 3 });
    expect(due!.message.vars.units).toContain("Đoàn cơ sở u1");
  });
});

describe("planner: period summary", () => {
  const at = "2027-01-05T02:00:00.000Z";
  const blocGroups = [{ channel: "telegram" as const, chatId: "-900", linkedBy: "p-admin", at }];

  it("sends the bloc's group the summary of a period the morning after its deadline, composed when sent", () => {
    const { now, lastTickAt } = tickAt("2027-01-11T01:00:10Z"); // 08:00 the day after 10/01
    const dues = plan(data({ units, blocGroups, lastTickAt }), now).filter((d) => d.kind === "summary:report");
    expect(who(dues)).toEqual(["summary:report:2026-Q4 → group -900"]);
    expect(dues[0]!.message).toEqual({
      key: "scheduler:report.summary",
      vars: { period: "2026-Q4", label: { vi: "Quý 4/2026", en: "Q4 2026" } },
      compose: "reports.periodSummary",
    });
    expect(dues[0]!.essential).toBe(true);
    const dayBefore = tickAt("2027-01-10T01:00:10Z");
    expect(
      plan(data({ units, blocGroups, lastTickAt: dayBefore.lastTickAt }), dayBefore.now).filter((d) => d.kind === "summary:report"),
    ).toEqual([]);
  });

  it("sends it to each admin privately when no group is linked to the bloc", () => {
    const { now, lastTickAt } = tickAt("2027-01-11T01:00:10Z");
    expect(who(plan(data({ units, lastTickAt }), now).filter((d) => d.kind === "summary:report"))).toEqual([
      "summary:report:2026-Q4 → admins",
    ]);
  });
});

describe("planner: newly elected Secretary without the title certificate", () => {
  const titleClass = course("ct", {
    ...march,
    kind: "title-secretary",
    title: "Bồi dưỡng chức danh Bí thư",
    deadline: "2026-06-30T16:59:00Z",
    sessions: [{ id: "s1", date: "2026-07-10", start: "08:00", end: "11:00", place: "Hội trường" }],
  });

  it("nudges the Secretary and the admins 14 days after the election, naming the open title class", () => {
    const cadres = [cadre("p-new", "u1", { position: "secretary", electedOn: "2026-05-01" })];
    const { now, lastTickAt } = tickAt("2026-05-15T01:00:10Z");
    const dues = plan(data({ units, cadres, courses: [titleClass], lastTickAt }), now);
    expect(who(dues)).toEqual(["nudge:title:p-new:n0 → admins", "nudge:title:p-new:n0 → p-new"]);
    expect(dues.find((d) => d.recipient.type === "person")!.message).toMatchObject({
      key: "scheduler:title.person",
      vars: { title: "Bồi dưỡng chức danh Bí thư" },
    });
  });

  it("leaves out Secretaries holding the certificate, enrolled in the upcoming class, or elected long ago", () => {
    const cadres = [
      cadre("p-cert", "u1", { position: "secretary", electedOn: "2026-05-01" }),
      cadre("p-enr", "u2", { position: "secretary", electedOn: "2026-05-01" }),
      cadre("p-old", "u3", { position: "secretary", electedOn: "2024-05-01" }),
    ];
    const certificates = [certificate("p-cert", "2026-04-01", { title: true })];
    const { now, lastTickAt } = tickAt("2026-05-15T01:00:10Z");
    expect(
      plan(data({ units, cadres, certificates, courses: [titleClass], enrollments: [enrollment("ct", "p-enr", "u2")], lastTickAt }), now),
    ).toEqual([]);
  });
});

describe("planner: weekly digest", () => {
  it("sends the admins on Monday at 08:00 the numbers /tiendo shows: T1, T2, theory share, units furthest behind", () => {
    const cadres = [
      cadre("p-a", "u1", { position: "secretary", electedOn: "2026-06-01", theoryLevel: "intermediate" }),
      cadre("p-b", "u1", { position: "member", status: "pending" }),
      cadre("p-c", "u2", { position: "committee" }),
    ];
    const certificates = [certificate("p-a", "2026-07-01", { title: true })];
    const { now, lastTickAt } = tickAt("2026-11-30T01:00:10Z"); // Monday
    const [due, ...rest] = plan(data({ units, cadres, certificates, lastTickAt }), now);
    expect(rest).toEqual([]);
    expect(who([due!])).toEqual(["digest:weekly:2026-11-30 → admins"]);
    expect(due!.message.vars).toMatchObject({
      units: 3,
      cadres: 2,
      pending: 1,
      period: { vi: "Quý 3/2026", en: "Q3 2026" },
      reported: 0,
      from: "01/01/2026",
      to: "31/12/2027",
      t1: { vi: "1/2 (50%)" },
      t2: { vi: "1/1 (100%)" },
      theory: { vi: "1/2 (50%)" },
    });
    // u1 meets every target; u2 has a cadre below them and u3 none registered (counts as 0%)
    expect((due!.message.vars.behind as { vi: string }).vi.split("\n")).toEqual([
      "1. Đoàn cơ sở u2: bồi dưỡng 0% · Bí thư mới bầu — · lý luận chính trị 0%",
      "2. Đoàn cơ sở u3: bồi dưỡng — · Bí thư mới bầu — · lý luận chính trị —",
    ]);
  });
});

describe("planner: quiet hours, catch-up and staleness", () => {
  it("defers a class opening announced at 22:30 to 07:00 the next morning instead of dropping it", () => {
    const courses = [course("c1", { ...march, createdAt: "2026-03-01T15:30:00Z" })];
    const { now, lastTickAt } = tickAt("2026-03-01T15:30:30Z");
    const [due] = plan(data({ units, courses, lastTickAt }), now);
    expect(due!.notBefore.toISOString()).toBe("2026-03-02T00:00:00.000Z");
  });

  it("catches up what fell due while the bot was down since its last tick", () => {
    const now = new Date("2026-01-15T06:00:00Z");
    const dues = plan(data({ units, lastTickAt: new Date("2026-01-14T20:00:00Z") }), now);
    expect(who(dues)).toContain("announce:yearly:2026 → admins");
  });

  it("looks back no further than catchUpHours (48 h) when no tick was recorded", () => {
    expect(plan(data({ units }), new Date("2026-01-16T06:00:00Z")).length).toBe(3);
    expect(plan(data({ units }), new Date("2026-01-17T06:00:00Z"))).toEqual([]);
  });

  it("does not catch up a session reminder once the session has started", () => {
    const cadres = [cadre("p-a", "u1", { position: "secretary" })];
    const enrollments = [enrollment("c1", "p-a", "u1")];
    const now = new Date("2026-03-25T02:00:00Z"); // 09:00 local, the session began at 08:00
    const dues = plan(
      data({ units, cadres, courses: [course("c1", march)], enrollments, lastTickAt: new Date("2026-03-23T00:00:00Z") }),
      now,
    );
    expect(dues.filter((d) => d.kind === "reminder:session")).toEqual([]);
  });
});
