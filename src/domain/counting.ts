/**
 * Who and what counts toward the plan's targets, read from the plan's data (never literals):
 * which posts make a cadre, which certificates satisfy a target, who belongs to an audience.
 */
import type { Certificate } from "./courses";
import type { Audience, Plan, Target, TargetMeasure } from "./plan";
import type { Cadre } from "./records";

/** True when the person holds a post the plan counts as a cadre's (cán bộ Đoàn); members are not cadres. */
export function isCadre(plan: Pick<Plan, "cadrePositions">, cadre: Pick<Cadre, "position">): boolean {
  return plan.cadrePositions.includes(cadre.position);
}

/** True for a bloc-level lecturer: marked as one, or listed with the lecturer position and no post. */
export function isLecturer(cadre: Pick<Cadre, "position" | "lecturer">): boolean {
  return cadre.lecturer === true || cadre.position === "lecturer";
}

/** The plan's target for a measure, if it sets one. */
export function targetFor(plan: Pick<Plan, "targets">, measure: TargetMeasure): Target | undefined {
  return plan.targets.find((t) => t.measure === measure);
}

/** The percent a measure aims at: the plan's figure, or 100 when the plan sets no target for it. */
export function targetPercent(plan: Pick<Plan, "targets">, measure: TargetMeasure): number {
  return targetFor(plan, measure)?.percent ?? 100;
}

/** True when a certificate of this kind satisfies the target measuring `measure` (any kind when the plan lists none). */
export function satisfies(plan: Pick<Plan, "targets">, measure: TargetMeasure, certificate: Pick<Certificate, "kind">): boolean {
  const kinds = targetFor(plan, measure)?.certificateKinds;
  return !kinds || kinds.includes(certificate.kind);
}

/** True when a person belongs to an audience: by post, by the post they are planned for, or as a lecturer. */
export function inAudience(audience: Audience, cadre: Pick<Cadre, "position" | "plannedFor" | "lecturer">): boolean {
  return (
    audience.positions.includes(cadre.position) ||
    (!!cadre.plannedFor && audience.plannedFor.includes(cadre.plannedFor)) ||
    (audience.lecturers && isLecturer(cadre))
  );
}

/** The audiences of a course kind (R1), in the plan's order. */
export function audiencesOf(plan: Pick<Plan, "audiences" | "courseKinds">, kindId: string): Audience[] {
  const kind = plan.courseKinds.find((k) => k.id === kindId);
  return kind ? plan.audiences.filter((a) => kind.audiences.includes(a.id)) : [];
}
