/** Recording one certificate obtained outside the bot (R7), shared by `/chungchingoai` and the sheet import. */
import { audit } from "../../app/audit";
import type { Deps } from "../../app/deps";
import type { Certificate } from "../../domain/courses";
import type { OutsideKind } from "../../domain/outside-training";
import { meetsTheory } from "../../domain/plan";
import type { Cadre } from "../../domain/records";
import { changeTheory } from "../../domain/theory";
import type { Collections } from "../../store/store";

/** One certificate to record: what it is, its number, its date, who issued it. */
export interface Entry {
  kind: OutsideKind;
  number: string;
  issuedOn: string;
  issuer: string;
}

/**
 * Records a certificate inside the caller's transaction (audited); a theory diploma above the
 * recorded level raises it from its issue date (audited). Shared by the chat command and the sheet import.
 */
export async function recordIn(
  deps: Pick<Deps, "newId" | "now">,
  tx: Collections,
  actorId: string,
  cadre: Pick<Cadre, "id">,
  entry: Entry,
): Promise<Certificate> {
  const cert = await tx.certificates.put({
    id: deps.newId("k"),
    number: entry.number,
    personId: cadre.id,
    kind: entry.kind.kind,
    title: entry.kind.title,
    issuedOn: entry.issuedOn,
    origin: "outside",
    issuer: entry.issuer,
    ...(entry.kind.theoryLevel ? { theoryLevel: entry.kind.theoryLevel } : {}),
    recordedBy: actorId,
  });
  await audit(deps, tx, { actorId, action: "certificate.outside", subjectId: cadre.id, details: { kind: cert.kind } });
  const level = entry.kind.theoryLevel;
  const current = await tx.cadres.get(cadre.id);
  if (level && current && !meetsTheory(current.theoryLevel, level)) {
    // Held from the diploma's date, even when it is recorded later (see `changeTheory`).
    await tx.cadres.put(changeTheory(current, level, entry.issuedOn));
    await audit(deps, tx, { actorId, action: "cadre.edit", subjectId: cadre.id, details: { field: "theoryLevel", by: "outside" } });
  }
  return cert;
}
