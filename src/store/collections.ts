/** The store's collections: each name and the zod schema of its records (defined in the domain). */
import type { z } from "zod";
import { BlocSettings } from "../domain/bloc";
import { Certificate, CheckIn, Course, Enrollment, TrainingSubmission } from "../domain/courses";
import { LinkAttempts, LinkCode } from "../domain/links";
import { Plan } from "../domain/plan";
import { Broadcast, OutboxEntry, SchedulerState } from "../domain/outbox";
import { AuditEntry, Account, Cadre, Menu, Person, Unit, WizardState } from "../domain/records";
import { StatusReport } from "../domain/reports";
import { SeenUpdate } from "../domain/updates";
import { WebPass } from "../domain/web";

/** Every collection of the store and the schema of its records. */
export const collections = {
  courses: Course,
  enrollments: Enrollment,
  checkins: CheckIn,
  certificates: Certificate,
  reports: StatusReport,
  units: Unit,
  people: Person,
  cadres: Cadre,
  accounts: Account,
  wizards: WizardState,
  menus: Menu,
  audit: AuditEntry,
  linkCodes: LinkCode,
  linkAttempts: LinkAttempts,
  outbox: OutboxEntry,
  broadcasts: Broadcast,
  scheduler: SchedulerState,
  bloc: BlocSettings,
  /** The bloc's training plans: the current one and those kept as history. */
  plans: Plan,
  /** Training done elsewhere, submitted by cadres, waiting for their officer (R7). */
  trainingSubmissions: TrainingSubmission,
  /** Update ids already handled, so one delivered twice (two instances, a restart) is handled once. */
  seenUpdates: SeenUpdate,
  /** One-time links to the web view and the sessions they opened (hashes only). */
  webPasses: WebPass,
} as const;

export type Collections = typeof collections;
export type CollectionName = keyof Collections;
export type RecordOf<K extends CollectionName> = z.infer<Collections[K]>;
/** What `put` takes: the record before its schema fills the defaults. */
export type InputOf<K extends CollectionName> = z.input<Collections[K]>;
