/**
 * Roster files: reading .xlsx and .csv into rows of text cells keyed by column, and writing the
 * roster as .xlsx with Vietnamese headers (exceljs). Headers are matched in either language,
 * ignoring diacritics and case, so a file the bot exported reads back as it was.
 */
import ExcelJS from "exceljs";
import { DomainError } from "../../app/errors";
import { cellText, readSheet, SHEET_LIMITS, SheetRefused, type SheetRow } from "../../app/sheet-reader";
import { sheetRows } from "../../domain/limits";
import { fold, stripControl } from "../../domain/text";
import { translator, type T } from "../../i18n";

export const columns = [
  "id",
  "fullName",
  "unitId",
  "unitName",
  "position",
  "electedOn",
  "theoryLevel",
  "professionalLevel",
  "birthYear",
  "phone",
  "status",
  "consentPurposes",
  "consentAt",
  "plannedFor",
  "lecturer",
  "jobPosition",
  "civilServiceGrade",
  // Written by the export (who counts as a unit's Secretary while it has two), never read by an import.
  "note",
] as const;
/** Columns read but never written: a sheet of units (or a roster) may say each new unit's kind and size. */
export const unitOnlyColumns = ["unitKind", "unitMembers"] as const;
export type Column = (typeof columns)[number] | (typeof unitOnlyColumns)[number];

/** Columns a roster must have for an import, besides a unit column (its code, its name, or both). */
export const requiredColumns: Column[] = ["fullName", "position", "theoryLevel", "birthYear", "consentAt"];

/** Most rows one import reads (the header not counted). */
export const MAX_ROWS = sheetRows("roster");

export interface FileRow {
  /** The row's number in the sheet (the header is row 1). */
  row: number;
  cells: Partial<Record<Column, string>>;
}

/** The header of a column in a language. */
export function header(t: T, column: Column): string {
  return t(`rosters:columns.${column}`);
}

function columnOf(text: string): Column | undefined {
  const f = fold(stripControl(text));
  return [...columns, ...unitOnlyColumns].find(
    (c) => c.toLowerCase() === f || [translator("vi"), translator("en")].some((t) => fold(header(t, c)) === f),
  );
}

/** The workbook has neither a name nor a unit column: it is some other file (a class list, say). */
export class NotARoster extends DomainError {
  constructor() {
    super("rosters:import.missingColumns", { columns: "" });
    this.name = "NotARoster";
  }
}

/**
 * Reads the first sheet of a workbook into rows (the bounded reader: limits checked while reading);
 * blank rows are left out. Throws a DomainError naming the missing columns, or when the file is not
 * a workbook or passes a limit.
 */
export async function readRosterFile(fileName: string, content: Buffer): Promise<FileRow[]> {
  return (await readRosterSheet(fileName, content)).rows;
}

/**
 * Reads a roster, or a sheet of units only (a unit column and no name column), with the columns
 * its header holds. A roster needs a unit column (code or name) and the cadre columns.
 */
export async function readRosterSheet(fileName: string, content: Buffer): Promise<{ rows: FileRow[]; columns: ReadonlySet<Column> }> {
  let sheet: SheetRow[];
  try {
    sheet = await readSheet(fileName, content, { ...SHEET_LIMITS, rows: MAX_ROWS + 1 });
  } catch (e) {
    if (e instanceof SheetRefused && e.reason === "unreadable") throw new DomainError("rosters:import.unreadable", { file: fileName });
    if (e instanceof SheetRefused && e.reason === "tooManyRows") throw new DomainError("rosters:import.tooManyRows", { max: MAX_ROWS });
    throw e;
  }
  const byIndex = new Map<number, Column>();
  const head = sheet[0]?.number === 1 ? sheet[0].values : [];
  head.forEach((value, i) => {
    const column = columnOf(cellText(value));
    if (column) byIndex.set(i, column);
  });
  const found = new Set(byIndex.values());
  const hasUnit = found.has("unitId") || found.has("unitName");
  if (!found.has("fullName") && !hasUnit) throw new NotARoster();
  const missing = found.has("fullName") ? requiredColumns.filter((c) => !found.has(c)) : [];
  const named = [...(hasUnit ? [] : [header(translator("vi"), "unitId")]), ...missing.map((c) => header(translator("vi"), c))];
  if (named.length) throw new DomainError("rosters:import.missingColumns", { columns: named.join(", ") });
  const rows: FileRow[] = [];
  for (const { number, values } of sheet) {
    if (number === 1) continue;
    const cells: FileRow["cells"] = {};
    byIndex.forEach((column, i) => {
      const text = cellText(values[i]);
      if (text) cells[column] = text;
    });
    if (Object.keys(cells).length) rows.push({ row: number, cells });
  }
  return { rows, columns: found };
}

/** Writes rows of text cells as an .xlsx workbook with the headers in the given language. */
export async function writeRosterFile(t: T, sheetName: string, rows: Partial<Record<Column, string | number>>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: header(t, c), key: c, width: c === "fullName" || c === "unitName" ? 32 : 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.getColumn("phone").numFmt = "@";
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
