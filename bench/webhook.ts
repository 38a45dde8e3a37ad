/**
 * What a person feels: 1,000 different people press `/lichhoc` within one second, each update POSTed
 * to the bot's Telegram webhook over HTTP, at 10k cadres and 50 classes; the time from the POST to
 * the reply's `sendMessage` arriving at the Bot API, p50 and p99. Beside it, in the same run, a bare
 * grammY bot behind the same kind of webhook answers each text with "pong". The Bot API is a local
 * server answering every call at once (Telegram's own limits are not what is measured here).
 * Goal: p99 ≤ 250 ms on the project's 2-core machine.
 */
import { quietNotifier } from "./quiet-notifier";
import { Bot, webhookCallback } from "grammy";
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import pino from "pino";
import type { Deps } from "../src/app/deps";
import { buildChat } from "../src/build";
import { localeFromStore, startTelegram } from "../src/channels/telegram";
import { loadPlan } from "../src/domain/plan";
import { openLowdbStore } from "../src/store/lowdb-store";
import { seed } from "./classes";

const NOW = "2026-11-29T03:00:00.000Z";
const TOKEN = "1:bench";
const SECRET = "bench-secret-123";

/** The load process (bench/webhook-load.ts): its Bot API root, and `press(url)` giving latencies. */
async function startLoad() {
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "webhook-load.ts")], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async (prefix: string) => {
    const { value } = await lines.next();
    if (typeof value !== "string" || !value.startsWith(prefix)) throw new Error(`bench load process said: ${value}`);
    return value.slice(prefix.length);
  };
  const root = await next("api ");
  return {
    root,
    async press(url: string): Promise<number[]> {
      child.stdin!.write(`press ${url}\n`);
      return JSON.parse(await next("latencies ")) as number[];
    },
    quit: () => child.stdin!.end("quit\n"),
  };
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

function print(name: string, xs: number[]): void {
  console.log(
    `${name}: p50 ${percentile(xs, 50).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms (max ${Math.max(...xs).toFixed(1)} ms)`,
  );
}

/** Runs the webhook latency bench and prints its lines. */
export async function run(): Promise<void> {
  const load = await startLoad();
  const dir = await mkdtemp(join(tmpdir(), "doan-bench-webhook-"));
  const store = await openLowdbStore({ dir });
  const log = pino({ level: "silent" });
  try {
    const plan = loadPlan("data/plan.json");
    await seed(store, plan);
    const deps: Deps = {
      store,
      plan,
      config: { adminIds: [], defaultLocale: "vi", timeZone: "Asia/Ho_Chi_Minh" },
      now: () => new Date(NOW),
      log,
      notify: quietNotifier,
      newId: (p) => `${p}-${Date.now()}`,
    };
    const core = buildChat(deps);
    const channel = await startTelegram({
      config: { mode: "webhook", token: TOKEN, apiRoot: load.root, url: "https://bench.example.org/telegram", secret: SECRET },
      core,
      log,
      localeOf: localeFromStore(store, "vi"),
      port: 0,
      host: "127.0.0.1",
    });

    const bare = new Bot(TOKEN, { client: { apiRoot: load.root } });
    bare.on("message:text", (ctx) => ctx.reply("pong"));
    await bare.init();
    const handle = webhookCallback(bare, "http", { secretToken: SECRET });
    const bareServer = createServer((req, res) => void handle(req, res));
    await new Promise<void>((r) => bareServer.listen(0, "127.0.0.1", r));
    const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/`;
    const botUrl = `http://127.0.0.1:${channel.port}/telegram`;

    try {
      // Warm both paths, then measure each in turn.
      await load.press(bareUrl);
      const bareLatency = await load.press(bareUrl);
      await load.press(botUrl);
      const botLatency = await load.press(botUrl);
      console.log(
        `webhook: ${bareLatency.length} people press /lichhoc within 1 s at 10k cadres, 50 classes; time to the reply's sendMessage (goal p99 ≤ 250 ms)`,
      );
      print("webhook bare grammY bot (pong)", bareLatency);
      print("webhook doan-bot /lichhoc", botLatency);
    } finally {
      await channel.stop();
      bareServer.closeAllConnections();
      await new Promise((r) => bareServer.close(r));
    }
  } finally {
    load.quit();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
