/**
 * Schema migrations of the PostgreSQL store: `migrations/NNN-name.sql`, applied in order at start,
 * each in its own transaction, under an advisory lock so that instances starting together apply
 * each one once. A database whose schema is newer than this code knows is refused.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type pg from "pg";

/** The advisory lock key held while migrating ("doan" + 1). */
const MIGRATION_LOCK = 0x646f616e01;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations shipped with this code, oldest first. */
export function shippedMigrations(dir = join(import.meta.dirname, "migrations")): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}-[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f.slice(4, -4), sql: readFileSync(join(dir, f), "utf8") }));
}

/** The database was migrated by a newer doan-bot: this one would misread it. */
export class SchemaTooNewError extends Error {
  constructor(
    public readonly found: number,
    public readonly known: number,
  ) {
    super(
      `The database schema is at version ${found}, newer than this doan-bot knows (${known}): upgrade doan-bot, or point DATABASE_URL at another database.`,
    );
    this.name = "SchemaTooNewError";
  }
}

/**
 * Brings the schema up to date; returns the versions applied now.
 * @example await migrateSchema(client, shippedMigrations());
 */
export async function migrateSchema(client: pg.ClientBase, migrations: readonly Migration[]): Promise<number[]> {
  await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
  try {
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const { rows } = await client.query<{ v: number | null }>("SELECT max(version) AS v FROM schema_migrations");
    const current = rows[0]?.v ?? 0;
    const known = migrations.at(-1)?.version ?? 0;
    if (current > known) throw new SchemaTooNewError(current, known);
    const applied: number[] = [];
    for (const m of migrations.filter((m) => m.version > current)) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw e;
      }
      applied.push(m.version);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
  }
}
