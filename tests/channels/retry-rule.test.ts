/**
 * Which Bot API calls are repeated after a failure (src/app/retry.ts), on the real clients against
 * a server on 127.0.0.1 that drops the connection or never answers: a message that may have
 * arrived is not sent again; reads and edits are.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { MaybeSent } from "../../src/app/retry";
import { createTelegramBot } from "../../src/channels/telegram/bot";
import { senderApi, telegramSender } from "../../src/channels/telegram/sender";
import { ZaloClient } from "../../src/channels/zalo/client";
import { newEntry } from "../../src/domain/outbox";
import { Delivery } from "../../src/scheduler/delivery";
import { createTestBot } from "../helpers/chat";
import { account, person } from "../helpers/records";

type Mode = "reset" | "silent" | "ok";

/** A Bot API stand-in: per method, drop the connection, never answer, or answer ok; counts requests by method. */
async function misbehaving(
  modes: Record<string, Mode[]>,
): Promise<{ root: string; count: (method: string) => number; close: () => Promise<void> }> {
  const counts = new Map<string, number>();
  const held: import("node:http").ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    const method = (req.url ?? "").split("/").at(-1)!;
    counts.set(method, (counts.get(method) ?? 0) + 1);
    req.resume();
    req.on("end", () => {
      const mode = modes[method]?.shift() ?? "ok";
      if (mode === "reset") return void req.socket.destroy();
      if (mode === "silent") return void held.push(res);
      const result =
        method === "getMe"
          ? { id: 1, is_bot: true, first_name: "Fake", username: "fake_bot" }
          : method === "sendMessage"
            ? { message_id: 5, date: 0, chat: { id: 42, type: "private" }, text: "x" }
            : true;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ok: true, result }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    root: `http://127.0.0.1:${port}`,
    count: (m) => counts.get(m) ?? 0,
    close: async () => {
      for (const res of held) res.socket?.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

const token = "123456:TEST-token-for-the-retry-rule";
const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
async function serve(modes: Record<string, Mode[]>) {
  const s = await misbehaving(modes);
  servers.push(s);
  return s;
}

describe("repeating Bot API calls after a failure", () => {
  it("Telegram bot: does not send a message again when the connection dropped after the request went out", async () => {
    const api = await serve({ sendMessage: ["reset"] });
    const { bot } = createTelegramBot({
      token,
      apiRoot: api.root,
      handle: async () => [],
      labelsFor: async () => ({ shareContact: "", contactPrompt: "" }),
      log: pino({ level: "silent" }),
    });
    await expect(bot.api.sendMessage(42, "Xin chào")).rejects.toBeInstanceOf(MaybeSent);
    expect(api.count("sendMessage")).toBe(1);
  });

  it("Telegram bot: repeats an edit and a read whose connection dropped", async () => {
    const api = await serve({ editMessageText: ["reset"], getMe: ["reset"] });
    const { bot } = createTelegramBot({
      token,
      apiRoot: api.root,
      handle: async () => [],
      labelsFor: async () => ({ shareContact: "", contactPrompt: "" }),
      log: pino({ level: "silent" }),
    });
    await expect(bot.api.editMessageText(42, 5, "Đã gửi 10/20")).resolves.toBe(true);
    expect(api.count("editMessageText")).toBe(2);
    await expect(bot.api.getMe()).resolves.toMatchObject({ username: "fake_bot" });
    expect(api.count("getMe")).toBe(2);
  }, 20_000);

  it("Telegram delivery: a send left without an answer is recorded as failed, not sent again", async () => {
    const api = await serve({ sendMessage: ["silent"] });
    const telegram = senderApi(token, api.root);
    telegram.config.use((prev, method, payload) => prev(method, payload, AbortSignal.timeout(1500) as never)); // a short time-out for the test
    const bot = await createTestBot();
    await bot.store.people.put(person("p-1"));
    await bot.store.accounts.put(account("telegram", "42", "p-1"));
    const at = bot.deps.now();
    await bot.store.outbox.put(
      newEntry(
        {
          id: "nudge:x:p-1",
          kind: "nudge:report",
          to: { type: "person", personId: "p-1" },
          message: { key: "broadcast:message", vars: { text: "Họp" } },
          essential: true,
          notBefore: at.toISOString(),
        },
        at,
      ),
    );
    const delivery = new Delivery(
      { store: bot.store, log: pino({ level: "silent" }), now: bot.deps.now, defaultLocale: "vi" },
      { telegram: telegramSender(telegram) },
      { backoff: { baseMs: 1, maxMs: 1 } },
    );
    await delivery.kick();
    await delivery.stop();
    expect(await bot.store.outbox.get("nudge:x:p-1")).toMatchObject({
      status: "failed",
      attempts: 1,
      reason: expect.stringContaining("may have arrived"),
    });
    expect(api.count("sendMessage")).toBe(1);
  });

  it("Zalo: does not send a message again after no answer, but repeats getMe", async () => {
    const api = await serve({ sendMessage: ["silent"], getMe: ["silent", "reset"] });
    const zalo = new ZaloClient({ token, apiBase: api.root, retries: 3, backoffMs: 1, timeoutMs: 1000 });
    await expect(zalo.getMe()).resolves.toMatchObject({ id: 1 });
    expect(api.count("getMe")).toBe(3);
    await expect(zalo.sendMessage({ chat_id: "z1", text: "Xin chào" })).rejects.toBeInstanceOf(MaybeSent);
    expect(api.count("sendMessage")).toBe(1);
  });

  it("leaves a send whose connection was never made to be retried (a network error, not MaybeSent)", async () => {
    const api = await serve({});
    const root = api.root;
    await api.close();
    servers.splice(0);
    const zalo = new ZaloClient({ token, apiBase: root, retries: 2, backoffMs: 1, timeoutMs: 300 });
    const failure = await zalo.sendMessage({ chat_id: "z1", text: "Xin chào" }).catch((e: Error) => e);
    expect(failure).toMatchObject({ name: "ZaloApiError", error_code: 0 });
  });
});
