/**
 * Reading a snapshot's lines (the layout is described in ./snapshot.ts): a line at a time with
 * every record validated (`LineReader`), or, for a snapshot whose seal holds, one collection's
 * lines left unread until first use (`unreadTable`).
 */
import { endOfId, LazyTable } from "./lazy-table";
import { CorruptDataError, type Rec } from "./store";

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

export const HEAD = '{"$snapshot":';
export const NL = 0x0a;
export const COMMA = 0x2c;
const BACKSLASH = 0x5c;

/** Reads the snapshot's lines in order (see the layout at the top of this file), validating every record. */
export class LineReader {
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
      this.journal = journalOf(JSON.parse(text.slice(HEAD.length)));
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

  end(): Snapshot {
    if (!this.done) throw new CorruptDataError(this.file, `the file ends early, after line ${this.n}`);
    return { journal: this.journal, tables: this.tables, checked: "validated" };
  }
}

/** The journal number of a snapshot's first line (its JSON after `{"$snapshot":`). */
export function journalOf(meta: { journal?: unknown }): number {
  if (!Number.isInteger(meta.journal) || (meta.journal as number) < 1) throw new LayoutError("no journal number");
  return meta.journal as number;
}

/**
 * One collection of a sealed snapshot (its CRC checked): `region` holds its line `,"name":{` and its
 * record lines, each record left unread in a `LazyTable` that keeps `region` and where each line
 * starts. A record is parsed, its strings shared and frozen by `trusted` when first read. The layout
 * is checked all the same (the bytes are those the writer wrote, so it holds). Throws LayoutError.
 */
export function unreadTable(file: string, region: Buffer, trusted: Revive): { name: string; records: LazyTable } {
  const nl = region.indexOf(NL);
  const end = nl === -1 ? region.length : nl;
  if (region[0] !== COMMA || region.toString("latin1", end - 3, end) !== '":{') throw new LayoutError("expected a collection");
  const name = JSON.parse(region.toString("utf8", 1, end - 2)) as string;
  const lines = region.subarray(end + 1);
  const read = (id: string, record: unknown) => trusted(name, id, record) ?? fail(`${name}/${id} was left out`);
  const records = new LazyTable({ file, name, bytes: lines, read });
  for (let at = 0; at < lines.length; ) {
    if (at > 0 && lines[at++] !== COMMA) throw new LayoutError("expected a record");
    const colon = endOfId(lines, at);
    if (colon === -1) throw new LayoutError("expected an id and a record");
    records.addUnread(idOf(lines, at, colon), at);
    const next = lines.indexOf(NL, colon);
    at = next === -1 ? lines.length : next + 1;
  }
  return { name, records };
}

/** The id whose JSON string starts at `from` and ends before the colon at `colon`. */
function idOf(bytes: Buffer, from: number, colon: number): string {
  for (let i = from + 1; i < colon - 1; i++) {
    const b = bytes[i]!;
    if (b === BACKSLASH || b >= 0x80) return JSON.parse(bytes.toString("utf8", from, colon)) as string;
  }
  return bytes.toString("latin1", from + 1, colon - 1);
}

function fail(message: string): never {
  throw new Error(message);
}

export class LayoutError extends Error {}

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
