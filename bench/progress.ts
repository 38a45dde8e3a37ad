/**
 * Cost of `/tiendo` (progress against the plan) through the chat core, as an admin, at 66 units
 * with 10k cadres and with 100k, on the in-memory lowdb store. The growth ratio should stay near
 * 10× for 10× the data (the progress rules are O(n) over cadres and certificates).
 */
import { benchDeps } from "./deps";
import { samplePosition } from "./sample-people";
import { performance } from "node:perf_hooks";
import { buildChat } from "../src/build";
import type { Deps } from "../src/app/deps";
import { currentPlan } from "../tests/helpers/plan";
import { computeProgress } from "../src/domain/progress";
import type { Cadre, Position, TheoryLevel } from "../src/domain/records";
import { openLowdbStore } from "../src/store/lowdb-store";
import type { Store } from "../src/store/store";

const UNITS = 66;
const positions: Position[] = ["secretary", "deputy", "committee", "committee", "member", "member", "member"];
const levels: TheoryLevel[] = ["none", "basic", "basic", "intermediate", "advanced", "bachelor"];

/** A small deterministic generator, so every run measures the same data. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
}

/** 66 units and `cadres` approved cadres, 60% with a certificate, and the admin `p-admin` (also used by bench/web.ts). */
export async function seed(store: Store, cadres: number): Promise<void> {
  const rnd = lcg(49);
  const at = "2026-01-05T02:00:00.000Z";
  await store.transaction(async (tx) => {
    for (let u = 1; u <= UNITS; u++) {
      await tx.units.put({ id: `u${u}`, name: `Đoàn cơ sở số ${u}`, type: "agency", members: 30, groups: [] });
    }
    for (let i = 0; i < cadres; i++) {
      const position = samplePosition(i, UNITS, positions);
      const cadre: Cadre = {
        id: `p-${i}`,
        fullName: "Nguyễn Văn Mẫu",
        unitId: `u${(i % UNITS) + 1}`,
        position,
        electedOn:
          position === "secretary" || position === "deputy"
            ? `20${20 + Math.floor(rnd() * 7)}-0${1 + Math.floor(rnd() * 9)}-15`
            : undefined,
        theoryLevel: levels[Math.floor(rnd() * levels.length)]!,
        professionalLevel: "university",
        birthYear: 1995,
        status: "approved",
        consent: { purposes: ["training"], at },
        registeredAt: at,
      };
      await tx.cadres.put(cadre);
      if (rnd() < 0.6) {
        const title = position === "secretary" && rnd() < 0.5;
        const issuedOn = `202${5 + Math.floor(rnd() * 2)}-0${1 + Math.floor(rnd() * 9)}-01`;
        await tx.certificates.put({
          id: `c-${i}`,
          number: `C${i}`,
          personId: cadre.id,
          courseId: "k1",
          kind: title ? "title-secretary" : "youth-work",
          title,
          issuedOn,
        });
      }
    }
    await tx.people.put({ id: "p-admin", roles: ["admin"], createdAt: at, muted: false });
    await tx.plans.put(currentPlan()); // the plan running on the bench's day (plans are store records)
  });
}

interface Timing {
  median: number;
  min: number;
}

/** Times `runs` calls after three warm-up calls. */
async function time(runs: number, call: () => Promise<unknown> | unknown): Promise<Timing> {
  for (let i = 0; i < 3; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]! };
}

/**
 * Milliseconds per `/tiendo` call through the chat core, and for the pure progress rules alone
 * (data read from the store once), and for reading the three collections with `all()`.
 */
async function measure(cadres: number, runs: number): Promise<{ command: Timing; rules: Timing; read: Timing }> {
  const store = await openLowdbStore();
  await seed(store, cadres);
  const deps: Deps = benchDeps(store, currentPlan(), "2026-11-29T03:00:00.000Z");
  const core = buildChat(deps);
  const call = () =>
    core.handle({ channel: "console", chatId: "bench-admin", userId: "bench-admin", chatType: "private", text: "/tiendo" });
  const first = await call();
  if (!first[0]?.text.includes("Toàn Khối")) throw new Error(`unexpected /tiendo answer: ${first[0]?.text}`);
  const command = await time(runs, call);
  const read = () => Promise.all([store.units.all(), store.cadres.all(), store.certificates.all()]);
  const [units, all, certificates] = await read();
  const options = { plan: deps.plan, today: "2026-11-29", window: deps.plan.period };
  const rules = await time(runs, () => computeProgress({ units, cadres: all, certificates }, options));
  const reads = await time(runs, read);
  await store.close();
  return { command, rules, read: reads };
}

/**
 * Runs the benchmark and prints the per-call times and the growth ratio. The fastest call is the
 * steadier figure on a shared machine; the median is printed too.
 */
export async function benchProgress(): Promise<{ small: number; large: number; ratio: number }> {
  const small = await measure(10_000, 30);
  const large = await measure(100_000, 10);
  const ms = (m: Timing) => `${m.min.toFixed(1)} ms fastest, ${m.median.toFixed(1)} ms median`;
  const grow = (what: string, a: Timing, b: Timing) =>
    console.log(
      `  ${what}: 10k ${ms(a)} | 100k ${ms(b)} | growth ${(b.min / a.min).toFixed(1)}× fastest, ${(b.median / a.median).toFixed(1)}× median`,
    );
  console.log(`/tiendo at ${UNITS} units, 10k vs 100k cadres (linear growth would be 10×):`);
  grow("/tiendo through the chat core", small.command, large.command);
  grow("progress rules alone (computeProgress)", small.rules, large.rules);
  grow("store reads (units, cadres, certificates .all())", small.read, large.read);
  return { small: small.command.min, large: large.command.min, ratio: large.command.min / small.command.min };
}

/** The bench runner's entry (bench/index.ts). */
export async function run(): Promise<void> {
  await benchProgress();
}
