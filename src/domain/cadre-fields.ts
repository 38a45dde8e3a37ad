/**
 * Reading what a person types (or a roster cell holds) into the fields of a cadre record.
 * Each parser returns the canonical value or the locale key of the reason it was refused;
 * the limits themselves are the `Cadre` schema's.
 */
import { readDate } from "./date-input";
import { lengthLimits, numberLimits } from "./limits";
import { Cadre } from "./records";
import { tidy } from "./text";

export type Parsed<T> = { value: T } | { error: string; vars?: Record<string, unknown> };

const shape = Cadre.shape;
const NAME = lengthLimits(shape.fullName);
const BIRTH_YEAR = numberLimits(shape.birthYear);

/** True when a parse succeeded. */
export function ok<T>(p: Parsed<T>): p is { value: T } {
  return "value" in p;
}

/**
 * A full name: letters with diacritics and spaces, stored in Unicode NFC.
 * @example parseFullName("  Nguyễn   Văn An ") // { value: "Nguyễn Văn An" }
 */
export function parseFullName(input: string): Parsed<string> {
  const name = tidy(input);
  if (!name) return { error: "cadres:invalid.nameEmpty" };
  if (name.length > NAME.max) return { error: "cadres:invalid.nameLong", vars: NAME };
  if (name.length < NAME.min) return { error: "cadres:invalid.nameShort", vars: NAME };
  return shape.fullName.safeParse(name).success ? { value: name } : { error: "cadres:invalid.nameLetters" };
}

/**
 * True when a full name looks unlike one typed in full with diacritics: a single word, or no
 * Vietnamese mark at all. Some names are legitimately so: the person is asked to confirm, not refused.
 * @example nameNeedsCheck("Nguyen Van An") // true
 */
export function nameNeedsCheck(name: string): boolean {
  const words = name.trim().split(/\s+/);
  const unaccented = name.normalize("NFD").replace(/\p{M}/gu, "") === name.normalize("NFD") && !/[đĐ]/.test(name);
  return words.length < 2 || unaccented;
}

/**
 * A Vietnamese mobile number in the form 0xxxxxxxxx; accepts +84/84 prefixes, spaces, dots and dashes,
 * and the nine digits a spreadsheet leaves when it drops the leading zero.
 * @example parsePhone("+84 912.345.678") // { value: "0912345678" }
 */
export function parsePhone(input: string): Parsed<string> {
  let digits = tidy(input).replace(/[\s.()-]/g, "");
  if (digits.startsWith("+84")) digits = `0${digits.slice(3)}`;
  else if (/^84\d{9}$/.test(digits)) digits = `0${digits.slice(2)}`;
  else if (/^[35789]\d{8}$/.test(digits)) digits = `0${digits}`;
  return shape.phone.safeParse(digits).success && digits ? { value: digits } : { error: "cadres:invalid.phone" };
}

/** A year of birth within the schema's limits. */
export function parseBirthYear(input: string): Parsed<number> {
  const text = tidy(input);
  if (!/^\d{4}$/.test(text)) return { error: "cadres:invalid.birthYear", vars: BIRTH_YEAR };
  const year = Number(text);
  return shape.birthYear.safeParse(year).success ? { value: year } : { error: "cadres:invalid.birthYear", vars: BIRTH_YEAR };
}

/**
 * A past date typed as dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd), as ISO yyyy-mm-dd.
 * Refuses impossible dates (31/02), dates after `today` (ISO) and dates before 1975.
 */
export function parsePastDate(input: string, today: string): Parsed<string> {
  const read = readDate(tidy(input));
  if (!("date" in read)) return { error: read.problem === "calendar" ? "cadres:invalid.dateImpossible" : "cadres:invalid.dateFormat" };
  if (read.date > today) return { error: "cadres:invalid.dateFuture" };
  if (read.date < "1975-01-01") return { error: "cadres:invalid.dateTooOld" };
  return { value: read.date };
}

const JOB = lengthLimits(Cadre.shape.jobPosition.unwrap());

/**
 * A job position or civil-service grade as written (spaces tidied); "-" clears it.
 * @example parseJobText(" chuyên  viên ") // { value: "chuyên viên" }
 */
export function parseJobText(input: string): Parsed<string | undefined> {
  const text = tidy(input);
  if (text === "-") return { value: undefined };
  if (text.length < JOB.min || text.length > JOB.max) return { error: "cadres:invalid.jobText", vars: JOB };
  return { value: text };
}
