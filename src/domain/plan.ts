/**
 * The plan (Kế hoạch 49-KH/ĐTN) as data: targets, audiences, course kinds, reporting and
 * reminders. Rules read it instead of holding literals, so a new plan is a new file.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { IsoDate, Position, TheoryLevel } from "./records";

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:mm");
const Text = z.object({ vi: z.string().min(1), en: z.string().min(1) });

export const Audience = z.object({
  /** Section number in the plan, e.g. "1.2". */
  id: z.string().regex(/^\d+\.\d+$/),
  name: Text,
  positions: z.array(Position).min(1),
});

export const CourseKind = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: Text,
  audiences: z.array(z.string()).min(1),
  /** Held every year (plan III.2). */
  yearly: z.boolean().default(false),
  /** Completing it yields the title certificate (R4). */
  titleCertificate: z.boolean().default(false),
  /** Political theory level the study leads to, for theory-study registrations. */
  theoryLevel: TheoryLevel.optional(),
});

export const Target = z.object({
  id: z.string().regex(/^T\d+$/),
  name: Text,
  percent: z.number().min(0).max(100),
});

export const CadreRule = z.object({
  unitType: z.string().min(1),
  position: Position,
  maxAge: z.number().int().min(16).max(70).optional(),
  minTheoryLevel: TheoryLevel.optional(),
  source: z.string().min(1),
});

export const Plan = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  issuedOn: IsoDate,
  bloc: z.string().min(1),
  period: z.object({ from: IsoDate, to: IsoDate }),
  units: z.number().int().min(1),
  targets: z.array(Target).min(1),
  /** Political theory level expected of cadres (plan I): trung cấp. */
  theoryStandard: TheoryLevel,
  /** A Secretary elected within this many months counts as newly elected (T2). */
  newlyElectedMonths: z.number().int().min(1).max(60),
  audiences: z.array(Audience).min(1),
  courseKinds: z.array(CourseKind).min(1),
  /** Share of sessions a person must attend to complete a class. */
  attendanceThreshold: z.number().min(0).max(1),
  /** Check-in: opens this many minutes before a session starts; after `lateAfterMinutes` a check-in counts as late. */
  checkIn: z
    .object({ opensBeforeMinutes: z.number().int().min(0).max(240), lateAfterMinutes: z.number().int().min(0).max(240) })
    .default({ opensBeforeMinutes: 30, lateAfterMinutes: 15 }),
  reporting: z.object({
    cadence: z.enum(["monthly", "quarterly"]),
    /** Day of the month after the period ends by which the report is due. */
    deadlineDay: z.number().int().min(1).max(28),
  }),
  reminders: z.object({
    /** Month and day (MM-DD) of the yearly announcement of the year's classes. */
    yearlyAnnouncement: z.string().regex(/^\d{2}-\d{2}$/),
    enrolmentDeadlineDays: z.array(z.number().int().min(0).max(60)),
    reportDeadlineDays: z.array(z.number().int().min(-30).max(30)),
    quietHours: z.object({ from: z.string().regex(/^\d{2}:\d{2}$/), to: z.string().regex(/^\d{2}:\d{2}$/) }),
    /** Local time of day at which day-based nudges (deadlines, announcements) go out. */
    dayTime: ClockTime.default("08:00"),
    /** Session reminders: this many minutes before a session starts (the day before, shortly before). */
    sessionReminderMinutes: z.array(z.number().int().min(5).max(7 * 24 * 60)).default([1440, 120]),
    /** Days after the report deadline when units still missing are escalated to the admins. */
    reportEscalationDays: z.number().int().min(0).max(60).default(3),
    /** Days a registration may wait for its unit's officers before it is escalated to the admins. */
    registrationEscalationDays: z.number().int().min(1).max(60).default(3),
    /** Newly elected Secretary without the title certificate: first nudge after, then every, so many days. */
    secretaryTitle: z
      .object({ afterDays: z.number().int().min(0).max(365), everyDays: z.number().int().min(1).max(365) })
      .default({ afterDays: 14, everyDays: 30 }),
    /** Weekly progress digest to the admins: ISO weekday (1 = Monday) and local time. */
    weeklyDigest: z.object({ weekday: z.number().int().min(1).max(7), time: ClockTime }).default({ weekday: 1, time: "08:00" }),
    /** How far back a tick looks for what it missed while the bot was down. */
    catchUpHours: z.number().int().min(1).max(24 * 14).default(48),
  }),
  cadreRules: z.array(CadreRule),
}).superRefine((plan, ctx) => {
  const audiences = new Set(plan.audiences.map((a) => a.id));
  plan.courseKinds.forEach((k, i) =>
    k.audiences.forEach((a) => {
      if (!audiences.has(a)) ctx.addIssue({ code: "custom", path: ["courseKinds", i, "audiences"], message: `unknown audience ${a}` });
    }),
  );
});

export type Plan = z.infer<typeof Plan>;
export type CourseKind = z.infer<typeof CourseKind>;
export type Audience = z.infer<typeof Audience>;

/** Reads and validates a plan file; throws with every problem named. */
export function loadPlan(file: string): Plan {
  const parsed = Plan.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    throw new Error(`Invalid plan ${file}:\n${parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  return parsed.data;
}

const theoryRank: Record<z.infer<typeof TheoryLevel>, number> = { none: 0, basic: 1, intermediate: 2, advanced: 3, bachelor: 3 };

/** True when `level` is at or above `standard` (cử nhân counts as cao cấp). */
export function meetsTheory(level: z.infer<typeof TheoryLevel>, standard: z.infer<typeof TheoryLevel>): boolean {
  return theoryRank[level] >= theoryRank[standard];
}
