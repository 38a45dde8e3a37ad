/**
 * The embedded store's equality indexes, built on first use: collection → field → value → ids, so
 * `find({ unitId })` reads only the matching records. Kept up to date by every write.
 */
import type { Tables } from "./snapshot";
import type { Rec } from "./store";

type Index = Map<unknown, Set<string>>;

export class FieldIndexes {
  private readonly indexes = new Map<string, Map<string, Index>>();

  constructor(private readonly data: Tables) {}

  /** The records whose fields equal `where`'s values (every record when `where` is empty). */
  find(name: string, where: Record<string, unknown>): Rec[] {
    const fields = Object.keys(where);
    if (fields.length === 0) return [...this.data[name]!.values()];
    const [first, ...rest] = fields;
    const ids = this.index(name, first!).get(where[first!]) ?? new Set<string>();
    const table = this.data[name]!;
    const out: Rec[] = [];
    for (const id of ids) {
      const rec = table.get(id) as unknown as Record<string, unknown>;
      if (rest.every((f) => rec[f] === where[f])) out.push(rec as unknown as Rec);
    }
    return out;
  }

  /** Moves `id` from its old values to its new ones in every index built for `name`. */
  update(name: string, id: string, before: Rec | undefined, next: Rec | undefined): void {
    const byField = this.indexes.get(name);
    if (!byField) return;
    for (const [field, idx] of byField) {
      if (before) idx.get((before as unknown as Record<string, unknown>)[field])?.delete(id);
      if (next) addTo(idx, (next as unknown as Record<string, unknown>)[field], id);
    }
  }

  private index(name: string, field: string): Index {
    let byField = this.indexes.get(name);
    if (!byField) this.indexes.set(name, (byField = new Map()));
    let idx = byField.get(field);
    if (!idx) {
      idx = new Map();
      for (const rec of this.data[name]!.values()) addTo(idx, (rec as unknown as Record<string, unknown>)[field], rec.id);
      byField.set(field, idx);
    }
    return idx;
  }
}

function addTo(idx: Index, value: unknown, id: string): void {
  let ids = idx.get(value);
  if (!ids) idx.set(value, (ids = new Set()));
  ids.add(id);
}
