/**
 * The bot as a real process in webhook mode for Telegram and Zalo on one port: a body over 1 MB
 * is refused with 413 before it is read (declared with Content-Length, or counted as a chunked
 * body arrives), and `null`, arrays, bare values or text that is not JSON get 400 — the bot keeps
 * serving afterwards.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, runBot, type Child } from "../helpers/process";
import { startFakeBotApi, type FakeBotApi } from "../telegram/fake-bot-api";
import { FakeZaloApi } from "../zalo/fake-zalo-api";

const TELEGRAM_SECRET = "telegram-secret_123456";
const ZALO_SECRET = "zalo-secret-123456";
const MB = 1024 * 1024;

let telegram: FakeBotApi;
let zalo: FakeZaloApi;
let child: Child;
let dir: string;
let port: number;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port: p } = s.address() as { port: number };
      s.close(() => resolve(p));
    });
  });
}

beforeAll(async () => {
  telegram = await startFakeBotApi();
  zalo = new FakeZaloApi();
  const zaloBase = await zalo.start();
  port = await freePort();
  dir = mkdtempSync(join(tmpdir(), "doan-bot-bodies-"));
  child = runBot(
    cleanEnv({
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_WEBHOOK_URL: "https://bot.example.vn/telegram/hook",
      TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
      ZALO_BOT_TOKEN: zalo.token,
      ZALO_API_BASE: zaloBase,
      ZALO_WEBHOOK_URL: "https://bot.example.vn/zalo/hook",
      ZALO_WEBHOOK_SECRET: ZALO_SECRET,
      PORT: String(port),
      DATA_DIR: dir,
      LOG_LEVEL: "info",
    }),
  );
  await child.waitFor((out) => out.includes("telegram webhook listening") && out.includes("zalo webhook set"));
}, 60_000);

afterAll(async () => {
  child.proc.kill("SIGTERM");
  await child.exited;
  await telegram.close();
  await zalo.close();
  rmSync(dir, { recursive: true, force: true });
});

const hooks: { name: string; path: string; headers: Record<string, string> }[] = [
  { name: "Telegram", path: "/telegram/hook", headers: { "x-telegram-bot-api-secret-token": TELEGRAM_SECRET } },
  { name: "Zalo", path: "/zalo/hook", headers: { "x-bot-api-secret-token": ZALO_SECRET } },
];

/**
 * POSTs `sent` bytes of a body (announcing `declared` bytes with Content-Length, or chunked when
 * undefined) without ending it, and resolves with the status of the answer and how much was written
 * before it came. `sent` stays under what the server drains after a 413 (4 MB, src/channels/http.ts):
 * past it the server resets the connection, and a client slow to read (a loaded machine) would then
 * lose the answer in the reset — a race of the test, not of a real client, which stops on the answer.
 */
function postPartly(
  path: string,
  headers: Record<string, string>,
  declared: number | undefined,
  sent: number,
): Promise<{ status: number; written: number }> {
  return new Promise((resolve, reject) => {
    let written = 0;
    const req = request({
      host: "127.0.0.1",
      port,
      path,
      method: "POST",
      headers: {
        ...headers,
        "content-type": "application/json",
        ...(declared !== undefined ? { "content-length": String(declared) } : {}),
      },
    });
    req.on("response", (res) => {
      res.resume();
      resolve({ status: res.statusCode!, written });
      req.destroy();
    });
    req.on("error", (e) => (written > 0 ? undefined : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (written < sent) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
    };
    pump();
  });
}

const post = (path: string, headers: Record<string, string>, body: string) =>
  fetch(`http://127.0.0.1:${port}${path}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body });

describe.each(hooks)("the $name webhook", ({ path, headers }) => {
  it("refuses a body declared over 1 MB with 413 before reading it", async () => {
    const { status, written } = await postPartly(path, headers, 200 * MB, 3 * MB);
    expect(status).toBe(413);
    expect(written).toBeLessThan(200 * MB);
  });

  it("refuses a chunked body with 413 once it passes 1 MB, without waiting for its end", async () => {
    const { status } = await postPartly(path, headers, undefined, 3 * MB);
    expect(status).toBe(413);
  });

  it("accepts a body just under 1 MB", async () => {
    const padded = JSON.stringify({ update_id: 990_001, event_name: "x", padding: "a".repeat(MB - 200) });
    expect(Buffer.byteLength(padded)).toBeLessThan(MB);
    expect((await post(path, headers, padded)).status).toBe(200);
  });

  it.each([["null"], ["[]"], ["[1,2]"], ["42"], ['"text"'], ["{not json"], [""]])("answers 400 to the body %s", async (body) => {
    expect((await post(path, headers, body)).status).toBe(400);
  });

  it("still serves /healthz after all that", async () => {
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });
});

describe("the Telegram webhook", () => {
  it("answers 400 to an object that is not an update, and handles a real one", async () => {
    const h = hooks[0]!.headers;
    expect((await post("/telegram/hook", h, JSON.stringify({ message: {} }))).status).toBe(400);
    const update = {
      update_id: 7,
      message: {
        message_id: 7,
        date: 1,
        from: { id: 555, is_bot: false, first_name: "A" },
        chat: { id: 555, type: "private" },
        text: "/start",
      },
    };
    expect((await post("/telegram/hook", h, JSON.stringify(update))).status).toBe(200);
    const sent = await telegram.waitFor((c) => c.method === "sendMessage" && String(c.params.chat_id) === "555");
    expect(sent.params.text).toContain("Xin chào!");
  });
});
