/**
 * The bot as a real process against a Bot API that resets every connection or never answers:
 * a start that cannot reach it exits non-zero within a minute with a sentence saying so, and
 * SIGTERM ends the process within 10 s whatever the API does, with the store's writes on disk.
 * Times are measured with generous bounds (a shared, noisy machine); the design targets are
 * ~2 s (reset) and ~31 s (silent) for a failed start and ~6 s for a stuck shutdown.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { autoRetry } from "@grammyjs/auto-retry";
import { Api } from "grammy";
import { API_BOUNDS, AUTO_RETRY, boundedCalls, TelegramUnreachable, type ApiBounds } from "../../src/channels/telegram/api-bounds";
import { MaybeSent } from "../../src/app/retry";
import { noBlindRepeats } from "../../src/channels/telegram/repeat-guard";
import { cleanEnv, runBot, type Child } from "../helpers/process";
import { startFakeBotApi, type FakeBotApi } from "./fake-bot-api";

let fake: FakeBotApi | undefined;
let dir: string | undefined;
let child: Child | undefined;
afterEach(async () => {
  if (child && child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill("SIGKILL");
  await child?.exited;
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  child = fake = dir = undefined;
});

async function startBot(f: FakeBotApi): Promise<Child> {
  dir = mkdtempSync(join(tmpdir(), "doan-bot-unreachable-"));
  child = runBot(cleanEnv({ TELEGRAM_BOT_TOKEN: f.token, TELEGRAM_API_ROOT: f.apiRoot, DATA_DIR: dir, LOG_LEVEL: "info" }));
  return child;
}

/** Milliseconds from now until the process is gone, and its exit code. */
async function timeExit(c: Child): Promise<{ code: number | string; ms: number }> {
  const t0 = Date.now();
  const code = await c.exited;
  return { code, ms: Date.now() - t0 };
}

describe("each Bot API call is bounded", () => {
  const api = (f: FakeBotApi, bounds: Partial<ApiBounds>) => {
    const a = new Api(f.token, { apiRoot: f.apiRoot });
    a.config.use(noBlindRepeats());
    a.config.use(autoRetry(AUTO_RETRY));
    a.config.use(boundedCalls({ ...API_BOUNDS, ...bounds }));
    return a;
  };

  it("gives up after 3 tries when every connection is reset", async () => {
    fake = await startFakeBotApi();
    fake.misbehave("reset");
    const failed = await api(fake, { backoffMs: 10 }).getMe().catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(TelegramUnreachable);
    expect(failed).toMatchObject({ method: "getMe", attempts: 3 });
  });

  it("does not repeat a sendMessage that may have reached Telegram (a reset, no answer): it could show twice", async () => {
    fake = await startFakeBotApi();
    fake.misbehave("reset");
    const reset = await api(fake, { backoffMs: 10 }).sendMessage(100, "Xin chào").catch((e: unknown) => e);
    expect(reset).toBeInstanceOf(MaybeSent);
    fake.misbehave("silent");
    const silent = await api(fake, { attemptMs: 200, totalMs: 2000, backoffMs: 10 }).sendMessage(100, "Xin chào").catch((e: unknown) => e);
    expect(silent).toBeInstanceOf(MaybeSent);
    expect(fake.held.map((h) => h.method)).toEqual(["sendMessage"]);
  });

  it("repeats a sendMessage whose connection was refused (it never left)", async () => {
    const closed = `http://127.0.0.1:1`; // nothing listens on port 1
    const a = new Api("123:abc", { apiRoot: closed });
    a.config.use(noBlindRepeats());
    a.config.use(boundedCalls({ ...API_BOUNDS, backoffMs: 10 }));
    const refused = await a.sendMessage(100, "Xin chào").catch((e: unknown) => e);
    expect(refused).toMatchObject({ method: "sendMessage", attempts: 3, reason: "ECONNREFUSED" });
  });

  it("gives up within its total time when the API never answers", async () => {
    fake = await startFakeBotApi();
    fake.misbehave("silent");
    const failed = await api(fake, { attemptMs: 300, totalMs: 800, backoffMs: 50 }).getMe().catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(TelegramUnreachable);
    expect((failed as TelegramUnreachable).elapsedMs).toBeLessThan(5000);
    expect((failed as TelegramUnreachable).reason).toMatch(/^(no answer within 0.3 s|not done within 0.8 s)$/);
    expect(fake.held.length).toBeGreaterThanOrEqual(2);
  });

  it("lets a call through once the API answers again", async () => {
    fake = await startFakeBotApi();
    fake.misbehave("reset", ["getMe"]);
    const a = api(fake, { backoffMs: 10 });
    await expect(a.getMe()).rejects.toBeInstanceOf(TelegramUnreachable);
    fake.misbehave(undefined);
    expect((await a.getMe()).username).toBe("fake_doan_bot");
  });
});

