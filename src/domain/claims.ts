/**
 * Claims on imported records. An admin imports a roster: cadres with no chat account yet. When a
 * newcomer registers with the name, birth year and unit of one of them, the registration is a
 * *claim*: a pending record of the newcomer's own (`claims: <imported id>`) holding only what they
 * typed. The imported record stays exactly as it was until an officer confirms that the newcomer is
 * that person; only then does the newcomer's account move onto it. Pure rules, no store.
 */
import type { Cadre } from "./records";
import { fold } from "./text";
import { changePost, currentPostSince } from "./posts";
import { currentTheorySince, theoryHistoryAfter } from "./theory";

/**
 * True when `candidate` is a record an admin imported for the person who typed `draft`: same unit,
 * same birth year, same name ignoring diacritics and case, no chat account, and not itself a claim.
 */
export function isImportedMatch(
  candidate: Cadre,
  draft: Pick<Cadre, "id" | "unitId" | "birthYear" | "fullName">,
  candidateHasAccount: boolean,
): boolean {
  return (
    !candidateHasAccount &&
    candidate.id !== draft.id &&
    candidate.claims === undefined &&
    candidate.unitId === draft.unitId &&
    candidate.birthYear === draft.birthYear &&
    fold(candidate.fullName) === fold(draft.fullName)
  );
}

/**
 * What confirming a claim does, given the claimed record as it is now:
 * `merge` — the claimant becomes that person; `standalone` — the record is gone (deleted since), the
 * registration is approved as a record of its own; `taken` — someone else's account holds it now,
 * so the claim cannot be confirmed (reject it).
 */
export function claimOutcome(claimed: Cadre | undefined, claimedHasAccount: boolean): "merge" | "standalone" | "taken" {
  if (!claimed) return "standalone";
  return claimedHasAccount ? "taken" : "merge";
}

/**
 * The imported record once its claim is confirmed: what the claimant typed (and consented to), under
 * the imported record's id, approved. Classes and certificates keyed by that id stay with it, and so
 * does its history of posts and theory levels: a post or level typed other than the imported one is
 * held from the day of the claim (what reports about a past day read, ./posts and ./theory).
 */
export function confirmedClaim(claim: Cadre, imported: Cadre, decision: { by: string; at: string }): Cadre {
  const { claims: _, ...typed } = withLaterFields(claim, imported);
  const day = currentTheorySince(claim);
  const theory = theoryHistoryAfter(imported, claim.theoryLevel, day);
  const held = { ...imported, postSince: currentPostSince(imported) };
  const { postSince, formerPosts } = changePost(held, { unitId: claim.unitId, position: claim.position, electedOn: claim.electedOn }, day);
  const posts = { postSince, ...(formerPosts ? { formerPosts } : {}) };
  return { ...typed, ...theory, ...posts, id: imported.id, status: "approved", decidedBy: decision.by, decidedAt: decision.at };
}

/**
 * What a claim keeps of the imported record: the fields registration leaves to /hoso (the
 * professional level), when the claimant has not given them yet.
 */
export function withLaterFields<C extends Pick<Cadre, "professionalLevel">>(typed: C, imported: Pick<Cadre, "professionalLevel">): C {
  return typed.professionalLevel || !imported.professionalLevel ? typed : { ...typed, professionalLevel: imported.professionalLevel };
}
