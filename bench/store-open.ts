/**
 * Opens the store at argv[2] and nothing else, then prints one JSON line: milliseconds to open (and
 * of CPU time, which a busy machine does not inflate),
 * resident memory after the open (and after a garbage collection when `--expose-gc`), and the
 * process's peak resident memory; then the first `/tiendo` through the chat core, the second, and the
 * fourth (a snapshot the store sealed is opened with its records unread: the first command that lists
 * the cadres reads them, the first that looks accounts up by person reads those). Run as a child process by bench/store-scale.ts.
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

// Loaded only now, so that the memory above is the store's.
const [{ buildChat }, { loadPlan }, { benchDeps }] = await Promise.all([
  import("../src/build"),
  import("../src/domain/plan"),
  import("./deps"),
]);
const core = buildChat(benchDeps(store, loadPlan("data/plan.json"), "2022-06-01T03:00:00.000Z")); // within the plan's period
/** Wall and CPU milliseconds of one `/tiendo`. */
const tiendo = async () => {
  const [wall, cpu] = [performance.now(), process.cpuUsage()];
  const reply = await core.handle({
    channel: "console",
    chatId: "bench-admin",
    userId: "bench-admin",
    chatType: "private",
    text: "/tiendo",
  });
  if (!reply[0]?.text.includes("Toàn Khối")) throw new Error(`unexpected /tiendo answer: ${reply[0]?.text}`);
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 };
};
// The first call is the admin's first contact (its person and account made, no account read); the
// second finds the admin's accounts, which reads every account once to index them; later calls read nothing new.
const firstTiendo = await tiendo();
const nextTiendo = await tiendo();
await tiendo();
const laterTiendo = await tiendo();
const afterTiendo = { rss: process.memoryUsage.rss(), rssAfterGc: 0, peak: 0 };
(globalThis as { gc?: () => void }).gc?.();
afterTiendo.rssAfterGc = process.memoryUsage.rss();
afterTiendo.peak = process.resourceUsage().maxRSS * 1024;
await store.close();
console.log(JSON.stringify({ openMs, cpuMs, rss, rssAfterGc, peak, cadres, firstTiendo, nextTiendo, laterTiendo, afterTiendo }));
