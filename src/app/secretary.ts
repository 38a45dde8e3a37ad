/**
 * One Secretary per unit, as a change: the one who holds the post stays, every other approved
 * Secretary of the unit becomes an executive committee member from today, their Secretary post kept
 * in their history (`changePost`), each audited as `cadre.replace`. Shared by the approval of a new
 * Secretary and an admin's choice in a unit with two Secretaries from before the rule (`/chonbithu`).
 */
import { audit } from "./audit";
import { today, type Deps } from "./deps";
import { DomainError } from "./errors";
import { approversOf, secretariesOf } from "../domain/cadres";
import { changePost } from "../domain/posts";
import type { Cadre } from "../domain/records";
import type { Collections } from "../store/store";

/**
 * A unit's approved Secretary (the presumed one, see `approversOf`) and Deputies: who decides its
 * registrations and is told of its requests. Looked up by post (the embedded store finds by the first
 * field), so a few records are read, not the whole unit.
 * @example await unitOfficers(tx, "u01") // [binh (Secretary), chi (Deputy)]
 */
export async function unitOfficers(c: Pick<Collections, "cadres">, unitId: string): Promise<Cadre[]> {
  const [secretaries, deputies] = await Promise.all(
    (["secretary", "deputy"] as const).map((position) => c.cadres.find({ position, unitId, status: "approved" })),
  );
  return approversOf([...secretaries!, ...deputies!], unitId);
}

/**
 * Makes `kept` the one Secretary of their unit: the unit's other approved Secretaries become committee
 * members from today, history kept. Returns those replaced.
 * @example await store.transaction((tx) => keepOneSecretary(deps, tx, admin.id, binh)) // [an]
 */
export async function keepOneSecretary(
  deps: Pick<Deps, "now" | "config" | "newId">,
  tx: Collections,
  actorId: string,
  kept: Cadre,
): Promise<Cadre[]> {
  const day = today(deps);
  const replaced: Cadre[] = [];
  for (const c of secretariesOf(await tx.cadres.find({ unitId: kept.unitId }), kept.unitId)) {
    if (c.id === kept.id) continue;
    replaced.push(await tx.cadres.put(changePost(c, { unitId: c.unitId, position: "committee" }, day)));
    await audit(deps, tx, { actorId, action: "cadre.replace", subjectId: c.id, details: { by: kept.id } });
  }
  return replaced;
}

/**
 * An admin's choice in a unit with more than one Secretary: `personId`, one of them, keeps the post.
 * @throws DomainError `units:secretaries.notOne` when the person is no approved Secretary of the unit
 */
export async function chooseSecretary(
  deps: Pick<Deps, "now" | "config" | "newId">,
  tx: Collections,
  actorId: string,
  unitId: string,
  personId: string,
): Promise<{ kept: Cadre; replaced: Cadre[] }> {
  const kept = secretariesOf(await tx.cadres.find({ unitId }), unitId).find((c) => c.id === personId);
  if (!kept) throw new DomainError("units:secretaries.notOne", { id: personId });
  return { kept, replaced: await keepOneSecretary(deps, tx, actorId, kept) };
}
