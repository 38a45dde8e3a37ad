/**
 * The embedded backend: every collection in memory; on disk, a snapshot `db.json` (written by lowdb)
 * and an append-only journal of the changes made since (`journal-<n>.log`, see journal.ts).
 *
 * - A write appends its changes as one checksummed line and fsyncs it before the caller's promise
 *   resolves; changes made together go out in one append (group-commit.ts).
 * - When the journal grows past a limit, a fold writes a new snapshot in the background (temp file,
 *   fsync, rename, folder fsync) while writes go on into a new journal (see `fold`).
 * - Exclusive lock on the directory (see dir-lock.ts).
 * - Every record is validated on load (./validate.ts: also unknown collections and fields, null
 *   records), but for a snapshot the store sealed itself (see snapshot.ts); a bad file stops the
 *   start and is never overwritten.
 */
import { Low } from "lowdb";
import { AsyncLocalStorage } from "node:async_hooks";
import { stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { collections, type CollectionName } from "./collections";
import { lockDirectory } from "./dir-lock";
import { copyTable, LazyTable } from "./lazy-table";
import { GroupCommit } from "./group-commit";
import { Journal, journalName, journalNumbers, syncDir, type Change } from "./journal";
import { openDataDir, type StoreLog } from "./data-dir";
import { DurableJsonFile, type Rec, type Snapshot, type Tables } from "./snapshot";
import { NestedTransactionError, type Collections, type Store, type TransactionOptions } from "./store";
import { FieldIndexes } from "./field-indexes";
import { Table, Tx, type TableHost, type Undo } from "./table";
import { loadRevivers, sealingRevivers } from "./validate";

/** Steps of a fold, in order (the crash tests stop a process at each). */
export type FoldStep = "switched" | "written" | "renamed" | "done";

export interface LowdbStoreOptions {
  /** Data directory; omit for an in-memory store (tests, benchmarks). */
  dir?: string;
  /** Journal size (bytes) that starts a fold; default a quarter of the snapshot, at least 1 MiB. */
  journalLimit?: number;
  /** A removal's data leaves the disk (folded away) within this time; default 60 s. */
  eraseWithinMs?: number;
  /** Where the store says what it did to the files (conversion, torn tail, folds). */
  log?: StoreLog;
  /** Called at each step of a fold. */
  onFoldStep?: (step: FoldStep) => void | Promise<void>;
  /**
   * Refuse a write on the store itself from inside a transaction (`NestedTransactionError`) rather
   * than wait for that transaction forever. Default true. It needs an AsyncLocalStorage, whose
   * promise hooks slow every promise of the process: the bot's process turns it off (main.ts), as
   * the test suite, which keeps it on, has caught such a write in every feature.
   */
  checkNesting?: boolean;
}

/**
 * Opens the embedded store.
 * @example const store = await openLowdbStore({ dir: "var/data" });
 */
export async function openLowdbStore(options: LowdbStoreOptions = {}): Promise<Store> {
  // Every table is a LazyTable, also those with nothing to read lazily (in memory, or absent from the
  // snapshot): one class of table, so that the code reading them is compiled for one (issue 22).
  const empty = (): Tables => Object.fromEntries(Object.keys(collections).map((name) => [name, new LazyTable(null)]));
  if (!options.dir) return new LowdbStore(empty(), null, options);
  const release = lockDirectory(options.dir);
  try {
    const opened = await openDataDir(options.dir, loadRevivers(), options.log ?? (() => {}));
    const tables = empty();
    for (const name of Object.keys(tables)) if (opened.tables[name]) tables[name] = opened.tables[name];
    return new LowdbStore(tables, { ...opened, release }, options);
  } catch (e) {
    release();
    throw e;
  }
}

type Files = { dir: string; journal: Journal; snapshotBytes: number; release: () => void };

// The collections are defined in the constructor, one per entry of `collections`.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
interface LowdbStore extends Collections {}

class LowdbStore implements Store, TableHost {
  private queue: Promise<unknown> = Promise.resolve();
  /** The changes of the transaction running now (a fold leaves them out: they may be undone). */
  private running: Undo[] | null = null;
  /** Marks code running inside a transaction, to refuse a write that would wait for that same transaction (see `checkNesting`). */
  private readonly inside: AsyncLocalStorage<{ open: boolean }> | null;
  private readonly appends: GroupCommit | null;
  private closed = false;
  private folding: Promise<void> | null = null;
  private foldFailedAt = 0;
  private eraseTimer: NodeJS.Timeout | null = null;
  private readonly log: StoreLog;
  private readonly indexes: FieldIndexes;

  constructor(
    private readonly data: Tables,
    private readonly files: Files | null,
    private readonly options: LowdbStoreOptions,
  ) {
    this.log = options.log ?? (() => {});
    this.inside = options.checkNesting === false ? null : new AsyncLocalStorage();
    this.indexes = new FieldIndexes(data);
    this.appends =
      files &&
      new GroupCommit(
        () => files.journal,
        () => this.foldIfLong(),
      );
    for (const name of Object.keys(collections) as CollectionName[]) {
      Object.defineProperty(this, name, { value: new Table(this, name, null), enumerable: true });
    }
  }

  table(name: CollectionName): Map<string, Rec> {
    return this.data[name]!;
  }

  set(name: CollectionName, id: string, next: Rec | undefined, undo: Undo[] | null) {
    if (this.closed) throw new Error("store is closed");
    const table = this.data[name]!;
    const before = table.get(id);
    undo?.push({ name, id, before });
    this.indexes.update(name, id, before, next);
    if (next) table.set(id, next);
    else table.delete(id);
  }

  find(name: CollectionName, where: Record<string, unknown>): Rec[] {
    return this.indexes.find(name, where);
  }

  transaction<R>(fn: (tx: Collections) => Promise<R>, options?: TransactionOptions): Promise<R> {
    // A write on the store itself from inside a transaction would wait for that transaction: a deadlock.
    if (this.inside?.getStore()?.open) return Promise.reject(new NestedTransactionError());
    const run = async (): Promise<{ result: R; durable: Promise<void> }> => {
      const undo: Undo[] = [];
      const tx = new Tx(this, undo) as unknown as Collections;
      const marker = { open: true };
      this.running = undo;
      try {
        const result = this.inside ? await this.inside.run(marker, () => fn(tx)) : await fn(tx);
        this.running = null;
        const durable = undo.length ? this.commit(this.changesOf(undo), options?.wait !== "ordered") : Promise.resolve();
        return { result, durable };
      } catch (e) {
        for (const u of undo.reverse()) this.set(u.name, u.id, u.before, null);
        this.running = null;
        throw e;
      } finally {
        marker.open = false;
      }
    };
    const done = this.queue.then(run);
    this.queue = done.catch(() => {});
    if (options?.wait === "ordered") {
      // Queued in order: on disk with the next durable write or within ORDERED_WITHIN_MS (group-commit.ts);
      // a failed append fails every later write.
      return done.then(({ result, durable }) => {
        durable.catch(() => {});
        return result;
      });
    }
    return done.then(async ({ result, durable }) => {
      await durable;
      return result;
    });
  }

  /** A finished transaction's changes: each record it touched, as it is now. */
  private changesOf(undo: Undo[]): Change[] {
    if (undo.length === 1) return [this.changeOf(undo[0]!)];
    const touched = new Map<string, Undo>();
    for (const u of undo) touched.set(`${u.name}\u0000${u.id}`, u);
    return Array.from(touched.values(), (u) => this.changeOf(u));
  }

  /** The change of one record a transaction touched: the record as it is now, or its removal. */
  private changeOf({ name, id }: Undo): Change {
    const rec = this.data[name]!.get(id);
    return rec ? [name, id, rec] : [name, id];
  }

  /** Queues changes for the next append; durable: resolves once it is on disk. */
  private commit(changes: Change[], durable = true): Promise<void> {
    if (!this.appends) return Promise.resolve();
    if (changes.some((c) => c.length === 2)) this.eraseSoon();
    return this.appends.add(changes, durable);
  }

  private foldIfLong() {
    const files = this.files!;
    const limit = this.options.journalLimit ?? Math.max(1 << 20, files.snapshotBytes / 4);
    if (files.journal.size < limit || this.folding || this.appends!.failed || Date.now() - this.foldFailedAt < 60_000) return;
    this.fold().catch(() => {});
  }

  /** Folds the journal away soon, so that removed data leaves the disk. */
  private eraseSoon() {
    if (this.eraseTimer) return;
    this.eraseTimer = setTimeout(() => {
      this.eraseTimer = null;
      if (!this.closed) this.fold().catch(() => {});
    }, this.options.eraseWithinMs ?? 60_000);
    this.eraseTimer.unref();
  }

  /**
   * Writes a new snapshot and drops the journals it holds. Writes are held only while the new
   * journal is opened and the tables are copied (records are frozen, so a shallow copy of each
   * table is a consistent picture); the snapshot is then written from the copy while writes go on
   * into the new journal. The copy leaves out a running transaction's changes (it may still be
   * undone); it may hold changes waiting for their append, which the new journal then repeats.
   * A crash at any step leaves a directory that loads: the old snapshot and both journals, or the
   * new snapshot and a journal it already holds, which the next open removes.
   */
  private fold(): Promise<void> {
    this.folding ??= this.runFold().then(
      () => {
        this.folding = null;
      },
      (e: unknown) => {
        this.folding = null;
        this.foldFailedAt = Date.now();
        this.log("fold failed; the journal keeps every write", { error: (e as Error).message });
        throw e;
      },
    );
    return this.folding;
  }

  private async runFold(): Promise<void> {
    const files = this.files!;
    const step = this.options.onFoldStep ?? (() => {});
    const started = performance.now();
    const tables = await this.switchJournal();
    await step("switched");
    const number = files.journal.number;
    const file = join(files.dir, "db.json");
    const snapshot = new Low<Snapshot>(new DurableJsonFile(file, sealingRevivers(), step), { journal: number, tables });
    await snapshot.write();
    for (const n of await journalNumbers(files.dir)) if (n < number) await unlink(join(files.dir, journalName(n)));
    await syncDir(files.dir);
    files.snapshotBytes = (await stat(file)).size;
    await step("done");
    this.log("journal folded into the snapshot", { journal: number, ms: Math.round(performance.now() - started) });
  }

  /** Between two appends: starts the next journal and returns a copy of the tables as the old one leaves them. */
  private switchJournal(): Promise<Tables> {
    const files = this.files!;
    return this.appends!.between(async () => {
      const next = await Journal.open(files.dir, files.journal.number + 1);
      const old = files.journal;
      files.journal = next;
      const tables: Tables = {};
      for (const [name, table] of Object.entries(this.data)) tables[name] = copyTable(table);
      for (const u of [...(this.running ?? [])].reverse()) {
        if (u.before) tables[u.name]!.set(u.id, u.before);
        else tables[u.name]!.delete(u.id);
      }
      await old.close();
      return tables;
    });
  }

  async flush(): Promise<void> {
    await this.queue;
    if (!this.files) return;
    await this.appends!.settled();
    if (this.appends!.failed) throw this.appends!.failed;
    await this.folding?.catch(() => {});
    if (this.files.journal.size > 0) await this.fold().catch(() => {});
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.flush();
    } finally {
      this.closed = true;
      await this.appends?.settled(); // a write that came in during the last fold
      if (this.eraseTimer) clearTimeout(this.eraseTimer);
      await this.files?.journal.close().catch(() => {});
      this.files?.release();
    }
  }
}
