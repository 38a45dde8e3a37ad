/**
 * Hostile spreadsheets are refused with memory bounded: each file below is built here and read by
 * the bot's sheet reader in a child process, which reports its peak memory growth (max RSS). Loaded
 * whole (exceljs `xlsx.load`), a 585 KB file of long cells took a process to 2.3 GB.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { constants, crc32, createDeflateRaw, deflateRawSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { runTs } from "../helpers/process";

const dir = mkdtempSync(join(tmpdir(), "doan-bot-sheets-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ZipPart {
  name: string;
  /** The entry deflated, its real size and CRC. */
  deflated: Buffer;
  size: number;
  crc: number;
  /** The size written in the headers (a zip bomb lies here). */
  declared?: number;
}

const part = (name: string, text: string): ZipPart => {
  const data = Buffer.from(text, "utf8");
  return { name, deflated: deflateRawSync(data), size: data.length, crc: crc32(data) };
};

/** A zip of deflated entries, as Excel writes them (sizes in the local headers and the directory). */
function zip(parts: ZipPart[]): Buffer {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const size = p.declared ?? p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    out.push(local, name, p.deflated);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(p.crc, 16);
    c.writeUInt32LE(p.deflated.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + p.deflated.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, directory, end]);
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const frame = [
  part("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
  part(
    "xl/workbook.xml",
    `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ),
  part(
    "xl/_rels/workbook.xml.rels",
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  ),
];

const row = (n: number, cells: string[]) =>
  `<row r="${n}">${cells.map((t, i) => `<c r="${String.fromCharCode(65 + i)}${n}" t="inlineStr"><is><t>${t}</t></is></c>`).join("")}</row>`;

/** The sheet XML of `rows` rows of `cells` cells of `length` letters, deflated as it is generated (never whole in memory). */
async function longCellsSheet(rows: number, cells: number, length: number): Promise<ZipPart> {
  const deflate = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  const chunks: Buffer[] = [];
  deflate.on("data", (c: Buffer) => chunks.push(c));
  let size = 0;
  let crc = 0;
  const write = (text: string) => {
    const b = Buffer.from(text);
    size += b.length;
    crc = crc32(b, crc);
    deflate.write(b);
  };
  write(`<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>`);
  const cellText = "a".repeat(length);
  for (let r = 1; r <= rows; r++)
    write(
      row(
        r,
        Array.from({ length: cells }, () => cellText),
      ),
    );
  write("</sheetData></worksheet>");
  await new Promise<void>((resolve) => deflate.end(resolve));
  return { name: "xl/worksheets/sheet1.xml", deflated: Buffer.concat(chunks), size, crc };
}

function write(name: string, content: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

let warmup: string | undefined;
/** Reads the file in a child process; resolves to its outcome, peak growth (MB) and time (ms). */
async function readInChild(path: string): Promise<{ outcome: string; growthMB: number; ms: number }> {
  warmup ??= write(
    "small.xlsx",
    zip([
      ...frame,
      part(
        "xl/worksheets/sheet1.xml",
        `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>${row(1, ["Họ và tên", "Đơn vị"])}${row(2, ["Nguyễn Văn An", "u01"])}</sheetData></worksheet>`,
      ),
    ]),
  );
  const child = runTs("tests/rosters/fixtures/read-sheet.ts", [path, warmup]);
  const code = await child.exited;
  expect({ code, stderr: child.stderr() }).toEqual({ code: 0, stderr: "" });
  const result = JSON.parse(child.stdout().trim().split("\n").at(-1)!);
  if (process.env.SHOW_SHEET_NUMBERS) console.log(path, result);
  return result;
}

/** 1,500 rows of 10 cells of 20,000 letters: 300 MB of sheet once inflated, about 300 KB deflated; built once. */
let longCells: Promise<ZipPart> | undefined;
const hostileSheet = () => (longCells ??= longCellsSheet(1500, 10, 20_000));

describe("a hostile spreadsheet is refused with memory bounded", () => {
  it("reads a small valid sheet (the warm-up) whole", async () => {
    const small = write("two-rows.csv", 'Họ và tên,Đơn vị\r\nNguyễn Văn An,u01\r\n"Trần, Thị Bình","u""02"\r\n');
    expect((await readInChild(small)).outcome).toBe("rows:3");
  }, 60_000);

  it("refuses an .xlsx of many long cells (300 MB once inflated, about 300 KB sent)", async () => {
    const sheet = await hostileSheet();
    const path = write("long-cells.xlsx", zip([...frame, sheet]));
    const r = await readInChild(path);
    expect(r.outcome).toBe("tooLarge");
    expect(r.growthMB).toBeLessThan(300);
    expect(r.ms).toBeLessThan(10_000);
  }, 60_000);

  it("refuses a zip bomb that declares its sheet 10 KB and inflates to 300 MB", async () => {
    const sheet = await hostileSheet();
    const path = write("bomb.xlsx", zip([...frame, { ...sheet, declared: 10_000 }]));
    const r = await readInChild(path);
    expect(r.outcome).toBe("tooLarge");
    expect(r.growthMB).toBeLessThan(300);
    expect(r.ms).toBeLessThan(10_000);
  }, 60_000);

  it("refuses a sheet within the size limit whose cells are too long, while reading", async () => {
    const sheet = await longCellsSheet(400, 5, 5000);
    const path = write("long-within.xlsx", zip([...frame, sheet]));
    const r = await readInChild(path);
    expect(r.outcome).toBe("cellTooLong");
    expect(r.growthMB).toBeLessThan(300);
  }, 60_000);

  it("refuses a .csv with a 9 MB cell, and one of 30,000 rows", async () => {
    const long = await readInChild(write("long.csv", `Họ và tên,Đơn vị\n"${"a".repeat(9 * 1024 * 1024)}",u01\n`));
    expect(long.outcome).toBe("cellTooLong");
    expect(long.growthMB).toBeLessThan(300);
    const many = await readInChild(write("many.csv", `Họ và tên,Đơn vị\n${"Nguyễn Văn An,u01\n".repeat(30_000)}`));
    expect(many.outcome).toBe("tooManyRows");
    expect(many.growthMB).toBeLessThan(300);
  }, 60_000);
});
