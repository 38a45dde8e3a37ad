/**
 * The audit log: approvals, role changes, edits and deletions — who, what, when. Entries hold ids
 * and field names only, never the personal values themselves.
 */
import type { Deps } from "./deps";
import type { AuditEntry } from "../domain/records";
import type { Collections } from "../store/store";

export type AuditAction =
  | "cadre.register"
  | "cadre.approve"
  | "cadre.replace"
  | "cadre.reject"
  | "cadre.claim"
  | "cadre.edit"
  | "cadre.forget"
  | "consent.withdraw"
  | "role.grant"
  | "unit.link"
  | "unit.relink"
  | "bloc.link"
  | "bloc.relink"
  | "roster.import"
  | "cadre.planned"
  | "cadre.lecturer"
  | "plan.save"
  | "plan.end"
  | "certificate.outside"
  | "certificate.reject"
  | "certificate.import"
  | "class.create"
  | "class.cancel"
  | "class.complete"
  | "class.quota"
  | "class.nominate"
  | "class.reclaim"
  | "class.partyCommittee"
  | "broadcast.send"
  | "unit.create"
  | "unit.rename"
  | "unit.merge"
  | "unit.close"
  | "bloc.setup";

export interface AuditInput {
  actorId: string;
  action: AuditAction;
  subjectId?: string;
  details?: AuditEntry["details"];
}

/**
 * Records one entry, inside the caller's transaction when given one.
 * @example await audit(deps, tx, { actorId: actor.person.id, action: "cadre.approve", subjectId: id });
 */
export async function audit(deps: Pick<Deps, "newId" | "now">, tx: Pick<Collections, "audit">, input: AuditInput): Promise<void> {
  await tx.audit.put({
    id: deps.newId("a"),
    at: deps.now().toISOString(),
    actorId: input.actorId,
    action: input.action,
    subjectId: input.subjectId,
    details: input.details ?? {},
  });
}
