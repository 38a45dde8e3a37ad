import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { closeServer, startHttpServer, type Route } from "../../src/channels/http";
import { startZalo, type RunningZalo } from "../../src/channels/zalo";
import { secretMatches } from "../../src/channels/zalo/webhook";
import { createTestBot } from "../helpers/chat";
import { until } from "../helpers/channels";
import { FakeZaloApi } from "./fake-zalo-api";

const SECRET = "bi-mat-cua-doan-khoi";

describe("the Zalo channel in webhook mode", () => {
  let fake: FakeZaloApi;
  let server: Server;
  let zalo: RunningZalo;
  let url: string;

  async function start() {
    const bot = await createTestBot();
    fake = new FakeZaloApi();
    const apiBase = await fake.start();
    const routes: Route[] = [];
    server = await startHttpServer(0, routes, "127.0.0.1");
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zalo/webhook`;
    zalo = await startZalo({
      config: { mode: "webhook", token: fake.token, apiBase, url: "https://bot.example.vn/zalo/webhook", secret: SECRET },
      store: bot.store,
      handle: bot.handle,
      now: bot.deps.now,
      log: pino({ level: "silent" }),
      defaultLocale: "vi",
      port: 0,
      mount: (route) => routes.push(route),
    });
  }

  afterEach(async () => {
    await zalo.stop();
    await closeServer(server);
    await fake.close();
  });

  const post = (body: unknown, secret?: string) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret === undefined ? {} : { "X-Bot-Api-Secret-Token": secret }) },
      body: JSON.stringify(body),
    });

  it("registers the webhook url and secret with Zalo", async () => {
    await start();
    expect(fake.webhook).toEqual({ url: "https://bot.example.vn/zalo/webhook", secret_token: SECRET });
  });

  it("refuses a request without the secret header with 403 and handles nothing", async () => {
    await start();
    expect((await post(fake.text("100", "/start"))).status).toBe(403);
    expect(zalo.channel.stats.received).toBe(0);
  });

  it("refuses a request with a wrong secret with 403", async () => {
    await start();
    expect((await post(fake.text("100", "/start"), "bi-mat-sai-roi")).status).toBe(403);
    expect((await post(fake.text("100", "/start"), `${SECRET}x`)).status).toBe(403);
    expect(zalo.channel.stats.received).toBe(0);
  });

  it("accepts a flat update and answers in Vietnamese", async () => {
    await start();
    expect((await post(fake.text("100", "/start"), SECRET)).status).toBe(200);
    await until(() => fake.sentTo("100").length > 0);
    expect(fake.sentTo("100")[0]).toContain("Xin chào!");
  });

  it("accepts an update wrapped in { ok, result }", async () => {
    await start();
    expect((await post({ ok: true, result: fake.text("100", "/trogiup") }, SECRET)).status).toBe(200);
    await until(() => fake.sentTo("100").length > 0);
    expect(fake.sentTo("100")[0]).toContain("Các lệnh dành cho bạn");
  });

  it("ignores the bot's own message posted back to the webhook", async () => {
    await start();
    const echo = { ok: true, result: { event_name: "message.text.received", message: { message_id: "out-9", from: { id: fake.bot.id, display_name: "Bot Đoàn Khối", is_bot: true }, chat: { id: "100", chat_type: "PRIVATE" }, text: "Xin chào!" } } };
    expect((await post(echo, SECRET)).status).toBe(200);
    await until(() => zalo.channel.stats.ignored === 1);
    await zalo.channel.idle();
    expect(fake.sentTo("100")).toEqual([]);
  });

  it("answers 400 to a body that is not JSON", async () => {
    await start();
    const res = await fetch(url, { method: "POST", headers: { "X-Bot-Api-Secret-Token": SECRET }, body: "{not json" });
    expect(res.status).toBe(400);
  });
});

describe("the webhook secret check", () => {
  it("matches only the exact secret, and never a missing one", () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    expect(secretMatches(SECRET.toUpperCase(), SECRET)).toBe(false);
    expect(secretMatches("", SECRET)).toBe(false);
    expect(secretMatches(undefined, SECRET)).toBe(false);
    expect(secretMatches([SECRET, SECRET], SECRET)).toBe(false);
  });
});
