/**
 * A registration that claims an imported record (`Cadre.claims`, rules in `src/domain/claims.ts`):
 * what the approver is shown beside what was typed, and what confirming it does. Until then the
 * imported record is untouched and the claimant sees only their own pending record.
 */
import type { Actor } from "../../app/actor";
import { audit } from "../../app/audit";
import type { Deps } from "../../app/deps";
import { DomainError } from "../../app/errors";
import { demand, unitResource } from "../../app/authorize";
import { claimOutcome, confirmedClaim } from "../../domain/claims";
import type { Cadre } from "../../domain/records";
import type { Collections } from "../../store/store";
import { mergePersonInto } from "../../app/merge-people";

/**
 * Confirms a claim inside the approval's transaction: the claimant's accounts move onto the
 * imported person (merged as `/ketnoi` merges two people), the imported record takes what was typed
 * and is approved, the claimant's own person and pending record go. Audited as a claim.
 * Returns the approved record (under the imported id); throws when another account holds it now.
 */
export async function confirmClaim(deps: Pick<Deps, "now" | "newId">, tx: Collections, actor: Actor, claim: Cadre): Promise<Cadre> {
  const at = deps.now().toISOString();
  const imported = await tx.cadres.get(claim.claims!);
  const outcome = claimOutcome(imported, imported ? (await tx.accounts.find({ personId: imported.id })).length > 0 : false);
  if (outcome === "taken") throw new DomainError("registration:claim.taken", { name: claim.fullName });
  if (outcome === "standalone") {
    const { claims: _, ...own } = claim;
    return tx.cadres.put({ ...own, status: "approved", decidedBy: actor.person.id, decidedAt: at });
  }
  const target = imported!;
  // The claimed record's own unit must confirm too (a claimant may have moved their registration to another unit).
  demand(actor, "approve", unitResource(target.unitId));
  const survivor = (await tx.people.get(target.id)) ?? { id: target.id, roles: [], createdAt: at, muted: false };
  const claimant = await tx.people.get(claim.id);
  const accounts = (await tx.accounts.find({ personId: claim.id })).length;
  if (claimant) await mergePersonInto(tx, await tx.people.put(survivor), claimant);
  await tx.cadres.remove(claim.id);
  const approved = await tx.cadres.put(confirmedClaim(claim, target, { by: actor.person.id, at }));
  await audit(deps, tx, {
    actorId: actor.person.id,
    action: "cadre.claim",
    subjectId: target.id,
    details: { claimant: claim.id, accounts },
  });
  return approved;
}
