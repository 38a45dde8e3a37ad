/**
 * Nomination rules, pure: R4 (only a holder of the title certificate may stand for a Youth Union
 * title) and R5 (a Secretary or Deputy below the plan's theory standard is in the needs review).
 */
import type { Certificate } from "./courses";
import { meetsTheory, type Plan } from "./plan";
import type { Cadre } from "./records";
import { oneSecretaryEach } from "./cadres";
import { audiencesOf, inAudience } from "./counting";

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

/** True for a course kind whose completers hold the title certificate (R4): the title-based class. */
export function isTitleKind(plan: Pick<Plan, "courseKinds">, kindId: string): boolean {
  return plan.courseKinds.some((k) => k.id === kindId && k.titleCertificate);
}

/**
 * Who waits for the next title-based class (R4, section IV): approved people in an audience of a
 * course kind giving the title certificate — by the plan's data, Secretaries, Deputies and the cadres
 * planned for those posts — who hold no title certificate. Derived from the records each time
 * (no list is stored); a unit's posts read with one Secretary (`oneSecretaryEach`). In the given order.
 * @example waitingForTitleClass(plan, cadres, certificates) // [an (Bí thư, no title certificate), …]
 */
export function waitingForTitleClass<C extends Cadre>(
  plan: Pick<Plan, "courseKinds" | "audiences">,
  cadres: readonly C[],
  certificates: readonly Pick<Certificate, "personId" | "title">[],
): C[] {
  const audiences = plan.courseKinds.filter((k) => k.titleCertificate).flatMap((k) => audiencesOf(plan, k.id));
  const titled = new Set(certificates.filter((c) => c.title).map((c) => c.personId));
  return oneSecretaryEach(cadres.filter((c) => c.status === "approved")).filter(
    (c) => !titled.has(c.id) && audiences.some((a) => inAudience(a, c)),
  );
}
