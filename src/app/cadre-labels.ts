/** Labels of the cadre enums in the person's language, and reading a typed label or code back. */
import { ProfessionalLevel, Position, TheoryLevel, type Cadre, type Unit } from "../domain/records";
import { fold } from "../domain/text";
import { formatDate, locales, translator, type T } from "../i18n";
import type { Button } from "./messages";

export const enums = {
  position: Position.options,
  theoryLevel: TheoryLevel.options,
  professionalLevel: ProfessionalLevel.options,
} as const;
export type EnumField = keyof typeof enums;

/** The label of an enum value: `label(t, "position", "secretary")` → "Bí thư". */
export function label(t: T, field: EnumField, value: string): string {
  if (field === "position") return t(`cadres:positions.${value}`);
  if (field === "theoryLevel") return t(`cadres:theoryLevels.${value}`);
  return t(`cadres:professionalLevels.${value}`);
}

/** One button per value, its data the value's code. */
export function choiceButtons(t: T, field: EnumField): Button[] {
  return enums[field].map((v) => ({ label: label(t, field, v), data: v }));
}

/**
 * A lookup from codes and labels in every language (folded) to values, built once.
 * @example const read = foldedLookup(["a", "b"], (t, v) => t(`x:${v}`)); read("B") // "b"
 */
export function foldedLookup<V extends string>(
  values: readonly V[],
  labelOf: (t: T, value: V) => string,
): (input: string) => V | undefined {
  let table: Map<string, V> | undefined;
  return (input) => {
    table ??= new Map(values.flatMap((v) => [[fold(v), v] as const, ...locales.map((l) => [fold(labelOf(translator(l), v)), v] as const)]));
    const folded = fold(input);
    return folded ? table.get(folded) : undefined;
  };
}

const readers = {
  position: foldedLookup(enums.position, (t, v) => label(t, "position", v)),
  theoryLevel: foldedLookup(enums.theoryLevel, (t, v) => label(t, "theoryLevel", v)),
  professionalLevel: foldedLookup(enums.professionalLevel, (t, v) => label(t, "professionalLevel", v)),
};

/** Reads a code or a label typed in either language (ignoring diacritics and case). */
export function readChoice<F extends EnumField>(field: F, input: string): (typeof enums)[F][number] | undefined {
  return readers[field](input) as (typeof enums)[F][number] | undefined;
}

type Described = Partial<
  Pick<Cadre, "fullName" | "unitId" | "position" | "electedOn" | "theoryLevel" | "professionalLevel" | "birthYear" | "phone">
>;

/**
 * The record as `[label, value]` rows; the election date only when given, or when `withElectedOn`;
 * the professional level left out while not given when `laterLeftOut` (registration asks it in /hoso).
 */
export function cadreRows(t: T, c: Described, unit: Unit | undefined, withElectedOn = false, laterLeftOut = false): [string, string][] {
  const none = t("cadres:fields.none");
  const rows: [string, string][] = [
    [t("cadres:fields.fullName"), c.fullName ?? none],
    [t("cadres:fields.unit"), unit?.name ?? c.unitId ?? none],
    [t("cadres:fields.position"), c.position ? label(t, "position", c.position) : none],
  ];
  if (c.electedOn || withElectedOn)
    rows.push([t("cadres:fields.electedOn"), c.electedOn ? formatDate(`${c.electedOn}T00:00:00Z`, "UTC") : none]);
  rows.push([t("cadres:fields.theoryLevel"), c.theoryLevel ? label(t, "theoryLevel", c.theoryLevel) : none]);
  if (c.professionalLevel || !laterLeftOut)
    rows.push([t("cadres:fields.professionalLevel"), c.professionalLevel ? label(t, "professionalLevel", c.professionalLevel) : none]);
  rows.push(
    [t("cadres:fields.birthYear"), c.birthYear !== undefined ? String(c.birthYear) : none],
    [t("cadres:fields.phone"), c.phone ?? none],
  );
  return rows;
}

/** The record as lines `Label: value`, for summaries and /hoso. */
export function describeCadre(t: T, c: Described, unit: Unit | undefined, laterLeftOut = false): string[] {
  return cadreRows(t, c, unit, false, laterLeftOut).map(([l, v]) => `${l}: ${v}`);
}
