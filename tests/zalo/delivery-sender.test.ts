import { afterEach, describe, expect, it } from "vitest";
import { ZaloClient } from "../../src/channels/zalo/client";
import { ZALO_RETRY_AFTER_SECONDS, zaloChannelSender } from "../../src/channels/zalo/send";
import { RateLimited, Rejected, Transient, Unreachable } from "../../src/app/sender";
import { openLowdbStore } from "../../src/store/lowdb-store";
import { FakeZaloApi } from "./fake-zalo-api";

let fake: FakeZaloApi;
afterEach(async () => fake.close());

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe("Zalo as the scheduler's channel", () => {
  it("surfaces 429, 5xx, 403 and other refusals as the delivery's errors, without retrying them itself", async () => {
    fake = new FakeZaloApi({ idleMs: 20 });
    const client = new ZaloClient({ token: fake.token, apiBase: await fake.start(), retries: 0 });
    const sender = zaloChannelSender(client, await openLowdbStore(), () => new Date("2026-11-29T03:00:00Z"), "vi");
    const chat = { channel: "zalo" as const, chatId: "z1" };
    fake.failNext("sendMessage", 429);
    const limited = await failure(sender.send(chat, { text: "a" }));
    expect(limited).toBeInstanceOf(RateLimited);
    expect((limited as RateLimited).retryAfter).toBe(ZALO_RETRY_AFTER_SECONDS);
    fake.failNext("sendMessage", 503);
    expect(await failure(sender.send(chat, { text: "a" }))).toBeInstanceOf(Transient);
    expect(await failure(sender.send(chat, { text: "được rồi" }))).toBeUndefined();
    fake.failNext("sendMessage", 400);
    expect(await failure(sender.send(chat, { text: "a" }))).toBeInstanceOf(Rejected);
    fake.block("z2");
    expect(await failure(sender.send({ channel: "zalo", chatId: "z2" }, { text: "a" }))).toBeInstanceOf(Unreachable);
    expect(fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(5); // one call per send: no hidden retry
  });
});
