/**
 * Opening a snapshot the store sealed with its records unread (src/store/lazy-table.ts): each
 * record is parsed the first time it is read, and reads back as it was written, frozen; a journal's
 * record replaces or removes an unread one; a fold writes the same file whether the records were
 * read or not; a snapshot whose seal does not hold is still found out at open and validated in full.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { Account, Cadre, Unit } from "../../src/domain/records";
import { collections, type CollectionName } from "../../src/store/collections";
import { LazyTable } from "../../src/store/lazy-table";
import { openLowdbStore } from "../../src/store/lowdb-store";
import { DurableJsonFile } from "../../src/store/snapshot";
import type { Rec } from "../../src/store/snapshot";
import { InvalidRecordError } from "../../src/store/store";
import { loadRevivers, sealingRevivers, validate } from "../../src/store/validate";
import { storeContract } from "./contract";
import { account, cadre, unit } from "../helpers/records";
import { tempDirs } from "../helpers/temp-dirs";

const tempDir = tempDirs("lazy");

// Every table of a store reopened from its own sealed snapshot is a lazy one.
storeContract("lowdb file, reopened from its sealed snapshot", async () => {
  const dir = await tempDir();
  await (await openLowdbStore({ dir })).close();
  return openLowdbStore({ dir });
});

const at = "2026-03-01T02:00:00.000Z";

const units: Unit[] = [unit("u01"), unit("u02"), unit("u03")];
const cadres: Cadre[] = [
  cadre("p-1", "u01", { phone: "0912345678", electedOn: "2025-05-15" }),
  cadre("p-2", "u02", { fullName: "Đặng Thị Ánh Tuyết", position: "member", consent: { purposes: ["training", "notifications"], at } }),
];
const accounts: Account[] = [
  account("telegram", "42", "p-1"),
  // Ids a JSON string must escape, or that are not ASCII.
  account("zalo", 'a"b\\c', "p-1"),
  account("console", "Đặng", "p-2"),
];

/** `records` as the store keeps them: each validated as a `put` does, in a table per collection. */
function tablesOf(records: Partial<Record<CollectionName, Rec[]>>, names = Object.keys(records)): Record<string, Map<string, Rec>> {
  return Object.fromEntries(
    names.map((name) => [name, new Map((records[name as CollectionName] ?? []).map((r) => [r.id, validate(name as CollectionName, r)]))]),
  );
}

/** A data directory whose snapshot the store's writer sealed (continued by an empty journal 1), holding `records`. */
async function sealedDir(records: Partial<Record<CollectionName, Rec[]>>): Promise<string> {
  const dir = await tempDir();
  await new DurableJsonFile(join(dir, "db.json"), sealingRevivers()).write({ journal: 1, tables: tablesOf(records) });
  await writeFile(join(dir, "journal-1.log"), "");
  return dir;
}

/** Every record of every collection, in order, as plain data. */
async function everything(dir: string): Promise<Record<string, unknown[]>> {
  const store = await openLowdbStore({ dir });
  const out: Record<string, unknown[]> = {};
  for (const name of Object.keys(collections) as CollectionName[]) {
    const all = await store[name].all();
    if (all.length) out[name] = all;
  }
  await store.close();
  return out;
}

function deeplyFrozen(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(deeplyFrozen);
}

