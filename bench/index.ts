/**
 * `npm run bench`: runs every benchmark in turn. Minimal runner (the reports branch needed one);
 * other benchmarks add a line here.
 */
import { benchProgress } from "./progress";

const benches: [name: string, run: () => Promise<unknown>][] = [["progress (/tiendo)", benchProgress]];

for (const [name, run] of benches) {
  console.log(`— ${name}`);
  await run();
}
