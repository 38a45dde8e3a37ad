/**
 * The embedded store's snapshot, `db.json`, written by lowdb through the adapter below. It stays one
 * JSON object `{ "collection": { "id": record, … }, … }` (readable with any JSON tool), laid out one
 * record per line so it can be read a line at a time, with a first line naming the journal that
 * continues it:
 *
 *     {"$snapshot":{"format":2,"journal":7}
 *     ,"units":{
 *     "u01":{"id":"u01",…}
 *     ,"u02":{"id":"u02",…}
 *     }
 *     }
 *
 * A file without that first line is the format written before the journal (one JSON line): it is
 * read whole and converted by the store on its first start.
 *
 * **The seal.** The store writes only records it validated, so the first line also carries a seal:
 * `"schema"`, a fingerprint of the record schemas the file was written under, and `"crc"`, the
 * CRC-32 of every byte after the first line. A snapshot whose seal holds (same schemas, same bytes)
 * is loaded without validating its records again, nor parsing them: the CRC is checked over every
 * byte at open, and each record is parsed when it is first read (lazy-table.ts); any other — edited by hand, written by another
 * version, unsealed — has every record validated as it is read. The CRC guards against accidents
 * (an edit, a bad copy), not against someone who recomputes it: whoever can write the file can
 * already change the data.
 */
