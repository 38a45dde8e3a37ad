/**
 * Who may do what: the one table of permissions, read by the chat core before any command runs
 * and by /help to list only what a person may use. Scope (an officer acts only on their own unit)
 * is checked by `canActOnUnit`.
 */
import { roles, type Actor, type Role } from "./actor";
import type { Position } from "../domain/records";

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
  myid: everyone,
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
  outsidecert: members,
  pendingcerts: officers,
  importcerts: officers,
  // planned cadres and bloc lecturers (audiences of the plan)
  planned: officers,
  lecturer: admins,
  // unit status reports and progress
  report: officers,
  status: officers,
  progress: officers,
  export: admins,
  // the report to the city Youth Union
  yearreport: admins,
  planreport: admins,
  // plans over time
  plan: admins,
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

/**
 * Commands that, below admin, only some positions may use (an approved cadre in one of them), with
 * the sentence a refusal gives. /help hides them from everyone else.
 */
export const positionsFor: Record<string, { positions: readonly Position[]; lecturers?: boolean; refusal: string }> = {
  // A lecturer is a bloc-level mark (a Secretary can be one) or, in old rosters, a position.
  opencheckin: { positions: ["lecturer"], lecturers: true, refusal: "classes:errors.lecturersOnlyCommand" },
};

/** True when the actor's role (and, where the table asks, position) may run the command. */
export function may(
  actor: Pick<Actor, "role"> & { cadre?: Pick<NonNullable<Actor["cadre"]>, "status" | "position" | "lecturer"> },
  command: string,
): boolean {
  if (!(permissions[command]?.includes(actor.role) ?? false)) return false;
  const only = positionsFor[command];
  if (!only || actor.role === "admin") return true;
  const cadre = actor.cadre;
  return cadre?.status === "approved" && (only.positions.includes(cadre.position) || (only.lecturers === true && cadre.lecturer === true));
}

/** The locale key of the sentence refusing a command to someone `may` turns away: their position, or their role. */
export function refusalOf(actor: Pick<Actor, "role">, command: string): string {
  const byPosition = permissions[command]?.includes(actor.role) && positionsFor[command];
  return byPosition ? byPosition.refusal : "common:errors.notAllowed";
}

/** True when the actor may act on a unit: an admin on any, an officer on their own. */
export function canActOnUnit(actor: Actor, unitId: string): boolean {
  return actor.role === "admin" || (actor.role === "officer" && actor.cadre?.unitId === unitId);
}
