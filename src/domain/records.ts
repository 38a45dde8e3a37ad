/**
 * The records the store keeps, one zod schema each: the single definition of their fields and limits.
 * The store's registry of collections is `src/store/collections.ts`.
 */
import { z } from "zod";
import { ChannelName, GroupLink, Id, IsoDate, IsoDateTime, Locale, UnitName } from "./fields";

export { Id, IsoDate, IsoDateTime, Locale, ChannelName };

/**
 * Positions a person can hold in a grassroots unit (DOMAIN.md glossary). `lecturer` is kept for
 * rosters that list a lecturer with no post in the unit; being a lecturer is the bloc-level mark
 * `Cadre.lecturer` (a Secretary can be one too). Which positions make a cadre is plan data.
 */
export const Position = z.enum(["secretary", "deputy", "committee", "lecturer", "member"]);
/** The posts offered to choose from: a lecturer (báo cáo viên) is a bloc-level mark, not a post held in a unit. */
export const unitPosts: readonly Position[] = Position.options.filter((p) => p !== "lecturer");
/** Posts a cadre can be planned for (cán bộ quy hoạch, plan IV). */
export const PlannedPost = z.enum(["secretary", "deputy"]);
/** Political theory levels, lowest first; `bachelor` (cử nhân chính trị) counts as `advanced`. */
export const TheoryLevel = z.enum(["none", "basic", "intermediate", "advanced", "bachelor"]);
/** Professional levels, lowest first. */
export const ProfessionalLevel = z.enum(["none", "vocational", "college", "university", "master", "doctor"]);

/** Kinds of grassroots unit the bloc holds: agency, public service unit, enterprise (R6 reads `type`). */
export const UnitKind = z.enum(["agency", "public-service", "enterprise"]);

/** A unit's short code as people type it (`STP`, `so-y-te`): letters without accents, digits, dashes. */
export const UnitCode = z
  .string()
  .max(20)
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, "letters without accents, digits and dashes");

/** A name a unit held before: renamed, or the name of a unit merged into it. */
export const FormerName = z.object({
  name: UnitName,
  /** The day the name stopped being used (yyyy-mm-dd). */
  until: IsoDate,
  /** The unit that bore it, when it was another one (merged into this one). */
  unitId: Id.optional(),
});

/** Members a unit declares: a whole number up to 100,000. */
export const UnitMembers = z.number().int().min(0).max(100_000);

/** A grassroots Youth Union unit (TCCSĐ) of the bloc. */
export const Unit = z.object({
  id: Id,
  name: UnitName,
  /** Unit type, for the cadre regulation's limits (R6): see `cadreRules` in the plan; a `UnitKind` when made by chat. */
  type: z.string().min(1).max(40).default("agency"),
  /** Members in the unit, used to spread class quotas by size. */
  members: UnitMembers.default(0),
  /** Chats linked to the unit with /lienket. */
  groups: z.array(GroupLink).default([]),
  /** The short code people know the unit by, when it has one. */
  code: UnitCode.optional(),
  /** Absent: active. Closed and merged units keep their history but leave lists, quotas and targets. */
  status: z.enum(["active", "closed", "merged"]).optional(),
  /** The unit that took over this one's cadres, groups and history (status `merged`). */
  mergedInto: Id.optional(),
  /** When it was closed or merged. */
  endedAt: IsoDateTime.optional(),
  /**
   * The local day it joined the bloc: a unit an admin creates with /taodonvi joins that day. Absent for
   * the units of the set-up, of a roster import and of data from before: in the bloc from the start.
   */
  joinedOn: IsoDate.optional(),
  formerNames: z.array(FormerName).optional(),
});

/** Someone who has talked to the bot: preferences and roles, no personal data. */
export const Person = z.object({
  id: Id,
  locale: Locale.optional(),
  /** Granted roles; officer and cadre roles come from the approved cadre record instead. */
  roles: z.array(z.enum(["admin"])).default([]),
  createdAt: IsoDateTime,
  /** Non-essential nudges muted with /nhacnho. */
  muted: z.boolean().default(false),
  /** Channel for notifications; the one used last when absent. */
  preferredChannel: ChannelName.optional(),
});

/**
 * A post a person held before their current one (or in a unit merged away): kept so that a report
 * about a past day counts posts as held that day (`postOn` in ./posts), and a replaced Secretary
 * stays known as a former Secretary.
 */
export const FormerPost = z.object({
  unitId: Id,
  position: Position,
  /** First day held, when known (absent: held since before the bot knew the person). */
  from: IsoDate.optional(),
  /** Last day held. */
  until: IsoDate,
  /** The election date of a Secretary or Deputy post (T2 reads it). */
  electedOn: IsoDate.optional(),
});

/** Most entries a record's history keeps (former posts, former theory levels); the oldest go first. */
export const MAX_HISTORY = 100;

/**
 * A political theory level a person held before their current one: kept so that a report about a
 * past day counts the level held that day (`theoryOn` in ./theory).
 */
export const FormerTheory = z.object({
  level: TheoryLevel,
  /** First day held, when known (absent: held since before the bot knew the person). */
  from: IsoDate.optional(),
  /** Last day held. */
  until: IsoDate,
});

/** Consent to one purpose of processing personal data (Law 91/2025/QH15). */
export const Consent = z.object({ purposes: z.array(z.string().min(1).max(40)).min(1), at: IsoDateTime });

/** A job position or grade as the person writes it. */
export const JobText = z.string().min(2).max(100);

