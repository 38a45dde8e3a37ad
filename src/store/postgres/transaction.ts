/**
 * A PostgreSQL transaction of the store (`TxState`) and its advisory locks: which keys a read, a
 * listing and a write take, and which failures let a transaction run again.
 */
import { createHash } from "node:crypto";
import type pg from "pg";
import { answeredWithin } from "./bounds";

export type { Queryable } from "./bounds";

/** The write connection lent to one write; `broken` set closes it instead of returning it to the pool. */
export interface WriteConnection {
  client: pg.PoolClient;
  broken: Error | undefined;
}

/**
 * A running transaction on its connection, and its advisory transaction locks, each taken once and
 * held until it ends:
 *
 * - reading a record by id (`get`) takes its record's lock, exclusive (as SELECT … FOR UPDATE);
 * - listing (`find`) takes, exclusive, the lock of one field value it asks for (`courseId = k-1`;
 *   a field named `…Id` first, else the longest value), or of the whole collection (`all`,
 *   `count`, a `find` on nothing);
 * - writing a record (`put`, `remove`) takes its record's lock, exclusive, then shares the locks of
 *   its collection and of every scalar field value it had and has: so it waits for a transaction
 *   that listed those records, and one that lists them waits for it.
 *
 * A lock is taken in a statement of its own, before the statement that reads: under READ
 * COMMITTED that read sees every transaction that held the lock before. Statements that need no
 * answer (BEGIN, the locks, a put's upsert) wait and go out with the next one that does, in one
 * round trip (a simple query of several statements, values as escaped literals). Two transactions
 * taking the same locks in opposite orders deadlock; PostgreSQL breaks it by failing one, which is
 * rolled back and run again (`RETRYABLE`).
 */
export class TxState {
  private pending: string[] = ["BEGIN"];
  private begun = false;
  private readonly held = new Map<string, "shared" | "exclusive">();

  /** `answerMs(n)`: how long the client waits for the answer to a batch of n statements (bounds.ts). */
  constructor(
    readonly client: pg.ClientBase,
    private readonly answerMs?: (statements: number) => number,
  ) {}

  /** Sends statements as one simple query, its answer awaited within `answerMs` (see bounds.ts). */
  private batch(statements: string[]): Promise<unknown> {
    const query = this.client.query(statements.join(";\n"));
    return this.answerMs ? answeredWithin(this.client, query, this.answerMs(statements.length)) : query;
  }

  exclusive(key: string): void {
    if (this.held.get(key) === "exclusive") return;
    this.pending.push(`SELECT pg_advisory_xact_lock(${key})`);
    this.held.set(key, "exclusive");
  }

  /** Shares the keys not held yet, in one statement (in key order, so that two of these never deadlock). */
  shared(keys: readonly string[]): void {
    const wanted = keys.filter((k) => !this.held.has(k)).sort();
    if (!wanted.length) return;
    this.pending.push(`SELECT count(pg_advisory_xact_lock_shared(k)) FROM unnest('{${wanted.join(",")}}'::bigint[]) AS k`);
    for (const k of wanted) this.held.set(k, "shared");
  }

  /** Adds a statement whose answer nobody needs: it goes out with the next query or the commit. */
  later(text: string, params: readonly unknown[]): void {
    this.pending.push(this.inline(text, params));
  }

  /** Runs a statement after everything pending; returns its result. */
  async query<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<pg.QueryResult<T>> {
    if (!this.pending.length) {
      const query = this.client.query<T>(text, params);
      return this.answerMs ? answeredWithin(this.client, query, this.answerMs(1)) : query;
    }
    const statements = [...this.pending, this.inline(text, params)];
    this.pending = [];
    this.begun = true;
    const results = (await this.batch(statements)) as unknown as pg.QueryResult<T>[];
    return results.at(-1)!;
  }

  /** Sends what is pending with COMMIT; nothing when the transaction never reached the database. */
  async commit(): Promise<void> {
    if (!this.begun && this.pending.length === 1) return; // only BEGIN: nothing was read or written
    const statements = [...this.pending, "COMMIT"];
    this.pending = [];
    await this.batch(statements);
  }

  async rollback(): Promise<void> {
    this.pending = [];
    if (this.begun) await this.batch(["ROLLBACK"]);
  }

  /** `text` with its `$n` parameters written as literals. */
  private inline(text: string, params: readonly unknown[]): string {
    return text.replace(/\$(\d+)/g, (_, n: string) => (this.client as pg.Client).escapeLiteral(String(params[Number(n) - 1])));
  }
}

/**
 * The advisory lock key (a signed 64-bit integer, as text) of a record, a collection, or a value of
 * a field in a collection: the first 8 bytes of a hash of its name. Two names sharing a key (odds
 * 2⁻⁶⁴) would only make two transactions wait for each other needlessly.
 */
function lockKey(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest().readBigInt64BE(0).toString();
}
export const recordKey = (name: string, id: string) => lockKey("record", name, id);
export const collectionKey = (name: string) => lockKey("collection", name);
export const fieldKey = (name: string, field: string, value: unknown) => lockKey("field", name, field, JSON.stringify(value));

/** The keys a write of `records` (the record before and after it) must share: its collection and each of its scalar field values. */
export function writeKeys(name: string, records: readonly unknown[]): string[] {
  const keys = new Set([collectionKey(name)]);
  for (const rec of records) {
    if (!rec || typeof rec !== "object") continue;
    for (const [field, value] of Object.entries(rec)) if (isScalar(value)) keys.add(fieldKey(name, field, value));
  }
  return [...keys];
}

/** The field of a `find` whose value is locked: a reference (`…Id`) first, else the longest value (likely the rarest). */
export function lockedField(where: Record<string, unknown>): string | undefined {
  const rank = (f: string) => [f.endsWith("Id") ? 0 : 1, -String(where[f]).length] as const;
  return Object.keys(where).sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] - y[0] || x[1] - y[1] || (a < b ? -1 : 1);
  })[0];
}

/** Errors after which PostgreSQL rolled the transaction back and it may simply run again: a deadlock broken, a serialization failure. */
export const RETRYABLE = new Set(["40P01", "40001"]);
export const RETRIES = 5;

export const isScalar = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);
