/**
 * Copies every collection of one store into another (embedded ↔ PostgreSQL), keeping each
 * collection's order. The target must be empty: a copy never merges into data already there.
 */
import { collections, type CollectionName } from "./collections";
import type { Store } from "./store";

/** The target store already holds records; nothing was copied. */
export class TargetNotEmptyError extends Error {
  constructor(
    public readonly target: string,
    public readonly counts: Partial<Record<CollectionName, number>>,
  ) {
    const held = Object.entries(counts)
      .map(([name, n]) => `${name} ${n}`)
      .join(", ");
    super(`The target ${target} is not empty (${held}): copy into an empty database or data directory.`);
    this.name = "TargetNotEmptyError";
  }
}

/** A store that can take many records of a collection at once (the PostgreSQL store). */
interface BulkImport {
  importRecords(name: CollectionName, records: readonly unknown[]): Promise<void>;
}

/** Records in each collection that holds any. */
export async function nonEmpty(store: Store): Promise<Partial<Record<CollectionName, number>>> {
  const counts: Partial<Record<CollectionName, number>> = {};
  for (const name of Object.keys(collections) as CollectionName[]) {
    const n = await store[name].count();
    if (n > 0) counts[name] = n;
  }
  return counts;
}

/**
 * Copies everything; returns the records copied per collection. Refuses a non-empty target.
 * @example const copied = await copyStore(lowdb, postgres, "postgres://…");
 */
export async function copyStore(from: Store, to: Store & Partial<BulkImport>, targetName: string): Promise<Record<CollectionName, number>> {
  const held = await nonEmpty(to);
  if (Object.keys(held).length) throw new TargetNotEmptyError(targetName, held);
  const copied = {} as Record<CollectionName, number>;
  for (const name of Object.keys(collections) as CollectionName[]) {
    const records = await from[name].all();
    if (to.importRecords) await to.importRecords(name, records);
    else
      await to.transaction(async (tx) => {
        for (const r of records) await (tx[name] as unknown as { put(r: unknown): Promise<unknown> }).put(r);
      });
    copied[name] = records.length;
  }
  await to.flush();
  return copied;
}
