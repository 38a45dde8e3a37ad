import { afterEach, describe, expect, it } from "vitest";
import { ZaloClient } from "../../src/channels/zalo/client";
import { zaloChannelSender } from "../../src/channels/zalo/send";
import { QuotaExceeded, Rejected, Transient, Unreachable } from "../../src/app/sender";
import { openLowdbStore } from "../../src/store/lowdb-store";
import { FakeZaloApi } from "./fake-zalo-api";

let fake: FakeZaloApi;
afterEach(async () => fake.close());

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe("Zalo as the scheduler's channel", () => {
  it("surfaces Zalo's documented errors as the delivery's, without retrying them itself: 429 a quota, 403 and 408 transient, 400 a refusal", async () => {
    fake = new FakeZaloApi({ idleMs: 20 });
    const client = new ZaloClient({ token: fake.token, apiBase: await fake.start(), retries: 0 });
    const sender = zaloChannelSender(client, await openLowdbStore(), () => new Date("2026-11-29T03:00:00Z"), "vi");
    const chat = { channel: "zalo" as const, chatId: "z1" };
    fake.failNext("sendMessage", 429);
    expect(await failure(sender.send(chat, { text: "a" }))).toEqual(new QuotaExceeded("429: Quota exceeded"));
    fake.failNext("sendMessage", 403);
    expect(await failure(sender.send(chat, { text: "a" }))).toEqual(new Transient("403: Internal server error"));
    fake.failNext("sendMessage", 408);
    expect(await failure(sender.send(chat, { text: "a" }))).toEqual(new Transient("408: Request timeout"));
    fake.failNext("sendMessage", 503);
    expect(await failure(sender.send(chat, { text: "a" }))).toBeInstanceOf(Transient);
    expect(await failure(sender.send(chat, { text: "được rồi" }))).toBeUndefined();
    fake.failNext("sendMessage", 400);
    expect(await failure(sender.send(chat, { text: "a" }))).toEqual(new Rejected("400: Bad request"));
    expect(fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(6); // one call per send: no hidden retry
  });

  it("says a person is unreachable only when the answer says they blocked the bot", async () => {
    fake = new FakeZaloApi({ idleMs: 20 });
    const client = new ZaloClient({ token: fake.token, apiBase: await fake.start(), retries: 0 });
    const sender = zaloChannelSender(client, await openLowdbStore(), () => new Date("2026-11-29T03:00:00Z"), "vi");
    fake.failNext("sendMessage", 403);
    expect(await failure(sender.send({ channel: "zalo", chatId: "z2" }, { text: "a" }))).not.toBeInstanceOf(Unreachable);
    fake.block("z2");
    expect(await failure(sender.send({ channel: "zalo", chatId: "z2" }, { text: "a" }))).toEqual(new Unreachable({ channel: "zalo", chatId: "z2" }));
  });
});
