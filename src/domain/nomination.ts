/**
 * Nomination rules, pure: R4 (only a holder of the title certificate may stand for a Youth Union
 * title) and R5 (a Secretary or Deputy below the plan's theory standard is in the needs review).
 */
import type { Certificate } from "./courses";
import { meetsTheory, type Plan } from "./plan";
import type { Cadre } from "./records";

/** What a person lacks to stand for a title. */
export type Lack = "titleCertificate" | "theory";

/** The lacks of one cadre, given their certificates; empty when they may stand (R4, with the theory standard). */
export function lacksForTitle(plan: Plan, cadre: Pick<Cadre, "theoryLevel">, certificates: readonly Certificate[]): Lack[] {
  const lacks: Lack[] = [];
  if (!certificates.some((c) => c.title)) lacks.push("titleCertificate");
  if (!meetsTheory(cadre.theoryLevel, plan.theoryStandard)) lacks.push("theory");
  return lacks;
}

/** R5: a Secretary or Deputy below the theory standard belongs in the unit's needs review. */
export function inNeedsReview(plan: Plan, cadre: Pick<Cadre, "position" | "theoryLevel">): boolean {
  return (cadre.position === "secretary" || cadre.position === "deputy") && !meetsTheory(cadre.theoryLevel, plan.theoryStandard);
}
