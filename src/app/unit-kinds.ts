/** The kinds of unit (agency, public service unit, enterprise), read from a code, a label in either language, or 1–3. */
import { UnitKind } from "../domain/records";
import { fold } from "../domain/text";
import { locales, translator } from "../i18n";

/**
 * The kind a person or a sheet wrote.
 * @example readKindLabel("Đơn vị sự nghiệp") // "public-service"
 */
export function readKindLabel(input: string): UnitKind | undefined {
  const f = fold(input);
  const n = Number(f);
  if (f && Number.isInteger(n) && n >= 1 && n <= UnitKind.options.length) return UnitKind.options[n - 1];
  return UnitKind.options.find((k) => fold(k) === f || locales.some((l) => fold(translator(l)(`units:kinds.${k}`)) === f));
}
