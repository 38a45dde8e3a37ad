/**
 * The PostgreSQL backend, for several bot processes on one database. One table per collection
 * (`id` text primary key, `seq` insertion order, `data` jsonb), created by the versioned
 * migrations in ./migrations. Records are validated with their zod schema on write and on read.
 *
 * Transactions keep the contract's promise across processes with advisory transaction locks on
 * what they touch (`TxState`, ./transaction.ts): two transactions that read or write the same record, or where one
 * lists what the other changes, run one after the other, and a read-check-write (the last seat of
 * a class) is atomic; transactions on different records run at once, on a pool of write
 * connections. A single put or remove is a transaction of its own. Reads outside a transaction use
 * another pool, take no lock and never wait for a write.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { collections, type CollectionName } from "../collections";
import { NestedTransactionError, type Collection, type Collections, type Store } from "../store";
import { validate } from "../validate";
import {
  batchAnswerMs,
  boundedConnection,
  boundedPool,
  DATABASE_BOUNDS,
  type DatabaseBounds,
  IMPORT_STATEMENT_MS,
  unanswered,
} from "./bounds";
import { migrateSchema, shippedMigrations } from "./migrate-schema";
import { ReadCache, type Rec, stored, tableOf } from "./read-cache";

export { tableOf };
import {
  collectionKey,
  fieldKey,
  isScalar,
  lockedField,
  type Queryable,
  recordKey,
  RETRIES,
  RETRYABLE,
  TxState,
  type WriteConnection,
  writeKeys,
} from "./transaction";

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/database` */
  url: string;
  /** Connections for reads (default 10). */
  poolSize?: number;
  /** Connections for writes (default 5): as many transactions on different records run at once. */
  writePoolSize?: number;
  /** Bounds on waiting for the database (default `DATABASE_BOUNDS`). */
  bounds?: DatabaseBounds;
}

/** The PostgreSQL store, plus what the instances' coordination needs. */
export interface PostgresStore extends Store {
  readonly url: string;
  /** True when the database answers now. */
  ping(): Promise<boolean>;
  /**
   * Adds many records to a collection at once, in the order given, in one transaction (validated
   * like `put`; an id already there is replaced): for copying a store.
   */
  importRecords(name: CollectionName, records: readonly unknown[]): Promise<void>;
}

/** Records per statement when importing. */
const IMPORT_CHUNK = 2000;

