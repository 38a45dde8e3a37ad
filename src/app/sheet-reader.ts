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
import { crc32, inflateRawSync } from "node:zlib";
import { stripControl } from "../domain/text";
import { sheetRows } from "../domain/limits";
import { dmy } from "../domain/zoned-time";
import { DomainError } from "./errors";

/** What a sheet may hold. */
export interface SheetLimits {
  /** Rows, the header included. */
  rows: number;
  columns: number;
  /** Characters of one cell. */
  cellLength: number;
  /** Characters of all cells together. */
  characters: number;
  /** The zip's entries inflated, bytes. */
  uncompressedBytes: number;
  /** Entries in the zip. */
  entries: number;
}

/** Room for the largest roster (20,000 cadres, 13 columns) and class list, and nothing like a bomb. */
export const SHEET_LIMITS: SheetLimits = {
  rows: sheetRows("roster") + 1,
  columns: 64,
  cellLength: 4096,
  characters: 20_000_000,
  uncompressedBytes: 48 * 1024 * 1024,
  entries: 500,
};

/** Largest sheet file read at all, bytes (checked against the size a channel declares, before any download). */
export const MAX_SHEET_FILE_BYTES = 10 * 1024 * 1024;

/** Why a sheet was refused; the sentence is `common:sheet.<reason>`. */
export type SheetProblem = "unreadable" | "tooLarge" | "tooManyRows" | "tooManyColumns" | "cellTooLong";

/** A sheet refused by its limits or its shape, named for the person who sent it. */
export class SheetRefused extends DomainError {
  constructor(
    public readonly reason: SheetProblem,
    vars: Record<string, unknown> = {},
  ) {
    super(`common:sheet.${reason}`, vars);
    this.name = "SheetRefused";
  }
}

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

// ---- The zip, checked before it is parsed ----

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressed: number;
  uncompressed: number;
  offset: number;
}

function centralDirectory(zip: Buffer, limits: SheetLimits): { entries: ZipEntry[]; start: number } {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new SheetRefused("unreadable");
  const count = zip.readUInt16LE(eocd + 10);
  const start = zip.readUInt32LE(eocd + 16);
  if (count > limits.entries) throw new SheetRefused("tooLarge");
  const entries: ZipEntry[] = [];
  let at = start;
  let declared = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw new SheetRefused("unreadable");
    const nameLength = zip.readUInt16LE(at + 28);
    const entry = {
      name: zip.toString("utf8", at + 46, at + 46 + nameLength),
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      compressed: zip.readUInt32LE(at + 20),
      uncompressed: zip.readUInt32LE(at + 24),
      offset: zip.readUInt32LE(at + 42),
    };
    declared += entry.uncompressed;
    if (declared > limits.uncompressedBytes) throw new SheetRefused("tooLarge"); // ZIP64's 0xFFFFFFFF lands here too
    entries.push(entry);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return { entries, start };
}

/**
 * Every byte before the central directory belongs to a listed entry, and each inflates to exactly
 * what it declares (inflating stops at that many bytes); returns the entries inflated.
 */
function unzipChecked(zip: Buffer, limits: SheetLimits): { name: string; data: Buffer }[] {
  const { entries, start } = centralDirectory(zip, limits);
  const out: { name: string; data: Buffer }[] = [];
  let expected = 0;
  for (const e of [...entries].sort((a, b) => a.offset - b.offset)) {
    if (e.offset !== expected || e.offset + 30 > zip.length || zip.readUInt32LE(e.offset) !== LOCAL) throw new SheetRefused("unreadable");
    const data = e.offset + 30 + zip.readUInt16LE(e.offset + 26) + zip.readUInt16LE(e.offset + 28);
    const end = data + e.compressed;
    if (end > start) throw new SheetRefused("unreadable");
    let inflated: Buffer;
    if (e.method === 8) {
      try {
        inflated = inflateRawSync(zip.subarray(data, end), { maxOutputLength: Math.max(1, e.uncompressed) });
      } catch (err) {
        throw new SheetRefused((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" ? "tooLarge" : "unreadable");
      }
    } else if (e.method === 0) inflated = zip.subarray(data, end);
    else throw new SheetRefused("unreadable");
    if (inflated.length !== e.uncompressed) throw new SheetRefused("unreadable");
    out.push({ name: e.name, data: inflated });
    // A data descriptor may follow the data (flag bit 3): 12 or 16 bytes.
    expected = end;
    if (e.flags & 8) expected += zip.length >= end + 4 && zip.readUInt32LE(end) === 0x08074b50 ? 16 : 12;
  }
  if (expected !== start) throw new SheetRefused("unreadable");
  return out;
}

/** Longest piece of an entry handed to the parser at once. */
const CHUNK = 64 * 1024;

/**
 * The checked entries again as a zip stream of stored (uncompressed) entries, cut only between
 * UTF-8 characters: exceljs's streaming parser decodes each chunk on its own, so a character cut
 * in two would come out as "�".
 */
function* storedZip(entries: readonly { name: string; data: Buffer }[]): Generator<Buffer> {
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const fileName = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    yield Buffer.concat([local, fileName]);
    for (let at = 0; at < data.length; ) {
      let end = Math.min(data.length, at + CHUNK);
      while (end < data.length && end > at + 1 && (data[end]! & 0xc0) === 0x80) end--;
      yield data.subarray(at, end);
      at = end;
    }
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(CENTRAL, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, fileName);
    offset += 30 + fileName.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  yield Buffer.concat([directory, end]);
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
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
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
