/**
 * Databases on the test run's PostgreSQL server (started by tests/global-postgres.ts): each call
 * gives a new, empty one, so tests never see each other's data.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { openPostgresStore, type PostgresStore } from "../../src/store/postgres/postgres-store";

/** Creates an empty database and returns its URL. */
export async function freshDatabase(): Promise<string> {
  const admin = inject("postgresUrl");
  const name = `t_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return admin.replace(/\/postgres$/, `/${name}`);
}

/** A PostgreSQL store on a new, empty database. */
export async function freshPostgresStore(): Promise<PostgresStore> {
  return openPostgresStore({ url: await freshDatabase() });
}
