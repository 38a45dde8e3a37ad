/**
 * A table of a sealed snapshot whose records are read on first use. Opening a snapshot whose seal
 * holds (see snapshot.ts) keeps each table's bytes and, for each id, where its line starts, instead
 * of parsing 300k records at 100k cadres: the record is parsed (its strings shared, frozen) the first
 * time it is read, and takes the place of its bytes. The cost of parsing moves from the open to the
 * first command that reads the records; a table whose records have all been read lets its bytes go.
 *
 * To everyone else it is the `Map` the store keeps: `get`, `values`, `entries`, iteration and
 * `forEach` hand out records; `set`, `delete`, `has`, `size` and `keys` never parse. A fold copies it
 * with `copyTable` and writes a record still unread as its bytes, as they were (`writeParts`).
 */
import { CorruptDataError, type Rec } from "./store";

/** Reads one record's JSON (its id, its text): the record kept in memory (strings shared, frozen). */
export type ReadRecord = (id: string, record: unknown) => Rec;

/** Where the unread records come from: one table's lines of a snapshot. */
export interface Source {
  readonly file: string;
  readonly name: string;
  /**
   * The table's lines, each `"id":{…}` after a separator (`\n` then `,` from the second on): a
   * view over the whole of an ArrayBuffer of its own (see `free`).
   */
  readonly bytes: Buffer;
  readonly read: ReadRecord;
  /** Set once a fold's copy shares the bytes: they are then left to the garbage collector. */
  shared?: boolean;
}

const NL = 0x0a;
const COLON = 0x3a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

// The Map's own methods, which see an unread record as the number it is stored as.
const rawGet = Map.prototype.get as (this: Map<string, unknown>, id: string) => unknown;
const rawSet = Map.prototype.set as (this: Map<string, unknown>, id: string, value: unknown) => Map<string, unknown>;
const rawEntries = Map.prototype.entries as (this: Map<string, unknown>) => MapIterator<[string, unknown]>;

/**
 * A table whose values are records, or, for a record not read yet, the offset in `source.bytes` of
 * its line (the id's opening quote): a small integer, which costs the garbage collector nothing.
 */
export class LazyTable extends Map<string, Rec> {
  private unread = 0;

  /** `source` null: a table with no unread record. */
  constructor(private source: Source | null) {
    super();
  }

  /** Adds the record `id` whose line starts at `at` in the source's bytes (while the snapshot is read). */
  addUnread(id: string, at: number): void {
    if (rawGet.call(this, id) === undefined) this.unread++;
    rawSet.call(this, id, at);
  }

  /** How many records have not been read yet (tests). */
  get unreadCount(): number {
    return this.unread;
  }

  override get(id: string): Rec | undefined {
    const v = rawGet.call(this, id);
    return typeof v === "number" ? this.parse(id, v) : (v as Rec | undefined);
  }

  override set(id: string, rec: Rec): this {
    if (typeof rawGet.call(this, id) === "number") this.forget();
    rawSet.call(this, id, rec);
    return this;
  }

  override delete(id: string): boolean {
    if (typeof rawGet.call(this, id) === "number") this.forget();
    return super.delete(id);
  }

  override clear(): void {
    this.unread = 0;
    this.source = null;
    super.clear();
  }

  override *entries(): MapIterator<[string, Rec]> {
    for (const [id, v] of rawEntries.call(this)) yield [id, typeof v === "number" ? this.parse(id, v) : (v as Rec)];
  }

  override *values(): MapIterator<Rec> {
    for (const [id, v] of rawEntries.call(this)) yield typeof v === "number" ? this.parse(id, v) : (v as Rec);
  }

  override [Symbol.iterator](): MapIterator<[string, Rec]> {
    return this.entries();
  }

  override forEach(fn: (rec: Rec, id: string, map: Map<string, Rec>) => void, thisArg?: unknown): void {
    for (const [id, rec] of this.entries()) fn.call(thisArg, rec, id, this);
  }

  /**
   * The table as `write` puts it in a snapshot, in order: a record read, or the bytes of a run of
   * records not read (`"id":{…}` lines with their `\n,` between them), written as they are.
   */
  *writeParts(): Generator<[string, Rec] | Buffer> {
    const bytes = this.source?.bytes;
    let from = -1;
    let to = -1;
    for (const [id, v] of rawEntries.call(this)) {
      if (typeof v !== "number") {
        if (from >= 0) yield bytes!.subarray(from, to);
        from = -1;
        yield [id, v as Rec];
        continue;
      }
      const end = endOfLine(bytes!, v);
      if (from >= 0 && v === to + 2)
        to = end; // the next line of the run: "\n," between them
      else {
        if (from >= 0) yield bytes!.subarray(from, to);
        from = v;
        to = end;
      }
    }
    if (from >= 0) yield bytes!.subarray(from, to);
  }

  /** A copy (a fold's picture of the table): records read are shared (frozen), unread ones stay unread. */
  copy(): LazyTable {
    if (this.source) this.source.shared = true;
    const copy = new LazyTable(this.source);
    for (const [id, v] of rawEntries.call(this)) rawSet.call(copy, id, v);
    copy.unread = this.unread;
    return copy;
  }

  private parse(id: string, at: number): Rec {
    const { file, name, bytes, read } = this.source!;
    let rec: Rec;
    try {
      const colon = endOfId(bytes, at);
      if (colon < 0) throw new Error("expected an id and a record");
      const record = JSON.parse(bytes.toString("utf8", colon + 1, endOfLine(bytes, colon))) as { id?: unknown };
      if (record?.id === id) record.id = id; // one string for the key and the record's id
      rec = read(id, record);
    } catch (e) {
      // The seal held at open, so only a bug gets here; name the record rather than hand out nothing.
      throw new CorruptDataError(file, `${name}/${id}: ${(e as Error).message}`);
    }
    rawSet.call(this, id, rec);
    this.forget();
    return rec;
  }

  /** One unread record fewer; the bytes go with the last. */
  private forget() {
    if (--this.unread > 0) return;
    const { bytes, shared } = this.source!;
    this.source = null;
    if (!shared) free(bytes);
  }
}

/** A copy of a table for a fold: a lazy table's keeps its unread records unread. */
export function copyTable(table: Map<string, Rec>): Map<string, Rec> {
  return table instanceof LazyTable ? table.copy() : new Map(table);
}

/**
 * Gives the memory of `bytes` (the only view left on its ArrayBuffer) back at once. A buffer this
 * big outlives the young generation, and nothing else makes the garbage collector collect it soon:
 * a first command that reads every cadre would otherwise hold both the records and their bytes (60
 * MB more at 100k) until a full collection. Moving the memory to a new ArrayBuffer that nothing
 * holds (detaching this one) lets the next minor collection free it.
 */
function free(bytes: Buffer): void {
  structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
}

/** The index of the newline ending the line at `from` (or the end of the bytes). */
function endOfLine(bytes: Buffer, from: number): number {
  const nl = bytes.indexOf(NL, from);
  return nl === -1 ? bytes.length : nl;
}

/** The index of the colon after the JSON string (an id) starting at `from`, or -1 if there is none. */
export function endOfId(bytes: Buffer, from: number): number {
  if (bytes[from] !== QUOTE) return -1;
  for (let i = from + 1; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return bytes[i + 1] === COLON ? i + 1 : -1;
  }
  return -1;
}
