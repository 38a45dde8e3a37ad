/**
 * The one reader of sheets people send (rosters, class lists): the first sheet of an .xlsx or a
 * .csv as rows of cell values, with limits enforced *while* reading, so a hostile file is refused
 * with memory bounded. Loading a workbook whole (exceljs `xlsx.load`) first inflated and modelled
 * every cell: a 585 KB file of long cells took the process to 2.3 GB.
 *
 * An .xlsx is a zip. Before anything is parsed, its central directory is read: too many entries,
 * or declared sizes adding up past `uncompressedBytes`, refuse it at once; the local entries must
 * be exactly those the directory lists, end to end (no hidden entry for a streaming parser to
 * find); each entry is inflated with its declared size as a hard ceiling, so one that lies about
 * its size (a zip bomb) is refused after at most that many bytes. Only then does exceljs's
 * streaming reader parse it (re-packed uncompressed, see `storedZip`), row by row, and rows, columns, cell length and the total of text
 * are counted as the rows arrive. A .csv is parsed here, character by character, under the same limits.
 */
import ExcelJS from "exceljs";
import { Readable } from "node:stream";
import { stripControl } from "../domain/text";
import { dmy } from "../domain/zoned-time";
import { MAX_SHEET_FILE_BYTES, SHEET_LIMITS, SheetRefused, type SheetLimits } from "./sheet-limits";
import { storedZip, unzipChecked } from "./sheet-zip";

export { MAX_SHEET_FILE_BYTES, SHEET_LIMITS, SheetRefused, type SheetLimits, type SheetProblem } from "./sheet-limits";

/** One row: its 1-based number in the sheet and its values, index 0 for column A. */
export interface SheetRow {
  number: number;
  values: ExcelJS.CellValue[];
}

/** Checks each row as it arrives and counts the text of the whole sheet. */
class RowGuard {
  private characters = 0;
  constructor(private readonly limits: SheetLimits) {}

  check(number: number, values: readonly ExcelJS.CellValue[]): void {
    const l = this.limits;
    if (number > l.rows) throw new SheetRefused("tooManyRows", { max: l.rows - 1 });
    if (values.length > l.columns) throw new SheetRefused("tooManyColumns", { max: l.columns });
    values.forEach((v, i) => {
      const length = textLength(v);
      if (length > l.cellLength) throw new SheetRefused("cellTooLong", { row: number, column: columnName(i), max: l.cellLength });
      this.characters += length;
    });
    if (this.characters > l.characters) throw new SheetRefused("tooLarge");
  }
}

function textLength(v: ExcelJS.CellValue): number {
  if (typeof v === "string") return v.length;
  if (v && typeof v === "object" && "richText" in v) return v.richText.reduce((n, r) => n + r.text.length, 0);
  if (v && typeof v === "object" && "text" in v && typeof v.text === "string") return v.text.length;
  return 0;
}

/** "A", "B", … "AA" for a 0-based column index. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const sheetNumber = (name: string) => Number(/(\d+)\.xml$/.exec(name)?.[1] ?? 0);

async function readXlsx(content: Buffer, limits: SheetLimits): Promise<SheetRow[]> {
  // Only what the reader needs, in the order that lets it stream the sheet (rels, workbook, shared
  // strings and styles before any worksheet; its own order otherwise parks a sheet in a temp file).
  const needed = ["xl/_rels/workbook.xml.rels", "xl/workbook.xml", "xl/sharedStrings.xml", "xl/styles.xml"];
  const all = unzipChecked(content, limits);
  const sheets = all
    .filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name))
    .sort((a, b) => sheetNumber(a.name) - sheetNumber(b.name));
  if (!all.some((e) => e.name === "xl/sharedStrings.xml"))
    all.push({
      name: "xl/sharedStrings.xml",
      data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'),
    });
  const entries = [...needed.flatMap((name) => all.filter((e) => e.name === name)), ...sheets];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(storedZip(entries), { objectMode: false }), {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache", // dates are numbers with a date format
    hyperlinks: "ignore",
    entries: "ignore",
  });
  const guard = new RowGuard(limits);
  const rows: SheetRow[] = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1);
        guard.check(row.number, values);
        rows.push({ number: row.number, values });
      }
      return rows; // the first sheet only
    }
  } catch (e) {
    throw e instanceof SheetRefused ? e : new SheetRefused("unreadable");
  }
  throw new SheetRefused("unreadable"); // no sheet
}

// ---- CSV, parsed here ----

/** RFC 4180 fields (quotes, doubled quotes, commas, CRLF), a leading BOM dropped; each row checked as it ends. */
function readCsv(content: Buffer, limits: SheetLimits): SheetRow[] {
  const text = content.toString("utf8").replace(/^\uFEFF/, "");
  const guard = new RowGuard(limits);
  const rows: SheetRow[] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let number = 1;
  const endField = () => {
    if (field.length > limits.cellLength)
      throw new SheetRefused("cellTooLong", { row: number, column: columnName(row.length), max: limits.cellLength });
    row.push(field);
    field = "";
  };
  const endRow = () => {
    endField();
    if (row.some((v) => v !== "")) {
      guard.check(number, row);
      rows.push({ number, values: row });
    }
    row = [];
    number++;
    if (number > limits.rows + 1) throw new SheetRefused("tooManyRows", { max: limits.rows - 1 });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") endField();
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRow();
    } else field += c;
    if (field.length > limits.cellLength)
      throw new SheetRefused("cellTooLong", { row: number, column: columnName(row.length), max: limits.cellLength });
    if (row.length > limits.columns) throw new SheetRefused("tooManyColumns", { max: limits.columns });
  }
  if (field !== "" || row.length) endRow();
  return rows;
}

/**
 * The first sheet of an .xlsx or .csv file, within `limits`; rows with no value are left out.
 * Throws `SheetRefused` (a sentence for the person) when the file is not a sheet or passes a limit.
 * @example const rows = await readSheet("ds.xlsx", buffer); rows[0].values // the header row
 */
export async function readSheet(fileName: string, content: Buffer, limits: SheetLimits = SHEET_LIMITS): Promise<SheetRow[]> {
  if (content.length > MAX_SHEET_FILE_BYTES) throw new SheetRefused("tooLarge");
  if (/\.csv$/i.test(fileName)) return readCsv(content, limits);
  return readXlsx(content, limits);
}

/**
 * The text of a cell as a person reads it, the one reading of cells for every sheet: dates as
 * dd/mm/yyyy (and, with `withTime`, HH:MM after when the cell holds a time of day), formulas by
 * their result, rich text as its text; control characters stripped (newlines kept), trimmed.
 * @example cellText(new Date("2026-03-02T08:30:00Z"), { withTime: true }) // "02/03/2026 08:30"
 */
export function cellText(value: ExcelJS.CellValue | undefined, options: { withTime?: boolean } = {}): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const iso = value.toISOString();
    const time = iso.slice(11, 16);
    return options.withTime && time !== "00:00" ? `${dmy(iso.slice(0, 10))} ${time}` : dmy(iso.slice(0, 10));
  }
  if (typeof value === "object") {
    if ("richText" in value) return stripControl(value.richText.map((r) => r.text).join("")).trim();
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue, options);
    if ("text" in value) return stripControl(String(value.text)).trim();
    return "";
  }
  return stripControl(String(value)).trim();
}
