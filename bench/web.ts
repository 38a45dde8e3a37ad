/**
 * The web view's bloc page (`/app/bloc`, the Standing Committee's table of every unit) at 66 units and
 * 10k cadres: the server's time per page, measured from the request to the last byte over HTTP on
 * 127.0.0.1 (goal ≤ 100 ms), and the page's weight without the chart's SVG data (goal ≤ 100 KB).
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import type { Deps } from "../src/app/deps";
import { openWebSession } from "../src/app/web-passes";
import { buildChat } from "../src/build";
import { closeServer, startHttpServer } from "../src/channels/http";
import { openLowdbStore } from "../src/store/lowdb-store";
import { webRoute } from "../src/web/server";
import { currentPlan } from "../tests/helpers/plan";
import { seed } from "./progress";
import { benchDeps } from "./deps";
import { reportTarget } from "./report";

const RUNS = 30;

/** Runs the benchmark and prints the figures against their goals. */
export async function run(): Promise<void> {
  const store = await openLowdbStore();
  await seed(store, 10_000);
  const deps: Deps = benchDeps(store, currentPlan(), "2026-11-29T03:00:00.000Z");
  await store.accounts.put({
    id: "console:bench-admin",
    channel: "console",
    externalId: "bench-admin",
    personId: "p-admin",
    lastSeenAt: "2026-11-29T03:00:00.000Z",
    unreachable: false,
  });
  const core = buildChat(deps);
  const server = await startHttpServer(0, [webRoute({ deps, handle: core.handle, secure: false, perMinute: 10_000 })], "127.0.0.1");
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/app/bloc`;
  const cookie = `doan_web=${await openWebSession(deps, { id: "console:bench-admin", personId: "p-admin" })}`;
  const page = async () => {
    const res = await fetch(url, { headers: { Cookie: cookie } });
    if (res.status !== 200) throw new Error(`/app/bloc answered ${res.status}`);
    return res.text();
  };
  for (let i = 0; i < 3; i++) await page();
  const times: number[] = [];
  let html = "";
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    html = await page();
    times.push(performance.now() - start);
  }
  await closeServer(server);
  await store.close();
  times.sort((a, b) => a - b);
  const chart = /<details class="chart">[\s\S]*?<\/details>/.exec(html)?.[0] ?? "";
  const bytes = (s: string) => Buffer.byteLength(s, "utf8") / 1024;
  console.log(`The web view's bloc page at 66 units, 10k cadres (${RUNS} requests over HTTP on 127.0.0.1):`);
  reportTarget("  /app/bloc server time, fastest", times[0]!, "ms", { atMost: 100 });
  reportTarget("  /app/bloc server time, median", times[Math.floor(times.length / 2)]!, "ms", { atMost: 100 });
  reportTarget("  /app/bloc weight without the chart", bytes(html) - bytes(chart), "KB", { atMost: 100 });
  const css = readFileSync(new URL("../src/web/static/app.css", import.meta.url), "utf8");
  console.log(`  (the chart's SVG adds ${bytes(chart).toFixed(1)} KB; the stylesheet, cached an hour, ${bytes(css).toFixed(1)} KB once)`);
}
