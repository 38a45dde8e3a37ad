import { afterEach, describe, expect, it } from "vitest";
import { startTelegramHarness, WEBHOOK_SECRET, WEBHOOK_URL, type TelegramHarness } from "./harness";

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const start = (updateId: number, text = "/start") => ({
  update_id: updateId,
  message: { message_id: updateId, date: 1, from: { id: 100, is_bot: false, first_name: "A" }, chat: { id: 100, type: "private" }, text },
});

describe("Telegram channel, webhook mode over real HTTP", () => {
  it("registers the webhook with its secret and does not poll", async () => {
    h = await startTelegramHarness({ mode: "webhook" });
    const [hook] = h.fake.ok("setWebhook");
    expect(hook!.params).toMatchObject({ url: WEBHOOK_URL, secret_token: WEBHOOK_SECRET, drop_pending_updates: false });
    expect(h.fake.calls.some((c) => c.method === "getUpdates")).toBe(false);
  });

  it("answers GET /healthz with 200 JSON", async () => {
    h = await startTelegramHarness({ mode: "webhook" });
    const res = await fetch(`${h.webhookBase}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it("refuses an update without the secret header or with a wrong one", async () => {
    h = await startTelegramHarness({ mode: "webhook" });
    expect((await h.post(start(1))).status).toBe(401);
    expect((await h.post(start(2), "wrong-secret-123456")).status).toBe(401);
    expect(h.received).toEqual([]);
    expect(h.fake.calls.filter((c) => c.method === "sendMessage")).toEqual([]);
  });

  it("accepts an update with the right secret and answers in Vietnamese", async () => {
    h = await startTelegramHarness({ mode: "webhook" });
    expect((await h.post(start(3), WEBHOOK_SECRET)).status).toBe(200);
    expect(h.texts(100)).toHaveLength(1);
    expect(h.texts(100)[0]).toContain("Xin chào!");
  });

  it("handles an update Telegram re-sends only once", async () => {
    h = await startTelegramHarness({ mode: "webhook" });
    const [a, b] = await Promise.all([h.post(start(9), WEBHOOK_SECRET), h.post(start(9), WEBHOOK_SECRET)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await h.post(start(9), WEBHOOK_SECRET)).status).toBe(200);
    expect(h.received).toHaveLength(1);
    expect(h.texts(100)).toHaveLength(1);
  });

  it("answers 404 elsewhere and 400 to a body that is not JSON", async () => {
    h = await startTelegramHarness({ mode: "webhook" });
    expect((await fetch(`${h.webhookBase}/other`, { method: "POST" })).status).toBe(404);
    const bad = await fetch(`${h.webhookBase}${new URL(WEBHOOK_URL).pathname}`, {
      method: "POST",
      headers: { "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET },
      body: "{not json",
    });
    expect(bad.status).toBe(400);
  });

  it("stops listening on stop", async () => {
    h = await startTelegramHarness({ mode: "webhook" });
    await h.channel.stop();
    await expect(fetch(`${h.webhookBase}/healthz`)).rejects.toThrow();
  });
});

describe("a long update in webhook mode", () => {
  it("is acknowledged within a few seconds and answered when it is done", async () => {
    h = await startTelegramHarness({
      mode: "webhook",
      handle: async () => {
        await new Promise((r) => setTimeout(r, 5000)); // a long import
        return [{ text: "Đã nhập xong." }];
      },
    });
    const t0 = Date.now();
    expect((await h.post(start(21), WEBHOOK_SECRET)).status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(4900);
    expect(h.texts(100)).toEqual([]);
    expect((await h.nthMessage(100)).params.text).toBe("Đã nhập xong.");
  }, 20_000);
});