describe("a start that cannot reach the Bot API", () => {
  it("exits non-zero within a minute, saying so, when every connection is reset", async () => {
    fake = await startFakeBotApi();
    fake.misbehave("reset");
    const { code, ms } = await timeExit(await startBot(fake));
    expect(code).toBe(2);
    expect(ms).toBeLessThan(60_000);
    expect(child!.stderr()).toContain("The Telegram channel cannot start: Cannot reach the Telegram Bot API: getMe failed 3 time(s)");
    expect(child!.stderr()).toContain(`Check TELEGRAM_API_ROOT (${fake.apiRoot}) and the network.`);
  }, 90_000);

  it("exits non-zero within a minute, saying so, when the API never answers", async () => {
    fake = await startFakeBotApi();
    fake.misbehave("silent");
    const { code, ms } = await timeExit(await startBot(fake));
    expect(code).toBe(2);
    expect(ms).toBeLessThan(60_000);
    expect(child!.stderr()).toMatch(/The Telegram channel cannot start: Cannot reach the Telegram Bot API: getMe failed \d time\(s\) in [\d.]+ s \((no answer within 10 s|not done within 30 s)\)/);
    expect(fake.held.map((h) => h.method)).toEqual(["getMe", "getMe", "getMe"]);
  }, 90_000);
});

describe("SIGTERM whatever the Bot API does", () => {
  /** Starts the bot, has it answer a first /start (its account saved), then makes the API misbehave. */
  async function runningBot() {
    fake = await startFakeBotApi();
    const c = await startBot(fake);
    fake.pushMessage({ userId: 4242, text: "/start" });
    await fake.waitFor((call) => call.method === "sendMessage" && call.response.ok, 30_000);
    return c;
  }

  it("exits 0 within 10 s with a send and the poll hanging, the store flushed", async () => {
    const c = await runningBot();
    fake!.misbehave("silent", ["sendMessage"]);
    fake!.pushMessage({ userId: 4343, text: "/start" });
    await waitUntil(() => fake!.held.some((h) => h.method === "sendMessage")); // its answer hangs
    fake!.misbehave("silent"); // and so does every call from now on
    c.proc.kill("SIGTERM");
    const { code, ms } = await timeExit(c);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect(c.stdout()).toContain("stop step did not finish in time");
    const db = JSON.parse(readFileSync(join(dir!, "db.json"), "utf8"));
    expect(Object.keys(db.accounts).sort()).toEqual(["telegram:4242", "telegram:4343"]);
  }, 90_000);

  it("exits 0 within 10 s while every connection is reset", async () => {
    const c = await runningBot();
    fake!.misbehave("reset");
    await new Promise((r) => setTimeout(r, 1500)); // polling now fails and retries
    c.proc.kill("SIGTERM");
    const { code, ms } = await timeExit(c);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    const db = JSON.parse(readFileSync(join(dir!, "db.json"), "utf8"));
    expect(Object.keys(db.accounts)).toEqual(["telegram:4242"]);
  }, 90_000);
});

async function waitUntil(done: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
