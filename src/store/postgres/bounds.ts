/**
 * Bounds on waiting for PostgreSQL, shared by the store's pools and the scheduler's leader
 * connection, so that a database that hangs makes a call fail within seconds instead of never.
 */
import type pg from "pg";

/**
 * How long the store waits for the database, so that nothing waits forever on one that hangs (a
 * paused or frozen server, a network that drops packets): opening a connection (or waiting for a
 * free one in a pool), and one statement, answered or not (bounded in the client too, since a
 * frozen server cannot cancel anything). A statement is bounded below the webhooks' 3 s
 * acknowledgement, so an update that cannot be stored is answered 5xx and sent again by Telegram.
 */
export interface DatabaseBounds {
  connectMs: number;
  statementMs: number;
  /** `/healthz`'s ping. */
  pingMs: number;
}

export const DATABASE_BOUNDS: DatabaseBounds = { connectMs: 2000, statementMs: 2000, pingMs: 1500 };

/** A statement of a bulk import may take this long (ms). */
export const IMPORT_STATEMENT_MS = 120_000;

/** pg's options for a client or pool bounded by `bounds`. */
export function boundedConnection(url: string, bounds: DatabaseBounds = DATABASE_BOUNDS): pg.PoolConfig {
  return {
    connectionString: url,
    connectionTimeoutMillis: bounds.connectMs,
    statement_timeout: bounds.statementMs, // the server cancels a slow statement (the connection stays usable)
    query_timeout: bounds.statementMs + 500, // the client gives up on a server that does not answer at all
  };
}

/** The client gave up waiting for an answer (pg's `query_timeout`): the connection's state is unknown. */
export const unanswered = (e: unknown) => e instanceof Error && e.message === "Query read timeout";
