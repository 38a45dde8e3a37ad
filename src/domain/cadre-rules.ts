/**
 * The cadre regulation's limits (R6) applied to one cadre, pure: the rules of the plan that match
 * the cadre's post and unit type, and what the cadre falls short of — each finding carries its
 * rule, so that it can quote the rule's source and whether it was verified.
 */
import { meetsTheory, type CadreRule, type Plan } from "./plan";
import type { Cadre, Unit } from "./records";

export type RuleFinding =
  | { rule: CadreRule; kind: "ageInPost"; limit: number; age: number }
  | { rule: CadreRule; kind: "ageAtElection"; limit: number; age: number }
  | { rule: CadreRule; kind: "theory"; level: NonNullable<CadreRule["minTheoryLevel"]> };

/** The rules of the plan for this post in this type of unit. */
export function rulesFor(plan: Pick<Plan, "cadreRules">, position: Cadre["position"], unitType: Unit["type"]): CadreRule[] {
  return plan.cadreRules.filter((r) => r.position === position && r.unitType === unitType);
}

/**
 * What a cadre falls short of under the regulation's rules, as of the local date `today`. Ages are
 * counted by birth year (the record keeps no birthday).
 * @example ruleFindings(plan, { position: "secretary", birthYear: 1988, theoryLevel: "basic" }, "agency", "2026-11-29")
 */
export function ruleFindings(
  plan: Pick<Plan, "cadreRules">,
  cadre: Pick<Cadre, "position" | "birthYear" | "theoryLevel" | "electedOn">,
  unitType: Unit["type"],
  today: string,
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const age = Number(today.slice(0, 4)) - cadre.birthYear;
  for (const rule of rulesFor(plan, cadre.position, unitType)) {
    if (rule.maxAge !== undefined && age > rule.maxAge) findings.push({ rule, kind: "ageInPost", limit: rule.maxAge, age });
    if (rule.maxAgeAtFirstElection !== undefined && cadre.electedOn) {
      const atElection = Number(cadre.electedOn.slice(0, 4)) - cadre.birthYear;
      if (atElection > rule.maxAgeAtFirstElection)
        findings.push({ rule, kind: "ageAtElection", limit: rule.maxAgeAtFirstElection, age: atElection });
    }
    if (rule.minTheoryLevel && !meetsTheory(cadre.theoryLevel, rule.minTheoryLevel))
      findings.push({ rule, kind: "theory", level: rule.minTheoryLevel });
  }
  return findings;
}
