/** The cadre regulation's findings (R6) in words: shared by `/dudieukien`, the needs review and the city report. */
import type { RuleFinding } from "../domain/cadre-rules";
import type { T } from "../i18n";

/**
 * One finding of the cadre regulation (R6) in words, quoting its rule's source, and "chưa kiểm
 * chứng" for a rule no admin has confirmed.
 * @example findingText(t, finding) // "Quá tuổi … — theo Quy chế … (chưa kiểm chứng)"
 */
export function findingText(t: T, f: RuleFinding): string {
  const what =
    f.kind === "theory"
      ? t("classes:eligibility.rule.theory", { level: t(`classes:theory.${f.level}`) })
      : t(`classes:eligibility.rule.${f.kind}`, { limit: f.limit, age: f.age });
  const verified = f.rule.verified ? "" : ` ${t("classes:eligibility.rule.unverified")}`;
  return `${what} — ${t("classes:eligibility.rule.source", { source: f.rule.source })}${verified}`;
}

/** A finding as a line under a person. */
export function findingLine(t: T, f: RuleFinding): string {
  return `   ⚠️ ${findingText(t, f)}`;
}
