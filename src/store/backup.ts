/**
 * Backups of the embedded store's data directory, taken while the bot runs, and their restore.
 *
 * A backup is a directory: a snapshot `db.json` holding everything acknowledged before the backup
 * started (the data directory's snapshot and journals, copied, replayed and folded into one), an
 * empty journal, and `backup.json`, the manifest: each file's size and SHA-256. The copy is
 * consistent without stopping the bot: the journals are listed before and after the files are
 * copied, and a fold in between (a journal switched or removed) makes the copy start again; only
 * the last journal may end in a line being written, which the store's open ignores as a torn tail
 * (nobody was told that write was done).
 *
 * A restore refuses a directory the bot holds (its `.lock`) and a backup whose files do not match
 * the manifest or do not load; the files it replaces are moved aside, never deleted.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, open, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { collections, type CollectionName } from "./collections";
import { lockDirectory } from "./dir-lock";
import { journalNumbers, journalName, syncDir } from "./journal";
import { openLowdbStore } from "./lowdb-store";
import { CorruptDataError, InvalidRecordError } from "./store";
import { UnknownDataError } from "./validate";

const MANIFEST = "backup.json";
const FORMAT = 1;
/** Folds racing the copy make it start again, at most this many times. */
const ATTEMPTS = 20;

interface Manifest {
  format: number;
  createdAt: string;
  files: { name: string; bytes: number; sha256: string }[];
}

/** What a backup holds. */
export interface BackupSummary {
  dir: string;
  createdAt: string;
  files: string[];
  records: number;
}

/** The target of a backup is not empty; nothing was written. */
export class BackupTargetExistsError extends Error {
  constructor(readonly target: string) {
    super(`${target} already exists: give a new directory for the backup.`);
    this.name = "BackupTargetExistsError";
  }
}

/** The directory to back up holds no store (no `db.json`). */
export class NothingToBackUpError extends Error {
  constructor(readonly dir: string) {
    super(`${dir} holds no doan-bot data (no db.json): check --data-dir or DATA_DIR.`);
    this.name = "NothingToBackUpError";
  }
}

