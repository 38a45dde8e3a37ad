import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { senderApi, telegramSender } from "../../src/channels/telegram";
import { RateLimited, Rejected, Transient, Unreachable } from "../../src/app/sender";
import { Delivery } from "../../src/scheduler/delivery";
import { newEntry } from "../../src/domain/outbox";
import { openLowdbStore } from "../../src/store/lowdb-store";
import { startFakeBotApi, type FakeBotApi } from "./fake-bot-api";
import { deliverNotice } from "../helpers/notices";
import { createTestBot } from "../helpers/chat";

let fake: FakeBotApi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const chat = { channel: "telegram" as const, chatId: "100" };
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe("Telegram's one sender, for the delivery and the notifier", () => {
  it("surfaces a 429 as RateLimited with its retry_after instead of retrying it itself", async () => {
    fake = await startFakeBotApi();
    const sender = telegramSender(senderApi(fake.token, fake.apiRoot));
    fake.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } });
    const e = await failure(sender.send(chat, { text: "Xin chào" }));
    expect(e).toBeInstanceOf(RateLimited);
    expect((e as RateLimited).retryAfter).toBe(7);
    expect(fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(1); // no hidden retry
  });

  it("maps 403 to Unreachable, 5xx and a refused connection to Transient, other refusals to Rejected", async () => {
    fake = await startFakeBotApi();
    const sender = telegramSender(senderApi(fake.token, fake.apiRoot));
    fake.block(100);
    expect(await failure(sender.send(chat, { text: "a" }))).toBeInstanceOf(Unreachable);
    const other = { channel: "telegram" as const, chatId: "200" };
    fake.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" });
    expect(await failure(sender.send(other, { text: "a" }))).toBeInstanceOf(Transient);
    fake.failNext("sendMessage", { error_code: 400, description: "Bad Request: message text is empty" });
    expect(await failure(sender.send(other, { text: "a" }))).toBeInstanceOf(Rejected);
    await sender.send(other, { text: "được rồi" });
    expect(fake.ok("sendMessage").map((c) => c.params.text)).toEqual(["được rồi"]);
    // a connection never made (nothing listens): the request never left, so it is retried; a dropped
    // one may have arrived and is MaybeSent (tests/channels/retry-rule.test.ts)
    expect(await failure(telegramSender(senderApi("1:x", "http://127.0.0.1:1")).send(other, { text: "a" }))).toBeInstanceOf(Transient);
  });

  it("lets the delivery pause for a 429's retry_after and then send", async () => {
    fake = await startFakeBotApi();
    const store = await openLowdbStore();
    const now = new Date("2026-11-29T03:00:00.000Z");
    const to = { type: "chat" as const, channel: "telegram" as const, chatId: "300", group: false };
    await store.outbox.put(
      newEntry(
        {
          id: "note1",
          kind: "test",
          to,
          message: { key: "broadcast:message", vars: { text: "Họp" } },
          essential: true,
          notBefore: now.toISOString(),
        },
        now,
      ),
    );
    fake.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 3", parameters: { retry_after: 3 } });
    const slept: number[] = [];
    const clock = { t: 0, now: () => clock.t, sleep: async (ms: number) => void (slept.push(ms), (clock.t += ms)) };
    const delivery = new Delivery(
      { store, log: pino({ level: "silent" }), now: () => now, defaultLocale: "vi" },
      { telegram: telegramSender(senderApi(fake.token, fake.apiRoot)) },
      { clock },
    );
    await delivery.kick();
    expect(slept).toContain(3000); // the 429's retry_after, not the 1 s per-chat pace
    expect(delivery.totals()).toMatchObject({ sent: 1, retried: 1 });
    expect(fake.ok("sendMessage")).toHaveLength(1);
  });

  it("sends a notice too: a 429 is waited out and sent again, a refusal is not repeated", async () => {
    fake = await startFakeBotApi();
    const bot = await createTestBot();
    const senders = { telegram: telegramSender(senderApi(fake.token, fake.apiRoot)) };
    fake.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    expect((await deliverNotice(bot, senders, chat, { text: "Họp chi đoàn" })).status).toBe("sent");
    expect(fake.calls.filter((c) => c.method === "sendMessage").map((c) => c.response.ok)).toEqual([false, true]);

    fake.failNext("sendMessage", { error_code: 400, description: "Bad Request: message text is empty" });
    expect((await deliverNotice(bot, senders, chat, { text: "Họp chi đoàn" })).status).toBe("failed");
    expect(fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(3);
  });
});
