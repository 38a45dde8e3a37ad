/**
 * The PostgreSQL store's cache of validated records read outside transactions, keyed by id and
 * row version (`xmin`), so a listing parses and validates only the rows that changed since.
 */
import type { CollectionName } from "../collections";
import { revive } from "../validate";
import type { Queryable } from "./transaction";

export type Rec = { id: string };

/** The table of a collection: `linkCodes` → `link_codes`. */
export function tableOf(name: CollectionName): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** A record read from the database: checked like every backend's stored data (schema, unknown fields, id), then frozen. */
export function stored(name: CollectionName, id: string, data: unknown): Rec {
  return revive(name, id, data);
}

/** Collection → id → row version and record. */
export class ReadCache {
  private readonly records = new Map<CollectionName, Map<string, { v: string; rec: Rec }>>();

  /**
   * Records listed outside a transaction, through a cache of validated records keyed by id and
   * row version (`xmin`): the ids and versions come first, then only the records not cached at
   * that version. A listing of a whole collection also forgets the ids it no longer holds.
   */
  async list(db: Queryable, name: CollectionName, where: string, params: unknown[], whole: boolean): Promise<Rec[]> {
    const table = tableOf(name);
    let cache = this.records.get(name);
    if (!cache) this.records.set(name, (cache = new Map()));
    const { rows } = await db.query<{ id: string; v: string }>(`SELECT id, xmin::text AS v FROM ${table} ${where} ORDER BY seq`, params);
    const missing = rows.filter((r) => cache.get(r.id)?.v !== r.v).map((r) => r.id);
    const gone = new Set(missing);
    if (missing.length) {
      const fetched = await db.query<{ id: string; v: string; data: unknown }>(
        `SELECT id, xmin::text AS v, data FROM ${table} WHERE id = ANY($1)`,
        [missing],
      );
      for (const f of fetched.rows) {
        cache.set(f.id, { v: f.v, rec: stored(name, f.id, f.data) });
        gone.delete(f.id);
      }
      for (const id of gone) cache.delete(id);
    }
    if (whole && cache.size > rows.length) {
      const held = new Set(rows.map((r) => r.id));
      for (const id of cache.keys()) if (!held.has(id)) cache.delete(id);
    }
    // A record changed between the two queries is given as it is now; one removed meanwhile is left out.
    return rows.flatMap((r) => (gone.has(r.id) ? [] : [cache.get(r.id)!.rec]));
  }
}
