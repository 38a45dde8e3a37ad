/**
 * The embedded store's files: the snapshot `db.json` and the journal `journal-<n>.log` beside it.
 * Journals are written here by hand in their documented format (`<crc32 hex> <JSON changes>\n`),
 * as a crashed process leaves them.
 */
import { existsSync } from "node:fs";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { openLowdbStore, type FoldStep } from "../../src/store/lowdb-store";
import { DurableJsonFile } from "../../src/store/snapshot";
import { sealingRevivers } from "../../src/store/validate";
import { CorruptDataError, InvalidRecordError } from "../../src/store/store";
import { cadre, unit } from "../helpers/records";
import { tempDirs } from "../helpers/temp-dirs";

const tempDir = tempDirs("journal");

/** One journal line as the format says: the CRC-32 of the JSON in 8 hex digits, a space, the JSON. */
function line(changes: unknown[]): string {
  const json = JSON.stringify(changes);
  return `${crc32(Buffer.from(json)).toString(16).padStart(8, "0")} ${json}\n`;
}

/** A snapshot continued by journal `journal`, holding `units`. */
function snapshot(journal: number, units: string[]): string {
  const lines = units.map((id, i) => `${i ? "," : ""}"${id}":${JSON.stringify(unit(id))}`);
  return [`{"$snapshot":{"format":2,"journal":${journal}}`, ',"units":{', ...lines, "}", "}", ""].join("\n");
}

/** Every file of the directory and its bytes. */
async function files(dir: string): Promise<Record<string, Buffer>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n))] as const)));
}

async function unitIds(dir: string): Promise<string[]> {
  const store = await openLowdbStore({ dir });
  const ids = (await store.units.all()).map((u) => u.id);
  await store.close();
  return ids;
}

