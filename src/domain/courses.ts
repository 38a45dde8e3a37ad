/** Classes (lớp bồi dưỡng), their sessions, enrolments, check-ins and certificates. */
import { z } from "zod";
import { Id, IsoDate, IsoDateTime } from "./fields";
import { TheoryLevel } from "./records";

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:mm");

/** One meeting of a class. */
export const Session = z.object({
  id: z.string().min(1).max(20),
  date: IsoDate,
  start: Clock,
  end: Clock,
  /** A place, or an online link. */
  place: z.string().min(1).max(300),
});

/** A class's short code as people read and type it: `L26-03` (Lớp, the class's year, its number in that year). */
export const ClassCode = z.string().regex(/^L\d{2}-\d{2,4}$/, "L26-03");

/** A unit's party committee on sending cadres to a class (V.2): agreed, not yet, refused. */
export const PartyCommitteeAnswer = z.enum(["yes", "notYet", "no"]);

/** A class of one of the plan's course kinds. */
export const Course = z.object({
  id: Id,
  /** The short code shown to people; classes created before codes existed have none and show their id. */
  code: ClassCode.optional(),
  /** A `courseKinds` id of the plan. */
  kind: z.string().min(1).max(40),
  title: z.string().min(3).max(200),
  year: z.number().int().min(2000).max(2100),
  sessions: z.array(Session).min(1).max(60),
  /** Registration closes at this moment. */
  deadline: IsoDateTime,
  capacity: z.number().int().min(1).max(10_000),
  lecturers: z.array(z.string().min(1).max(120)).max(20).default([]),
  /** Seats allotted to each unit (unit id → seats); units absent have none. */
  quotas: z.record(z.string(), z.number().int().min(0)),
  status: z.enum(["open", "completed", "cancelled"]),
  createdBy: Id,
  createdAt: IsoDateTime,
  completedAt: IsoDateTime.optional(),
  /** Each unit's party-committee answer on sending its cadres to the class (V.2), unit id → answer. */
  partyCommittee: z.record(z.string(), PartyCommitteeAnswer).optional(),
});

export const AttendanceMark = z.enum(["present", "late", "excused", "absent"]);

/** A person's place in a class, or on its waitlist. */
export const Enrollment = z.object({
  id: Id,
  courseId: Id,
  personId: Id,
  /** The unit whose quota the seat counts against. */
  unitId: Id,
  /** `requested`: the cadre asked for a seat and waits for the unit to send them (V.2); it holds no seat. */
  status: z.enum(["enrolled", "waitlisted", "withdrawn", "requested"]),
  /** When the person enrolled or joined the waitlist. */
  at: IsoDateTime,
  /** Arrival number within the class, given inside the enrolment transaction: the waitlist's order. */
  seq: z.number().int().min(0).default(0),
  nominatedBy: Id.optional(),
  /** The officer who declined the cadre's request (the enrolment is then `withdrawn`). */
  declinedBy: Id.optional(),
  /** Session id → mark. */
  attendance: z.record(z.string(), AttendanceMark).default({}),
});

/** A check-in window opened for one session, with its short code. */
export const CheckIn = z.object({
  /** `courseId:sessionId`. */
  id: z.string().min(3).max(100),
  courseId: Id,
  sessionId: z.string().min(1).max(20),
  code: z.string().regex(/^[A-Z0-9]{4,8}$/),
  opensAt: IsoDateTime,
  closesAt: IsoDateTime,
  openedBy: Id,
});

/** A certificate's number as its issuer wrote it (`1234/TCCT`). */
export const CertificateNumber = z.string().min(1).max(40);
/** Who issued a certificate obtained elsewhere (a school, the city Youth Union…). */
export const CertificateIssuer = z.string().min(2).max(200);

/**
 * Proof that a person completed a class — one of the bot's, or training done elsewhere (R7:
 * a city Youth Union course, a political-theory diploma, an earlier year's certificate), recorded
 * by an officer or admin. Both count toward the targets and R4/R5; the title-based class yields
 * the title certificate (R4).
 */
export const Certificate = z.object({
  id: Id,
  number: CertificateNumber,
  personId: Id,
  /** The bot's class it was issued for; absent for training done elsewhere. */
  courseId: Id.optional(),
  /** A `courseKinds` id of the plan, a theory kind (`theory-<level>`), or `other` (khác). */
  kind: z.string().min(1).max(40),
  /** True for the title certificate (chứng chỉ bồi dưỡng theo chức danh). */
  title: z.boolean(),
  issuedOn: IsoDate,
  /** Where it comes from: a class held in the bot (the default), or training done elsewhere. */
  origin: z.enum(["class", "outside"]).optional(),
  /** Who issued a certificate obtained elsewhere (a school, the city Youth Union…). */
  issuer: CertificateIssuer.optional(),
  /** The political theory level a diploma certifies. */
  theoryLevel: TheoryLevel.optional(),
  /** Who recorded or confirmed it. */
  recordedBy: Id.optional(),
});

/** Training done elsewhere, submitted by the cadre and waiting for their officer to confirm it (R7). */
export const TrainingSubmission = z.object({
  id: Id,
  personId: Id,
  unitId: Id,
  kind: z.string().min(1).max(40),
  number: CertificateNumber,
  issuer: CertificateIssuer,
  issuedOn: IsoDate,
  theoryLevel: TheoryLevel.optional(),
  submittedAt: IsoDateTime,
});

/** What people see and type for a class: its short code, or the id of a class created before codes. */
export function classCode(course: Pick<Course, "id" | "code">): string {
  return course.code ?? course.id;
}

/**
 * A typed class code in its stored form, whatever the case and the zero padding, or undefined when
 * the text is not a class code.
 * @example normalClassCode("l26-3") // "L26-03"
 */
export function normalClassCode(text: string): string | undefined {
  const m = /^L(\d{2})-0*(\d{1,4})$/i.exec(text.trim());
  return m ? `L${m[1]}-${m[2]!.padStart(2, "0")}` : undefined;
}

/**
 * The next free code of a year: one more than the highest number that year's codes already use
 * (cancelled classes keep theirs, so a code is never given twice).
 * @example nextClassCode([{ code: "L26-02" }], 2026) // "L26-03"
 */
export function nextClassCode(courses: readonly Pick<Course, "code">[], year: number): string {
  const prefix = `L${String(year % 100).padStart(2, "0")}-`;
  let last = 0;
  for (const c of courses) if (c.code?.startsWith(prefix)) last = Math.max(last, Number(c.code.slice(prefix.length)));
  return `${prefix}${String(last + 1).padStart(2, "0")}`;
}

export type Session = z.infer<typeof Session>;
export type Course = z.infer<typeof Course>;
export type Enrollment = z.infer<typeof Enrollment>;
export type CheckIn = z.infer<typeof CheckIn>;
export type Certificate = z.infer<typeof Certificate>;
export type AttendanceMark = z.infer<typeof AttendanceMark>;
export type PartyCommitteeAnswer = z.infer<typeof PartyCommitteeAnswer>;
export type TrainingSubmission = z.infer<typeof TrainingSubmission>;
