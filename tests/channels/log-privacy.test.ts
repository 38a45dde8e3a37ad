/**
 * Logs hold ids, method names, error codes and descriptions, never what a message said: after a
 * failed send of a profile (a person's name and phone) on Telegram and on Zalo, the log names the
 * failed method and its code, and neither the name nor the phone appears in it.
 */
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { ZaloChannel } from "../../src/channels/zalo/channel";
import { ZaloClient } from "../../src/channels/zalo/client";
import { createLogger, serializeError } from "../../src/log";
import { createTestBot, seedUnit } from "../helpers/chat";
import { until } from "../helpers/channels";
import { startTelegramHarness, type TelegramHarness } from "../telegram/harness";
import { FakeZaloApi } from "../zalo/fake-zalo-api";
import { GrammyError, HttpError } from "grammy";

const NAME = "Trần Thị Bích Ngọc";
const PHONE = "0912345678";

/** A logger as main.ts makes it, writing its JSON lines into `lines`. */
function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  return { log: createLogger("debug", false, stream), lines };
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe("personal data stays out of the logs", () => {
  it("a failed sendMessage on Telegram is logged with its method and code, without the name or phone it carried", async () => {
    const { log, lines } = capturedLogger();
    const bot = await createTestBot();
    Object.assign(bot.deps, { log });
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "100", fullName: NAME, phone: PHONE, birthYear: 1996 }]);
    const h: TelegramHarness = await startTelegramHarness({ bot, log });
    cleanup = () => h.close();
    h.fake.failNext("sendMessage", { error_code: 400, description: "Bad Request: message is too long" });
    h.fake.pushMessage({ userId: 100, text: "/hoso" });
    const failed = await h.fake.waitFor((c) => c.method === "sendMessage" && !c.response.ok);
    expect(failed.params.text).toContain(NAME);
    expect(failed.params.text).toContain(PHONE);
    await until(() => lines.some((l) => l.includes("telegram update failed")));
    const logged = lines.join("\n");
    expect(logged).toContain('"method":"sendMessage"');
    expect(logged).toContain('"error_code":400');
    expect(logged).toContain("Bad Request: message is too long");
    expect(logged).not.toContain(NAME);
    expect(logged).not.toContain(PHONE);
    expect(logged).not.toContain("Bích");
  });

  it("a failed sendMessage on Zalo is logged with its method and code, without the name or phone it carried", async () => {
    const { log, lines } = capturedLogger();
    const bot = await createTestBot();
    Object.assign(bot.deps, { log });
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "z100", fullName: NAME, phone: PHONE, birthYear: 1996 }], "zalo");
    const fake = new FakeZaloApi();
    const apiBase = await fake.start();
    const client = new ZaloClient({ token: fake.token, apiBase, backoffMs: 5 });
    const zalo = new ZaloChannel({
      client,
      store: bot.store,
      handle: bot.handle,
      now: bot.deps.now,
      log,
      defaultLocale: "vi",
      me: await client.getMe(),
      pollTimeout: 1,
      backoffMs: 5,
    });
    cleanup = async () => {
      await zalo.stop();
      await fake.close();
    };
    fake.failNext("sendMessage", 400, 5);
    await zalo.process(fake.text("z100", "/hoso"));
    expect(zalo.stats.failed).toBe(1);
    const logged = lines.join("\n");
    expect(logged).toContain("zalo update failed");
    expect(logged).toContain('"method":"sendMessage"');
    expect(logged).toContain('"error_code":400');
    expect(logged).not.toContain(NAME);
    expect(logged).not.toContain(PHONE);
  });

  it("keeps what failed from grammY's errors and drops the payload they carry", () => {
    const payload = { chat_id: 100, text: `${NAME}, ${PHONE}` };
    const api = new GrammyError(
      "Call to 'sendMessage' failed!",
      { ok: false, error_code: 429, description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } },
      "sendMessage",
      payload,
    );
    expect(serializeError(api)).toMatchObject({
      type: "GrammyError",
      method: "sendMessage",
      error_code: 429,
      description: "Too Many Requests: retry after 7",
      parameters: { retry_after: 7 },
    });
    const network = new HttpError(
      "Network request for 'sendMessage' failed!",
      Object.assign(new Error("socket hang up"), { code: "ECONNRESET", payload }),
    );
    expect(serializeError(network)).toMatchObject({
      type: "HttpError",
      cause: { type: "Error", message: "socket hang up", code: "ECONNRESET" },
    });
    expect(JSON.stringify([serializeError(api), serializeError(network)])).not.toMatch(/Ngọc|0912345678/);
    expect(serializeError("a string thrown")).toEqual({ type: "string" });
  });

  it("censors payload-like fields a caller passes by mistake", () => {
    const { log, lines } = capturedLogger();
    log.info({ chat: "100", text: `${NAME} ${PHONE}`, update: { text: NAME, phone: PHONE } }, "something");
    expect(lines.join("\n")).not.toMatch(/Ngọc|0912345678/);
    expect(lines.join("\n")).toContain('"chat":"100"');
  });
});
