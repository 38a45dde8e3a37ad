/** The store's promises checked with real processes and real files: crash, lock, corrupt file. */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openLowdbStore } from "../../src/store/lowdb-store";
import { cleanEnv, run, runBot, runTs, type Child } from "../helpers/process";
import { cadre, person, unit } from "../helpers/records";

/** Real processes on a busy two-core machine: a generous limit, never a timed assertion. */
const SLOW = { timeout: 90_000 };
const dirs: string[] = [];
const children: Child[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "doan-proc-"));
  dirs.push(dir);
  return dir;
}
function track(child: Child): Child {
  children.push(child);
  return child;
}
afterAll(async () => {
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill("SIGKILL");
  await Promise.all(children.map((c) => c.exited));
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** The ids the burst fixture printed whole (the last piece may be cut), not its "#" lines. */
const acknowledged = (stdout: string) =>
  stdout
    .split("\n")
    .slice(0, -1)
    .filter((l) => !l.startsWith("#"));
const after = (stdout: string, mark: string) => (stdout.includes(mark) ? acknowledged(stdout.slice(stdout.indexOf(mark))).length : 0);

/** Opens the directory a killed writer left and lists the acknowledged ids it does not hold. */
async function missingAfterCrash(dir: string, acked: string[]): Promise<string[]> {
  const store = await openLowdbStore({ dir }); // loads, validates, takes over the dead process's lock
  const missing = [];
  for (const id of acked) if (!(await store.cadres.get(id))) missing.push(id);
  expect(await store.cadres.count()).toBeGreaterThanOrEqual(acked.length);
  await store.close();
  return missing;
}

const files = async (dir: string) => (await readdir(dir)).filter((f) => f !== ".lock").sort();
/** The journal number in db.json's first line. */
const snapshotJournal = async (dir: string) =>
  (JSON.parse((await readFile(join(dir, "db.json"), "utf8")).split("\n")[0]!.slice('{"$snapshot":'.length)) as { journal: number }).journal;

describe("crash safety", () => {
  it("keeps every acknowledged write when the process is killed with SIGKILL mid-burst", SLOW, async () => {
    const dir = await tempDir();
    const writer = track(runTs("tests/store/fixtures/burst.ts", [dir]));
    await writer.waitFor((out) => acknowledged(out).length >= 300);
    writer.proc.kill("SIGKILL");
    expect(await writer.exited).toBe("SIGKILL");
    expect(await missingAfterCrash(dir, acknowledged(writer.stdout()))).toEqual([]);
  });

  it("keeps every acknowledged write when killed mid-burst while the journal is folded every few kilobytes", SLOW, async () => {
    const dir = await tempDir();
    const writer = track(runTs("tests/store/fixtures/burst.ts", [dir, "fold-often"]));
    await writer.waitFor((out) => acknowledged(out).length >= 1500 && out.split("# fold done").length > 3);
    writer.proc.kill("SIGKILL");
    expect(await writer.exited).toBe("SIGKILL");
    expect(await missingAfterCrash(dir, acknowledged(writer.stdout()))).toEqual([]);
  });

  it("keeps every write when killed after a fold started the next journal, before its snapshot", SLOW, async () => {
    const dir = await tempDir();
    const writer = track(runTs("tests/store/fixtures/burst.ts", [dir, "switched"]));
    await writer.waitFor((out) => after(out, "# fold switched") >= 200);
    writer.proc.kill("SIGKILL");
    await writer.exited;
    expect(await files(dir)).toEqual(["db.json", "journal-1.log", "journal-2.log"]);
    expect(await snapshotJournal(dir)).toBe(1);
    expect(await missingAfterCrash(dir, acknowledged(writer.stdout()))).toEqual([]);
  });

  it("keeps every write when killed with the new snapshot written but not yet in place", SLOW, async () => {
    const dir = await tempDir();
    const writer = track(runTs("tests/store/fixtures/burst.ts", [dir, "written"]));
    await writer.waitFor((out) => after(out, "# fold written") >= 200);
    writer.proc.kill("SIGKILL");
    await writer.exited;
    expect(await files(dir)).toEqual(["db.json", "db.json.tmp", "journal-1.log", "journal-2.log"]);
    expect(await missingAfterCrash(dir, acknowledged(writer.stdout()))).toEqual([]);
    expect(await files(dir)).toEqual(["db.json", "journal-3.log"]); // folded on close; the temp file is gone
  });

  it("keeps every write when killed with the new snapshot in place and the old journal not yet removed", SLOW, async () => {
    const dir = await tempDir();
    const writer = track(runTs("tests/store/fixtures/burst.ts", [dir, "renamed"]));
    await writer.waitFor((out) => after(out, "# fold renamed") >= 200);
    writer.proc.kill("SIGKILL");
    await writer.exited;
    expect(await files(dir)).toEqual(["db.json", "journal-1.log", "journal-2.log"]);
    expect(await snapshotJournal(dir)).toBe(2);
    expect(await missingAfterCrash(dir, acknowledged(writer.stdout()))).toEqual([]);
  });
});

describe("one process per data directory", () => {
  it("stops a second process on the same directory with a clear message, leaving the data untouched", SLOW, async () => {
    const dir = await tempDir();
    const holder = track(runTs("tests/store/fixtures/hold.ts", [dir]));
    await holder.waitFor((out) => out.includes("ready"));
    const before = await readFile(join(dir, "db.json"));
    const journal = await readFile(join(dir, "journal-1.log"));
    expect(journal.toString()).toContain('"u-held"');

    const second = track(runBot(cleanEnv({ DATA_DIR: dir })));
    second.proc.stdin!.end();
    expect(await second.exited).not.toBe(0);
    expect(second.stderr()).toContain(`The data directory ${dir} is in use by another doan-bot process (pid ${holder.proc.pid})`);
    expect(await readFile(join(dir, "db.json"))).toEqual(before);
    expect(await readFile(join(dir, "journal-1.log"))).toEqual(journal);
    expect(await readFile(join(dir, ".lock"), "utf8")).toMatch(new RegExp(`^${holder.proc.pid}\\b`));

    holder.proc.kill("SIGKILL");
    await holder.exited;
    const restart = track(runBot(cleanEnv({ DATA_DIR: dir })));
    restart.proc.stdin!.end();
    expect(await restart.exited).toBe(0);
    const store = await openLowdbStore({ dir });
    expect((await store.units.get("u-held"))!.name).toBe("Đơn vị đang giữ");
    expect(await store.units.count()).toBe(1); // the demo data is not loaded over real data
    await store.close();
  });
});

describe("a data directory from before the journal", () => {
  it("is converted when the bot starts, which logs where the old db.json was kept", SLOW, async () => {
    const dir = await tempDir();
    const old = JSON.stringify({ units: { u01: unit("u01") }, people: { "p-1": person("p-1") }, cadres: { "p-1": cadre("p-1", "u01") } });
    await writeFile(join(dir, "db.json"), old);
    const bot = track(runBot(cleanEnv({ DATA_DIR: dir, LOG_LEVEL: "info" })));
    bot.proc.stdin!.end();
    expect(await bot.exited).toBe(0);
    const [backup] = (await readdir(dir)).filter((f) => f.startsWith("db.before-journal."));
    expect(bot.stderr()).toContain("converted db.json to the snapshot + journal format; the file as it was is kept");
    expect(bot.stderr()).toContain(join(dir, backup!));
    expect(await readFile(join(dir, backup!), "utf8")).toBe(old);
    const store = await openLowdbStore({ dir });
    expect((await store.cadres.get("p-1"))!.unitId).toBe("u01");
    await store.close();
  });
});

describe("a corrupt data file", () => {
  async function brokenDir(content: string): Promise<string> {
    const dir = await tempDir();
    await writeFile(join(dir, "db.json"), content);
    return dir;
  }

  async function expectRefused(child: Child, dir: string, content: string, message: RegExp) {
    child.proc.stdin!.end();
    expect(await child.exited).not.toBe(0);
    expect(child.stderr()).toMatch(message);
    expect(child.stdout()).not.toContain("doan-bot —"); // no console banner: the start stopped
    expect(await readFile(join(dir, "db.json"), "utf8")).toBe(content);
    expect(existsSync(join(dir, ".lock"))).toBe(false);
  }

  const goodData = () => ({
    units: { u01: unit("u01") },
    people: { "p-1": person("p-1") },
    cadres: { "p-1": cadre("p-1", "u01"), "p-bad": cadre("p-bad", "u01", { phone: "123" }) },
  });

  it("stops the start on a file that is not JSON and leaves it byte for byte", SLOW, async () => {
    const content = '{"units": {"u01": {"id": "u01", "name": "Đơn vị"}, ';
    const dir = await brokenDir(content);
    await expectRefused(runBot(cleanEnv({ DATA_DIR: dir })), dir, content, /db\.json cannot be loaded and was left untouched/);
  });

  it("stops the start on a record breaking its schema, naming the record and the field", SLOW, async () => {
    const content = JSON.stringify(goodData(), null, 2);
    const dir = await brokenDir(content);
    await expectRefused(runBot(cleanEnv({ DATA_DIR: dir })), dir, content, /Invalid record cadres\/p-bad: phone: Vietnamese mobile/);
  });

  it("stops the start on a field this version does not know (a newer version's file), naming it", SLOW, async () => {
    const data = goodData();
    const content = JSON.stringify({ ...data, cadres: { "p-1": { ...data.cadres["p-1"], email: "x@example.org" } } });
    const dir = await brokenDir(content);
    await expectRefused(
      runBot(cleanEnv({ DATA_DIR: dir })),
      dir,
      content,
      /The record cadres\/p-1 has a field "email" that this version of doan-bot does not know/,
    );
  });

  it("stops `npm start` the same way, with the message on stderr", SLOW, async () => {
    const content = JSON.stringify(goodData());
    const dir = await brokenDir(content);
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    await expectRefused(run(npm, ["start", "--silent"], cleanEnv({ DATA_DIR: dir })), dir, content, /Invalid record cadres\/p-bad: phone/);
  });
});
