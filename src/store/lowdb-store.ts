/**
 * The embedded backend: one JSON file in the data directory, kept by lowdb.
 *
 * - Group commit: changes made while a write is on its way are written together by the next one;
 *   every caller's promise resolves once the write holding its change is on disk (fsync, rename).
 * - Exclusive lock on the directory (see dir-lock.ts).
 * - Every record is validated on load (./validate.ts: also unknown collections and fields, null
 *   records); a bad file stops the start and is never overwritten.
 */
import { Low, Memory, type Adapter } from "lowdb";
import { AsyncLocalStorage } from "node:async_hooks";
import { open, readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import { collections, type CollectionName } from "./collections";
import { lockDirectory } from "./dir-lock";
import { CorruptDataError, InvalidRecordError, NestedTransactionError, type Collection, type Collections, type Store } from "./store";
import { checkCollectionNames, checkStoredRecord } from "./validate";

type Rec = { id: string };
/** Collection name → id → record. Maps: fast to list at 100k records, and any id is an ordinary key. */
type Data = Record<string, Map<string, Rec>>;

/** A lowdb adapter that writes a temp file, fsyncs it, renames it over the file and fsyncs the folder. */
export class DurableJsonFile implements Adapter<Data> {
  constructor(private readonly file: string) {}

  async read(): Promise<Data | null> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
    try {
      const data = JSON.parse(text) as unknown;
      if (!data || typeof data !== "object" || Array.isArray(data)) throw new Error("not a JSON object");
      return Object.fromEntries(
        Object.entries(data).map(([name, table]) => {
          if (!table || typeof table !== "object" || Array.isArray(table)) throw new Error(`"${name}" is not a JSON object`);
          return [name, new Map(Object.entries(table as Record<string, Rec>))];
        }),
      );
    } catch (e) {
      throw new CorruptDataError(this.file, (e as Error).message);
    }
  }

  async write(data: Data): Promise<void> {
    await writeDurably(this.file, serialize(data));
  }
}

/** The file's JSON: `{ "collection": { "id": record, … }, … }`, written without building objects of the maps. */
function serialize(data: Data): string {
  const tables = Object.entries(data).map(([name, table]) => {
    const records = Array.from(table, ([id, rec]) => `${JSON.stringify(id)}:${JSON.stringify(rec)}`);
    return `${JSON.stringify(name)}:{${records.join(",")}}`;
  });
  return `{${tables.join(",")}}`;
}

