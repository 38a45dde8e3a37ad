/**
 * Opening the embedded store's data directory: load the snapshot, replay the journals that follow
 * it, and only once all of it loaded and validated, touch the files (cut a torn tail, remove what a
 * finished fold left, convert a `db.json` written before the journal, keeping a backup).
 */
import { copyFile, open, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { Journal, journalName, journalNumbers, scanJournal } from "./journal";
import { DurableJsonFile, type Revive, type Revivers, type Tables } from "./snapshot";
import { CorruptDataError } from "./store";
import { checkCollectionNames } from "./validate";

/** Where the store says what it did to the files: a message and ids or paths, never record values. */
export type StoreLog = (message: string, fields: Record<string, unknown>) => void;

export interface OpenedDir {
  dir: string;
  tables: Tables;
  journal: Journal;
  snapshotBytes: number;
}

/**
 * Loads `dir` (db.json + journal-<n>.log) and readies the journal for appending.
 * Throws CorruptDataError or InvalidRecordError, leaving every file as it was.
 */
export async function openDataDir(dir: string, revivers: Revivers, log: StoreLog): Promise<OpenedDir> {
  const file = join(dir, "db.json");
  const { revive } = revivers;
  const snapshot = await new DurableJsonFile(file, revivers).read();
  if (snapshot) checkCollectionNames(Object.keys(snapshot.tables)); // an empty one too
  if (snapshot?.checked === "broken seal")
    log("db.json does not match its seal (changed since the store wrote it?): every record was validated", { file: "db.json" });
  const numbers = await journalNumbers(dir);
  const first = snapshot?.journal ?? 1;
  if (snapshot?.journal === 0 && numbers.length)
    throw new CorruptDataError(file, `it has no journal number, but ${journalName(numbers[0]!)} is beside it`);
  if (!snapshot && numbers.length) throw new CorruptDataError(file, `it is missing, but ${journalName(numbers[0]!)} is there`);
  const replay = numbers.filter((n) => n >= first);
  replay.forEach((n, i) => {
    if (n !== first + i) throw new CorruptDataError(join(dir, journalName(first + i)), `it is missing, but ${journalName(n)} is there`);
  });

  const tables = snapshot?.tables ?? {};
  let torn = 0;
  for (const [i, n] of replay.entries()) {
    const scan = await scanJournal(join(dir, journalName(n)), i === replay.length - 1);
    for (const changes of scan.changes) apply(tables, changes, revive);
    torn = scan.tornBytes ? scan.goodBytes : -1;
    if (scan.tornBytes)
      log("ignored the torn end of the journal (a write cut short, never acknowledged)", { file: journalName(n), bytes: scan.tornBytes });
  }

  // Everything loaded: from here on the files may change.
  if (!snapshot || snapshot.journal === 0) return startJournal(dir, tables, snapshot !== null, log, revivers);
  const last = replay.at(-1) ?? first;
  const journal = await Journal.open(dir, last, torn >= 0 ? torn : undefined);
  for (const n of numbers) if (n < first) await unlink(join(dir, journalName(n)));
  await unlink(`${file}.tmp`).catch(() => {});
  return { dir, tables, journal, snapshotBytes: (await stat(file)).size };
}

function apply(tables: Tables, changes: [string, string, unknown?][], revive: Revive) {
  for (const [name, id, record] of changes) {
    checkCollectionNames([name]);
    const table = (tables[name] ??= new Map());
    if (record === undefined) table.delete(id);
    else {
      const rec = revive(name, id, record);
      if (rec) table.set(id, rec);
    }
  }
}

/**
 * A new directory, or one whose db.json predates the journal: writes the snapshot (journal 1) and
 * opens journal 1. The older file is first copied aside (fsynced) and the copy's name logged.
 */
async function startJournal(dir: string, tables: Tables, legacy: boolean, log: StoreLog, revivers: Revivers): Promise<OpenedDir> {
  const file = join(dir, "db.json");
  if (legacy) {
    const backup = join(dir, `db.before-journal.${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    await copyFile(file, backup);
    const fh = await open(backup, "r");
    await fh.sync().finally(() => fh.close());
    log("converted db.json to the snapshot + journal format; the file as it was is kept", { backup });
  }
  await new DurableJsonFile(file, revivers).write({ journal: 1, tables }); // every record validated: sealed
  const journal = await Journal.open(dir, 1, 0);
  return { dir, tables, journal, snapshotBytes: (await stat(file)).size };
}
