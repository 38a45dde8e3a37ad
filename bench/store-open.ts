/**
 * Opens the store at argv[2] and nothing else, then prints one JSON line: milliseconds to open (and
 * of CPU time, which a busy machine does not inflate),
 * resident memory after the open (and after a garbage collection when `--expose-gc`), and the
 * process's peak resident memory. Run as a child process by bench/store-scale.ts.
 */
import { openLowdbStore } from "../src/store/lowdb-store";

const started = performance.now();
const cpu = process.cpuUsage();
const store = await openLowdbStore({ dir: process.argv[2]! });
const openMs = performance.now() - started;
const used = process.cpuUsage(cpu);
const cpuMs = (used.user + used.system) / 1000;
const rss = process.memoryUsage.rss();
(globalThis as { gc?: () => void }).gc?.();
const rssAfterGc = process.memoryUsage.rss();
const peak = process.resourceUsage().maxRSS * 1024;
const cadres = await store.cadres.count();
await store.close();
console.log(JSON.stringify({ openMs, cpuMs, rss, rssAfterGc, peak, cadres }));