import type { Adapter } from "lowdb";
import { open, readFile, rename, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { crc32 } from "node:zlib";
import { syncDir } from "./journal";
import {
  HEAD,
  journalOf,
  LayoutError,
  LineReader,
  NL,
  type Revive,
  type Revivers,
  type Snapshot,
  type Tables,
  unreadTable,
} from "./snapshot-read";
import { LazyTable } from "./lazy-table";
import { CorruptDataError, type Rec } from "./store";

export type { Rec } from "./store";
export type { Revive, Revivers, Snapshot, Tables } from "./snapshot-read";

/** Steps of a snapshot write, announced to `onStep` (the crash tests stop a process there). */
export type SnapshotStep = "written" | "renamed";

/** Enough bytes to hold the first line. */
const FIRST_LINE = 1024;
const CHUNK = 256 * 1024;
const CLOSE = 0x7d;
const NL_CLOSE = Buffer.from("\n}");
/** The seal's CRC before it is known; overwritten in place once the file is written. */
const NO_CRC = "00000000";

/** Thrown by a sealed read whose bytes do not match the seal: the file is read again, validating. */
class BrokenSeal extends Error {}

/**
 * A lowdb adapter for `db.json`: reads it a line at a time (validating each record as it comes, so
 * the file is never held whole in memory), or, when its seal holds, each collection's lines whole,
 * its records left unread (`readSealed`), and writes a temp file in chunks (yielding between them,
 * so writers are not held up), fsyncs it, renames it over the file and fsyncs the folder.
 */
export class DurableJsonFile implements Adapter<Snapshot> {
  private readonly revivers: Revivers;

  /** `revive` alone (no `trusted`): every record is validated, seal or not; the file is written without a seal. */
  constructor(
    readonly file: string,
    revive: Revive | Revivers,
    private readonly onStep: (step: SnapshotStep) => void | Promise<void> = () => {},
  ) {
    this.revivers = typeof revive === "function" ? { revive, trusted: revive, schema: "" } : revive;
  }

  async read(): Promise<Snapshot | null> {
    let fh: FileHandle;
    try {
      fh = await open(this.file, "r");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
    try {
      const head = Buffer.alloc(FIRST_LINE);
      const { bytesRead } = await fh.read(head, 0, FIRST_LINE, 0);
      if (head.toString("latin1", 0, HEAD.length) !== HEAD) return await this.readLegacy();
      const seal = this.sealOf(head.subarray(0, bytesRead));
      if (seal === null) return await this.readLines(fh);
      try {
        return await this.readSealed(fh, seal);
      } catch (e) {
        if (!(e instanceof BrokenSeal)) throw e;
        return { ...(await this.readLines(fh)), checked: "broken seal" };
      }
    } finally {
      await fh.close();
    }
  }

  /** The seal's CRC if the first line carries a seal of this version's schemas, else null. */
  private sealOf(head: Buffer): number | null {
    const nl = head.indexOf(NL);
    const { schema } = this.revivers;
    if (nl === -1 || !schema) return null;
    let meta: { schema?: unknown; crc?: unknown };
    try {
      meta = JSON.parse(head.toString("utf8", HEAD.length, nl)) as typeof meta;
    } catch {
      return null; // readLines names the line
    }
    if (meta.schema !== schema || typeof meta.crc !== "string" || !/^[0-9a-f]{8}$/.test(meta.crc)) return null;
    return parseInt(meta.crc, 16);
  }

  /** Reads the file a line at a time, validating every record. */
  private async readLines(fh: FileHandle): Promise<Snapshot> {
    const reader = new LineReader(this.file, this.revivers.revive);
    const decoder = new StringDecoder("utf8");
    const buf = Buffer.allocUnsafe(64 * 1024);
    let carry = "";
    for (let pos = 0; ; ) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      const text = carry + decoder.write(buf.subarray(0, bytesRead));
      let start = 0;
      for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
        reader.line(text.slice(start, nl));
        start = nl + 1;
      }
      carry = text.slice(start);
    }
    carry += decoder.end();
    if (carry) reader.line(carry);
    return reader.end();
  }

  /**
   * Reads a file whose first line carries this version's seal, in two passes: the CRC of every byte
   * after the first line and where each collection ends (a mismatch throws BrokenSeal); then each
   * collection's lines into a buffer of their own, their records left unread (see lazy-table.ts).
   * Anything else that goes wrong means the seal does not hold.
   */
  private async readSealed(fh: FileHandle, seal: number): Promise<Snapshot> {
    const buf = Buffer.allocUnsafe(CHUNK);
    let crc = 0;
    let first = -1; // the first line's newline
    const closes: number[] = []; // where each "\n}" is: the end of a collection, then of the snapshot
    let lastWasNl = false;
    for (let pos = 0; ; ) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      let from = 0;
      if (first < 0) {
        first = from = chunk.indexOf(NL); // within the first KiB: sealOf found it
        if (first < 0) throw new BrokenSeal();
      }
      crc = crc32(chunk.subarray(from), crc);
      if (lastWasNl && chunk[0] === CLOSE) closes.push(pos - 1);
      // JSON keeps newlines escaped, so only a line that is a "}" starts with one.
      for (let i = chunk.indexOf(NL_CLOSE, from); i !== -1; i = chunk.indexOf(NL_CLOSE, i + 1)) closes.push(pos + i);
      lastWasNl = chunk[bytesRead - 1] === NL;
      pos += bytesRead;
    }
    if (crc !== seal) throw new BrokenSeal();
    try {
      const head = Buffer.alloc(first);
      await fh.read(head, 0, first, 0);
      const tables: Tables = {};
      let start = first + 1;
      for (const close of closes) {
        if (close < start) {
          // The snapshot's last "}", right after the last collection's: nothing but newlines after it.
          const { size } = await fh.stat();
          const rest = Buffer.alloc(size - close - 2);
          await fh.read(rest, 0, rest.length, close + 2);
          if (close !== start - 1 || rest.some((b) => b !== NL)) throw new LayoutError("text after the end of the snapshot");
          return { journal: journalOf(JSON.parse(head.toString("utf8", HEAD.length)) as object), tables, checked: "sealed" };
        }
        const region = Buffer.allocUnsafeSlow(close - start); // an ArrayBuffer of its own (see lazy-table.ts, free)
        const { bytesRead } = await fh.read(region, 0, region.length, start);
        if (bytesRead !== region.length) throw new LayoutError("the file changed while read");
        const table = unreadTable(this.file, region, this.revivers.trusted);
        tables[table.name] = table.records;
        start = close + 3; // past "\n}\n"
      }
      throw new LayoutError("the file ends early");
    } catch {
      throw new BrokenSeal();
    }
  }

  private async readLegacy(): Promise<Snapshot> {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(this.file, "utf8"));
    } catch (e) {
      throw new CorruptDataError(this.file, (e as Error).message);
    }
    if (!data || typeof data !== "object" || Array.isArray(data)) throw new CorruptDataError(this.file, "not a JSON object");
    const tables: Tables = {};
    for (const [name, table] of Object.entries(data)) {
      if (!table || typeof table !== "object" || Array.isArray(table))
        throw new CorruptDataError(this.file, `"${name}" is not a JSON object`);
      const map = new Map<string, Rec>();
      for (const [id, raw] of Object.entries(table as Record<string, unknown>)) {
        const rec = this.revivers.revive(name, id, raw);
        if (rec) map.set(id, rec);
      }
      tables[name] = map;
    }
    return { journal: 0, tables };
  }

  async write(snapshot: Snapshot): Promise<void> {
    const tmp = `${this.file}.tmp`;
    const fh = await open(tmp, "w");
    const { schema } = this.revivers;
    try {
      const meta = JSON.stringify({ format: 2, journal: snapshot.journal, ...(schema ? { schema, crc: NO_CRC } : {}) });
      const head = `${HEAD}${meta}`;
      await fh.write(head);
      let crc = 0;
      let out = "";
      let parts: Buffer[] = [];
      let size = 0;
      /** Adds `sep` to the text so far and `part`'s bytes after it. */
      const keep = (sep: string, part: Buffer) => {
        parts.push(Buffer.from(out + sep));
        parts.push(part);
        size += part.length;
        out = "";
      };
      const put = async () => {
        if (out) parts.push(Buffer.from(out));
        for (const part of parts) crc = crc32(part, crc);
        await fh.writev(parts);
        [out, parts, size] = ["", [], 0];
      };
      for (const [name, table] of Object.entries(snapshot.tables)) {
        out += `\n,${JSON.stringify(name)}:{`;
        let sep = "\n";
        // A lazy table's records not read yet are written as the bytes they were read from.
        for (const part of table instanceof LazyTable ? table.writeParts() : table) {
          if (Buffer.isBuffer(part)) keep(sep, part);
          else out += `${sep}${JSON.stringify(part[0])}:${JSON.stringify(part[1])}`;
          sep = "\n,";
          if (out.length + size >= CHUNK) await put();
        }
        out += "\n}";
      }
      out += "\n}\n";
      await put();
      if (schema) {
        // The seal's CRC, in place of its placeholder: the last field of the first line.
        const at = Buffer.byteLength(head) - `${NO_CRC}"}`.length;
        await fh.write(crc.toString(16).padStart(8, "0"), at, "latin1");
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    await this.onStep("written");
    await rename(tmp, this.file);
    await syncDir(dirname(this.file));
    await this.onStep("renamed");
  }
}
