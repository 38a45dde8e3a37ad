/**
 * One roster row checked cell by cell: every field by the same rules the registration wizard uses.
 * A problem names the row, the column and the reason (as a locale key and its values).
 */
import { ok, parseBirthYear, parseFullName, parsePastDate, parsePhone, type Parsed } from "../../domain/cadre-fields";
import { basePurpose, consentPurposes, isOfficerPosition } from "../../domain/cadres";
import { Cadre, Id, PlannedPost } from "../../domain/records";
import { fold } from "../../domain/text";
import { translator } from "../../i18n";
import { enums, foldedLookup, label, readChoice, type EnumField } from "../../app/cadre-labels";
import type { Column, FileRow } from "./roster-file";

export interface RowProblem {
  row: number;
  column: Column;
  key: string;
  vars?: Record<string, unknown>;
}

/** A row that passed: the roster fields, the consent day, and the id when the file gave one. */
export interface RowEntry {
  row: number;
  id?: string;
  fields: Pick<
    Cadre,
    "fullName" | "unitId" | "position" | "electedOn" | "theoryLevel" | "professionalLevel" | "birthYear" | "phone" | "status"
  >;
  purposes: string[];
  /** yyyy-mm-dd the consent was given. */
  consentDay: string;
  /** The marks the sheet sets: a key is absent when the sheet has no such column (the mark stays as it was). */
  marks: { plannedFor?: PlannedPost | null; lecturer?: boolean };
}

export interface RowContext {
  /** The unit a row names (by code or by name; see import-units.ts), or why it names none. */
  unitOf(cells: FileRow["cells"]): Parsed<string> & { column?: Column };
  /** Today, yyyy-mm-dd. */
  today: string;
  /** The columns the sheet has: an empty cell of a mark's column clears the mark, a missing column keeps it. */
  columns?: ReadonlySet<Column>;
}

const readPlannedPost = foldedLookup(PlannedPost.options, (t, p) => t(`cadreMarks:posts.${p}`));
const yesNo = foldedLookup(["yes", "no"] as const, (t, v) => t(`rosters:marks.${v}`));
const extraYes = new Set(["x", "1", "co", "true"]);
const extraNo = new Set(["0", "khong", "false"]);

/** A yes/no cell: "Có", "x", "1", "yes" or "Không", "0", "no" (either language). */
function readYesNo(text: string): boolean | undefined {
  const f = fold(text);
  if (extraYes.has(f)) return true;
  if (extraNo.has(f)) return false;
  const v = yesNo(text);
  return v === undefined ? undefined : v === "yes";
}

const readStatus = foldedLookup(Cadre.shape.status.options, (t, s) => t(`cadres:statuses.${s}`));
const readPurpose = foldedLookup(consentPurposes, (t, p) => t(`cadres:purposes.${p}`));

/** Purposes separated by semicolons or new lines (a label may hold a comma); codes may also be comma-separated. */
function readPurposes(text: string): string[] | undefined {
  const parts = text.split(/[;\n]/).filter((p) => fold(p));
  const read = parts.flatMap((p) => {
    const whole = readPurpose(p);
    return whole
      ? [whole]
      : p
          .split(",")
          .filter((q) => fold(q))
          .map(readPurpose);
  });
  return read.length && read.every(Boolean) ? [...new Set(read as string[])] : undefined;
}

const orError = <V>(value: V | undefined, error: string): Parsed<V> => (value === undefined ? { error } : { value });

type Check = <V>(column: Column, parsed: Parsed<V>) => V | undefined;

function choice<F extends EnumField>(check: Check, field: F, text: string | undefined): (typeof enums)[F][number] | undefined {
  const value = text ? readChoice(field, text) : undefined;
  if (value) return value;
  const allowed = enums[field].map((v) => label(translator("vi"), field, v)).join(", ");
  return check<(typeof enums)[F][number]>(field, {
    error: text ? "rosters:import.badChoice" : "rosters:import.required",
    vars: { allowed },
  });
}

function required(text: string | undefined, parse: (s: string) => Parsed<any>): Parsed<any> {
  return text ? parse(text) : { error: "rosters:import.required" };
}

