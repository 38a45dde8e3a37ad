/**
 * Who may do what: the one table of actions (every command by its English name, and what the web
 * view reads), with the roles allowed, the positions some actions ask below admin, and the sentence
 * each kind of refusal gives. `authorize` (`app/authorize.ts`) is the only reader of the rules.
 */
import { roles, type Role } from "./actor";
import type { Position } from "../domain/records";

export { roles, type Role };

const everyone: Role[] = ["guest", "cadre", "officer", "admin"];
const members: Role[] = ["cadre", "officer", "admin"];
const officers: Role[] = ["officer", "admin"];
const admins: Role[] = ["admin"];

/** One action's rule. Sentences are locale keys; each has a default in `authorize`. */
export interface Rule {
  /** Roles allowed the action at all. */
  roles: readonly Role[];
  /** Below admin, only an approved cadre in one of these positions (or a bloc lecturer when `lecturers`). */
  positions?: readonly Position[];
  lecturers?: boolean;
  /** The sentence refusing someone outside `positions`. */
  onPosition?: string;
  /** The sentence refusing an officer acting on another unit's people (vars: `unit`). */
  onOtherUnit?: string;
  /** The sentence refusing someone other than an admin the whole bloc. */
  onBloc?: string;
  /** The sentence refusing someone who does not run the class (vars: `title`). */
  onClass?: string;
}

const trainingRecords = { onOtherUnit: "trainingRecords:errors.otherUnit" };
const classes = { onOtherUnit: "classes:errors.otherUnit" };
const reports = { onOtherUnit: "reports:errors.otherUnit" };

/** Command (English name) → its rule. Every command must be listed (the chat core refuses to start otherwise). */
export const commandRules = {
  // foundation
  start: { roles: everyone },
  help: { roles: everyone },
  lang: { roles: everyone },
  myid: { roles: everyone },
  cancel: { roles: everyone },
  back: { roles: everyone },
  // cadres: registration, approval, personal data, rosters
  register: { roles: everyone },
  approve: { roles: officers },
  reject: { roles: officers },
  pending: { roles: officers },
  promote: { roles: admins },
  profile: { roles: everyone },
  mydata: { roles: everyone },
  forgetme: { roles: everyone },
  withdrawconsent: { roles: everyone },
  unit: { roles: officers },
  link: { roles: officers, onBloc: "groups:link.blocAdminsOnly" },
  importroster: { roles: admins },
  exportroster: { roles: officers },
  auditlog: { roles: admins },
  // units: the bloc's own data, and the first-start set-up
  newunit: { roles: admins },
  units: { roles: admins },
  renameunit: { roles: admins },
  mergeunit: { roles: admins },
  closeunit: { roles: admins },
  choosesecretary: { roles: admins },
  unitlinks: { roles: admins },
  setup: { roles: admins },
  // classes: schedules, enrolment, attendance, certificates
  newclass: { roles: admins },
  schedule: { roles: everyone },
  enroll: { roles: members, ...classes },
  withdraw: { roles: members, ...classes },
  nominate: { roles: officers, ...classes },
  partycommittee: { roles: officers, ...classes },
  quota: { roles: admins },
  reclaim: { roles: admins },
  // A lecturer is a bloc-level mark (a Secretary can be one) or, in old rosters, a position; of a
  // class, only the lecturers assigned to it open its check-in (classes are the bloc's, DOMAIN.md).
  opencheckin: {
    roles: members,
    positions: ["lecturer"],
    lecturers: true,
    onPosition: "classes:errors.lecturersOnlyCommand",
    onClass: "classes:errors.lecturersOnly",
  },
  checkin: { roles: members },
  mark: { roles: admins },
  attendance: { roles: admins },
  complete: { roles: admins },
  cancelclass: { roles: admins },
  certificates: { roles: members },
  eligibility: { roles: members, ...classes },
  outsidecert: { roles: members, ...trainingRecords },
  pendingcerts: { roles: officers, ...trainingRecords },
  importcerts: { roles: officers, ...trainingRecords },
  // planned cadres and bloc lecturers (audiences of the plan)
  planned: { roles: officers, onOtherUnit: "cadreMarks:errors.otherUnit" },
  lecturer: { roles: admins },
  // unit status reports and progress
  report: { roles: officers, ...reports },
  status: { roles: officers },
  progress: { roles: officers },
  export: { roles: admins },
  // the report to the city Youth Union
  yearreport: { roles: admins },
  planreport: { roles: admins },
  // plans over time
  plan: { roles: admins },
  // scheduler and broadcasts
  reminders: { roles: everyone },
  announce: { roles: admins },
  // one person across channels
  linkcode: { roles: everyone },
  connect: { roles: everyone },
  channel: { roles: everyone },
  // the web view (a Mini App button, or a one-time link)
  web: { roles: members },
} satisfies Record<string, Rule>;

/** What the web view reads, with no command: a unit's roster and progress, one person's record. */
export const readRules = {
  readUnit: { roles: officers },
  readPerson: { roles: members },
} satisfies Record<string, Rule>;

/** Every action's rule. */
export const rules: Record<Action, Rule> = { ...commandRules, ...readRules };

/** An action someone may be allowed: a command's English name, or one of the web view's reads. */
export type Action = keyof typeof commandRules | keyof typeof readRules;

/** A command's English name. */
export type CommandAction = keyof typeof commandRules;

/** True when `name` is a command of the table (an alias read from a feature). */
export function isCommandAction(name: string): name is CommandAction {
  return Object.hasOwn(commandRules, name);
}
