/**
 * The zip of an .xlsx, checked before it is parsed (see `sheet-reader.ts`): the central directory
 * read first, every byte accounted for, each entry inflated with its declared size as a ceiling;
 * then the entries again as a zip of stored entries for exceljs's streaming reader.
 */
import { crc32, inflateRawSync } from "node:zlib";
import { SheetRefused, type SheetLimits } from "./sheet-limits";

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
export function unzipChecked(zip: Buffer, limits: SheetLimits): { name: string; data: Buffer }[] {
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
export function* storedZip(entries: readonly { name: string; data: Buffer }[]): Generator<Buffer> {
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
