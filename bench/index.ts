/**
 * `npm run bench`: runs every bench module in turn (`npm run bench -- store-scale`, or
 * `BENCH_ONLY=store-scale`, runs only the ones named). To add one, write `bench/<name>.ts`
 * exporting `run()` (printing its lines with `report` from ./report) and add its name below.
 */
import type { Bench } from "./report";

const benches = process.env.BENCH_ONLY?.split(",") ?? [
  "store",
  "store-scale",
  "webhook",
  "classes",
  "progress",
  "web",
  "scheduler",
  "postgres",
];
const chosen = process.argv.slice(2);

for (const name of benches.filter((b) => chosen.length === 0 || chosen.includes(b))) {
  const bench = (await import(`./${name}.ts`)) as Bench;
  await bench.run();
}
