/**
 * Valid sample records for every test: one builder per record, over the real schemas. Each takes
 * the fields its test cares about and fills the rest with plain defaults written out below; a test
 * that depends on a value states it in its own call (`cadre("p-1", "u1", { position: "secretary" })`).
 * The seeders in `chat.ts` and `classes.ts` put these records into a store.
 */
import type { Certificate, Course, Enrollment } from "../../src/domain/courses";
import type { GroupLink } from "../../src/domain/fields";
import type { Account, Cadre, ChannelName, Person, Unit } from "../../src/domain/records";
import type { StatusReport } from "../../src/domain/reports";

/** When the sample people registered: 05/01/2026 09:00 in Asia/Ho_Chi_Minh. */
export const registeredAt = "2026-01-05T02:00:00.000Z";

/** A unit of 30 members named `Đoàn cơ sở <id>`, with no linked group. */
export function unit(id: string, extra: Partial<Unit> = {}): Unit {
  return { id, name: `Đoàn cơ sở ${id}`, type: "agency", members: 30, groups: [], ...extra };
}

/** A Telegram group linked to a unit by the admin `p-admin`. */
export function linkedGroup(chatId: string, extra: Partial<GroupLink> = {}): GroupLink {
  return { channel: "telegram", chatId, linkedBy: "p-admin", at: registeredAt, ...extra };
}

/** A person with no granted role, nudges on. */
export function person(id: string, extra: Partial<Person> = {}): Person {
  return { id, roles: [], createdAt: registeredAt, muted: false, ...extra };
}

/** A reachable account `<channel>:<externalId>` of a person. */
export function account(channel: ChannelName, externalId: string, personId: string, extra: Partial<Account> = {}): Account {
  return { id: `${channel}:${externalId}`, channel, externalId, personId, lastSeenAt: registeredAt, unreachable: false, ...extra };
}

/** An approved committee member (Ủy viên BCH) born 1995, theory level basic, university degree, consent to training only. */
export function cadre(id: string, unitId: string, extra: Partial<Cadre> = {}): Cadre {
  return {
    id,
    fullName: "Nguyễn Văn Mẫu",
    unitId,
    position: "committee",
    theoryLevel: "basic",
    professionalLevel: "university",
    birthYear: 1995,
    status: "approved",
    consent: { purposes: ["training"], at: registeredAt },
    registeredAt,
    ...extra,
  };
}

/**
 * An open youth-work class of 10 seats, "Nghiệp vụ công tác Đoàn 2026", with one session on
 * 05/12/2026 08:00–11:00 (Asia/Ho_Chi_Minh) and registration until 23:59 on 01/12/2026.
 */
export function course(id: string, extra: Partial<Course> = {}): Course {
  return {
    id,
    kind: "youth-work",
    title: "Nghiệp vụ công tác Đoàn 2026",
    year: 2026,
    sessions: [{ id: "s1", date: "2026-12-05", start: "08:00", end: "11:00", place: "Hội trường Đoàn Khối" }],
    deadline: "2026-12-01T16:59:00.000Z",
    capacity: 10,
    lecturers: [],
    quotas: {},
    status: "open",
    createdBy: "p-admin",
    createdAt: "2026-11-01T02:00:00.000Z",
    ...extra,
  };
}

/** A seat (`e-<course>-<person>`) taken on 02/05/2026, counted against `unitId`'s quota, no attendance yet. */
export function enrollment(courseId: string, personId: string, unitId: string, extra: Partial<Enrollment> = {}): Enrollment {
  return {
    id: `e-${courseId}-${personId}`,
    courseId,
    personId,
    unitId,
    status: "enrolled",
    at: "2026-05-02T02:00:00.000Z",
    seq: 0,
    attendance: {},
    ...extra,
  };
}

/** A youth-work certificate, or a Secretary's title certificate with `title: true`; its number is its id in capitals. */
export function certificate(personId: string, issuedOn: string, extra: Partial<Certificate> = {}): Certificate {
  const title = extra.title ?? false;
  const id = extra.id ?? `c-${personId}-${issuedOn}-${title ? "t" : "f"}`;
  return {
    id,
    number: id.toUpperCase(),
    personId,
    courseId: "k-seed",
    kind: title ? "title-secretary" : "youth-work",
    title,
    issuedOn,
    ...extra,
  };
}

/** A unit's status report for `period` (no history), approved by its committee, every count 0. */
export function statusReport(unitId: string, period: string, submittedAt: string, extra: Partial<StatusReport> = {}): StatusReport {
  return {
    id: `${unitId}:${period}`,
    unitId,
    period,
    submittedAt,
    submittedBy: "p-seed",
    late: false,
    facts: { cadres: 0, fostered: 0, newSecretariesWithoutTitle: 0, belowTheoryStandard: 0 },
    proposedForTheory: [],
    committeeApproved: true,
    difficulties: "",
    proposals: "",
    history: [],
    ...extra,
  };
}
