/**
 * A registration that claims an imported record (`Cadre.claims`, rules in `src/domain/claims.ts`):
 * what the approver is shown beside what was typed, and what confirming it does. Until then the
 * imported record is untouched and the claimant sees only their own pending record.
 */
import type { Actor } from "../../app/actor";
import { audit } from "../../app/audit";
import type { Deps } from "../../app/deps";
import { DomainError } from "../../app/errors";
import { canActOnUnit } from "../../app/permissions";
import { claimOutcome, confirmedClaim, withLaterFields } from "../../domain/claims";
import type { Certificate } from "../../domain/courses";
import type { Cadre, Unit } from "../../domain/records";
import type { T } from "../../i18n";
import { dmy } from "../../domain/zoned-time";
import type { Collections, Store } from "../../store/store";
import { mergePersonInto } from "../accounts/merge";
import { cadreRows } from "../cadres/labels";

/** Most certificates listed by name in a claim; the rest are counted. */
const CERTIFICATES_SHOWN = 5;

/** The claimed record as the approver sees it: the record, its unit, certificates and classes. */
export interface ClaimView {
  imported: Cadre;
  unit: Unit | undefined;
  certificates: Certificate[];
  enrolments: number;
}

/** What a pending registration claims, or undefined when it claims nothing (or the record is gone). */
export async function claimViewOf(
  store: Pick<Store, "cadres" | "units" | "certificates" | "enrollments">,
  cadre: Cadre,
): Promise<ClaimView | undefined> {
  const imported = cadre.status === "pending" && cadre.claims ? await store.cadres.get(cadre.claims) : undefined;
  if (!imported) return undefined;
  return {
    imported,
    unit: await store.units.get(imported.unitId),
    certificates: await store.certificates.find({ personId: imported.id }),
    enrolments: (await store.enrollments.find({ personId: imported.id })).length,
  };
}

/** The claim, side by side: each field as imported and as typed, then the certificates and classes it holds. */
export function claimLines(t: T, typed: Cadre, typedUnit: Unit | undefined, view: ClaimView, timeZone: string): string[] {
  const theirs = cadreRows(t, view.imported, view.unit, true);
  const typedRows = cadreRows(t, withLaterFields(typed, view.imported), typedUnit, true);
  const rows = theirs.map(([field, imported], i) => t("registration:claim.row", { field, imported, typed: typedRows[i]![1] }));
  const certs = view.certificates.slice(0, CERTIFICATES_SHOWN).map((c) =>
    t("registration:claim.certificate", {
      number: c.number,
      date: dmy(c.issuedOn),
      title: c.title ? t("registration:claim.titleCertificate") : "",
    }),
  );
  const more =
    view.certificates.length > CERTIFICATES_SHOWN
      ? [t("registration:claim.moreCertificates", { count: view.certificates.length - CERTIFICATES_SHOWN })]
      : [];
  return [
    t("registration:claim.heading", { id: view.imported.id }),
    t("registration:claim.columns"),
    ...rows,
    t("registration:claim.certificates", { count: view.certificates.length }),
    ...certs,
    ...more,
    t("registration:claim.enrolments", { count: view.enrolments }),
    t("registration:claim.whatApprovalDoes"),
  ];
}

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
  if (!canActOnUnit(actor, target.unitId)) throw new DomainError("cadres:errors.otherUnit");
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
