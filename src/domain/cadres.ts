/** Pure rules about cadres: who approves whom, consent purposes, roster counts and training status. */
import type { Certificate, Enrollment } from "./courses";
import type { Cadre, Position, Unit } from "./records";
import { compareVi } from "./text";

/**
 * Purposes a person consents to, one by one (Law 91/2025/QH15). `training` is the basis of the
 * record itself (roster and classes); `contact` covers the phone number.
 */
export const consentPurposes = ["training", "contact"] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];
/** Without this purpose nothing is stored. */
export const basePurpose: ConsentPurpose = "training";

/** Secretaries and Deputies head a unit: they approve its registrations once approved themselves. */
export function isOfficerPosition(position: Position): boolean {
  return position === "secretary" || position === "deputy";
}

/** The approved Secretaries and Deputies of a unit: they decide its registrations. */
export function approversOf(cadres: readonly Cadre[], unitId: string): Cadre[] {
  return cadres.filter((c) => c.unitId === unitId && c.status === "approved" && isOfficerPosition(c.position));
}

export interface UnitCount {
  unit: Unit;
  approved: number;
  pending: number;
}

/** Each unit with its approved and pending cadres, in the units' order. */
export function unitCounts(units: readonly Unit[], cadres: readonly Cadre[]): UnitCount[] {
  const counts = new Map(units.map((u) => [u.id, { unit: u, approved: 0, pending: 0 }]));
  for (const c of cadres) {
    const row = counts.get(c.unitId);
    if (row && c.status === "approved") row.approved++;
    else if (row && c.status === "pending") row.pending++;
  }
  return [...counts.values()];
}

export type TrainingStatus = "titleCertified" | "fostered" | "enrolled" | "none";

/** Where a cadre stands in training: title certificate > any certificate > enrolled in a class > none. */
export function trainingStatus(
  personId: string,
  certificates: readonly Pick<Certificate, "personId" | "title">[],
  enrollments: readonly Pick<Enrollment, "personId" | "status">[],
): TrainingStatus {
  const mine = certificates.filter((c) => c.personId === personId);
  if (mine.some((c) => c.title)) return "titleCertified";
  if (mine.length > 0) return "fostered";
  return enrollments.some((e) => e.personId === personId && e.status === "enrolled") ? "enrolled" : "none";
}

const positionOrder: Record<Position, number> = { secretary: 0, deputy: 1, committee: 2, lecturer: 3, member: 4 };

/** A unit's roster order: Secretary first, then Deputies, committee, lecturers, members; by name within. */
export function rosterOrder(a: Cadre, b: Cadre): number {
  return positionOrder[a.position] - positionOrder[b.position] || compareVi(a.fullName, b.fullName);
}

/** Fields of a cadre a roster file carries; equal on all of them means an import changes nothing. */
export const rosterFields = [
  "fullName",
  "unitId",
  "position",
  "electedOn",
  "theoryLevel",
  "professionalLevel",
  "birthYear",
  "phone",
  "jobPosition",
  "civilServiceGrade",
  "status",
] as const satisfies readonly (keyof Cadre)[];

/** True when two records agree on every roster field, the marks a roster carries (planned for a post, lecturer) and the consent given. */
export function sameRosterEntry(a: Cadre, b: Cadre): boolean {
  return (
    rosterFields.every((f) => a[f] === b[f]) &&
    a.plannedFor === b.plannedFor &&
    (a.lecturer ?? false) === (b.lecturer ?? false) &&
    a.consent.at === b.consent.at &&
    [...a.consent.purposes].sort().join() === [...b.consent.purposes].sort().join()
  );
}
