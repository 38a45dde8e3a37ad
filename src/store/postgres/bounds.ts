/**
 * Bounds on waiting for PostgreSQL, shared by the store's pools and the scheduler's leader
 * connection, so that a database that hangs makes a call fail within seconds instead of never.
 */
import pg from "pg";

/**
 * How long the store waits for the database, so that nothing waits forever on one that hangs (a
 * paused or frozen server, a network that drops packets). The server bounds each statement it runs
 * (`statement_timeout`: it cancels it and the connection stays usable); a frozen server cannot cancel
 * anything, so the client bounds the wait for an answer too (`query_timeout`), and then closes the
 * connection. A small write (an update's claim) is bounded below the webhooks' 3 s acknowledgement,
 * so an update that cannot be stored is answered 5xx and sent again by Telegram; a transaction's
 * batch of many statements gets more time per statement, and reads more time in all (a busy process
 * reads a large answer late: a bound it would reach on a good day is no bound but a fault).
 */
export interface DatabaseBounds {
  /** Opening a connection. */
  connectMs: number;
  /** Waiting for a free connection in a pool. */
  queueMs: number;
  /** One statement, on the server. */
  statementMs: number;
  /** The answer to a write's statement, in the client… */
  writeAnswerMs: number;
  /** …plus this for each statement of a batch sent in one round trip. */
  perStatementMs: number;
  /** The answer to a read, in the client. */
  readAnswerMs: number;
  /** `/healthz`'s ping. */
  pingMs: number;
}

export const DATABASE_BOUNDS: DatabaseBounds = {
  connectMs: 2000,
  queueMs: 10_000,
  statementMs: 5000,
  writeAnswerMs: 2500,
  perStatementMs: 5,
  readAnswerMs: 5000,
  pingMs: 1500,
};

/** What runs a statement: the read pool, or a running transaction. */
export interface Queryable {
  query<T extends pg.QueryResultRow>(text: string, params?: unknown[]): Promise<pg.QueryResult<T>>;
}
/** A statement of a bulk import may take this long (ms). */
export const IMPORT_STATEMENT_MS = 120_000;

/**
 * pg's options for a client or pool bounded by `bounds`: opening a connection takes at most
 * `connectMs`; waiting in a pool's queue for a free connection at most `queueMs` (a burst of writes
 * waits its turn; each turn ahead is bounded, so the queue moves even when the database hangs).
 * With `answerMs`, pg's own `query_timeout` bounds every answer (the leader's connection); the
 * store's pools bound answers with `answeredWithin` instead.
 */
export function boundedConnection(url: string, bounds: DatabaseBounds = DATABASE_BOUNDS, answerMs?: number): pg.PoolConfig {
  const { connectMs } = bounds;
  return {
    connectionString: url,
    connectionTimeoutMillis: bounds.queueMs,
    // A pool gives its own connectionTimeoutMillis to each client it opens: the client's is the shorter one.
    Client: class extends pg.Client {
      constructor(config?: string | pg.ClientConfig) {
        super({ ...(typeof config === "string" ? { connectionString: config } : config), connectionTimeoutMillis: connectMs });
      }
    },
    statement_timeout: bounds.statementMs,
    ...(answerMs ? { query_timeout: answerMs } : {}),
  };
}

/** No answer came from the database in time; the connection was closed. */
export class DatabaseUnanswered extends Error {
  constructor(readonly ms: number) {
    super(`the database did not answer within ${ms} ms`);
    this.name = "DatabaseUnanswered";
  }
}

/**
 * `query`, run on `client`, or DatabaseUnanswered once `ms` passed without its answer: the
 * connection is then destroyed (the server rolls back what it held). When the time is up, the
 * answers already received are read first (one turn of the event loop): a process busy for a while
 * (a long synchronous stretch) must not take its own delay for a database that hangs.
 */
export function answeredWithin<T>(client: pg.ClientBase, query: Promise<T>, ms: number): Promise<T> {
  let settled = false;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        setImmediate(() => {
          if (settled) return;
          reject(new DatabaseUnanswered(ms));
          (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
        }),
      ms,
    );
  });
  const answered = query.finally(() => {
    settled = true;
    clearTimeout(timer);
  });
  answered.catch(() => {}); // rejected after the time was up: already reported as unanswered
  return Promise.race([answered, late]);
}

/** The client's wait for the answer to a batch of `statements` written in one round trip. */
export function batchAnswerMs(bounds: DatabaseBounds, statements: number): number {
  return bounds.writeAnswerMs + bounds.perStatementMs * statements;
}

/** The client gave up waiting for an answer: the connection's state is unknown. */
export const unanswered = (e: unknown) => e instanceof DatabaseUnanswered || (e instanceof Error && e.message === "Query read timeout");

/** Queries on `pool`, each answered within `ms` (a connection left unanswered is destroyed, not returned). */
export function boundedPool(pool: pg.Pool, ms: number): Queryable {
  return {
    query: async <T extends pg.QueryResultRow>(text: string, params?: unknown[]) => {
      const client = await pool.connect();
      // Lent out, a connection's errors have no listener of the pool's: one ended meanwhile must not end the process.
      const ignore = () => {};
      client.on("error", ignore);
      let failure: unknown;
      try {
        return await answeredWithin(client, client.query<T>(text, params), ms);
      } catch (e) {
        failure = e;
        throw e;
      } finally {
        if (!unanswered(failure)) client.removeListener("error", ignore);
        client.release(unanswered(failure) ? (failure as Error) : undefined);
      }
    },
  };
}
