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
 * is loaded without validating its records again; any other — edited by hand, written by another
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
import { CorruptDataError } from "./store";

export type Rec = { id: string };
/** Collection name → id → record. Maps: fast to list at 100k records, and any id is an ordinary key. */
export type Tables = Record<string, Map<string, Rec>>;

export interface Snapshot {
  /** The journal that continues this snapshot; 0 for a file written before the journal existed. */
  journal: number;
  tables: Tables;
  /**
   * How a read snapshot was checked: `sealed` (its seal held: records not validated again),
   * `validated` (every record validated: no seal, or another version's), `broken seal` (the bytes
   * do not match the seal, e.g. an edit by hand: every record validated).
   */
  checked?: "sealed" | "validated" | "broken seal";
}

/** How records are read back: `revive` checks each one; `trusted` takes one from a snapshot whose seal holds. */
export interface Revivers {
  revive: Revive;
  trusted: Revive;
  /** The fingerprint of the schemas the records are checked against (written into the seal). */
  schema: string;
}

/** Turns a stored record into the one kept in memory (checked, frozen), or throws; undefined leaves it out. */
export type Revive = (collection: string, id: string, record: unknown) => Rec | undefined;

/** Steps of a snapshot write, announced to `onStep` (the crash tests stop a process there). */
export type SnapshotStep = "written" | "renamed";

const HEAD = '{"$snapshot":';
const CHUNK = 256 * 1024;
/** The seal's CRC before it is known; overwritten in place once the file is written. */
const NO_CRC = "00000000";

/** Thrown by a sealed read whose bytes do not match the seal: the file is read again, validating. */
class BrokenSeal extends Error {}

/**
 * A lowdb adapter for `db.json`: reads it a line at a time (validating each record as it comes, so
 * the file is never held whole in memory), and writes a temp file in chunks (yielding between them,
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
      const head = Buffer.alloc(HEAD.length);
      await fh.read(head, 0, HEAD.length, 0);
      if (head.toString("latin1") !== HEAD) return await this.readLegacy();
      try {
        return await this.readSealed(fh);
      } catch (e) {
        if (!(e instanceof BrokenSeal)) throw e;
        return { ...(await this.readLines(fh, false)), checked: "broken seal" };
      }
    } finally {
      await fh.close();
    }
  }

  /** Reads the file a line at a time; `trustSeal` false validates every record whatever the seal. */
  private async readLines(fh: FileHandle, trustSeal: boolean, seen: (r: LineReader) => void = () => {}): Promise<Snapshot> {
    const reader = new LineReader(this.file, this.revivers, trustSeal);
    seen(reader);
    const decoder = new StringDecoder("utf8");
    const buf = Buffer.allocUnsafe(64 * 1024);
    let carry = "";
    let crc = 0;
    let sealed = -1; // where the sealed bytes start (the end of the first line), once found
    for (let pos = 0; ; ) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      let from = 0;
      if (sealed < 0) {
        const nl = buf.subarray(0, bytesRead).indexOf(0x0a);
        if (nl !== -1) sealed = from = pos + nl;
      }
      if (sealed >= 0) crc = crc32(buf.subarray(from - pos < 0 ? 0 : from - pos, bytesRead), crc);
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
    return reader.end(crc);
  }

  /** `readLines`, where anything that goes wrong in a file read as sealed means its seal does not hold. */
  private async readSealed(fh: FileHandle): Promise<Snapshot> {
    let reader: LineReader | undefined;
    try {
      return await this.readLines(fh, true, (r) => (reader = r));
    } catch (e) {
      if (reader?.sealed && !(e instanceof BrokenSeal)) throw new BrokenSeal();
      throw e;
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
      const put = async () => {
        crc = crc32(out, crc);
        await fh.write(out);
        out = "";
      };
      for (const [name, table] of Object.entries(snapshot.tables)) {
        out += `\n,${JSON.stringify(name)}:{`;
        let sep = "\n";
        for (const [id, rec] of table) {
          out += `${sep}${JSON.stringify(id)}:${JSON.stringify(rec)}`;
          sep = "\n,";
          if (out.length >= CHUNK) await put();
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

/** Reads the snapshot's lines in order (see the layout at the top of this file). */
class LineReader {
  private n = 0;
  private journal = -1;
  private table: Map<string, Rec> | null = null;
  private name = "";
  private done = false;
  private readonly tables: Tables = {};
  private revive: Revive;
  /** The seal's CRC when the file is read as sealed (its schema fingerprint is ours), else null. */
  private seal: number | null = null;

  constructor(
    private readonly file: string,
    private readonly revivers: Revivers,
    private readonly trustSeal: boolean,
  ) {
    this.revive = revivers.revive;
  }

  line(text: string): void {
    this.n++;
    try {
      this.read(text);
    } catch (e) {
      if (e instanceof SyntaxError || e instanceof LayoutError) throw new CorruptDataError(this.file, `line ${this.n}: ${e.message}`);
      throw e;
    }
  }

  private read(text: string): void {
    if (this.done) {
      if (text === "") return;
      throw new LayoutError("text after the end of the snapshot");
    }
    if (this.n === 1) {
      const meta = JSON.parse(text.slice(HEAD.length)) as { journal?: unknown; schema?: unknown; crc?: unknown };
      if (!Number.isInteger(meta.journal) || (meta.journal as number) < 1) throw new LayoutError("no journal number");
      this.journal = meta.journal as number;
      const { schema } = this.revivers;
      if (this.trustSeal && schema && meta.schema === schema && typeof meta.crc === "string" && /^[0-9a-f]{8}$/.test(meta.crc)) {
        this.seal = parseInt(meta.crc, 16);
        this.revive = this.revivers.trusted;
      }
    } else if (text === "}") {
      if (this.table) this.table = null;
      else this.done = true;
    } else if (!this.table) {
      if (!text.startsWith(',"') || !text.endsWith('":{')) throw new LayoutError("expected a collection");
      this.name = JSON.parse(text.slice(1, -2)) as string;
      this.tables[this.name] = this.table = new Map();
    } else {
      const from = text.charCodeAt(0) === 0x2c ? 1 : 0; // ","
      const to = endOfString(text, from);
      if (text.charCodeAt(to) !== 0x3a) throw new LayoutError("expected an id and a record"); // ":"
      const key = text.slice(from + 1, to - 1);
      const id = key.includes("\\") ? (JSON.parse(text.slice(from, to)) as string) : key;
      const rec = this.revive(this.name, id, JSON.parse(text.slice(to + 1)));
      // Keyed by the record's own id string where it is the same: a slice of the line may keep the whole chunk read alive.
      if (rec) this.table.set(rec.id === id ? rec.id : id, rec);
    }
  }

  get sealed(): boolean {
    return this.seal !== null;
  }

  /** The snapshot read; `crc` is the CRC-32 of every byte after the first line. */
  end(crc: number): Snapshot {
    if (this.seal !== null && crc !== this.seal) throw new BrokenSeal();
    if (!this.done) throw new CorruptDataError(this.file, `the file ends early, after line ${this.n}`);
    return { journal: this.journal, tables: this.tables, checked: this.seal === null ? "validated" : "sealed" };
  }
}

class LayoutError extends Error {}

/** The index just past the JSON string starting at `from`. */
function endOfString(text: string, from: number): number {
  if (text.charCodeAt(from) !== 0x22) throw new LayoutError("expected an id");
  for (let i = from + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i + 1;
  }
  throw new LayoutError("an id is cut short");
}