async function writeDurably(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp`;
  const fh = await open(tmp, "w");
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
  const dir = await open(join(file, ".."), "r");
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function validate(name: CollectionName, record: unknown): Rec {
  const parsed = collections[name].safeParse(record);
  if (!parsed.success) {
    const id = (record as Rec | null)?.id ?? "?";
    throw new InvalidRecordError(name, String(id), parsed.error.issues.map((i) => `${i.path.join(".") || "record"}: ${i.message}`));
  }
  return deepFreeze(parsed.data as Rec);
}

export interface LowdbStoreOptions {
  /** Data directory; omit for an in-memory store (tests, benchmarks). */
  dir?: string;
}

/**
 * Opens the lowdb store.
 * @example const store = await openLowdbStore({ dir: "var/data" });
 */
export async function openLowdbStore(options: LowdbStoreOptions = {}): Promise<Store> {
  const release = options.dir ? lockDirectory(options.dir) : () => {};
  try {
    const adapter = options.dir ? new DurableJsonFile(join(options.dir, "db.json")) : new Memory<Data>();
    const db = new Low<Data>(adapter, {});
    await db.read();
    const data: Data = {};
    checkCollectionNames(Object.keys(db.data));
    for (const name of Object.keys(collections) as CollectionName[]) {
      const table = new Map<string, Rec>();
      for (const [id, rec] of db.data[name] ?? new Map<string, Rec>()) table.set(id, deepFreeze(checkStoredRecord(name, id, rec)));
      data[name] = table;
    }
    db.data = data;
    return new LowdbStore(db, release);
  } catch (e) {
    release();
    throw e;
  }
}

type Undo = { name: CollectionName; id: string; before: Rec | undefined };

// The collections are defined in the constructor, one per entry of `collections`.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
interface LowdbStore extends Collections {}

class LowdbStore implements Store {
  private queue: Promise<unknown> = Promise.resolve();
  /** The changes of the transaction running now; no write starts while it holds any (they may be undone). */
  private running: Undo[] | null = null;
  /** Marks code running inside a transaction, to refuse a write that would wait for that same transaction. */
  private inside = new AsyncLocalStorage<{ open: boolean }>();
  private writing: Promise<void> | null = null;
  private waiting: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private failed: unknown = null;
  private closed = false;
  /** Lazy equality indexes: collection → field → value → ids. */
  private indexes = new Map<string, Map<string, Map<unknown, Set<string>>>>();

  constructor(
    private readonly db: Low<Data>,
    private readonly release: () => void,
  ) {
    for (const name of Object.keys(collections) as CollectionName[]) {
      Object.defineProperty(this, name, { value: this.collection(name, null), enumerable: true });
    }
  }

  /** A collection; with `undo` it belongs to a running transaction, without it each write is a transaction of its own. */
  private collection(name: CollectionName, undo: Undo[] | null): Collection<Rec> {
    const table = () => this.db.data[name]!;
    const inTx = (tx: Collections) => tx[name] as unknown as Collection<Rec>;
    return {
      get: async (id) => table().get(id),
      all: async () => [...table().values()],
      count: async () => table().size,
      find: async (where) => this.find(name, where as Record<string, unknown>),
      put: async (record) => {
        if (!undo) return this.transaction(async (tx) => inTx(tx).put(record));
        const valid = validate(name, record);
        this.set(name, valid.id, valid, undo);
        return valid;
      },
      remove: async (id) => {
        if (!undo) return this.transaction(async (tx) => inTx(tx).remove(id));
        if (!table().has(id)) return false;
        this.set(name, id, undefined, undo);
        return true;
      },
    } as Collection<Rec>;
  }

  private set(name: CollectionName, id: string, next: Rec | undefined, undo: Undo[] | null) {
    if (this.closed) throw new Error("store is closed");
    const table = this.db.data[name]!;
    const before = table.get(id);
    undo?.push({ name, id, before });
    this.reindex(name, id, before, next);
    if (next) table.set(id, next);
    else table.delete(id);
  }

  private find(name: CollectionName, where: Record<string, unknown>): Rec[] {
    const fields = Object.keys(where);
    if (fields.length === 0) return [...this.db.data[name]!.values()];
    const [first, ...rest] = fields;
    const ids = this.index(name, first!).get(where[first!]) ?? new Set<string>();
    const table = this.db.data[name]!;
    const out: Rec[] = [];
    for (const id of ids) {
      const rec = table.get(id) as unknown as Record<string, unknown>;
      if (rest.every((f) => rec[f] === where[f])) out.push(rec as unknown as Rec);
    }
    return out;
  }

  private index(name: CollectionName, field: string): Map<unknown, Set<string>> {
    let byField = this.indexes.get(name);
    if (!byField) this.indexes.set(name, (byField = new Map()));
    let idx = byField.get(field);
    if (!idx) {
      idx = new Map();
      for (const rec of this.db.data[name]!.values()) addTo(idx, (rec as unknown as Record<string, unknown>)[field], rec.id);
      byField.set(field, idx);
    }
    return idx;
  }

  private reindex(name: CollectionName, id: string, before: Rec | undefined, next: Rec | undefined) {
    const byField = this.indexes.get(name);
    if (!byField) return;
    for (const [field, idx] of byField) {
      if (before) idx.get((before as unknown as Record<string, unknown>)[field])?.delete(id);
      if (next) addTo(idx, (next as unknown as Record<string, unknown>)[field], id);
    }
  }

  transaction<R>(fn: (tx: Collections) => Promise<R>): Promise<R> {
    // A write on the store itself from inside a transaction would wait for that transaction: a deadlock.
    if (this.inside.getStore()?.open) return Promise.reject(new NestedTransactionError());
    const run = async (): Promise<{ result: R; durable: Promise<void> }> => {
      const undo: Undo[] = [];
      const tx = Object.fromEntries(
        (Object.keys(collections) as CollectionName[]).map((name) => [name, this.collection(name, undo)]),
      ) as unknown as Collections;
      const marker = { open: true };
      this.running = undo;
      try {
        const result = await this.inside.run(marker, () => fn(tx));
        this.running = null;
        return { result, durable: undo.length ? this.commit() : Promise.resolve() };
      } catch (e) {
        for (const u of undo.reverse()) this.set(u.name, u.id, u.before, null);
        this.running = null;
        this.kick(); // writes asked for before this transaction may have waited for it
        throw e;
      } finally {
        marker.open = false;
      }
    };
    const done = this.queue.then(run);
    this.queue = done.catch(() => {});
    return done.then(async ({ result, durable }) => {
      await durable;
      return result;
    });
  }

  /** Asks for a write holding every change made so far. */
  private commit(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.kick();
    });
  }

  private kick() {
    // Never snapshot a transaction half-way: a throw would undo in memory what a write put on disk.
    if (this.writing || this.waiting.length === 0 || this.running?.length) return;
    const batch = this.waiting;
    this.waiting = [];
    this.writing = this.db.write().then(
      () => batch.forEach((w) => w.resolve()),
      (e) => {
        this.failed = e;
        batch.forEach((w) => w.reject(e));
      },
    );
    this.writing.finally(() => {
      this.writing = null;
      this.kick();
    });
  }

  async flush(): Promise<void> {
    await this.queue;
    while (this.writing || this.waiting.length) await (this.writing ?? this.commit());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    this.release();
  }
}

function addTo(idx: Map<unknown, Set<string>>, value: unknown, id: string) {
  let ids = idx.get(value);
  if (!ids) idx.set(value, (ids = new Set()));
  ids.add(id);
}
