/**
 * The embedded store at 10k and 100k cadres (each with a person and an account: about 64 MB of
 * snapshot at 100k), against the targets: open time and resident memory of a process that
 * only opens the store (a child process), the latency of one acknowledged write, and acknowledged
 * writes per second from 100 concurrent callers.
 */
import { execFile } from "node:child_process";
import { mkdtemp, open, rm, stat } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { openLowdbStore } from "../src/store/lowdb-store";
import { reportTarget } from "./report";
import { throughput } from "./store";
import { sampleCadre, writeDataDir } from "./store-data";

const MB = 1024 * 1024;
const WRITES = 200;

interface Opened {
  openMs: number;
  cpuMs: number;
  rss: number;
  rssAfterGc: number;
  peak: number;
  cadres: number;
  firstTiendo: { ms: number; cpuMs: number };
  nextTiendo: { ms: number; cpuMs: number };
  laterTiendo: { ms: number; cpuMs: number };
  afterTiendo: { rss: number; rssAfterGc: number; peak: number };
}

/** The machine's load average over 1, 5 and 15 minutes (`uptime`), to read a time beside. */
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(", ");

async function openInChild(dir: string): Promise<Opened> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", "--import", "tsx", "bench/store-open.ts", dir]);
  return JSON.parse(stdout) as Opened;
}

/** Changes the schema fingerprint in db.json's seal, in place: the next open validates every record. */
async function unseal(dir: string): Promise<void> {
  const fh = await open(join(dir, "db.json"), "r+");
  try {
    const head = Buffer.alloc(200);
    await fh.read(head, 0, head.length, 0);
    const at = head.indexOf('"schema":"') + '"schema":"'.length;
    if (at < '"schema":"'.length) throw new Error("db.json has no seal");
    await fh.write(head[at] === 0x30 ? "1" : "0", at, "latin1");
  } finally {
    await fh.close();
  }
}

/** The disk's own limit: median milliseconds to append a line of a cadre's size to a file and fdatasync it. */
async function diskAppend(dir: string): Promise<number> {
  const fh = await open(join(dir, "disk-baseline.log"), "a");
  const line = Buffer.from(`${JSON.stringify(sampleCadre(1))}\n`);
  const times: number[] = [];
  for (let n = 0; n < WRITES; n++) {
    const started = performance.now();
    await fh.write(line);
    await fh.datasync();
    times.push(performance.now() - started);
  }
  await fh.close();
  times.sort((a, b) => a - b);
  return times[WRITES / 2]!;
}

/** Median and 95th percentile of WRITES acknowledged writes made one after another, after 20 not counted. */
async function writeLatency(dir: string, size: number): Promise<{ median: number; p95: number }> {
  const store = await openLowdbStore({ dir });
  for (let n = 0; n < 20; n++) await store.cadres.put(sampleCadre(n)); // warm-up, not counted
  const times: number[] = [];
  for (let n = 0; n < WRITES; n++) {
    const c = sampleCadre((n * 7919) % size);
    const started = performance.now();
    await store.cadres.put({ ...c, birthYear: 1980 + (n % 30) });
    times.push(performance.now() - started);
  }
  await store.close();
  times.sort((a, b) => a - b);
  return { median: times[WRITES / 2]!, p95: times[Math.floor(WRITES * 0.95)]! };
}

export async function run(): Promise<void> {
  for (const size of [10_000, 100_000]) {
    const dir = await mkdtemp(join(tmpdir(), "doan-bench-scale-"));
    try {
      await writeDataDir(dir, size);
      const label = `${size / 1000}k cadres`;
      const mb = (await stat(join(dir, "db.json"))).size / MB;
      const opened = await openInChild(dir);
      const openedLoad = load();
      if (opened.cadres !== size) throw new Error(`opened ${opened.cadres} cadres, expected ${size}`);
      // The same file as another version would have sealed it (its schema fingerprint changed): every record validated.
      if (size >= 100_000) await unseal(dir);
      const validated = size < 100_000 ? undefined : await openInChild(dir);
      const disk = await diskAppend(dir);
      const latency = await writeLatency(dir, size);
      reportTarget(
        `embedded store, one acknowledged write, ${label} (median of ${WRITES}; p95 ${latency.p95.toFixed(2)} ms; the disk's own append + fdatasync ${disk.toFixed(2)} ms)`,
        latency.median,
        "ms",
        { atMost: size > 10_000 ? 5 : 2 },
      );
      if (size < 100_000) continue;
      reportTarget(
        `embedded store, open, ${label} (${mb.toFixed(0)} MB snapshot, sealed by the store: records read on first use; CPU time ${opened.cpuMs.toFixed(0)} ms; load average ${openedLoad})`,
        opened.openMs,
        "ms",
        { atMost: 1000 },
      );
      const { firstTiendo: first, nextTiendo: next, laterTiendo: later, afterTiendo: after } = opened;
      console.log(
        `embedded store, ${label}, the first /tiendo after that open (it reads the cadres: their parsing moved from the open to first use): ${first.ms.toFixed(0)} ms (CPU time ${first.cpuMs.toFixed(0)} ms), the second ${next.ms.toFixed(0)} ms (it reads the accounts to find the admin's), the fourth ${later.ms.toFixed(0)} ms; resident memory then ${(after.rss / MB).toFixed(0)} MB (after GC ${(after.rssAfterGc / MB).toFixed(0)} MB, peak ${(after.peak / MB).toFixed(0)} MB)`,
      );
      console.log(
        `embedded store, open, ${label}, every record validated (a snapshot not sealed by this version): ${validated!.openMs.toFixed(0)} ms (CPU time ${validated!.cpuMs.toFixed(0)} ms, resident ${(validated!.rss / MB).toFixed(0)} MB)`,
      );
      reportTarget(
        `embedded store, resident memory of a process that opened it, ${label} (after GC ${(opened.rssAfterGc / MB).toFixed(0)} MB, peak ${(opened.peak / MB).toFixed(0)} MB)`,
        opened.rss / MB,
        "MB",
        { atMost: 250 },
      );
      const store = await openLowdbStore({ dir });
      const rate = await throughput(size, (c) => store.cadres.put(c));
      const folding = performance.now();
      await store.flush(); // folds the journal into a new snapshot
      console.log(
        `embedded store, one fold of the journal into the snapshot, ${label} (in the background; writes go on): ${Math.round(performance.now() - folding)} ms`,
      );
      await store.close();
      reportTarget(`embedded store, 100 concurrent callers, ${label}`, rate, "acked writes/s", { atLeast: 5000 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
