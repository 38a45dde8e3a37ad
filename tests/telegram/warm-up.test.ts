/**
 * The warm-up before the webhook takes traffic (issue 22): synthetic updates run through the
 * Telegram channel's own webhook route, bot and chat core, on a scratch copy of the data, and
 * nothing of them reaches the real store, the people or the Bot API; the same channel then answers
 * Telegram's updates as before.
 */
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createUpdateLog } from "../../src/app/updates";
import { buildChat } from "../../src/build";
import { localeFromStore, prepareTelegram, type TelegramChannel } from "../../src/channels/telegram";
import { openLowdbStore } from "../../src/store/lowdb-store";
import { switchableStore } from "../../src/store/switch";
import { warmUpdatePath } from "../../src/warm-up";
import { createTestBot, seedUnit } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";
import { startFakeBotApi } from "./fake-bot-api";
import { WEBHOOK_SECRET, WEBHOOK_URL } from "./harness";

const closing: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

describe("the warm-up of the update path", () => {
  it("runs synthetic updates through the channel itself and leaves the data and the Bot API as they were", async () => {
    const fake = await startFakeBotApi();
    closing.push(() => fake.close());
    const real = await openLowdbStore();
    const store = switchableStore(real);
    const bot = await createTestBot({ store });
    closing.push(() => real.close());
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "501", position: "secretary" }]);
    await seedCourse(bot.store, { id: "c-1", capacity: 3, quotas: { u01: 3 } });
    const core = buildChat(bot.deps);
    const telegram = await prepareTelegram({
      config: { mode: "webhook", token: fake.token, apiRoot: fake.apiRoot, url: WEBHOOK_URL, secret: WEBHOOK_SECRET },
      core,
      log: pino({ level: "silent" }),
      localeOf: localeFromStore(store, "vi"),
      port: 0,
      host: "127.0.0.1",
      updates: createUpdateLog(store, bot.deps.now),
    });
    const counts = async () => ({
      people: await real.people.count(),
      accounts: await real.accounts.count(),
      seenUpdates: await real.seenUpdates.count(),
      menus: await real.menus.count(),
      enrollments: await real.enrollments.count(),
      audit: await real.audit.count(),
      outbox: await real.outbox.count(),
    });
    const before = await counts();
    expect(before).toEqual({ people: 1, accounts: 1, seenUpdates: 0, menus: 0, enrollments: 0, audit: 0, outbox: 0 });
    const callsBefore = fake.calls.map((c) => c.method);
    expect(callsBefore).toEqual(["getMe", "setMyCommands", "setMyCommands"]);

    const warmed = await warmUpdatePath(bot.deps, store, telegram, 3_000);

    expect(warmed.updates).toBeGreaterThan(0);
    expect(store.target).toBe(real);
    expect(await counts()).toEqual(before);
    expect(bot.sent).toEqual([]);
    expect(fake.calls.map((c) => c.method)).toEqual(callsBefore);

    // The same channel then takes Telegram's updates, on the real store.
    const channel: TelegramChannel = await telegram.start();
    closing.unshift(() => channel.stop());
    const res = await fetch(`http://127.0.0.1:${channel.port}${new URL(WEBHOOK_URL).pathname}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET },
      body: JSON.stringify({
        update_id: 1,
        message: {
          message_id: 1,
          date: 0,
          chat: { id: 9001, type: "private" },
          from: { id: 9001, is_bot: false, first_name: "An" },
          text: "/lichhoc",
        },
      }),
    });
    expect(res.status).toBe(200);
    const sent = await fake.waitFor((c) => c.method === "sendMessage" && String(c.params.chat_id) === "9001");
    expect(String(sent.params.text)).toContain("📚 c-1 · Nghiệp vụ công tác Đoàn 2026");
    expect(await real.accounts.get("telegram:9001")).toBeDefined();
    expect(await real.seenUpdates.get("telegram:1")).toBeDefined();
  });
});
