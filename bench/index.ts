/**
 * `npm run bench`: runs every bench module in turn. To add one, write `bench/<name>.ts` exporting
 * `run()` (printing its lines with `report` from ./report) and add its name below.
 */
import type { Bench } from "./report";

const benches = (process.env.BENCH_ONLY?.split(",") ?? ["store", "webhook", "classes", "progress", "scheduler"]);

for (const name of benches) {
  const bench = (await import(`./${name}.ts`)) as Bench;
  await bench.run();
}
