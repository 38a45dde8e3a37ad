/**
 * The plan (Kế hoạch 49-KH/ĐTN) as data: targets, audiences, course kinds, reporting and
 * reminders. Rules read it instead of holding literals, so a new plan is a new file.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { IsoDate, PlannedPost, Position, TheoryLevel } from "./records";

/** The kind of a certificate recorded as "khác": training that is none of the plan's course kinds. */
export const OTHER_KIND = "other";

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:mm");
const Text = z.object({ vi: z.string().min(1), en: z.string().min(1) });

export const Audience = z
  .object({
    /** Section of the plan it comes from, e.g. "1.2" (III.1) or "IV". */
    id: z.string().regex(/^(\d+\.\d+|[IVX]+)$/),
    name: Text,
    /** Posts held in a unit. */
    positions: z.array(Position).default([]),
    /** Cadres planned for these posts (plan IV: "cán bộ được quy hoạch vào các chức danh này"). */
    plannedFor: z.array(PlannedPost).default([]),
    /** Bloc-level lecturers (báo cáo viên cấp Đoàn Khối, audience 1.5), whatever their post. */
    lecturers: z.boolean().default(false),
  })
  .refine((a) => a.positions.length > 0 || a.plannedFor.length > 0 || a.lecturers, {
    message: "an audience names nobody",
    path: ["positions"],
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
  /**
   * Who puts a cadre in the class (V.2): `unit` — the unit sends its cadres within its allotted
   * seats, a cadre's own request waits for the unit's Secretary or Deputy; `direct` — cadres enrol themselves.
   */
  sending: z.enum(["unit", "direct"]).default("unit"),
});

/**
 * What a target measures: `fostered` cadres holding a certificate of the listed kinds issued in the
 * plan period (II, first sentence); `newlyElected` Secretaries holding one at any time (II, second);
 * `theory` cadres at or above the theory standard (I).
 */
export const TargetMeasure = z.enum(["fostered", "newlyElected", "theory"]);

export const Target = z.object({
  id: z.string().regex(/^[A-Z][A-Za-z0-9]{0,9}$/),
  name: Text,
  percent: z.number().min(0).max(100),
  measure: TargetMeasure,
  /** Course kinds (of the plan, or `other` for training recorded as "khác") whose certificates satisfy it; absent: any. */
  certificateKinds: z.array(z.string().min(1)).min(1).optional(),
});

/**
 * A limit of the Youth Union cadre regulation (R6) for one post in one type of unit: age while
 * holding the post, age at first election, minimum theory level. Kept as data with its source;
 * `verified` only once an admin has checked it against the regulation's text.
 */
export const CadreRule = z.object({
  unitType: z.string().min(1),
  position: Position,
  /** Oldest age (years, by birth year) at which the post may still be held. */
  maxAge: z.number().int().min(16).max(70).optional(),
  /** Oldest age (years, by birth year) at which a person may be elected to the post the first time. */
  maxAgeAtFirstElection: z.number().int().min(16).max(70).optional(),
  minTheoryLevel: TheoryLevel.optional(),
  source: z.string().min(1),
  /** Checked by an admin against the regulation's text; shown as "chưa kiểm chứng" until then. */
  verified: z.boolean().default(false),
});

