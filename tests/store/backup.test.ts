/**
 * Backups of the embedded store (issue 25, point 5), with real processes: `npm run backup` while a
 * writer acknowledges writes and folds its journal, `npm run restore` refusing a running bot and a
 * corrupt copy, and the restored directory holding every write acknowledged before the backup.
 */
import { cp, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openLowdbStore } from "../../src/store/lowdb-store";
import { runTs, type Child } from "../helpers/process";
import { tempDirs } from "../helpers/temp-dirs";

const tempDir = tempDirs("backup");
const children: Child[] = [];
afterAll(async () => {
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill("SIGKILL");
  await Promise.all(children.map((c) => c.exited));
});
const track = (child: Child) => (children.push(child), child);

/** The ids the burst writer printed whole: each one acknowledged (its put resolved). */
const acknowledged = (stdout: string) =>
  stdout
    .split("\n")
    .slice(0, -1)
    .filter((l) => !l.startsWith("#"));

async function script(name: "backup" | "restore", args: string[]) {
  const child = track(runTs(`scripts/${name}.ts`, args));
  const code = await child.exited;
  return { code, out: child.stdout(), err: child.stderr() };
}

describe("npm run backup / npm run restore", () => {
  it("backs up while writes go on and restores every write acknowledged before the backup", { timeout: 120_000 }, async () => {
    const dir = join(await tempDir(), "data");
    const backups = await tempDir();
    // Writes from 32 callers, folding its journal every few kilobytes, forever.
    const writer = track(runTs("tests/store/fixtures/burst.ts", [dir, "fold-often"]));
    await writer.waitFor((out) => acknowledged(out).length >= 300);
    const before = acknowledged(writer.stdout());
    const backup = await script("backup", ["--data-dir", dir, "--to", join(backups, "b1")]);
    expect(backup).toMatchObject({ code: 0, err: "" });
    expect(backup.out).toContain(`into ${join(backups, "b1")}`);
    const during = acknowledged(writer.stdout()).length;
    expect(during).toBeGreaterThan(before.length); // the writer went on while the backup ran
    // The snapshot, its manifest and the journal(s) the store left on closing the copy (two when a fold
    // in the running bot had just switched journals: both are in the manifest and replayed in order).
    const files = (await readdir(join(backups, "b1"))).sort();
    expect(files.slice(0, 2)).toEqual(["backup.json", "db.json"]);
    expect(files.slice(2).length).toBeGreaterThanOrEqual(1);
    for (const f of files.slice(2)) expect(f).toMatch(/^journal-\d+\.log$/);

    // The bot (here: the writer) holds the directory: the restore refuses and changes nothing.
    const refused = await script("restore", ["--from", join(backups, "b1"), "--data-dir", dir]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("is in use by another doan-bot process");
    writer.proc.kill("SIGKILL");
    await writer.exited;
    const atKill = acknowledged(writer.stdout());

    // A copy with one byte changed is refused too.
    await cp(join(backups, "b1"), join(backups, "bad"), { recursive: true });
    const snapshot = await readFile(join(backups, "bad", "db.json"));
    const at = snapshot.indexOf("p-0-0");
    snapshot[at + 2] = "9".charCodeAt(0);
    await writeFile(join(backups, "bad", "db.json"), snapshot);
    const corrupt = await script("restore", ["--from", join(backups, "bad"), "--data-dir", dir]);
    expect(corrupt.code).toBe(2);
    expect(corrupt.err).toContain("db.json is not the file the backup wrote");

    const restored = await script("restore", ["--from", join(backups, "b1"), "--data-dir", dir]);
    expect(restored).toMatchObject({ code: 0, err: "" });
    expect(restored.out).toContain("The files it replaced are in");
    const store = await openLowdbStore({ dir });
    const missing: string[] = [];
    for (const id of before) if (!(await store.cadres.get(id))) missing.push(id);
    const count = await store.cadres.count();
    await store.close();
    expect(missing).toEqual([]);
    expect(count).toBeGreaterThanOrEqual(before.length);
    expect(count).toBeLessThan(atKill.length + 32); // the backup, not the directory as the writer left it
  });

  it("says so when the directory holds no data, or the target already exists", { timeout: 60_000 }, async () => {
    const empty = await tempDir();
    const none = await script("backup", ["--data-dir", join(empty, "nothing"), "--to", join(empty, "b")]);
    expect(none.code).toBe(2);
    expect(none.err).toContain("holds no doan-bot data (no db.json)");
    const store = await openLowdbStore({ dir: join(empty, "data") });
    await store.close();
    await writeFile(join(empty, "taken"), "");
    const taken = await script("backup", ["--data-dir", join(empty, "data"), "--to", empty]);
    expect(taken.code).toBe(2);
    expect(taken.err).toContain("already exists: give a new directory for the backup.");
  });
});
