/**
 * Training done elsewhere (R7), pure: what kinds may be recorded (a course kind of the plan, a
 * political-theory level, or "khác"), and the checks on a record — a date neither in the future nor
 * before the person could have studied (birth year + 15), a number not already recorded for the
 * same issuer. Each refusal names its field.
 */
import type { Certificate } from "./courses";
import { OTHER_KIND, type Plan } from "./plan";
import type { Cadre, TheoryLevel } from "./records";
import { fold } from "./text";

/** What a recorded certificate is: its kind, whether it is the title certificate, the theory level it certifies. */
export interface OutsideKind {
  kind: string;
  title: boolean;
  theoryLevel?: TheoryLevel;
}

/** Words typed for a political-theory diploma → the level. */
const theoryWords: Record<string, TheoryLevel> = { socap: "basic", trungcap: "intermediate", caocap: "advanced", cunhan: "bachelor" };

/** Reads the kind typed by a person: a course kind id of the plan, a theory level word, or `khac`. */
export function parseOutsideKind(plan: Pick<Plan, "courseKinds">, word: string): OutsideKind | undefined {
  const w = fold(word).replace(/\s+/g, "");
  if (w === "khac" || w === OTHER_KIND) return { kind: OTHER_KIND, title: false };
  const level = theoryWords[w];
  if (level) {
    const kind = plan.courseKinds.find((k) => k.theoryLevel === level);
    return { kind: kind?.id ?? `theory-${level}`, title: false, theoryLevel: level };
  }
  const kind = plan.courseKinds.find((k) => k.id === word.trim().toLowerCase());
  return kind ? { kind: kind.id, title: kind.titleCertificate, ...(kind.theoryLevel ? { theoryLevel: kind.theoryLevel } : {}) } : undefined;
}

/** Why a record of training done elsewhere is refused, with the field it concerns. */
export type OutsideProblem =
  | { field: "issuedOn"; reason: "future" | "beforeStudyAge"; earliest?: string }
  | { field: "number"; reason: "duplicate" };

/**
 * Checks a record against the person and the certificates already held (R7).
 * @example outsideProblem({ number: "12", issuer: "Trường Chính trị", issuedOn: "2031-01-01" }, cadre, [], "2026-11-29") // { field: "issuedOn", reason: "future" }
 */
export function outsideProblem(
  record: { number: string; issuer: string; issuedOn: string },
  cadre: Pick<Cadre, "birthYear">,
  existing: readonly Pick<Certificate, "number" | "issuer">[],
  today: string,
): OutsideProblem | undefined {
  if (record.issuedOn > today) return { field: "issuedOn", reason: "future" };
  const earliest = `${cadre.birthYear + 15}-01-01`;
  if (record.issuedOn < earliest) return { field: "issuedOn", reason: "beforeStudyAge", earliest };
  const key = (n: string, i: string | undefined) => `${fold(n)}|${fold(i ?? "")}`;
  if (existing.some((c) => key(c.number, c.issuer) === key(record.number, record.issuer))) return { field: "number", reason: "duplicate" };
  return undefined;
}