export const Plan = z
  .object({
    id: z.string().min(1).max(40),
    title: z.string().min(1).max(300),
    /** A sample plan shipped with the demo, marked "(mẫu)" wherever it is named. */
    sample: z.boolean().default(false),
    /** The plan this one was started from (`/kehoach`). */
    basedOn: z.string().max(40).optional(),
    issuedOn: IsoDate,
    bloc: z.string().min(1),
    period: z.object({ from: IsoDate, to: IsoDate }),
    /**
     * Set when an admin ended the plan early (`/kehoach ketthuc`): `period.to` is the new end and
     * `plannedTo` the end it had before. Only after an early end may a later plan start within the
     * plan's last year (`domain/plans.ts`); the days of that year after the end are no longer the plan's.
     * A period moved past its planned end drops it (`checkPlan`).
     */
    endedEarly: z.object({ plannedTo: IsoDate }).strict().optional(),
    units: z.number().int().min(1),
    targets: z.array(Target).min(1),
    /** Posts that make a person a cadre (cán bộ Đoàn): counted in the targets. Members are not cadres. */
    cadrePositions: z.array(Position).min(1).default(["secretary", "deputy", "committee"]),
    /** Political theory level expected of cadres (plan I): trung cấp. */
    theoryStandard: TheoryLevel,
    /**
     * T2's lead-in (R3): a Secretary elected this many months before the plan's start — at the
     * congress just before it — counts as newly elected during the plan, like one elected within it.
     * Six by default: grassroots congresses of a term are held over about half a year before the
     * upper level's, so a plan started after them still owes their new Secretaries the training.
     */
    newlyElectedLeadInMonths: z.number().int().min(0).max(24).default(6),
    /**
     * Retired: the rolling "elected within N months" window of the old T2 rule, which let an untrained
     * Secretary quietly leave the count (R3 forbids it). Read by nothing; kept only so that a plan
     * stored before loads, and dropped by the next save of the plan (`withoutRetiredFields`).
     */
    newlyElectedMonths: z.number().int().min(1).max(60).optional(),
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
      /** Month and day (MM-DD) from which admins are warned, once a year, of yearly kinds with no class yet (plan III.2). */
      yearlyClassesWarning: z
        .string()
        .regex(/^\d{2}-\d{2}$/)
        .default("06-01"),
      enrolmentDeadlineDays: z.array(z.number().int().min(0).max(60)),
      reportDeadlineDays: z.array(z.number().int().min(-30).max(30)),
      quietHours: z.object({ from: z.string().regex(/^\d{2}:\d{2}$/), to: z.string().regex(/^\d{2}:\d{2}$/) }),
      /** Local time of day at which day-based nudges (deadlines, announcements) go out. */
      dayTime: ClockTime.default("08:00"),
      /** Session reminders: this many minutes before a session starts (the day before, shortly before). */
      sessionReminderMinutes: z
        .array(
          z
            .number()
            .int()
            .min(5)
            .max(7 * 24 * 60),
        )
        .default([1440, 120]),
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
      catchUpHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 14)
        .default(48),
    }),
    cadreRules: z.array(CadreRule),
  })
  .superRefine((plan, ctx) => {
    if (plan.period.from > plan.period.to)
      ctx.addIssue({ code: "custom", path: ["period", "to"], message: "the period ends before it starts" });
    const audiences = new Set(plan.audiences.map((a) => a.id));
    const kinds = new Set([...plan.courseKinds.map((k) => k.id), OTHER_KIND]);
    for (const measure of TargetMeasure.options) {
      if (plan.targets.filter((t) => t.measure === measure).length > 1)
        ctx.addIssue({ code: "custom", path: ["targets"], message: `two targets measure ${measure}` });
    }
    plan.targets.forEach((t, i) =>
      t.certificateKinds?.forEach((k) => {
        if (!kinds.has(k)) ctx.addIssue({ code: "custom", path: ["targets", i, "certificateKinds"], message: `unknown course kind ${k}` });
      }),
    );
    plan.courseKinds.forEach((k, i) =>
      k.audiences.forEach((a) => {
        if (!audiences.has(a)) ctx.addIssue({ code: "custom", path: ["courseKinds", i, "audiences"], message: `unknown audience ${a}` });
      }),
    );
  });

export type Plan = z.infer<typeof Plan>;
export type Target = z.infer<typeof Target>;
export type TargetMeasure = z.infer<typeof TargetMeasure>;
export type CourseKind = z.infer<typeof CourseKind>;
export type CadreRule = z.infer<typeof CadreRule>;
export type Audience = z.infer<typeof Audience>;

/**
 * The plan without the fields this version no longer reads (`newlyElectedMonths`): what every save
 * of a plan writes, so a stored plan sheds them the first time it is changed.
 * @example withoutRetiredFields({ ...plan, newlyElectedMonths: 12 }).newlyElectedMonths // undefined
 */
export function withoutRetiredFields(plan: Plan): Plan {
  const { newlyElectedMonths: _, ...rest } = plan;
  return rest;
}

/** Reads and validates a plan file; throws with every problem named. */
export function loadPlan(file: string): Plan {
  const parsed = Plan.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    throw new Error(`Invalid plan ${file}:\n${parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  return withoutRetiredFields(parsed.data);
}

const theoryRank: Record<z.infer<typeof TheoryLevel>, number> = { none: 0, basic: 1, intermediate: 2, advanced: 3, bachelor: 3 };

/** True when `level` is at or above `standard` (cử nhân counts as cao cấp). */
export function meetsTheory(level: z.infer<typeof TheoryLevel>, standard: z.infer<typeof TheoryLevel>): boolean {
  return theoryRank[level] >= theoryRank[standard];
}
