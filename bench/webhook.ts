/**
 * The first minute, as a person feels it: a real process started cold (not warmed by the bench) in
 * webhook mode, then 1,000 different people new to the bot press `/lichhoc` within one second — each
 * a first contact (the update claimed in the store, a person and an account created). Measured: the
 * time from each POST to that chat's `sendMessage` at a Bot API on 127.0.0.1 (p50, p99), and the
 * process's CPU time per 1,000 updates (from /proc). Beside it, in the same run, a bare grammY bot
 * (bench/bare-bot.ts), also a cold process, answers each text with "pong": the ratios to it are what
 * to compare across machines and loads.
 *
 * On the demo data and at 10k cadres, BENCH_RUNS runs each (default 5: one run swings by ±15%); every figure is the median
 * of the runs, with the 1-minute load average of the machine beside it. Goal: p99 ≤ 2× bare and CPU
 * per update ≤ 1.2× bare.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { freePort } from "../tests/helpers/postgres-server";
import { copyData, prepareData, type DataSet } from "./webhook-data";

const TOKEN = "1:bench-token-aaaaaaaaaaaaaaaaaaaa";
const SECRET = "bench-secret-123";
const HOOK_URL = "https://bench.example.org/telegram";
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000);
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** The load process (bench/webhook-load.ts): its Bot API root, and the people pressing. */
async function startLoad() {
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "webhook-load.ts")], {
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, BENCH_PEOPLE: String(PEOPLE) },
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async (prefix: string) => {
    const { value } = await lines.next();
    if (typeof value !== "string" || !value.startsWith(prefix)) throw new Error(`bench load process said: ${value}`);
    return value.slice(prefix.length);
  };
  const root = await next("api ");
  let hooks = 0;
  return {
    root,
    /** Resolves once the next process has called setWebhook: it takes traffic. */
    async hooked(): Promise<void> {
      child.stdin!.write(`hooked ${++hooks}\n`);
      await next("hooked");
    },
    async press(url: string, firstUser: number): Promise<number[]> {
      child.stdin!.write(`press ${url} ${firstUser}\n`);
      return JSON.parse(await next("latencies ")) as number[];
    },
    quit: () => child.stdin!.end("quit\n"),
  };
}

type Load = Awaited<ReturnType<typeof startLoad>>;

/** CPU seconds (user + system) used so far by a process (`/proc/<pid>/stat`) or one thread of it (`/proc/<pid>/task/<tid>/stat`). */
function cpuSeconds(statFile: string): number {
  const stat = readFileSync(statFile, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** CPU seconds so far: the whole process, and its main thread (JavaScript); the rest is V8's compiler and GC threads and libuv's pool (file writes). */
function cpuOf(pid: number): { all: number; main: number } {
  let all = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) all += cpuSeconds(`/proc/${pid}/task/${tid}/stat`);
  return { all, main: cpuSeconds(`/proc/${pid}/task/${pid}/stat`) };
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const median = (xs: number[]) => percentile(xs, 50);

interface Measure {
  /** Updates with no reply within a minute. */
  unanswered: number;
  p50: number;
  p99: number;
  /** CPU seconds per 1,000 updates. */
  cpu: number;
  /** Of which on the main thread. */
  mainCpu: number;
}

let nextUser = 100_000_000;

/** Starts a process cold, waits for its setWebhook, lets PEOPLE new people press, and stops it. */
async function coldBurst(load: Load, script: string, env: Record<string, string>): Promise<Measure> {
  const port = await freePort();
  // BENCH_NODE_ARGS: node options for the measured processes (`--cpu-prof --cpu-prof-dir=/tmp/prof` to profile them).
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, "--import", "tsx", script], {
    stdio: ["ignore", process.env.BENCH_LOG_LEVEL ? "inherit" : "ignore", "inherit"],
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: load.root,
      TELEGRAM_WEBHOOK_URL: HOOK_URL,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
      ...env,
    },
  });
  const exited = new Promise((r) => child.once("exit", r));
  try {
    await load.hooked();
    const before = cpuOf(child.pid!);
    const firstUser = nextUser;
    nextUser += PEOPLE;
    const all = await load.press(`http://127.0.0.1:${port}/telegram`, firstUser);
    const after = cpuOf(child.pid!);
    const latencies = all.filter((x) => x >= 0);
    return {
      unanswered: all.length - latencies.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      cpu: ((after.all - before.all) * 1000) / PEOPLE,
      mainCpu: ((after.main - before.main) * 1000) / PEOPLE,
    };
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;

/** Runs BENCH_RUNS cold bursts on one data set, bare and bot in turn, and prints the medians. */
async function runSet(load: Load, set: DataSet): Promise<void> {
  const data = await prepareData(set);
  const runs: { bare: Measure; bot: Measure; load: number }[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const loadBefore = loadavg()[0]!;
      const bare = await coldBurst(load, join(import.meta.dirname, "bare-bot.ts"), {});
      const dir = await copyData(data);
      try {
        const bot = await coldBurst(load, join(import.meta.dirname, "..", "src", "main.ts"), { DATA_DIR: dir });
        runs.push({ bare, bot, load: (loadBefore + loadavg()[0]!) / 2 });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await rm(data, { recursive: true, force: true });
  }
  const m = (pick: (r: (typeof runs)[number]) => number) => median(runs.map(pick));
  const each = (pick: (r: (typeof runs)[number]) => number, show: (x: number) => string) => runs.map((r) => show(pick(r))).join(", ");
  console.log(`webhook, ${set}, cold process: ${PEOPLE} new people press /lichhoc within 1 s; median of ${RUNS} runs`);
  console.log(
    `  doan-bot p99 ${ms(m((r) => r.bot.p99))} (p50 ${ms(m((r) => r.bot.p50))}), bare grammY p99 ${ms(m((r) => r.bare.p99))} (p50 ${ms(m((r) => r.bare.p50))}); p99 ratio ${m((r) => r.bot.p99 / r.bare.p99).toFixed(2)}× (goal ≤ 2×)`,
  );
  console.log(
    `  CPU per 1,000 updates: doan-bot ${m((r) => r.bot.cpu).toFixed(2)} s (main thread ${m((r) => r.bot.mainCpu).toFixed(2)} s), bare ${m((r) => r.bare.cpu).toFixed(2)} s (${m((r) => r.bare.mainCpu).toFixed(2)} s); ratio ${m((r) => r.bot.cpu / r.bare.cpu).toFixed(2)}× (goal ≤ 1.2×)`,
  );
  console.log(
    `  unanswered: ${each((r) => r.bot.unanswered, String)} (bare ${each((r) => r.bare.unanswered, String)}); runs: p99 ${each((r) => r.bot.p99, ms)} (bare ${each((r) => r.bare.p99, ms)}); CPU ${each(
      (r) => r.bot.cpu,
      (x) => x.toFixed(2),
    )} s (bare ${each(
      (r) => r.bare.cpu,
      (x) => x.toFixed(2),
    )} s); load average ${each(
      (r) => r.load,
      (x) => x.toFixed(1),
    )}`,
  );
}

/** Runs the webhook bench on the demo data and at 10k cadres and prints its lines. */
export async function run(): Promise<void> {
  const load = await startLoad();
  try {
    for (const set of (process.env.BENCH_SETS?.split(",") ?? ["demo", "10k cadres"]) as DataSet[]) await runSet(load, set);
  } finally {
    load.quit();
  }
}