describe("the journal", () => {
  it("replays the journal over the snapshot: puts, replacements and removals, in order", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "db.json"), snapshot(3, ["u01", "u02"]));
    await writeFile(
      join(dir, "journal-3.log"),
      line([["units", "u03", unit("u03")]]) +
        line([
          ["units", "u01", unit("u01", { name: "Tên mới" })],
          ["units", "u02"],
        ]),
    );
    const store = await openLowdbStore({ dir });
    expect((await store.units.all()).map((u) => [u.id, u.name])).toEqual([
      ["u01", "Tên mới"],
      ["u03", "Đoàn cơ sở u03"],
    ]);
    await store.close();
  });

  it("replays two journals when a fold was cut short, and removes one a finished fold left", async () => {
    const cut = await tempDir(); // the fold started journal 4 but never wrote its snapshot
    await writeFile(join(cut, "db.json"), snapshot(3, ["u01"]));
    await writeFile(join(cut, "journal-3.log"), line([["units", "u02", unit("u02")]]));
    await writeFile(join(cut, "journal-4.log"), line([["units", "u03", unit("u03")]]));
    expect(await unitIds(cut)).toEqual(["u01", "u02", "u03"]);

    const finished = await tempDir(); // the snapshot of journal 4 is in place; journal 3 was not yet removed
    await writeFile(join(finished, "db.json"), snapshot(4, ["u01", "u02"]));
    await writeFile(join(finished, "journal-3.log"), line([["units", "u02", unit("u02", { name: "Cũ" })]]));
    await writeFile(join(finished, "journal-4.log"), line([["units", "u03", unit("u03")]]));
    const store = await openLowdbStore({ dir: finished });
    expect((await store.units.all()).map((u) => u.name)).toEqual(["Đoàn cơ sở u01", "Đoàn cơ sở u02", "Đoàn cơ sở u03"]);
    expect(existsSync(join(finished, "journal-3.log"))).toBe(false);
    await store.close();
  });

  it("ignores a torn last line (a write cut short by a crash) and cuts it off before writing on", async () => {
    const dir = await tempDir();
    const good = line([["units", "u02", unit("u02")]]);
    const torn = line([["units", "u03", unit("u03")]]);
    await writeFile(join(dir, "db.json"), snapshot(1, ["u01"]));
    await writeFile(join(dir, "journal-1.log"), good + torn.slice(0, 40));
    const logged: string[] = [];
    const store = await openLowdbStore({ dir, log: (message, fields) => logged.push(`${message} ${JSON.stringify(fields)}`) });
    expect((await store.units.all()).map((u) => u.id)).toEqual(["u01", "u02"]);
    expect(logged).toEqual([
      'ignored the torn end of the journal (a write cut short, never acknowledged) {"file":"journal-1.log","bytes":40}',
    ]);
    expect(await readFile(join(dir, "journal-1.log"), "utf8")).toBe(good);
    await store.units.put(unit("u04"));
    await store.close();
    expect(await unitIds(dir)).toEqual(["u01", "u02", "u04"]);
  });

  it("takes a whole last line whose checksum fails for a torn write too", async () => {
    const dir = await tempDir();
    const bad = line([["units", "u03", unit("u03")]]).replace("u03", "u09");
    await writeFile(join(dir, "db.json"), snapshot(1, ["u01"]));
    await writeFile(join(dir, "journal-1.log"), line([["units", "u02", unit("u02")]]) + bad);
    expect(await unitIds(dir)).toEqual(["u01", "u02"]);
  });

  it("refuses to start on a corrupt line in the middle, naming the file and the position, and leaves every file byte for byte", async () => {
    const dir = await tempDir();
    const first = line([["units", "u02", unit("u02")]]);
    const middle = line([["units", "u03", unit("u03")]]).replace("Đoàn cơ sở u03", "Đoàn cơ sở u3X");
    await writeFile(join(dir, "db.json"), snapshot(1, ["u01"]));
    await writeFile(join(dir, "journal-1.log"), first + middle + line([["units", "u04", unit("u04")]]));
    const before = await files(dir);

    const error = await openLowdbStore({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptDataError);
    expect((error as CorruptDataError).file).toBe(join(dir, "journal-1.log"));
    expect((error as Error).message).toBe(
      `The data file ${join(dir, "journal-1.log")} cannot be loaded and was left untouched: line 2 (byte ${Buffer.byteLength(first)}) fails its checksum, and more lines follow it`,
    );
    expect(await files(dir)).toEqual(before); // no lock left, nothing cut, nothing converted
  });

  it("refuses a torn line in a journal that a newer one follows", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "db.json"), snapshot(1, ["u01"]));
    await writeFile(join(dir, "journal-1.log"), line([["units", "u02", unit("u02")]]).slice(0, 30));
    await writeFile(join(dir, "journal-2.log"), line([["units", "u03", unit("u03")]]));
    const before = await files(dir);
    await expect(openLowdbStore({ dir })).rejects.toThrow(
      /journal-1\.log cannot be loaded.*line 1 \(byte 0\) is cut short, and a newer journal follows/,
    );
    expect(await files(dir)).toEqual(before);
  });

  it("validates every record it replays, naming the collection, the record and the field", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "db.json"), snapshot(1, ["u01"]));
    await writeFile(
      join(dir, "journal-1.log"),
      line([["cadres", "p-1", cadre("p-1", "u01", { phone: "123" })]]) + line([["units", "u02", unit("u02")]]),
    );
    const before = await files(dir);
    const error = await openLowdbStore({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRecordError);
    expect(error).toMatchObject({ collection: "cadres", recordId: "p-1" });
    expect((error as Error).message).toMatch(/^Invalid record cadres\/p-1: phone: /);
    expect(await files(dir)).toEqual(before);
  });

  it("refuses a change to a collection or with a field this version does not know, as in the snapshot", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "db.json"), snapshot(1, ["u01"]));
    await writeFile(join(dir, "journal-1.log"), line([["trainingPlans", "tp-1"]]));
    const before = await files(dir);
    await expect(openLowdbStore({ dir })).rejects.toThrow(
      'The data holds a collection "trainingPlans" that this version of doan-bot does not know',
    );
    await writeFile(join(dir, "journal-1.log"), line([["units", "u02", { ...unit("u02"), colour: "red" }]]));
    await expect(openLowdbStore({ dir })).rejects.toThrow(
      'The record units/u02 has a field "colour" that this version of doan-bot does not know',
    );
    expect(Object.keys(await files(dir))).toEqual(Object.keys(before));
  });

  it("refuses journals without the snapshot they continue", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "journal-2.log"), line([["units", "u02", unit("u02")]]));
    await expect(openLowdbStore({ dir })).rejects.toThrow(
      /db\.json cannot be loaded and was left untouched: it is missing, but journal-2\.log is there/,
    );
    expect(Object.keys(await files(dir))).toEqual(["journal-2.log"]);
  });
});