/** Checks one row; returns the entry or every problem found in it. */
export function readRow(row: FileRow, env: RowContext): { entry?: RowEntry; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const c = row.cells;
  const check: Check = (column, parsed) => {
    if (ok(parsed)) return parsed.value;
    problems.push({ row: row.row, column, key: parsed.error, vars: parsed.vars });
    return undefined;
  };
  const id = c.id ? check("id", Id.safeParse(c.id).success ? { value: c.id } : { error: "rosters:import.badId" }) : undefined;
  const fullName = check("fullName", required(c.fullName, parseFullName));
  const unitRead = env.unitOf(c);
  const unitId = check(unitRead.column ?? (c.unitId || !c.unitName ? "unitId" : "unitName"), unitRead);
  const position = choice(check, "position", c.position);
  const officer = position !== undefined && isOfficerPosition(position);
  const electedOn = officer && c.electedOn ? check("electedOn", parsePastDate(c.electedOn, env.today)) : undefined;
  const theoryLevel = choice(check, "theoryLevel", c.theoryLevel);
  const professionalLevel = c.professionalLevel ? choice(check, "professionalLevel", c.professionalLevel) : undefined;
  const birthYear = check("birthYear", required(c.birthYear, parseBirthYear));
  const phone = c.phone ? check("phone", parsePhone(c.phone)) : undefined;
  const status = check("status", orError(c.status ? readStatus(c.status) : "approved", "rosters:import.badStatus"));
  const purposes = check(
    "consentPurposes",
    orError(c.consentPurposes ? readPurposes(c.consentPurposes) : [basePurpose], "rosters:import.badPurposes"),
  );
  const consentDay = check(
    "consentAt",
    required(c.consentAt, (s) => parsePastDate(s, env.today)),
  );
  const marks: RowEntry["marks"] = {};
  if (env.columns?.has("plannedFor")) {
    const read = c.plannedFor ? readPlannedPost(c.plannedFor) : null;
    const allowed = PlannedPost.options.map((p) => translator("vi")(`cadreMarks:posts.${p}`)).join(", ");
    const post = check("plannedFor", read === undefined ? { error: "rosters:import.badChoice", vars: { allowed } } : { value: read });
    if (post !== undefined) marks.plannedFor = post;
  }
  if (env.columns?.has("lecturer")) {
    const lecturer = c.lecturer ? check("lecturer", orError(readYesNo(c.lecturer), "rosters:import.badYesNo")) : false;
    if (lecturer !== undefined) marks.lecturer = lecturer;
  }
  if (purposes && !purposes.includes(basePurpose))
    problems.push({ row: row.row, column: "consentPurposes", key: "rosters:import.baseConsentMissing" });
  if (phone && purposes && !purposes.includes("contact"))
    problems.push({ row: row.row, column: "phone", key: "rosters:import.phoneNeedsConsent" });
  if (problems.length) return { problems };
  return {
    problems,
    entry: {
      row: row.row,
      id,
      fields: {
        fullName: fullName!,
        unitId: unitId!,
        position: position!,
        electedOn,
        theoryLevel: theoryLevel!,
        professionalLevel,
        birthYear: birthYear!,
        phone,
        status: status!,
      },
      purposes: purposes!,
      consentDay: consentDay!,
      marks,
    },
  };
}

/**
 * The marks of a cadre after an import: the sheet's where it has the column, else as they were. A
 * lecturer cell left empty for someone never marked keeps the record as it was (no mark at all).
 */
export function marksAfter(
  existing: Pick<Cadre, "plannedFor" | "lecturer"> | undefined,
  marks: RowEntry["marks"],
): Pick<Cadre, "plannedFor" | "lecturer"> {
  const plannedFor = marks.plannedFor === undefined ? existing?.plannedFor : (marks.plannedFor ?? undefined);
  const lecturer =
    marks.lecturer === undefined || (!marks.lecturer && existing?.lecturer === undefined) ? existing?.lecturer : marks.lecturer;
  return { ...(plannedFor ? { plannedFor } : {}), ...(lecturer !== undefined ? { lecturer } : {}) };
}