/** A backup that is not whole: a file missing, changed or added since it was written, or that does not load. */
export class CorruptBackupError extends Error {
  constructor(
    readonly backup: string,
    readonly reason: string,
  ) {
    super(`The backup ${backup} cannot be restored: ${reason}. Nothing was changed.`);
    this.name = "CorruptBackupError";
  }
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function fsyncFile(file: string): Promise<void> {
  const fh = await open(file, "r");
  await fh.sync().finally(() => fh.close());
}

/** Copies the snapshot and the journals that continue it into `to`; false when a fold raced the copy. */
async function copyOnce(from: string, to: string): Promise<boolean> {
  await rm(to, { recursive: true, force: true });
  await mkdir(to, { recursive: true });
  const before = await journalNumbers(from);
  try {
    await copyFile(join(from, "db.json"), join(to, "db.json"));
    for (const n of before) await copyFile(join(from, journalName(n)), join(to, journalName(n)));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false; // a journal folded away meanwhile
    throw e;
  }
  const after = await journalNumbers(from);
  return before.join() === after.join();
}

/**
 * Writes a consistent backup of the data directory `from` into the new directory `to`, while the
 * bot may be running on `from`.
 * @example await backupDataDir("var/data", "var/backups/2026-12-07");
 */
export async function backupDataDir(from: string, to: string): Promise<BackupSummary> {
  if ((await readdir(to).catch(() => [])).length) throw new BackupTargetExistsError(to);
  if (!existsSync(join(from, "db.json"))) throw new NothingToBackUpError(from);
  const work = join(dirname(to), `.${basename(to)}.partial-${process.pid}`);
  try {
    let copied = false;
    for (let attempt = 0; attempt < ATTEMPTS && !copied; attempt++) copied = await copyOnce(from, work);
    if (!copied) throw new Error(`the data directory ${from} changed during each of ${ATTEMPTS} copies; try again`);
    // Replayed, validated and folded into one sealed snapshot by the store itself.
    const store = await openLowdbStore({ dir: work });
    let records = 0;
    try {
      for (const name of Object.keys(collections) as CollectionName[]) records += await store[name].count();
    } finally {
      await store.close();
    }
    const manifest: Manifest = { format: FORMAT, createdAt: new Date().toISOString(), files: [] };
    for (const name of (await readdir(work)).sort()) {
      const bytes = await readFile(join(work, name));
      manifest.files.push({ name, bytes: bytes.length, sha256: sha256(bytes) });
      await fsyncFile(join(work, name));
    }
    await writeFile(join(work, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    await fsyncFile(join(work, MANIFEST));
    await syncDir(work);
    await rm(to, { recursive: true, force: true }); // an empty directory given as the target
    await rename(work, to);
    await syncDir(dirname(to));
    return { dir: to, createdAt: manifest.createdAt, files: manifest.files.map((f) => f.name), records };
  } catch (e) {
    await rm(work, { recursive: true, force: true });
    throw e;
  }
}

/** Checks every file of the backup against its manifest; returns the manifest. */
async function checkedManifest(backup: string): Promise<Manifest> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(backup, MANIFEST), "utf8")) as Manifest;
  } catch {
    throw new CorruptBackupError(backup, `its manifest ${MANIFEST} is missing or unreadable`);
  }
  if (manifest.format !== FORMAT || !Array.isArray(manifest.files))
    throw new CorruptBackupError(backup, `its manifest is not a doan-bot backup of format ${FORMAT}`);
  const present = (await readdir(backup)).filter((n) => n !== MANIFEST).sort();
  const listed = manifest.files.map((f) => f.name).sort();
  if (present.join("\n") !== listed.join("\n"))
    throw new CorruptBackupError(backup, `it holds ${present.join(", ") || "no file"} but its manifest lists ${listed.join(", ")}`);
  for (const f of manifest.files) {
    const bytes = await readFile(join(backup, f.name));
    if (bytes.length !== f.bytes || sha256(bytes) !== f.sha256)
      throw new CorruptBackupError(backup, `${f.name} is not the file the backup wrote (its size or checksum differs)`);
  }
  return manifest;
}

/** What a restore did. */
export interface RestoreSummary {
  /** Where the files the restore replaced were moved (none when the directory was empty). */
  movedAside?: string;
  createdAt: string;
}

/**
 * Replaces the data directory `dir` with the backup `backup`. Throws StoreLockedError while a bot
 * runs on `dir`, CorruptBackupError for a backup that is not whole or does not load; in both cases
 * nothing changed.
 * @example await restoreDataDir("var/backups/2026-12-07", "var/data");
 */
export async function restoreDataDir(backup: string, dir: string): Promise<RestoreSummary> {
  const manifest = await checkedManifest(backup);
  const release = lockDirectory(dir); // refuses a running bot
  const stage = join(dir, `.restoring-${process.pid}`);
  try {
    await rm(stage, { recursive: true, force: true });
    await mkdir(stage);
    for (const f of manifest.files) await copyFile(join(backup, f.name), join(stage, f.name));
    try {
      await (await openLowdbStore({ dir: stage })).close(); // every record loads
    } catch (e) {
      if ([CorruptDataError, InvalidRecordError, UnknownDataError].some((k) => e instanceof k))
        throw new CorruptBackupError(backup, (e as Error).message);
      throw e;
    }
    const current = (await readdir(dir)).filter((n) => n !== ".lock" && !n.startsWith(".restoring-"));
    let movedAside: string | undefined;
    if (current.length) {
      movedAside = `${dir.replace(/\/+$/, "")}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      await mkdir(movedAside);
      for (const name of current) await rename(join(dir, name), join(movedAside, name));
      await syncDir(movedAside);
    }
    for (const name of await readdir(stage)) await rename(join(stage, name), join(dir, name));
    await syncDir(dir);
    return { movedAside, createdAt: manifest.createdAt };
  } finally {
    await rm(stage, { recursive: true, force: true });
    release();
  }
}