describe("a sealed snapshot opened lazily", () => {
  it("keeps every record unread at open and parses one when it is first read", async () => {
    const dir = await sealedDir({ units, cadres });
    const snapshot = await new DurableJsonFile(join(dir, "db.json"), loadRevivers()).read();
    expect(snapshot!.checked).toBe("sealed");
    const table = snapshot!.tables.cadres as LazyTable;
    expect(table).toBeInstanceOf(LazyTable);
    expect([table.size, table.unreadCount, [...table.keys()], table.has("p-2")]).toEqual([2, 2, ["p-1", "p-2"], true]);
    const second = table.get("p-2");
    expect(second).toEqual(cadres[1]);
    expect(deeplyFrozen(second)).toBe(true);
    expect(table.unreadCount).toBe(1);
    expect(table.get("p-2")).toBe(second); // parsed once, then kept
  });

  it("reads every record back deep-equal to what was written, in order, and frozen at every depth", async () => {
    const dir = await sealedDir({ units, cadres, accounts });
    const store = await openLowdbStore({ dir });
    expect(await store.units.all()).toEqual(units);
    expect(await store.cadres.all()).toEqual(cadres);
    expect(await store.accounts.get('zalo:a"b\\c')).toEqual(accounts[1]);
    expect(await store.accounts.get("console:Đặng")).toEqual(accounts[2]);
    expect(await store.accounts.all()).toEqual(accounts);
    expect(await store.accounts.find({ personId: "p-1" })).toEqual([accounts[0], accounts[1]]);
    expect((await store.cadres.all()).every(deeplyFrozen)).toBe(true);
    expect((await store.accounts.all()).every(deeplyFrozen)).toBe(true);
    await store.close();
  });

  it("counts, finds, replaces and removes records not read yet", async () => {
    const dir = await sealedDir({ units, cadres, accounts });
    const store = await openLowdbStore({ dir });
    expect(await store.units.count()).toBe(3);
    expect(await store.cadres.find({ unitId: "u02" })).toEqual([cadres[1]]);
    expect(await store.units.remove("u02")).toBe(true);
    expect(await store.units.remove("u02")).toBe(false);
    await store.accounts.put({ ...accounts[2]!, unreachable: true });
    expect(await store.units.count()).toBe(2);
    expect(await store.accounts.all()).toEqual([accounts[0], accounts[1], { ...accounts[2], unreachable: true }]);
    await store.close();
    expect(await everything(dir)).toEqual({
      units: [units[0], units[2]],
      cadres,
      accounts: [accounts[0], accounts[1], { ...accounts[2], unreachable: true }],
    });
  });

  it("replays a journal over it: a journal's record replaces an unread one, and a removal removes one", async () => {
    const dir = await sealedDir({ units });
    const json = JSON.stringify([
      ["units", "u02", unit("u02", { name: "Tên mới" })],
      ["units", "u03"],
      ["units", "u04", unit("u04")],
    ]);
    await writeFile(join(dir, "journal-1.log"), `${crc32(Buffer.from(json)).toString(16).padStart(8, "0")} ${json}\n`);
    expect(await everything(dir)).toEqual({ units: [unit("u01"), unit("u02", { name: "Tên mới" }), unit("u04")] });
  });

  it("folds into the very file the writer makes from the same records, whether they were read or not", async () => {
    const dir = await sealedDir({ units, cadres, accounts });
    const store = await openLowdbStore({ dir });
    await store.units.get("u01"); // read; u02 and u03 stay unread
    await store.cadres.put({ ...cadres[0]!, birthYear: 1990 }); // an unread record replaced
    await store.accounts.remove('zalo:a"b\\c'); // a run of unread records broken in two
    await store.close(); // folds into journal 2's snapshot

    // The same records, as the store's writer writes them (every collection, in the registry's order).
    const expected: Partial<Record<CollectionName, Rec[]>> = {
      units,
      cadres: [{ ...cadres[0]!, birthYear: 1990 }, cadres[1]!],
      accounts: [accounts[0]!, accounts[2]!],
    };
    const file = join(await tempDir(), "db.json");
    await new DurableJsonFile(file, sealingRevivers()).write({ journal: 2, tables: tablesOf(expected, Object.keys(collections)) });
    expect(await readFile(join(dir, "db.json"), "utf8")).toBe(await readFile(file, "utf8"));
    expect(await everything(dir)).toEqual(expected);
  });

  it("folds every record when the records are all read while the fold writes them (the bytes the fold reads are kept)", async () => {
    const dir = await sealedDir({ units, cadres, accounts });
    const logged: string[] = [];
    const store = await openLowdbStore({
      dir,
      log: (message) => void logged.push(message),
      // The fold has copied the tables and not written them yet: every record is read now.
      onFoldStep: async (step) => {
        if (step === "switched") for (const name of ["units", "cadres", "accounts"] as const) await store[name].all();
      },
    });
    await store.units.put(unit("u04"));
    await store.close();
    expect(logged).toEqual(["journal folded into the snapshot"]);
    expect(await readFile(join(dir, "journal-2.log"), "utf8")).toBe(""); // all of it in the snapshot
    expect(await everything(dir)).toEqual({ units: [...units, unit("u04")], cadres, accounts });
  });

  it("still finds a broken seal at open, in the last byte of a large file, and validates every record then", async () => {
    // 3,000 cadres: far more than one chunk read; the hand edit is in the very last record.
    const many = Array.from({ length: 3000 }, (_, i) => cadre(`p-${i}`, "u01"));
    const dir = await sealedDir({ units, cadres: many });
    const text = await readFile(join(dir, "db.json"), "utf8");
    const last = text.lastIndexOf('"birthYear":1995');
    await writeFile(join(dir, "db.json"), `${text.slice(0, last)}"birthYear":1800${text.slice(last + '"birthYear":1995'.length)}`);
    const error = await openLowdbStore({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRecordError);
    expect((error as Error).message).toMatch(/^Invalid record cadres\/p-2999: birthYear: /);

    // A valid edit there: loaded, every record validated at open (none left unread), and said so.
    await writeFile(join(dir, "db.json"), `${text.slice(0, last)}"birthYear":1996${text.slice(last + '"birthYear":1995'.length)}`);
    const snapshot = await new DurableJsonFile(join(dir, "db.json"), loadRevivers()).read();
    expect(snapshot!.checked).toBe("broken seal");
    expect(snapshot!.tables.cadres).not.toBeInstanceOf(LazyTable);
    expect(snapshot!.tables.cadres!.get("p-2999")).toEqual(cadre("p-2999", "u01", { birthYear: 1996 }));
  });
});
