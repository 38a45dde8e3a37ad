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
 */
import type { Adapter } from "lowdb";
import { open, readFile, rename, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { syncDir } from "./journal";
import { CorruptDataError } from "./store";

export type Rec = { id: string };
/** Collection name → id → record. Maps: fast to list at 100k records, and any id is an ordinary key. */
export type Tables = Record<string, Map<string, Rec>>;

export interface Snapshot {
  /** The journal that continues this snapshot; 0 for a file written before the journal existed. */
  journal: number;
  tables: Tables;
}

/** Turns a stored record into the one kept in memory (checked, frozen), or throws; undefined leaves it out. */
export type Revive = (collection: string, id: string, record: unknown) => Rec | undefined;

/** Steps of a snapshot write, announced to `onStep` (the crash tests stop a process there). */
export type SnapshotStep = "written" | "renamed";

const HEAD = '{"$snapshot":';
const CHUNK = 256 * 1024;

/**
 * A lowdb adapter for `db.json`: reads it a line at a time (validating each record as it comes, so
 * the file is never held whole in memory), and writes a temp file in chunks (yielding between them,
 * so writers are not held up), fsyncs it, renames it over the file and fsyncs the folder.
 */
export class DurableJsonFile implements Adapter<Snapshot> {
  constructor(
    readonly file: string,
    private readonly revive: Revive,
    private readonly onStep: (step: SnapshotStep) => void | Promise<void> = () => {},
  ) {}

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
      return head.toString("latin1") === HEAD ? await this.readLines(fh) : await this.readLegacy();
    } finally {
      await fh.close();
    }
  }

  private async readLines(fh: FileHandle): Promise<Snapshot> {
    const reader = new LineReader(this.file, this.revive);
    const decoder = new StringDecoder("utf8");
    const buf = Buffer.allocUnsafe(32 * 1024);
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
      if (!table || typeof table !== "object" || Array.isArray(table)) throw new CorruptDataError(this.file, `"${name}" is not a JSON object`);
      const map = new Map<string, Rec>();
      for (const [id, raw] of Object.entries(table as Record<string, unknown>)) {
        const rec = this.revive(name, id, raw);
        if (rec) map.set(id, rec);
      }
      tables[name] = map;
    }
    return { journal: 0, tables };
  }

  async write(snapshot: Snapshot): Promise<void> {
    const tmp = `${this.file}.tmp`;
    const fh = await open(tmp, "w");
    try {
      let out = `${HEAD}${JSON.stringify({ format: 2, journal: snapshot.journal })}`;
      for (const [name, table] of Object.entries(snapshot.tables)) {
        out += `\n,${JSON.stringify(name)}:{`;
        let sep = "\n";
        for (const [id, rec] of table) {
          out += `${sep}${JSON.stringify(id)}:${JSON.stringify(rec)}`;
          sep = "\n,";
          if (out.length >= CHUNK) {
            await fh.write(out);
            out = "";
          }
        }
        out += "\n}";
      }
      await fh.write(`${out}\n}\n`);
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

  constructor(
    private readonly file: string,
    private readonly revive: Revive,
  ) {}

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
      const meta = JSON.parse(text.slice(HEAD.length)) as { journal?: unknown };
      if (!Number.isInteger(meta.journal) || (meta.journal as number) < 1) throw new LayoutError("no journal number");
      this.journal = meta.journal as number;
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
      if (rec) this.table.set(id, rec);
    }
  }

  end(): Snapshot {
    if (!this.done) throw new CorruptDataError(this.file, `the file ends early, after line ${this.n}`);
    return { journal: this.journal, tables: this.tables };
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
