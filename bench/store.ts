/**
 * Acknowledged writes per second through the store (group commit, fsync) at 1k and 10k cadres,
 * against a naive lowdb baseline in the same run: lowdb's JSONFile adapter, `db.write()` awaited
 * after every change. Many concurrent callers, each awaiting its own write, as chat updates arrive.
 */
import { Low } from "lowdb";
import { JSONFile } from "lowdb/node";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Cadre } from "../src/domain/records";
import { openLowdbStore } from "../src/store/lowdb-store";
import { report } from "./report";
import { sampleCadre } from "./store-data";

const CALLERS = 100;
const SECONDS = 3;

/** Runs CALLERS loops of `write` for SECONDS; returns acknowledged writes per second. */
export async function throughput(size: number, write: (c: Cadre) => Promise<unknown>): Promise<number> {
  const deadline = Date.now() + SECONDS * 1000;
  const started = performance.now();
  let acked = 0;
  let n = 0;
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      while (Date.now() < deadline) {
        const i = n++ % size;
        await write({ ...sampleCadre(i), birthYear: 1990 + (n % 25) });
        acked++;
      }
    }),
  );
  return acked / ((performance.now() - started) / 1000);
}

async function storeRate(dir: string, size: number): Promise<number> {
  const store = await openLowdbStore({ dir });
  await store.transaction(async (tx) => {
    for (let i = 0; i < size; i++) await tx.cadres.put(sampleCadre(i));
  });
  const rate = await throughput(size, (c) => store.cadres.put(c));
  await store.close();
  return rate;
}

async function naiveRate(dir: string, size: number): Promise<number> {
  const db = new Low<{ cadres: Record<string, Cadre> }>(new JSONFile(join(dir, "naive.json")), { cadres: {} });
  for (let i = 0; i < size; i++) db.data.cadres[`p-${i}`] = sampleCadre(i);
  await db.write();
  return throughput(size, async (c) => {
    db.data.cadres[c.id] = c;
    await db.write();
  });
}

/** Prints, for each size, the baseline's rate and the store's rate with the ratio between them. */
export async function run(): Promise<void> {
  for (const size of [1_000, 10_000]) {
    const dir = await mkdtemp(join(tmpdir(), "doan-bench-"));
    try {
      const naive = await naiveRate(dir, size);
      const store = await storeRate(join(dir, "store"), size);
      const label = `${size / 1000}k cadres`;
      report(`naive lowdb (write per change), ${label}`, naive, "acked writes/s", 1);
      report(`store (group commit + fsync), ${label}`, store, "acked writes/s", store / naive);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
