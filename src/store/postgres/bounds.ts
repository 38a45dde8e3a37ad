/**
 * Bounds on waiting for PostgreSQL, shared by the store's pools and the scheduler's leader
 * connection, so that a database that hangs makes a call fail within seconds instead of never.
 */
import type pg from "pg";

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
  /** Opening a connection, or waiting for a free one in a pool. */
  connectMs: number;
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
  statementMs: 5000,
  writeAnswerMs: 2500,
  perStatementMs: 5,
  readAnswerMs: 5000,
  pingMs: 1500,
};

/** A statement of a bulk import may take this long (ms). */
export const IMPORT_STATEMENT_MS = 120_000;

/** pg's options for a client or pool bounded by `bounds`; `answerMs` is the client's wait for an answer. */
export function boundedConnection(url: string, bounds: DatabaseBounds = DATABASE_BOUNDS, answerMs = bounds.readAnswerMs): pg.PoolConfig {
  return {
    connectionString: url,
    connectionTimeoutMillis: bounds.connectMs,
    statement_timeout: bounds.statementMs,
    query_timeout: answerMs,
  };
}

/** The client's wait for the answer to a batch of `statements` written in one round trip. */
export function batchAnswerMs(bounds: DatabaseBounds, statements: number): number {
  return bounds.writeAnswerMs + bounds.perStatementMs * statements;
}

/** The client gave up waiting for an answer (pg's `query_timeout`): the connection's state is unknown. */
export const unanswered = (e: unknown) => e instanceof Error && e.message === "Query read timeout";