/** The cadre record of a person: personal data, kept only with consent. */
export const Cadre = z.object({
  /** Same id as the person. */
  id: Id,
  fullName: z
    .string()
    .min(2)
    .max(80)
    .regex(/^[\p{L}\p{M}]+(?:[ '.-][\p{L}\p{M}]+)*\.?$/u, "letters and spaces only"),
  unitId: Id,
  position: Position,
  /** Date elected, for Secretaries and Deputies: "newly elected" (target T2) is read from it. */
  electedOn: IsoDate.optional(),
  /**
   * First day of the current post (unit and position), written by every change of post, roster
   * import and merge; absent for records older than the post history: then the election date, else
   * the registration day.
   */
  postSince: IsoDate.optional(),
  /** Posts held before the current one, oldest first (see `FormerPost`). */
  formerPosts: z.array(FormerPost).max(MAX_HISTORY).optional(),
  /** Planned for this post (cán bộ quy hoạch), marked by an officer or admin: the title class admits them (plan IV). */
  plannedFor: PlannedPost.optional(),
  /** A bloc-level lecturer (báo cáo viên cấp Đoàn Khối), marked by an admin, whatever the post held in the unit. */
  lecturer: z.boolean().optional(),
  theoryLevel: TheoryLevel,
  /**
   * First day of the current theory level, written by every change of level (/hoso, a confirmed
   * raise, a certificate or diploma, a roster import); absent for records older than the history:
   * then the registration day.
   */
  theorySince: IsoDate.optional(),
  /** Levels held before the current one, oldest first (see `FormerTheory`). */
  formerTheory: z.array(FormerTheory).max(MAX_HISTORY).optional(),
  /**
   * A higher theory level the person gave in /hoso, waiting for an officer of the unit to confirm
   * it (then it becomes `theoryLevel`) or reject it; until then the recorded level counts.
   */
  theoryRaise: z.object({ level: TheoryLevel, at: IsoDateTime }).optional(),
  /** Asked in /hoso, not at registration (what can wait, waits): absent until the person gives it. */
  professionalLevel: ProfessionalLevel.optional(),
  birthYear: z.number().int().min(1940).max(2015),
  /** Job position in the person's agency (vị trí việc làm): training follows it (plan IV). Optional. */
  jobPosition: JobText.optional(),
  /** Civil-service or public-employee grade (ngạch công chức, viên chức), e.g. chuyên viên (plan IV). Optional. */
  civilServiceGrade: JobText.optional(),
  phone: z
    .string()
    .regex(/^0(3|5|7|8|9)\d{8}$/, "Vietnamese mobile: 10 digits starting 03, 05, 07, 08 or 09")
    .optional(),
  status: z.enum(["pending", "approved", "rejected"]),
  consent: Consent,
  registeredAt: IsoDateTime,
  decidedBy: Id.optional(),
  decidedAt: IsoDateTime.optional(),
  /**
   * A registration matching an imported record (same unit, name, birth year) claims it: this record
   * holds only what the claimant typed; the imported one is untouched until an officer confirms
   * (see `src/domain/claims.ts`).
   */
  claims: Id.optional(),
});

/** A chat account (Telegram or Zalo user, or a console identity) belonging to a person. */
export const Account = z.object({
  /** `channel:externalId`. */
  id: z.string().min(3).max(80),
  channel: ChannelName,
  externalId: z.string().min(1).max(64),
  personId: Id,
  lastSeenAt: IsoDateTime,
  /** Set when the channel said the person blocked the bot. */
  unreachable: z.boolean().default(false),
});

/** The state of a multi-step conversation, kept so that a restart loses nothing. */
export const WizardState = z.object({
  /** `channel:chatId:userId`. */
  id: z.string().min(3).max(200),
  wizard: z.string().min(1).max(40),
  step: z.string().min(1).max(40),
  data: z.record(z.string(), z.unknown()),
  history: z.array(z.string()).default([]),
  updatedAt: IsoDateTime,
});

/** Numbered options last shown in a chat without buttons (Zalo, console): answering `2` picks the second. */
export const Menu = z.object({
  /** `channel:chatId:userId`. */
  id: z.string().min(3).max(200),
  /**
   * The options shown, answerable by number. `n` is the number shown (default: place in the list);
   * `notice` groups the options of one notification, which stay answerable until one is chosen;
   * `about` is that notification's first line, to show it again when its numbers must change.
   */
  options: z.array(
    z.object({
      label: z.string(),
      data: z.string(),
      n: z.number().int().min(1).max(999).optional(),
      notice: z.string().max(80).optional(),
      about: z.string().max(200).optional(),
    }),
  ),
  at: IsoDateTime,
});

/** Who did what, when: approvals, role changes, edits and deletions. */
export const AuditEntry = z.object({
  id: Id,
  at: IsoDateTime,
  actorId: Id,
  action: z.string().min(1).max(40),
  subjectId: Id.optional(),
  /** Field names changed, never their personal values. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
});

export type Unit = z.infer<typeof Unit>;
export type UnitKind = z.infer<typeof UnitKind>;
export type FormerName = z.infer<typeof FormerName>;
export type FormerPost = z.infer<typeof FormerPost>;
export type FormerTheory = z.infer<typeof FormerTheory>;
export type Person = z.infer<typeof Person>;
export type Cadre = z.infer<typeof Cadre>;
export type Account = z.infer<typeof Account>;
export type WizardState = z.infer<typeof WizardState>;
export type Menu = z.infer<typeof Menu>;
export type AuditEntry = z.infer<typeof AuditEntry>;
export type Position = z.infer<typeof Position>;
export type PlannedPost = z.infer<typeof PlannedPost>;
export type TheoryLevel = z.infer<typeof TheoryLevel>;
export type ProfessionalLevel = z.infer<typeof ProfessionalLevel>;
export type ChannelName = z.infer<typeof ChannelName>;
export type Locale = z.infer<typeof Locale>;
