/**
 * Zalo, like Telegram (tests/telegram/failed-once.test.ts): a message the store could not take the
 * first time (its disk full) is answered 500 by the real webhook server and left unseen, so the
 * copy sent again is answered; the channel goes on answering.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createUpdateLog } from "../../src/app/updates";
import { closeServer, startHttpServer, type Route } from "../../src/channels/http";
import { startZalo, type RunningZalo } from "../../src/channels/zalo";
import { openLowdbStore } from "../../src/store/lowdb-store";
import { createTestBot } from "../helpers/chat";
import { withFullDisk } from "../helpers/faults";
import { FakeZaloApi } from "./fake-zalo-api";

const SECRET = "bi-mat-cua-doan-khoi";
let fake: FakeZaloApi | undefined;
let server: Server | undefined;
let zalo: RunningZalo | undefined;
afterEach(async () => {
  await zalo?.stop();
  if (server) await closeServer(server);
  await fake?.close();
  zalo = server = fake = undefined;
});

describe("a Zalo message the store could not take, sent again", () => {
  it("is answered 500 while the disk is full, then answered once when its copy comes after space was freed", async () => {
    const disk = withFullDisk(await openLowdbStore());
    const bot = await createTestBot({ store: disk.store });
    const api = new FakeZaloApi();
    fake = api;
    const routes: Route[] = [];
    server = await startHttpServer(0, routes, "127.0.0.1");
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zalo/webhook`;
    zalo = await startZalo({
      config: { mode: "webhook", token: api.token, apiBase: await api.start(), url: "https://bot.example.vn/zalo/webhook", secret: SECRET },
      store: disk.store,
      handle: bot.handle,
      now: bot.deps.now,
      log: pino({ level: "silent" }),
      defaultLocale: "vi",
      port: 0,
      mount: (route) => routes.push(route),
      updates: createUpdateLog(disk.store, bot.deps.now),
    });
    const post = (body: unknown) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "X-Bot-Api-Secret-Token": SECRET },
        body: JSON.stringify(body),
      });
    const update = api.text("7001", "/trogiup");
    disk.full = true;
    expect((await post(update)).status).toBe(500);
    expect(api.sentTo("7001")).toEqual([]);
    disk.full = false;
    expect((await post(update)).status).toBe(200);
    expect(api.sentTo("7001")).toHaveLength(1);
    expect(api.sentTo("7001")[0]).toContain("Các lệnh dành cho bạn");
    expect((await post(update)).status).toBe(200);
    expect(api.sentTo("7001")).toHaveLength(1);
    expect((await post(api.text("7002", "/trogiup"))).status).toBe(200);
    expect(api.sentTo("7002")[0]).toContain("Các lệnh dành cho bạn");
  });
});
