/**
 * The data directories the webhook bench starts a real process on: the demo data (as the console
 * loads it) or 10k cadres and 50 classes (bench/classes.ts's seed), prepared once and copied for
 * each cold start.
 */
import { cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { openPlans } from "../src/app/plans";
import { newId } from "../src/build";
import { seedDemo } from "../src/demo";
import { loadPlan } from "../src/domain/plan";
import { localDate } from "../src/domain/zoned-time";
import { openLowdbStore } from "../src/store/lowdb-store";
import { seed } from "./classes";

export type DataSet = "demo" | "10k cadres";

/** Writes the data set into a new temp directory and returns it. */
export async function prepareData(set: DataSet): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "doan-bench-data-"));
  const store = await openLowdbStore({ dir });
  const now = () => new Date();
  const config = { adminIds: [], defaultLocale: "vi" as const, timeZone: "Asia/Ho_Chi_Minh" };
  const plan = await openPlans(store, loadPlan("data/plan.json"), localDate(now(), config.timeZone));
  if (set === "demo") {
    const base = { store, plan, config, now, log: pino({ level: "silent" }), newId };
    await seedDemo(store, base);
  } else {
    await seed(store, plan);
  }
  await store.close();
  return dir;
}

/** A fresh copy of a prepared directory, for one cold start. */
export async function copyData(dir: string): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), "doan-bench-run-"));
  await cp(dir, copy, { recursive: true });
  return copy;
}
