import { afterEach, describe, expect, it } from "vitest";
import { WebhookIsSet, ZaloApiError, ZaloClient, isIdlePoll, meansBlocked } from "../../src/channels/zalo/client";
import { FakeZaloApi } from "./fake-zalo-api";

describe("the Zalo Bot API client", () => {
  let fake: FakeZaloApi;
  let client: ZaloClient;
  const noWait = async () => undefined;

  async function start(options: { retries?: number; retryWithinMs?: number; sleep?: (ms: number) => Promise<void>; now?: () => number } = {}) {
    fake = new FakeZaloApi({ idleMs: 20 });
    client = new ZaloClient({ token: fake.token, apiBase: await fake.start(), sleep: noWait, ...options });
  }
  afterEach(async () => fake.close());

  it("calls POST {base}/bot<TOKEN>/<method> with JSON and returns the result", async () => {
    await start();
    expect(await client.getMe()).toEqual({ id: "1459232241454765289", account_name: "bot.DoanKhoiCT", account_type: "BASIC", can_join_groups: true });
    await client.sendMessage({ chat_id: "100", text: "Xin chào" });
    await client.sendPhoto({ chat_id: "100", photo: "https://example.vn/a.png", caption: "Ảnh" });
    expect(fake.calls.map((c) => c.method)).toEqual(["getMe", "sendMessage", "sendPhoto"]);
    expect(fake.calls[1]!.params).toEqual({ chat_id: "100", text: "Xin chào" });
  });

  it("throws a ZaloApiError with the code and description Zalo gave", async () => {
    await start();
    const error = await client.sendMessage({ chat_id: "100", text: "x".repeat(2001) }).catch((e) => e);
    expect(error).toBeInstanceOf(ZaloApiError);
    expect(error).toMatchObject({ method: "sendMessage", error_code: 400, description: "Bad Request: text is longer than 2000 characters" });
  });

  it("reports an idle long poll as 408, without retrying it", async () => {
    await start();
    const error = await client.getUpdates({ timeout: 1 }).catch((e) => e);
    expect(isIdlePoll(error)).toBe(true);
    expect(fake.calls.filter((c) => c.method === "getUpdates")).toHaveLength(1);
  });

  it("returns the one queued update per getUpdates call", async () => {
    await start();
    fake.push(fake.text("100", "một"));
    fake.push(fake.text("100", "hai"));
    expect((await client.getUpdates()).message?.text).toBe("một");
    expect((await client.getUpdates()).message?.text).toBe("hai");
  });

  it("retries a 5xx answer and succeeds when the server recovers", async () => {
    await start();
    fake.failNext("sendMessage", 502, 2);
    await client.sendMessage({ chat_id: "100", text: "Xin chào" });
    expect(fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(3);
  });

  it("gives up after the bounded number of retries", async () => {
    await start({ retries: 2 });
    fake.failNext("sendMessage", 500, 5);
    await expect(client.sendMessage({ chat_id: "100", text: "Xin chào" })).rejects.toMatchObject({ error_code: 500 });
    expect(fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(3);
  });

  it("retries Zalo's 403 (an internal server error) and 408 (a timeout), and succeeds when they pass", async () => {
    await start();
    fake.failNext("sendMessage", 403);
    fake.failNext("sendMessage", 408);
    await client.sendMessage({ chat_id: "100", text: "Xin chào" });
    expect(fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(3);
    expect(fake.sentTo("100")).toEqual(["Xin chào", "Xin chào", "Xin chào"]);
  });

  it("retries a 429 (quota exceeded, no retry_after) a bounded number of times", async () => {
    await start({ retries: 2 });
    fake.failNext("sendMessage", 429, 5);
    await expect(client.sendMessage({ chat_id: "100", text: "Xin chào" })).rejects.toMatchObject({ error_code: 429, description: "Quota exceeded" });
    expect(fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(3);
  });

  it("stops retrying when the next wait would end past the time allowed", async () => {
    const waits: number[] = [];
    let t = 0; // a virtual clock: only the waits move it
    await start({ retries: 10, retryWithinMs: 3000, now: () => t, sleep: async (ms) => void waits.push((t += ms) && ms) });
    fake.failNext("sendMessage", 403, 10);
    await expect(client.sendMessage({ chat_id: "100", text: "Xin chào" })).rejects.toMatchObject({ error_code: 403 });
    expect(waits).toEqual([500, 1000]); // a third wait (2 s) would end past 3 s
    expect(fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(3);
  });

  it("does not retry an answer that says the person blocked the bot, and knows it as blocked; a 403 alone is not", async () => {
    await start();
    fake.block("100");
    const blocked = await client.sendMessage({ chat_id: "100", text: "Xin chào" }).catch((e) => e);
    expect(meansBlocked(blocked)).toBe(true);
    expect(fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(1);
    expect(meansBlocked(new ZaloApiError("sendMessage", 403, "Internal server error"))).toBe(false);
    expect(meansBlocked(new ZaloApiError("sendMessage", 0, "user blocked by a proxy"))).toBe(false);
    expect(meansBlocked(new ZaloApiError("sendMessage", 403, "Bot is blocked for sending spam"))).toBe(false);
    expect(meansBlocked(new ZaloApiError("sendMessage", 400, "Người dùng đã chặn bot"))).toBe(true);
  });

  it("says in a sentence that long polling does not work while a webhook is set (Zalo answers 400)", async () => {
    await start();
    await client.setWebhook({ url: "https://bot.example.vn/zalo", secret_token: "bi-mat-cua-doan-khoi" });
    const error = await client.getUpdates({ timeout: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(WebhookIsSet);
    expect(error.error_code).toBe(400);
    expect(error.message).toContain("long polling does not work while a webhook is set");
    expect(fake.calls.filter((c) => c.method === "getUpdates")).toHaveLength(1);
  });

  it("does not retry a refusal such as a wrong token", async () => {
    fake = new FakeZaloApi();
    client = new ZaloClient({ token: "wrong:token", apiBase: await fake.start(), sleep: noWait });
    await expect(client.getMe()).rejects.toMatchObject({ error_code: 401 });
    expect(fake.calls).toHaveLength(0);
  });

  it("turns an unreachable server into a ZaloApiError with code 0 after its retries", async () => {
    await start({ retries: 1 });
    let tries = 0;
    const down = new ZaloClient({
      token: fake.token,
      apiBase: "http://127.0.0.1:9",
      sleep: noWait,
      retries: 1,
      fetch: async () => {
        tries++;
        throw new TypeError("fetch failed");
      },
    });
    await expect(down.getMe()).rejects.toMatchObject({ error_code: 0, description: "fetch failed" });
    expect(tries).toBe(2);
  });
});
