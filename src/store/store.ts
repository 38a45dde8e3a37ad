/**
 * The store contract: every backend (lowdb now, PostgreSQL later) offers the same collections
 * and the same guarantees, checked by the contract tests in `tests/store/contract.ts`.
 */
import type { CollectionName, InputOf, RecordOf } from "./collections";

/** A record as a backend keeps it, whatever its collection: an object with its id. */
export type Rec = { id: string };

/**
 * One collection of records keyed by `id`. Records read are frozen: change a copy and `put` it.
 * @example const person = await store.people.get("p-12");
 */
export interface Collection<T extends { id: string }, In = T> {
  get(id: string): Promise<T | undefined>;
  /** Every record, in insertion order. */
  all(): Promise<T[]>;
  /** Records whose top-level fields equal every field of `where`. */
  find(where: Partial<T>): Promise<T[]>;
  /** Validates with the record's schema, inserts or replaces; resolves once durable. */
  put(record: In): Promise<T>;
  /** Resolves true when a record was removed, once durable. */
  remove(id: string): Promise<boolean>;
  count(): Promise<number>;
}

export type Collections = { readonly [K in CollectionName]: Collection<RecordOf<K>, InputOf<K>> };

/** How long `transaction` waits. */
export interface TransactionOptions {
  /**
   * `"durable"` (the default): until the changes are on disk (or committed by the database).
   * `"ordered"`: on a backend that writes one journal in order (the embedded store), only until they
   * are applied and queued before every later write — so a later write that is durable carries them
   * too, and a crash before that loses both. For writes a reply may go out without (an update's
   * claim, a first contact's records: docs/operating.md says what a crash may then lose). A backend
   * shared by several processes (PostgreSQL) always waits for its commit.
   */
  wait?: "durable" | "ordered";
}

export interface Store extends Collections {
  /**
   * Runs `fn` as if alone: no other transaction or write touching what it reads or writes
   * interleaves with it, so a read-check-write (the last seat of a class) is atomic. Its changes
   * are applied together or not at all (a throw undoes them), and the promise resolves after they
   * are durable. A backend may roll `fn` back and run it again (PostgreSQL breaking a deadlock), so
   * `fn` acts only through `tx`: its notices too (`deps.notify` takes `tx`, and an outbox entry is
   * written at most once by its id), while sending on a channel waits for the delivery, after the commit.
   * @example await store.transaction(async (tx) => { const c = await tx.units.get(id); await tx.units.put({ ...c!, name }); });
   */
  transaction<R>(fn: (tx: Collections) => Promise<R>, options?: TransactionOptions): Promise<R>;
  /** Waits for every write made so far to be durable. */
  flush(): Promise<void>;
  /** Flushes, then releases the data directory. */
  close(): Promise<void>;
}

/** A record broke its schema: names the collection, the record and the field. */
export class InvalidRecordError extends Error {
  constructor(
    public readonly collection: string,
    public readonly recordId: string,
    public readonly problems: string[],
  ) {
    super(`Invalid record ${collection}/${recordId}: ${problems.join("; ")}`);
    this.name = "InvalidRecordError";
  }
}

/** Another process holds the data directory. */
export class StoreLockedError extends Error {
  constructor(
    public readonly dir: string,
    public readonly pid: number,
  ) {
    super(`The data directory ${dir} is in use by another doan-bot process (pid ${pid}). Stop it first, or choose another DATA_DIR.`);
    this.name = "StoreLockedError";
  }
}

/** The data file cannot be read as doan-bot data; it is left untouched. */
export class CorruptDataError extends Error {
  constructor(
    public readonly file: string,
    public readonly reason: string,
  ) {
    super(`The data file ${file} cannot be loaded and was left untouched: ${reason}`);
    this.name = "CorruptDataError";
  }
}

/** A write on the store (not on `tx`) from inside a transaction: it would wait for itself forever. */
export class NestedTransactionError extends Error {
  constructor() {
    super("A store write or transaction was started inside a transaction: use the `tx` collections handed to the transaction.");
    this.name = "NestedTransactionError";
  }
}

/** Error codes of a store that cannot write or cannot be reached: the disk, the network, the server. */
const OUTAGE_CODES = new Set([
  // the data directory's disk or file system
  "ENOSPC",
  "EDQUOT",
  "EIO",
  "EROFS",
  // the way to the database
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  // PostgreSQL: shutting down or starting, out of disk or memory
  "57P01",
  "57P02",
  "57P03",
  "53100",
  "53200",
]);

/**
 * True when `e` says the store is out of reach or cannot write now (a full disk, a database gone),
 * not that the request was wrong: the update that met it is left unseen and handled when sent again.
 * @example if (isStoreOutage(e)) throw e; // the webhook answers 500 and Telegram resends
 */
export function isStoreOutage(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === "string" && (OUTAGE_CODES.has(code) || code.startsWith("08"))) return true;
  // node-postgres says a lost connection in words only.
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e.message);
}