/**
 * Connects, applies the pending migrations (refusing a newer schema), and opens the store.
 * @example const store = await openPostgresStore({ url: process.env.DATABASE_URL! });
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  // Migrations may run long: only opening the connection is bounded.
  const bounds = options.bounds ?? DATABASE_BOUNDS;
  const client = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: bounds.connectMs });
  client.on("error", () => {}); // a connection cut mid-migration fails its query; it must not end the process
  await client.connect();
  try {
    await migrateSchema(client, shippedMigrations());
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()",
    );
    const tables = new Set(rows.map((r) => r.table_name));
    const missing = (Object.keys(collections) as CollectionName[]).filter((n) => !tables.has(tableOf(n)));
    if (missing.length)
      throw new Error(`No migration creates the table of ${missing.join(", ")}: add one in src/store/postgres/migrations.`);
  } finally {
    await client.end();
  }
  return new PgStore(options);
}

// The collections are defined in the constructor, one per entry of `collections`.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
interface PgStore extends Collections {}

class PgStore implements PostgresStore {
  readonly url: string;
  private readonly reads: pg.Pool;
  private readonly writes: pg.Pool;
  /** The writes under way, for `flush`. */
  private readonly running = new Set<Promise<unknown>>();
  private readonly inside = new AsyncLocalStorage<{ open: boolean }>();
  private closed = false;
  /** Validated records read outside transactions. */
  private readonly cache = new ReadCache();
  private readonly bounds: DatabaseBounds;
  private readonly boundedReads: Queryable;

  constructor(options: PostgresStoreOptions) {
    this.url = options.url;
    this.bounds = options.bounds ?? DATABASE_BOUNDS;
    this.reads = new pg.Pool({ ...boundedConnection(options.url, this.bounds), max: options.poolSize ?? 10 });
    this.writes = new pg.Pool({ ...boundedConnection(options.url, this.bounds), max: options.writePoolSize ?? 5 });
    this.boundedReads = boundedPool(this.reads, this.bounds.readAnswerMs);
    // A connection that drops while idle is replaced on the next query; it must not crash the process.
    this.reads.on("error", () => {});
    this.writes.on("error", () => {});
    for (const name of Object.keys(collections) as CollectionName[]) {
      Object.defineProperty(this, name, { value: this.collection(name, null), enumerable: true });
    }
  }

  /** A collection; with `tx` it belongs to a running transaction, without it each write is a transaction of its own. */
  private collection(name: CollectionName, tx: TxState | null): Collection<Rec> {
    const table = tableOf(name);
    const reader = (): Queryable => tx ?? this.readable();
    const rows = async (sql: string, params: unknown[] = []) =>
      (await reader().query<{ id: string; data: unknown }>(sql, params)).rows.map((r) => stored(name, r.id, r.data));
    const inTx = (t: Collections) => t[name] as unknown as Collection<Rec>;
    /** The record as stored now, read after its lock is held (so no other transaction changes it meanwhile). */
    const current = async (t: TxState, id: string) => {
      t.exclusive(recordKey(name, id));
      return (await t.query<{ data: unknown }>(`SELECT data FROM ${table} WHERE id = $1`, [id])).rows[0]?.data;
    };
    const whole = () => tx?.exclusive(collectionKey(name));
    return {
      get: async (id) => {
        tx?.exclusive(recordKey(name, id));
        return (await rows(`SELECT id, data FROM ${table} WHERE id = $1`, [id]))[0];
      },
      all: async () => {
        whole();
        return tx ? rows(`SELECT id, data FROM ${table} ORDER BY seq`) : this.cache.list(this.readable(), name, "", [], true);
      },
      count: async () => {
        whole();
        return Number((await reader().query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
      },
      find: async (where) => {
        const entries = Object.entries(where as Record<string, unknown>);
        const contained = Object.fromEntries(entries.filter(([, v]) => isScalar(v)));
        if (tx) {
          const field = lockedField(contained);
          tx.exclusive(field === undefined ? collectionKey(name) : fieldKey(name, field, contained[field]));
        }
        const filter = [JSON.stringify(contained)];
        const found = tx
          ? await rows(`SELECT id, data FROM ${table} WHERE data @> $1::jsonb ORDER BY seq`, filter)
          : await this.cache.list(this.readable(), name, "WHERE data @> $1::jsonb", filter, false);
        return found.filter((r) => entries.every(([f, v]) => (r as unknown as Record<string, unknown>)[f] === v));
      },
      put: async (record) => {
        const valid = validate(name, record);
        if (!tx) return this.transaction(async (t) => inTx(t).put(valid));
        const before = await current(tx, valid.id);
        tx.shared(writeKeys(name, [before, valid]));
        tx.later(`INSERT INTO ${table} (id, data) VALUES ($1, $2::jsonb) ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data`, [
          valid.id,
          JSON.stringify(valid),
        ]);
        return valid;
      },
      remove: async (id) => {
        if (!tx) return this.transaction(async (t) => inTx(t).remove(id));
        const before = await current(tx, id);
        if (before === undefined) return false;
        tx.shared(writeKeys(name, [before]));
        tx.later(`DELETE FROM ${table} WHERE id = $1`, [id]);
        return true;
      },
    } as Collection<Rec>;
  }

  /** The read pool, each answer bounded (`readAnswerMs`, see bounds.ts). */
  private readable(): Queryable {
    if (this.closed) throw new Error("store is closed");
    return this.boundedReads;
  }

  /**
   * Runs `fn` in a database transaction on a write connection. When PostgreSQL rolls it back to
   * break a deadlock, `fn` runs again (up to RETRIES times): it must act only through `tx`.
   */
  transaction<R>(fn: (tx: Collections) => Promise<R>): Promise<R> {
    return this.write(async (conn) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.run(conn, fn);
        } catch (e) {
          if (attempt >= RETRIES || conn.broken || !RETRYABLE.has((e as { code?: string }).code ?? "")) throw e;
        }
      }
    });
  }

  /**
   * Runs a write on a connection of the write pool. A connection whose state is unknown (a failed
   * BEGIN, ROLLBACK or COMMIT, a connection cut) is closed rather than reused.
   */
  private write<R>(fn: (conn: WriteConnection) => Promise<R>): Promise<R> {
    // A write on the store itself from inside a transaction would wait for that transaction: a deadlock.
    if (this.inside.getStore()?.open) return Promise.reject(new NestedTransactionError());
    if (this.closed) return Promise.reject(new Error("store is closed"));
    const done = (async () => {
      const conn: WriteConnection = { client: await this.writes.connect(), broken: undefined };
      // The pool listens for a connection's errors only while it is idle: lent out, a connection that
      // the server ends between two statements (a restart, a dropped link) would throw from the
      // client's 'error' event and end the process. It is marked broken instead; the write's next
      // statement fails, and the connection is closed rather than reused.
      const onError = (e: Error) => void (conn.broken ??= e);
      conn.client.on("error", onError);
      try {
        return await fn(conn);
      } finally {
        conn.client.removeListener("error", onError);
        conn.client.release(conn.broken);
      }
    })();
    const tracked = done.catch(() => {});
    this.running.add(tracked);
    void tracked.then(() => this.running.delete(tracked));
    return done;
  }

  private async run<R>(conn: WriteConnection, fn: (tx: Collections) => Promise<R>): Promise<R> {
    const { client } = conn;
    const unsure = <T>(p: Promise<T>) =>
      p.catch((e: Error) => {
        conn.broken = e;
        throw e;
      }); // prettier-ignore
    const state = new TxState(client, (statements) => batchAnswerMs(this.bounds, statements));
    const tx = Object.fromEntries(
      (Object.keys(collections) as CollectionName[]).map((name) => [name, this.collection(name, state)]),
    ) as unknown as Collections;
    const marker = { open: true };
    let result: R;
    try {
      result = await this.inside.run(marker, () => fn(tx));
    } catch (e) {
      // A statement left unanswered: the connection is closed (the server rolls back) rather than
      // waiting as long again for a ROLLBACK.
      if (unanswered(e)) conn.broken = e as Error;
      else await unsure(state.rollback()).catch(() => {});
      throw e;
    } finally {
      marker.open = false;
    }
    await unsure(state.commit());
    return result;
  }

  async importRecords(name: CollectionName, records: readonly unknown[]): Promise<void> {
    const valid = records.map((r) => validate(name, r));
    await this.write(async (conn) => {
      const { client } = conn;
      try {
        await client.query(
          `BEGIN; SET LOCAL statement_timeout = ${IMPORT_STATEMENT_MS}; SELECT pg_advisory_xact_lock(${collectionKey(name)})`,
        );
        for (let i = 0; i < valid.length; i += IMPORT_CHUNK) {
          const chunk = JSON.stringify(valid.slice(i, i + IMPORT_CHUNK));
          await client.query({
            text: `INSERT INTO ${tableOf(name)} (id, data) SELECT r.data->>'id', r.data FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(data, n) ORDER BY r.n
             ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data`,
            values: [chunk],
            query_timeout: IMPORT_STATEMENT_MS + 500, // known to pg, missing from its types
          } as pg.QueryConfig);
        }
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        conn.broken = e as Error;
        throw e;
      }
    });
  }

  /** True when the database answers `SELECT 1` within `bounds.pingMs`. */
  async ping(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.bounds.pingMs)));
    const answered = this.reads.query("SELECT 1").then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([answered, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async flush(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    await Promise.all([this.reads.end(), this.writes.end()]);
  }
}
