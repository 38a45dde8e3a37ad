/**
 * A bounded reader of sheets sent in chat: the first worksheet of an .xlsx (streamed row by row with
 * exceljs's WorkbookReader, so a large file is never held as a whole workbook) or a .csv, as rows of
 * text cells. It stops at the first row past `maxRows`, reads at most `maxColumns` cells a row and
 * clips each cell, so a hostile or mistaken file costs a bounded amount of work.
 */
import ExcelJS from "exceljs";
import { Readable } from "node:stream";
import { stripControl } from "../domain/text";
import { DomainError } from "./errors";

export interface SheetRow {
  /** The row's number in the sheet (the header is row 1). */
  row: number;
  /** Cell texts by column, from column 1; empty string for an empty cell. */
  cells: string[];
}

export interface SheetLimits {
  /** Most data rows (after the header) read; one more refuses the file. */
  maxRows: number;
  /** Most columns read a row (others are ignored). */
  maxColumns?: number;
  /** Longest cell text kept, in characters. */
  maxCellLength?: number;
  /** Largest file accepted, in bytes. */
  maxBytes?: number;
}

/** The file is not a sheet the reader can open. */
export class SheetUnreadable extends DomainError {
  constructor(file: string) {
    super("common:sheet.unreadable", { file: file.slice(0, 80) });
    this.name = "SheetUnreadable";
  }
}

/** The file holds more rows (or bytes) than the limits allow. */
export class SheetTooLarge extends DomainError {
  constructor(maxRows: number) {
    super("common:sheet.tooLarge", { max: maxRows });
    this.name = "SheetTooLarge";
  }
}

/** The text of a cell as a person reads it: dates as dd/mm/yyyy, formulas by their result. */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const iso = value.toISOString();
    return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  }
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    return "";
  }
  return stripControl(String(value)).trim();
}

function toCells(values: ExcelJS.CellValue[] | { [key: string]: ExcelJS.CellValue }, limits: SheetLimits): string[] {
  const max = limits.maxColumns ?? 50;
  const clip = limits.maxCellLength ?? 500;
  const list = Array.isArray(values) ? values : [];
  const cells: string[] = [];
  for (let i = 1; i <= Math.min(max, list.length - 1); i++) cells.push(cellText(list[i]).slice(0, clip));
  return cells;
}

async function readCsv(content: Buffer, limits: SheetLimits, fileName: string): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet;
  try {
    sheet = await workbook.csv.read(Readable.from(content), { map: (v: unknown) => v });
  } catch {
    throw new SheetUnreadable(fileName);
  }
  if (sheet.rowCount - 1 > limits.maxRows) throw new SheetTooLarge(limits.maxRows);
  const rows: SheetRow[] = [];
  sheet.eachRow((row, n) => rows.push({ row: n, cells: toCells(row.values as ExcelJS.CellValue[], limits) }));
  return rows;
}

async function readXlsx(content: Buffer, limits: SheetLimits, fileName: string): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(content), {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        if (row.number - 1 > limits.maxRows) throw new SheetTooLarge(limits.maxRows);
        rows.push({ row: row.number, cells: toCells(row.values as ExcelJS.CellValue[], limits) });
      }
      break; // the first worksheet only
    }
  } catch (e) {
    if (e instanceof SheetTooLarge) throw e;
    throw new SheetUnreadable(fileName);
  }
  return rows;
}

/**
 * Reads the first sheet of an .xlsx or .csv file into rows (blank rows left out), within the limits.
 * @example const rows = await readSheet("chung-chi.xlsx", buffer, { maxRows: 2000 });
 */
export async function readSheet(fileName: string, content: Buffer, limits: SheetLimits): Promise<SheetRow[]> {
  if (content.length > (limits.maxBytes ?? 5_000_000)) throw new SheetTooLarge(limits.maxRows);
  const rows = /\.csv$/i.test(fileName) ? await readCsv(content, limits, fileName) : await readXlsx(content, limits, fileName);
  return rows.filter((r) => r.cells.some(Boolean));
}
