import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { openLowdbStore } from "../../src/store/lowdb-store";
import { StoreLockedError } from "../../src/store/store";
import { storeContract } from "./contract";
import { unit } from "../helpers/records";
import { tempDirs } from "../helpers/temp-dirs";

const tempDir = tempDirs("store");

storeContract("lowdb file", async () => openLowdbStore({ dir: await tempDir() }));
storeContract("in-memory", async () => openLowdbStore());

describe("lowdb file backend", () => {
  /** Every file of the data directory (snapshot and journal), as one text. */
  const onDisk = async (dir: string) => (await Promise.all((await readdir(dir)).map((f) => readFile(join(dir, f), "utf8")))).join("\n");
  const unitsOnDisk = async (dir: string, ids: string[]) => {
    const text = await onDisk(dir);
    return ids.filter((id) => text.includes(`"id":"${id}"`));
  };

  /** The lines of every journal in the directory. */
  const journalLines = async (dir: string) => {
    const journals = (await readdir(dir)).filter((f) => f.startsWith("journal-"));
    const texts = await Promise.all(journals.map((f) => readFile(join(dir, f), "utf8")));
    return texts.flatMap((text) => text.split("\n").filter(Boolean));
  };

  it("has an ordered write in memory at once, and on disk with the next acknowledged write", async () => {
    const dir = await tempDir();
    const store = await openLowdbStore({ dir });
    await store.transaction((tx) => tx.units.put(unit("u-ordered")), { wait: "ordered" });
    expect(await store.units.get("u-ordered")).toMatchObject({ id: "u-ordered" });
    await store.units.put(unit("u-durable"));
    expect(await unitsOnDisk(dir, ["u-ordered", "u-durable"])).toEqual(["u-ordered", "u-durable"]);
    await store.close();
  });

  it("appends ordered writes together, 50 ms after the first of them when no acknowledged write comes", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      const dir = await tempDir();
      const store = await openLowdbStore({ dir });
      const ids = Array.from({ length: 30 }, (_, i) => `u-first-contact-${i}`);
      for (const id of ids) await store.transaction((tx) => tx.units.put(unit(id)), { wait: "ordered" });
      expect(await journalLines(dir)).toEqual([]);
      vi.advanceTimersByTime(49);
      await new Promise((r) => setImmediate(r));
      expect(await journalLines(dir)).toEqual([]);
      vi.advanceTimersByTime(1);
      await vi.waitFor(async () => expect(await journalLines(dir)).toHaveLength(1));
      expect(await unitsOnDisk(dir, ids)).toEqual(ids);
      await store.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps an ordered write that no timer or later write carried when it is closed", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      const dir = await tempDir();
      const store = await openLowdbStore({ dir });
      await store.transaction((tx) => tx.units.put(unit("u-last")), { wait: "ordered" });
      await store.close();
      const again = await openLowdbStore({ dir });
      expect(await again.units.get("u-last")).toMatchObject({ id: "u-last" });
      await again.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it("has every acknowledged write on disk, and all of it after a reopen", async () => {
    const dir = await tempDir();
    const store = await openLowdbStore({ dir });
    const ids = Array.from({ length: 50 }, (_, i) => `u${i}`);
    await Promise.all(ids.map((id) => store.units.put(unit(id))));
    expect(await unitsOnDisk(dir, ids)).toEqual(ids);
    await store.units.remove("u7");
    await store.close();
    const again = await openLowdbStore({ dir });
    expect(await again.units.count()).toBe(49);
    expect(await again.units.get("u7")).toBeUndefined();
    await again.close();
  });

  it("never puts a transaction that is later undone on disk, even while other writes go out", async () => {
    const dir = await tempDir();
    const store = await openLowdbStore({ dir });
    const first = store.units.put(unit("u01"));
    const second = store.units.put(unit("u02")); // waits for the first write to finish
    const undone = store.transaction(async (tx) => {
      await tx.units.put(unit("u-undone"));
      await first; // the next write would go out now if it did not wait for us
      await new Promise((r) => setTimeout(r, 30));
      throw new Error("changed my mind");
    });
    await expect(undone).rejects.toThrow("changed my mind");
    await second;
    expect(await unitsOnDisk(dir, ["u01", "u02", "u-undone"])).toEqual(["u01", "u02"]);
    await store.close();
    expect(await unitsOnDisk(dir, ["u01", "u02", "u-undone"])).toEqual(["u01", "u02"]); // folded on close
  });

  it("refuses a second store on the same directory in the same process, and frees it on close", async () => {
    const dir = await tempDir();
    const store = await openLowdbStore({ dir });
    await expect(openLowdbStore({ dir })).rejects.toBeInstanceOf(StoreLockedError);
    await store.close();
    const again = await openLowdbStore({ dir });
    await again.close();
  });
});
