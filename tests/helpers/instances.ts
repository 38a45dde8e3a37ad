/**
 * Real bot processes (`src/main.ts`, Telegram webhook mode) for the instance tests: start one
 * against the fake Bot API and a store, read its /healthz, post it an update as Telegram does.
 */
import { freePort } from "./postgres-server";
import { cleanEnv, runBot, type Child } from "./process";
import type { FakeBotApi } from "../telegram/fake-bot-api";

export const WEBHOOK_SECRET = "s3cret-for-tests_123";

export interface Health {
  ok: boolean;
  database: boolean;
  leader: boolean;
  store: string;
}

export interface Instance {
  child: Child;
  port: number;
  /** /healthz: its HTTP status and body; rejects when no answer came within `ms`. */
  health(ms?: number): Promise<{ status: number; body: Health }>;
  /** POSTs an update to the webhook; resolves with the HTTP status, rejects when no answer came within `ms`. */
  post(update: unknown, ms?: number): Promise<number>;
}

/** Polls `test` every 50 ms until it holds; throws after `ms` with `why()`. */
export async function until(test: () => Promise<boolean> | boolean, ms: number, why: () => string = () => ""): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`not reached in ${ms} ms ${why()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts the bot in webhook mode with `env` (DATABASE_URL or DATA_DIR among it); resolves once
 * /healthz says ok. `cleanup` receives what kills it.
 */
export async function startInstance(
  fake: FakeBotApi,
  env: Record<string, string>,
  cleanup: (() => Promise<unknown> | void)[],
): Promise<Instance> {
  const port = await freePort();
  const child = runBot(
    cleanEnv({
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_WEBHOOK_URL: "https://bot.example.org/telegram/hook",
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      PORT: String(port),
      LEADER_CHECK_MS: "200",
      LOG_LEVEL: "warn",
      ...env,
    }),
  );
  cleanup.push(() => {
    if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill("SIGKILL");
    return child.exited;
  });
  const base = `http://127.0.0.1:${port}`;
  const instance: Instance = {
    child,
    port,
    async health(ms = 10_000) {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(ms) });
      return { status: res.status, body: (await res.json()) as Health };
    },
    async post(update, ms = 10_000) {
      const res = await fetch(`${base}/telegram/hook`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET },
        body: JSON.stringify(update),
        signal: AbortSignal.timeout(ms),
      });
      await res.arrayBuffer();
      return res.status;
    },
  };
  await until(
    async () => (await instance.health().catch(() => undefined))?.body.ok === true,
    30_000,
    () => child.stderr(),
  );
  return instance;
}

/** A text message from a private chat, as Telegram sends it. */
export function textUpdate(updateId: number, chatId: number, text: string) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "private" },
      from: { id: chatId, is_bot: false, first_name: "An" },
      text,
    },
  };
}
