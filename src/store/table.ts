/** The collections a caller is handed: the store's own, and a running transaction's. */
import { collections, type CollectionName } from "./collections";
import type { Rec } from "./snapshot";
import type { Collection, Collections } from "./store";
import { validate } from "./validate";

/** What a transaction changed, to undo it: each record as it was before. */
export type Undo = { name: CollectionName; id: string; before: Rec | undefined };

/** What a Table needs of the store. */
export interface TableHost {
  table(name: CollectionName): Map<string, Rec>;
  set(name: CollectionName, id: string, next: Rec | undefined, undo: Undo[] | null): void;
  find(name: CollectionName, where: Record<string, unknown>): Rec[];
  transaction<R>(fn: (tx: Collections) => Promise<R>): Promise<R>;
}

/**
 * One collection as a caller sees it: the store's own (`undo` null: each write is a transaction of
 * its own) or a running transaction's. A class, not closures: one is made per transaction and
 * collection used, on the path of every write.
 */
export class Table implements Collection<Rec> {
  constructor(
    private readonly store: TableHost,
    private readonly name: CollectionName,
    private readonly undo: Undo[] | null,
  ) {}

  async get(id: string): Promise<Rec | undefined> {
    return this.store.table(this.name).get(id);
  }

  async all(): Promise<Rec[]> {
    return [...this.store.table(this.name).values()];
  }

  async count(): Promise<number> {
    return this.store.table(this.name).size;
  }

  async find(where: Partial<Rec>): Promise<Rec[]> {
    return this.store.find(this.name, where as Record<string, unknown>);
  }

  async put(record: Rec): Promise<Rec> {
    if (!this.undo) return this.store.transaction(async (tx) => (tx[this.name] as unknown as Table).put(record));
    const valid = validate(this.name, record);
    this.store.set(this.name, valid.id, valid, this.undo);
    return valid;
  }

  async remove(id: string): Promise<boolean> {
    if (!this.undo) return this.store.transaction(async (tx) => (tx[this.name] as unknown as Table).remove(id));
    if (!this.store.table(this.name).has(id)) return false;
    this.store.set(this.name, id, undefined, this.undo);
    return true;
  }
}

/** The collections handed to a transaction, each made on first use. */
export class Tx {
  readonly tables: Partial<Record<CollectionName, Table>> = {};
  constructor(
    readonly store: TableHost,
    readonly undo: Undo[],
  ) {}
}
for (const name of Object.keys(collections) as CollectionName[]) {
  Object.defineProperty(Tx.prototype, name, {
    get(this: Tx) {
      return (this.tables[name] ??= new Table(this.store, name, this.undo));
    },
  });
}