describe("a data directory from before the journal", () => {
  it("is converted on its first start, keeping a copy of the old db.json whose name is logged", async () => {
    const dir = await tempDir();
    const old = JSON.stringify({ units: { u01: unit("u01"), u02: unit("u02") }, cadres: { "p-1": cadre("p-1", "u01") } });
    await writeFile(join(dir, "db.json"), old);
    const logged: Record<string, unknown>[] = [];
    const store = await openLowdbStore({ dir, log: (message, fields) => logged.push({ message, ...fields }) });
    expect((await store.units.all()).map((u) => u.id)).toEqual(["u01", "u02"]);
    expect((await store.cadres.get("p-1"))!.unitId).toBe("u01");

    const [backup] = (await readdir(dir)).filter((f) => f.startsWith("db.before-journal."));
    expect(backup).toMatch(/^db\.before-journal\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.json$/);
    expect(logged).toEqual([
      { message: "converted db.json to the snapshot + journal format; the file as it was is kept", backup: join(dir, backup!) },
    ]);
    expect(await readFile(join(dir, backup!), "utf8")).toBe(old);
    expect((await readFile(join(dir, "db.json"), "utf8")).split("\n")[0]).toMatch(
      /^\{"\$snapshot":\{"format":2,"journal":1,"schema":"[0-9a-f]{16}","crc":"[0-9a-f]{8}"\}$/,
    ); // sealed: every record was validated on the way in

    await store.units.put(unit("u03"));
    await store.close();
    expect(await unitIds(dir)).toEqual(["u01", "u02", "u03"]);
    expect((await readdir(dir)).filter((f) => f.startsWith("db.before-journal."))).toEqual([backup]);
    const parsed = JSON.parse(await readFile(join(dir, "db.json"), "utf8")) as { units: Record<string, unknown> };
    expect(Object.keys(parsed.units)).toEqual(["u01", "u02", "u03"]); // still one JSON object
  });
});

describe("folding the journal into the snapshot", () => {
  it("loses nothing written by 50 callers while the journal is folded again and again", async () => {
    const dir = await tempDir();
    const steps: FoldStep[] = [];
    const store = await openLowdbStore({ dir, journalLimit: 2048, onFoldStep: (s) => void steps.push(s) });
    await Promise.all(
      Array.from({ length: 50 }, async (_, k) => {
        for (let n = 0; n < 40; n++) await store.cadres.put(cadre(`p-${k}-${n}`, `u${n % 3}`));
        await store.cadres.remove(`p-${k}-0`);
        await store.transaction(async (tx) => {
          await tx.units.put(unit(`u-${k}`));
          await tx.cadres.put(cadre(`p-${k}-1`, "u-moved"));
        });
      }),
    );
    // How many folds fit depends on the disk's speed (a fold runs while the writes go on): at least two.
    const folds = steps.filter((s) => s === "done").length;
    expect(folds).toBeGreaterThanOrEqual(2);
    expect(steps.slice(0, 4)).toEqual(["switched", "written", "renamed", "done"]);
    await store.close();

    const again = await openLowdbStore({ dir });
    expect(await again.cadres.count()).toBe(50 * 39);
    expect(await again.units.count()).toBe(50);
    expect((await again.cadres.find({ unitId: "u-moved" })).length).toBe(50);
    expect(await again.cadres.get("p-7-0")).toBeUndefined();
    expect((await again.cadres.get("p-49-39"))!.unitId).toBe("u0");
    await again.close();
    expect((await readdir(dir)).filter((f) => f.startsWith("journal-"))).toHaveLength(1);
  });

  it("leaves a transaction still running out of the snapshot", async () => {
    const dir = await tempDir();
    let folded!: () => void;
    const done = new Promise<void>((r) => (folded = r));
    const store = await openLowdbStore({ dir, journalLimit: 1, onFoldStep: (s) => void (s === "done" && folded()) });
    const first = store.units.put(unit("u01")); // its append starts a fold
    const undone = store.transaction(async (tx) => {
      await tx.units.put(unit("u-undone"));
      await done;
      throw new Error("changed my mind");
    });
    await first;
    await expect(undone).rejects.toThrow("changed my mind");
    const text = (await readFile(join(dir, "db.json"), "utf8")) + (await readFile(join(dir, "journal-2.log"), "utf8"));
    expect(text).toContain('"u01"');
    expect(text).not.toContain("u-undone");
    await store.close();
    expect(await unitIds(dir)).toEqual(["u01"]);
  });

  it("folds a removal away soon, so the removed data leaves the disk without a restart", async () => {
    const dir = await tempDir();
    const store = await openLowdbStore({ dir, eraseWithinMs: 50 });
    await store.cadres.put(cadre("p-1", "u01", { phone: "0912345678" }));
    await store.cadres.put(cadre("p-2", "u01"));
    const holding = async () => {
      const texts = await Promise.all((await readdir(dir)).map((f) => readFile(join(dir, f), "utf8").catch(() => ""))); // a fold may remove a file meanwhile
      return texts.some((t) => t.includes("0912345678"));
    };
    expect(await holding()).toBe(true);
    await store.cadres.remove("p-1");
    for (let i = 0; i < 100 && (await holding()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await holding()).toBe(false);
    expect(await store.cadres.count()).toBe(1);
    await store.close();
  });
});

describe("the snapshot's seal", () => {
  /** A store's data directory after a close: units u01–u03, folded into a sealed snapshot. */
  async function sealedDir(): Promise<string> {
    const dir = await tempDir();
    const store = await openLowdbStore({ dir });
    for (const id of ["u01", "u02", "u03"]) await store.units.put(unit(id));
    await store.close();
    return dir;
  }
  const edit = async (dir: string, from: string, to: string) => {
    const text = await readFile(join(dir, "db.json"), "utf8");
    expect(text).toContain(from);
    await writeFile(join(dir, "db.json"), text.replace(from, to));
  };
  const logOf = (logged: string[]) => (message: string) => void logged.push(message);

  it("opens a snapshot the store sealed, every record as written, and says nothing about it", async () => {
    const dir = await sealedDir();
    const logged: string[] = [];
    const store = await openLowdbStore({ dir, log: logOf(logged) });
    expect((await store.units.all()).map((u) => [u.id, u.name])).toEqual([
      ["u01", "Đoàn cơ sở u01"],
      ["u02", "Đoàn cơ sở u02"],
      ["u03", "Đoàn cơ sở u03"],
    ]);
    expect(Object.isFrozen(await store.units.get("u02"))).toBe(true);
    expect(logged).toEqual([]);
    await store.close();
  });

  it("does not validate again what it sealed: a record its writer was handed unchecked loads as written", async () => {
    // Only the store writes a seal, and only over records it validated; here its writer is used
    // directly to show that a sealed snapshot is not checked again (what makes opening quick).
    const dir = await tempDir();
    const units = new Map([["u01", { ...unit("u01"), name: "" }]]);
    await new DurableJsonFile(join(dir, "db.json"), sealingRevivers()).write({ journal: 1, tables: { units } });
    const store = await openLowdbStore({ dir });
    expect((await store.units.get("u01"))!.name).toBe("");
    await store.close();
  });

  it("validates every record of a sealed snapshot edited by hand: an invalid record stops the start and the file is left untouched", async () => {
    const dir = await sealedDir();
    await edit(dir, '"name":"Đoàn cơ sở u02"', '"name":""');
    const before = await files(dir);
    const error = await openLowdbStore({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRecordError);
    expect((error as Error).message).toMatch(/^Invalid record units\/u02: name: /);
    expect(await files(dir)).toEqual(before);
  });

  it("validates a sealed snapshot given a field by hand, and refuses the field it does not know", async () => {
    const dir = await sealedDir();
    await edit(dir, '"name":"Đoàn cơ sở u03"', '"name":"Đoàn cơ sở u03","motto":"x"');
    await expect(openLowdbStore({ dir })).rejects.toThrow(/units\/u03 has a field "motto"/);
  });

  it("loads a valid edit by hand, saying the file no longer matches its seal, and seals it again at the next fold", async () => {
    const dir = await sealedDir();
    await edit(dir, '"name":"Đoàn cơ sở u01"', '"name":"Đoàn cơ sở Sở Tư pháp"');
    const logged: string[] = [];
    const store = await openLowdbStore({ dir, log: logOf(logged) });
    expect((await store.units.get("u01"))!.name).toBe("Đoàn cơ sở Sở Tư pháp");
    expect(logged).toEqual(["db.json does not match its seal (changed since the store wrote it?): every record was validated"]);
    await store.units.put(unit("u04"));
    await store.close(); // folds: a new sealed snapshot
    logged.length = 0;
    const again = await openLowdbStore({ dir, log: logOf(logged) });
    expect((await again.units.all()).map((u) => u.id)).toEqual(["u01", "u02", "u03", "u04"]);
    expect(logged).toEqual([]);
    await again.close();
  });

  it("validates in full a snapshot sealed under other schemas (another version of doan-bot)", async () => {
    const dir = await sealedDir();
    const text = await readFile(join(dir, "db.json"), "utf8");
    const schema = /"schema":"([0-9a-f]{16})"/.exec(text)![1]!;
    // Another version's seal over a record with a field this version does not know: its CRC holds, its schemas differ.
    const body = text.slice(text.indexOf("\n")).replace('"name":"Đoàn cơ sở u02"', '"name":"Đoàn cơ sở u02","motto":"x"');
    const crc = crc32(body).toString(16).padStart(8, "0");
    const head = text
      .slice(0, text.indexOf("\n"))
      .replace(schema, "0123456789abcdef")
      .replace(/"crc":"[0-9a-f]{8}"/, `"crc":"${crc}"`);
    await writeFile(join(dir, "db.json"), head + body);
    await expect(openLowdbStore({ dir })).rejects.toThrow(/units\/u02 has a field "motto"/);
  });
});
