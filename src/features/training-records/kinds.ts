/**
 * The kinds of training done elsewhere, as people read and choose them: the plan's course kinds by
 * name, the political-theory levels, and "khác" — each with the word `/chungchingoai` takes.
 */
import type { Reply } from "../../app/messages";
import type { Plan } from "../../domain/plan";
import { type Locale, TheoryLevel } from "../../domain/records";
import { localeOfT, type T } from "../../i18n";

/** The word typed for each theory level (read back by `parseOutsideKind`). */
const THEORY_WORDS: Record<TheoryLevel, string | undefined> = {
  none: undefined,
  basic: "socap",
  intermediate: "trungcap",
  advanced: "caocap",
  bachelor: "cunhan",
};

/** A recorded kind in words, in the language of `t`: the plan's course kind, a theory level, or "khác". */
export function outsideKindLabel(plan: Pick<Plan, "courseKinds">, t: T, kind: string, locale: Locale = localeOfT(t)): string {
  const course = plan.courseKinds.find((k) => k.id === kind);
  if (course) return course.name[locale];
  const level = /^theory-(.+)$/.exec(kind)?.[1];
  return level ? theoryLabel(t, level) : t("trainingRecords:kinds.other");
}

/**
 * A theory diploma in words: "bằng lý luận chính trị trung cấp", "bằng cử nhân chính trị" inside a
 * sentence; as an option to choose (`choice`), capitalised like the course kinds beside it.
 */
function theoryLabel(t: T, level: string, choice = false): string {
  const suffix = choice ? "Choice" : "";
  return level === "bachelor"
    ? t(`trainingRecords:kinds.bachelor${suffix}`)
    : t(`trainingRecords:kinds.theory${suffix}`, { level: t(`classes:theory.${level}`) });
}

/** Every kind one may record, as [label, word typed]: course kinds without a theory level, theory levels, khác. */
export function outsideKindChoices(plan: Pick<Plan, "courseKinds">, t: T): [string, string][] {
  const locale = localeOfT(t);
  const courses = plan.courseKinds.filter((k) => !k.theoryLevel).map((k): [string, string] => [k.name[locale], k.id]);
  const levels = TheoryLevel.options.flatMap((l): [string, string][] => {
    const word = THEORY_WORDS[l];
    return word ? [[theoryLabel(t, l, true), word]] : [];
  });
  return [...courses, ...levels, [t("trainingRecords:kinds.otherChoice"), "khac"]];
}

/** The kinds to choose from, as buttons that carry the cadre (when an officer records for one). */
export function chooseKind(plan: Pick<Plan, "courseKinds">, t: T, cadreId?: string): Reply {
  const prefix = cadreId ? `/chungchingoai ${cadreId}` : "/chungchingoai";
  return {
    text: t("trainingRecords:chooseKind"),
    buttons: outsideKindChoices(plan, t).map(([label, word]) => [{ label, data: `${prefix} ${word}` }]),
  };
}

/**
 * After a kind is chosen: the certificate's number, date and issuer to type, with an example. The
 * kind is named as the list offered it ("Bằng lý luận chính trị trung cấp", not the class kind).
 */
export function askRest(plan: Pick<Plan, "courseKinds">, t: T, kindWord: string, kind: string): Reply {
  const offered = outsideKindChoices(plan, t).find(([, word]) => word === kindWord.toLowerCase())?.[0];
  return { text: t("trainingRecords:askRest", { kind: offered ?? outsideKindLabel(plan, t, kind) }) };
}
