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

/** The approved Secretaries and Deputies of a unit: they decide its registrations (one Secretary, see `oneSecretaryEach`). */
export function approversOf(cadres: readonly Cadre[], unitId: string): Cadre[] {
  // oneSecretaryEach only reads a surplus Secretary as a committee member: the others may be left out first.
  return oneSecretaryEach(cadres.filter((c) => c.unitId === unitId && c.status === "approved" && isOfficerPosition(c.position))).filter(
    (c) => isOfficerPosition(c.position),
  );
}

/** The approved Secretaries of a unit: one by the rule (a unit has one Secretary), more only in data from before it. */
export function secretariesOf<C extends Pick<Cadre, "unitId" | "status" | "position">>(cadres: readonly C[], unitId: string): C[] {
  return cadres.filter((c) => c.unitId === unitId && c.status === "approved" && c.position === "secretary");
}

/**
 * The day a Secretary took the post, for the rule below and a roster import's: the election date,
 * else the post's start, else the registration day.
 * @example tookPostOn(binh) // "2025-10-15"
 */
export function tookPostOn(c: Pick<Cadre, "electedOn" | "postSince" | "registeredAt">): string {
  return c.electedOn ?? c.postSince ?? c.registeredAt.slice(0, 10);
}

/**
 * Of two or more Secretaries of one unit (data from before the rule, until an admin chooses), the
 * one counts and contact lists take: **the latest elected** (election date, else the post's start,
 * else the registration day; then the latest registered, then the record id). The one home of that rule.
 * @example presumedSecretary([an, binh]) // Bình, elected 15/10/2025 after An (01/06/2024)
 */
export function presumedSecretary<C extends Pick<Cadre, "id" | "electedOn" | "postSince" | "registeredAt">>(
  secretaries: readonly C[],
): C | undefined {
  return [...secretaries].sort(
    (a, b) => tookPostOn(b).localeCompare(tookPostOn(a)) || b.registeredAt.localeCompare(a.registeredAt) || b.id.localeCompare(a.id),
  )[0];
}

/**
 * The records as counts and contact lists read them: in a unit with more than one approved
 * Secretary, all but the presumed one (`presumedSecretary`) read as executive committee members.
 * The records themselves are unchanged until an admin chooses (`/bithu`). Records of other units
 * and other posts come back as they are, in the same order.
 * @example oneSecretaryEach(cadres) // u01's An reads as "committee" while Bình, elected later, stays Secretary
 */
export function oneSecretaryEach<
  C extends Pick<Cadre, "id" | "unitId" | "status" | "position" | "electedOn" | "postSince" | "registeredAt">,
>(cadres: readonly C[]): C[] {
  const byUnit = new Map<string, C[]>();
  for (const c of cadres) {
    if (c.status !== "approved" || c.position !== "secretary") continue;
    const list = byUnit.get(c.unitId);
    if (list) list.push(c);
    else byUnit.set(c.unitId, [c]);
  }
  const surplus = new Set<string>();
  for (const list of byUnit.values()) {
    if (list.length < 2) continue;
    const kept = presumedSecretary(list)!;
    for (const c of list) if (c.id !== kept.id) surplus.add(c.id);
  }
  return surplus.size ? cadres.map((c) => (surplus.has(c.id) ? { ...c, position: "committee" } : c)) : [...cadres];
}

/** Units with more than one approved Secretary (data from before the rule), each with them, the presumed one first. */
export function unitsWithTwoSecretaries<
  C extends Pick<Cadre, "id" | "unitId" | "status" | "position" | "electedOn" | "postSince" | "registeredAt">,
>(cadres: readonly C[]): { unitId: string; secretaries: C[] }[] {
  const byUnit = new Map<string, C[]>();
  for (const c of cadres) {
    let list = byUnit.get(c.unitId);
    if (!list) byUnit.set(c.unitId, (list = []));
    if (c.status === "approved" && c.position === "secretary") list.push(c);
  }
  return [...byUnit]
    .filter(([, list]) => list.length > 1)
    .map(([unitId, list]) => {
      const kept = presumedSecretary(list)!;
      return { unitId, secretaries: [kept, ...list.filter((c) => c.id !== kept.id)] };
    });
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
