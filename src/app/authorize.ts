/**
 * The one authorization rule: `authorize(actor, action, resource?)` says whether a person may do
 * an action (a command, or what the web view reads), on the whole bloc, a unit, a person or a
 * class, and when not, why — as a sentence key. The chat core asks it before every command,
 * document and button; features ask it about the record they act on; nothing else checks a role.
 */
import type { Course } from "../domain/courses";
import type { Cadre } from "../domain/records";
import { fold } from "../domain/text";
import type { Actor } from "./actor";
import { DomainError } from "./errors";
import { type Action, type Rule, rules } from "./permissions";

export type { Action } from "./permissions";

/** What an action is done to; none means "the action at all" (the command, before its arguments are read). */
export type Resource =
  /** Every unit at once (the admins' board, the bloc's groups, an export of everyone). */
  | { kind: "bloc" }
  /** One unit's people and papers (roster, reports, pending registrations). */
  | { kind: "unit"; unitId: string }
  /** One person's record, in the unit it belongs to. */
  | { kind: "person"; personId: string; unitId: string }
  /** One class, with who teaches it (`classResource` builds it from the record). */
  | { kind: "class"; classId: string; title: string; lecturers: readonly string[] };

/** Why an action is refused: the table's role, a position, another unit, the bloc, a class not one's own. */
export type RefusalReason = "role" | "position" | "otherUnit" | "bloc" | "class";

/** A refusal: the reason, and the sentence (locale key and its values) that tells the person. */
export interface Refusal {
  allowed: false;
  reason: RefusalReason;
  key: string;
  vars: Record<string, string>;
}

export type Authorization = { allowed: true } | Refusal;

/** The sentence of a refusal by role; `command` is the action, the chat core shows the name typed. */
export const NOT_ALLOWED = "common:errors.notAllowed";
const OTHER_UNIT = "cadres:errors.otherUnit";

const ALLOWED: Authorization = { allowed: true };
const refuse = (reason: RefusalReason, key: string, vars: Record<string, string> = {}): Refusal => ({ allowed: false, reason, key, vars });

type Who = Pick<Actor, "role"> & {
  person: Pick<Actor["person"], "id">;
  cadre?: Pick<Cadre, "id" | "status" | "position" | "lecturer" | "unitId" | "fullName">;
};

/** True when the class lists this cadre among its lecturers, by record id or by full name. */
export function teaches(lecturers: readonly string[], cadre: Pick<Cadre, "id" | "fullName">): boolean {
  const name = fold(cadre.fullName);
  return lecturers.some((l) => l === cadre.id || fold(l) === name);
}

/** The whole bloc. */
export const BLOC: Resource = { kind: "bloc" };

/** The resource of one unit. */
export function unitResource(unitId: string): Resource {
  return { kind: "unit", unitId };
}

/** The resource of one person's record, in their unit (a cadre: `personResource(c.id, c.unitId)`). */
export function personResource(personId: string, unitId: string): Resource {
  return { kind: "person", personId, unitId };
}

/** The resource of a class record. */
export function classResource(course: Pick<Course, "id" | "title" | "lecturers">): Resource {
  return { kind: "class", classId: course.id, title: course.title, lecturers: course.lecturers };
}

function byPosition(actor: Who, rule: Rule): boolean {
  if (!rule.positions || actor.role === "admin") return true;
  const cadre = actor.cadre;
  return cadre?.status === "approved" && (rule.positions.includes(cadre.position) || (rule.lecturers === true && cadre.lecturer === true));
}

function onUnit(actor: Who, rule: Rule, unitId: string): Authorization {
  if (actor.role === "admin" || (actor.role === "officer" && actor.cadre?.unitId === unitId)) return ALLOWED;
  return refuse("otherUnit", rule.onOtherUnit ?? OTHER_UNIT, { unit: unitId });
}

function onResource(actor: Who, rule: Rule, resource: Resource): Authorization {
  switch (resource.kind) {
    case "bloc":
      return actor.role === "admin" ? ALLOWED : refuse("bloc", rule.onBloc ?? rule.onOtherUnit ?? OTHER_UNIT);
    case "unit":
      return onUnit(actor, rule, resource.unitId);
    case "person":
      return resource.personId === actor.person.id ? ALLOWED : onUnit(actor, rule, resource.unitId);
    case "class": {
      const cadre = actor.cadre;
      if (actor.role === "admin" || (cadre?.status === "approved" && teaches(resource.lecturers, cadre))) return ALLOWED;
      return refuse("class", rule.onClass ?? NOT_ALLOWED, { title: resource.title });
    }
  }
}

/** The sentence refusing a role: a guest is told that a registration (approved) opens a cadre's command. */
function roleRefusal(actor: Who, rule: Rule): string {
  if (actor.role !== "guest" || !rule.roles.includes("cadre")) return NOT_ALLOWED;
  return actor.cadre?.status === "pending" ? "common:errors.waitsApproval" : "common:errors.registerFirst";
}

/**
 * Whether `actor` may do `action` — at all, or on `resource`. The admin may do everything the table
 * gives admins, everywhere; an officer acts on their own unit; anyone on their own record; a class
 * is run by the admins and the lecturers assigned to it.
 * @example authorize(actor, "unit", { kind: "unit", unitId: "u02" }) // an officer of u01: { allowed: false, reason: "otherUnit", … }
 * @example authorize(actor, "readPerson", { kind: "person", personId: "p-7", unitId: "u01" })
 */
export function authorize(actor: Who, action: Action, resource?: Resource): Authorization {
  const rule: Rule = rules[action];
  if (!rule.roles.includes(actor.role)) return refuse("role", roleRefusal(actor, rule), { command: action });
  if (!byPosition(actor, rule)) return refuse("position", rule.onPosition ?? NOT_ALLOWED, { command: action });
  return resource ? onResource(actor, rule, resource) : ALLOWED;
}

/**
 * How far a person sees by default: an admin the bloc, an officer their own unit, a cadre their own
 * record, a guest nothing. Features pick their default view by it (the admins' board or one unit);
 * the web view shows this much.
 */
export function scopeOf(actor: Who): Resource | undefined {
  if (actor.role === "admin") return BLOC;
  const cadre = actor.cadre;
  if (!cadre || actor.role === "guest") return undefined;
  return actor.role === "officer" ? unitResource(cadre.unitId) : personResource(actor.person.id, cadre.unitId);
}

/** The unit an officer acts on by default (their own), none for anyone else. */
export function ownUnitOf(actor: Who): string | undefined {
  const scope = scopeOf(actor);
  return scope?.kind === "unit" ? scope.unitId : undefined;
}

/** True when the person sees the whole bloc (an admin). */
export function seesBloc(actor: Who): boolean {
  return scopeOf(actor)?.kind === "bloc";
}

/** A refusal as the error a feature throws; the chat core turns it into the sentence. */
export class NotAuthorized extends DomainError {
  constructor(public readonly refusal: Refusal) {
    super(refusal.key, refusal.vars);
    this.name = "NotAuthorized";
  }
}

/**
 * `authorize`, throwing its refusal: for a feature about to act on a record.
 * @example demand(ctx.actor, "approve", { kind: "person", personId: cadre.id, unitId: cadre.unitId });
 */
export function demand(actor: Who, action: Action, resource?: Resource): void {
  const answer = authorize(actor, action, resource);
  if (!answer.allowed) throw new NotAuthorized(answer);
}
