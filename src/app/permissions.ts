/**
 * Who may do what: the one table of permissions, read by the chat core before any command runs
 * and by /help to list only what a person may use. Scope (an officer acts only on their own unit)
 * is checked by `canActOnUnit`.
 */
import { roles, type Actor, type Role } from "./actor";

export { roles, type Role };

const everyone: Role[] = ["guest", "cadre", "officer", "admin"];
const members: Role[] = ["cadre", "officer", "admin"];
const officers: Role[] = ["officer", "admin"];
const admins: Role[] = ["admin"];

/** Command (English name) → roles allowed to run it. Every command must be listed. */
export const permissions: Record<string, readonly Role[]> = {
  // foundation
  start: everyone,
  help: everyone,
  lang: everyone,
  cancel: everyone,
  back: everyone,
  // cadres: registration, approval, personal data, rosters
  register: everyone,
  approve: officers,
  reject: officers,
  pending: officers,
  promote: admins,
  profile: everyone,
  mydata: everyone,
  forgetme: everyone,
  withdrawconsent: everyone,
  unit: officers,
  link: officers,
  importroster: admins,
  exportroster: officers,
  auditlog: admins,
  // units: the bloc's own data, and the first-start set-up
  newunit: admins,
  units: admins,
  renameunit: admins,
  mergeunit: admins,
  closeunit: admins,
  unitlinks: admins,
  setup: admins,
  // classes: schedules, enrolment, attendance, certificates
  newclass: admins,
  schedule: everyone,
  enroll: members,
  withdraw: members,
  nominate: officers,
  quota: admins,
  reclaim: admins,
  opencheckin: members,
  checkin: members,
  mark: admins,
  attendance: admins,
  complete: admins,
  cancelclass: admins,
  certificates: members,
  eligibility: members,
  // unit status reports and progress
  report: officers,
  status: officers,
  progress: officers,
  export: admins,
  // scheduler and broadcasts
  reminders: everyone,
  announce: admins,
  // one person across channels
  linkcode: everyone,
  connect: everyone,
  channel: everyone,
};

/** Named groups of roles. */
export const allow = { everyone, members, officers, admins } as const;

/** True when the actor's role may run the command. */
export function may(actor: Pick<Actor, "role">, command: string): boolean {
  return permissions[command]?.includes(actor.role) ?? false;
}

/** True when the actor may act on a unit: an admin on any, an officer on their own. */
export function canActOnUnit(actor: Actor, unitId: string): boolean {
  return actor.role === "admin" || (actor.role === "officer" && actor.cadre?.unitId === unitId);
}
