import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { ChatAddress, Reply } from "../../src/app/messages";
import type { OutboxEntry } from "../../src/domain/outbox";
import { senderApi, telegramSender } from "../../src/channels/telegram/sender";
import { QuotaExceeded, Transient, Unreachable, type ChannelSender } from "../../src/app/sender";
import { Delivery, type Clock } from "../../src/scheduler/delivery";
import { newEntry } from "../../src/domain/outbox";
import { openLowdbStore } from "../../src/store/lowdb-store";
import type { Store } from "../../src/store/store";
import { seedUnit } from "../helpers/chat";
import { startFakeBotApi, type FakeBotApi } from "../telegram/fake-bot-api";
import { account } from "../helpers/records";

const NOW = new Date("2026-11-29T03:00:00.000Z");
const log = pino({ level: "silent" });
const servers: FakeBotApi[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

function entry(id: string, to: OutboxEntry["to"], extra: Partial<OutboxEntry> = {}): OutboxEntry {
  return newEntry(
    {
      id,
      kind: "test",
      to,
      message: { key: "broadcast:message", vars: { text: id } },
      essential: true,
      notBefore: NOW.toISOString(),
      ...extra,
    },
    NOW,
  );
}

/** A virtual clock: sleeping moves time, nothing waits. */
function virtualClock(): Clock & { t: number } {
  const c = { t: 0, now: () => c.t, sleep: async (ms: number) => void (c.t += ms) };
  return c;
}

/** A sender that records the virtual time of each message; `fail` decides an error per chat. */
function recordingSender(clock: Clock, fail: (chat: ChatAddress, n: number) => Error | undefined = () => undefined) {
  const sent: { chatId: string; at: number; text: string }[] = [];
  const tries = new Map<string, number>();
  const sender: ChannelSender = {
    async send(chat: ChatAddress, reply: Reply) {
      const n = (tries.get(chat.chatId) ?? 0) + 1;
      tries.set(chat.chatId, n);
      const error = fail(chat, n);
      if (error) throw error;
      sent.push({ chatId: chat.chatId, at: clock.now(), text: reply.text });
    },
  };
  return { sender, sent };
}

async function storeWith(entries: OutboxEntry[]): Promise<Store> {
  const store = await openLowdbStore();
  await store.transaction(async (tx) => {
    for (const e of entries) await tx.outbox.put(e);
  });
  return store;
}

const deps = (store: Store) => ({ store, log, now: () => NOW, defaultLocale: "vi" as const });
const group = (chatId: string): OutboxEntry["to"] => ({ type: "chat", channel: "telegram", chatId, group: true });

describe("delivery: rate limits (virtual clock)", () => {
  it("sends at most one message a second to a chat", async () => {
    const store = await storeWith(
      [1, 2, 3].map((i) => entry(`msg${i}`, { type: "chat", channel: "telegram", chatId: "42", group: false })),
    );
    const clock = virtualClock();
    const { sender, sent } = recordingSender(clock);
    await new Delivery(deps(store), { telegram: sender }, { clock }).kick();
    expect(sent.map((s) => s.at)).toEqual([0, 1000, 2000]);
  });

  it("sends at most 20 messages a minute to a group", async () => {
    const store = await storeWith(Array.from({ length: 25 }, (_, i) => entry(`g${String(i).padStart(2, "0")}`, group("-100"))));
    const clock = virtualClock();
    const { sender, sent } = recordingSender(clock);
    await new Delivery(deps(store), { telegram: sender }, { clock }).kick();
    expect(sent).toHaveLength(25);
    expect(sent.filter((s) => s.at < 60_000)).toHaveLength(20);
  });

  it("sends about 30 messages a second overall, serving other chats while one waits", async () => {
    const entries = Array.from({ length: 90 }, (_, i) =>
      entry(`p${String(i).padStart(3, "0")}`, { type: "chat", channel: "telegram", chatId: String(i % 45), group: false }),
    );
    const store = await storeWith(entries);
    const clock = virtualClock();
    const { sender, sent } = recordingSender(clock);
    await new Delivery(deps(store), { telegram: sender }, { clock }).kick();
    expect(sent).toHaveLength(90);
    // 30/s with a burst of 5: never more than 34 in any one-second window, all 90 done in about 3 s
    const busiest = Math.max(...sent.map((s) => sent.filter((o) => o.at >= s.at && o.at < s.at + 1000).length));
    expect(busiest).toBeLessThanOrEqual(34);
    expect(sent.at(-1)!.at).toBeLessThan(3100);
  });

  it("retries a transient failure with backoff and gives up after maxAttempts", async () => {
    const store = await storeWith([
      entry("flaky", { type: "chat", channel: "telegram", chatId: "7", group: false }),
      entry("dead", { type: "chat", channel: "telegram", chatId: "8", group: false }),
    ]);
    const clock = virtualClock();
    const { sender, sent } = recordingSender(clock, (chat, n) => (chat.chatId === "8" || n < 3 ? new Transient("http 502") : undefined));
    await new Delivery(deps(store), { telegram: sender }, { clock, maxAttempts: 4, backoff: { baseMs: 1000, maxMs: 60_000 } }).kick();
    expect(sent.map((s) => s.chatId)).toEqual(["7"]);
    expect(Math.floor(sent[0]!.at / 1000)).toBe(3); // tried at ~0 s, ~1 s (+1 s), then ~3 s (+2 s)
    expect(await store.outbox.get("flaky")).toMatchObject({ status: "sent", attempts: 3 });
    expect(await store.outbox.get("dead")).toMatchObject({ status: "failed", attempts: 4 });
  });
});

describe("delivery: a channel refusing for quota (Zalo's 429, no retry_after)", () => {
  /** The store's time follows the virtual clock, so entries left for later come due as it moves. */
  const clocked = (store: Store, clock: Clock) => ({ ...deps(store), now: () => new Date(NOW.getTime() + clock.now()) });
  const zaloChat = (chatId: string): OutboxEntry["to"] => ({ type: "chat", channel: "zalo", chatId, group: false });
  const tgChat = (chatId: string): OutboxEntry["to"] => ({ type: "chat", channel: "telegram", chatId, group: false });

  it("backs off exponentially (2, 4, 8, 16, 32 s…), tells the admins once, and keeps Telegram delivering meanwhile", async () => {
    const store = await storeWith([
      entry("msg1", zaloChat("z1")),
      entry("msg2", zaloChat("z2")),
      entry("msg3", tgChat("t1")),
      entry("msg4", tgChat("t2")),
      entry("msg5", tgChat("t3")),
    ]);
    const clock = virtualClock();
    const zaloTries: number[] = [];
    const zalo = recordingSender(clock, () => {
      zaloTries.push(clock.now());
      return zaloTries.length <= 6 ? new QuotaExceeded("429: Quota exceeded") : undefined;
    });
    const tg = recordingSender(clock);
    const alerts: [string, string][] = [];
    const delivery = new Delivery(
      clocked(store, clock),
      { zalo: zalo.sender, telegram: tg.sender },
      {
        clock,
        onQuotaRefusing: (channel, since) => void alerts.push([channel, since.toISOString()]),
      },
    );
    await delivery.kick();
    expect(zaloTries).toEqual([0, 2000, 6000, 14_000, 30_000, 62_000]);
    expect(tg.sent.map((s) => [s.chatId, s.at])).toEqual([
      ["t1", 0],
      ["t2", 0],
      ["t3", 0],
    ]);
    expect(alerts).toEqual([["zalo", NOW.toISOString()]]);
    // the next pause (64 s) is longer than a run waits: both are left pending, nothing failed
    expect(await store.outbox.get("msg1")).toMatchObject({ status: "pending", attempts: 0, reason: "quota" });
    expect(await store.outbox.get("msg2")).toMatchObject({
      status: "pending",
      attempts: 0,
      nextAttemptAt: new Date(NOW.getTime() + 126_000).toISOString(),
    });

    clock.t = 126_000;
    await delivery.kick();
    expect(zalo.sent.map((s) => [s.chatId, s.at])).toEqual([
      ["z1", 126_000],
      ["z2", 126_000],
    ]);
    expect(alerts).toHaveLength(1);
  });

  it("never waits longer than the longest pause, however long the refusals last", async () => {
    const store = await storeWith([entry("msg1", zaloChat("z1"))]);
    const clock = virtualClock();
    const tries: number[] = [];
    const zalo = recordingSender(clock, () => {
      tries.push(clock.now());
      return new QuotaExceeded("429");
    });
    const delivery = new Delivery(
      clocked(store, clock),
      { zalo: zalo.sender },
      { clock, quotaBackoff: { baseMs: 1000, maxMs: 8000 }, maxWaitMs: 60_000 },
    );
    await delivery.kick(); // ends: a run waits for a pause only up to maxWaitMs after it began
    expect(tries).toEqual([0, 1000, 3000, 7000, 15_000, 23_000, 31_000, 39_000, 47_000, 55_000]);
    expect(await store.outbox.get("msg1")).toMatchObject({
      status: "pending",
      nextAttemptAt: new Date(NOW.getTime() + 63_000).toISOString(),
    });
  });

  it("starts the count again once a message goes through, so a later storm alerts again", async () => {
    const store = await storeWith(
      ["aa1", "aa2", "aa3", "aa4", "aa5", "aa6", "bb1", "bb2", "bb3", "bb4", "bb5"].map((id) => entry(id, zaloChat(id))),
    );
    const clock = virtualClock();
    const refuse = new Set([1, 2, 3, 4, 5, 7, 8, 9, 10, 11]); // the 6th call goes through
    let calls = 0;
    const zalo = recordingSender(clock, () => (refuse.has(++calls) ? new QuotaExceeded("429") : undefined));
    let alerts = 0;
    const delivery = new Delivery(clocked(store, clock), { zalo: zalo.sender }, { clock, onQuotaRefusing: () => void alerts++ });
    for (let run = 0; run < 5; run++) {
      await delivery.kick();
      clock.t += 120_000;
    }
    expect(zalo.sent).toHaveLength(11);
    expect(alerts).toBe(2);
  });

  it("reaches a person on their other channel while their usual one refuses for quota", async () => {
    const store = await openLowdbStore();
    const [p] = await seedUnit(store, { id: "u1" }, [{ userId: "801" }]);
    await store.accounts.put(account("zalo", "z801", p!, { lastSeenAt: "2026-11-01T02:00:00.000Z" }));
    await store.outbox.put(entry("msg1", zaloChat("z-other")));
    await store.outbox.put(entry("msg2", { type: "person", personId: p! }));
    const clock = virtualClock();
    const zalo = recordingSender(clock, () => new QuotaExceeded("429"));
    const tg = recordingSender(clock);
    await new Delivery(clocked(store, clock), { zalo: zalo.sender, telegram: tg.sender }, { clock, maxWaitMs: 10_000 }).kick();
    expect(tg.sent.map((s) => [s.chatId, s.at])).toEqual([["801", 0]]);
    expect(await store.outbox.get("msg2")).toMatchObject({ status: "sent" });
    expect((await store.accounts.get("zalo:z801"))!.unreachable).toBe(false);
  });
});

describe("delivery: people", () => {
  it("marks a person whose channel says they blocked the bot (Unreachable) unreachable, and tries their other account first", async () => {
    const store = await openLowdbStore();
    const [a, b] = await seedUnit(store, { id: "u1" }, [{ userId: "501" }, { userId: "502" }]);
    await store.accounts.put(account("zalo", "z502", b!, { lastSeenAt: "2026-01-06T02:00:00.000Z" }));
    await store.outbox.put(entry("note1", { type: "person", personId: a! }));
    await store.outbox.put(entry("note2", { type: "person", personId: b! }));
    const clock = virtualClock();
    const blocked = (chat: ChatAddress) => (chat.chatId === "501" || chat.chatId === "z502" ? new Unreachable(chat) : undefined);
    const tg = recordingSender(clock, blocked);
    const zalo = recordingSender(clock, blocked);
    await new Delivery(deps(store), { telegram: tg.sender, zalo: zalo.sender }, { clock }).kick();
    expect(await store.outbox.get("note1")).toMatchObject({ status: "unreachable" });
    expect((await store.accounts.get("telegram:501"))!.unreachable).toBe(true);
    expect((await store.accounts.get("zalo:z502"))!.unreachable).toBe(true);
    expect(tg.sent.map((s) => s.chatId)).toEqual(["502"]);
    expect(await store.outbox.get("note2")).toMatchObject({ status: "sent" });
  });

  it("skips non-essential nudges for a person who muted them, but sends the essential ones", async () => {
    const store = await openLowdbStore();
    const [p] = await seedUnit(store, { id: "u1" }, [{ userId: "601" }]);
    await store.people.put({ ...(await store.people.get(p!))!, muted: true });
    await store.outbox.put(entry("nudge", { type: "person", personId: p! }, { essential: false }));
    await store.outbox.put(entry("session", { type: "person", personId: p! }, { essential: true }));
    const clock = virtualClock();
    const { sender, sent } = recordingSender(clock);
    await new Delivery(deps(store), { telegram: sender }, { clock }).kick();
    expect(sent.map((s) => s.text)).toEqual([expect.stringContaining("session")]);
    expect(await store.outbox.get("nudge")).toMatchObject({ status: "skipped", reason: "muted" });
  });

  it("writes to each person in their language", async () => {
    const store = await openLowdbStore();
    const [p] = await seedUnit(store, { id: "u1" }, [{ userId: "701" }]);
    await store.people.put({ ...(await store.people.get(p!))!, locale: "en" });
    await store.outbox.put(entry("hello", { type: "person", personId: p! }));
    const clock = virtualClock();
    const { sender, sent } = recordingSender(clock);
    await new Delivery(deps(store), { telegram: sender }, { clock }).kick();
    expect(sent[0]!.text).toContain("Announcement from the bloc's Standing Committee");
  });

  it("writes a composed message when it is sent, and falls back to its short form when composing fails", async () => {
    const message = (period: string) => ({
      key: "scheduler:report.summary",
      vars: { period, label: { vi: `Quý ${period.slice(6)}/2026`, en: `Q${period.slice(6)} 2026` } },
      compose: "reports.periodSummary",
    });
    const store = await storeWith([
      entry("summary1", group("-1"), { message: message("2026-Q3") }),
      entry("summary2", group("-2"), { message: message("2026-Q4") }),
    ]);
    const clock = virtualClock();
    const { sender, sent } = recordingSender(clock);
    const compose = async (name: string, vars: Record<string, unknown>) => {
      if (vars.period === "2026-Q4") throw new Error("store unavailable");
      return { text: `${name} ${String(vars.period)}` };
    };
    await new Delivery(deps(store), { telegram: sender }, { clock, compose }).kick();
    expect(sent.map((s) => s.text)).toEqual(["reports.periodSummary 2026-Q3", expect.stringContaining("Kỳ báo cáo Quý 4/2026 đã hết hạn")]);
  });

  it("does not send, nor bring back, an entry removed after it was loaded (the person's data was deleted)", async () => {
    const to = { type: "chat" as const, channel: "telegram" as const, chatId: "42", group: false };
    const store = await storeWith([entry("first", to), entry("second", to)]);
    const clock = virtualClock();
    const sent: string[] = [];
    const sender: ChannelSender = {
      async send(_chat, reply) {
        sent.push(reply.text);
        await store.outbox.remove("second");
      },
    };
    await new Delivery(deps(store), { telegram: sender }, { clock }).kick();
    expect(sent).toEqual([expect.stringContaining("first")]);
    expect(await store.outbox.get("second")).toBeUndefined();
  });

  it("leaves what is deferred for later and skips what has gone stale", async () => {
    const later = new Date(NOW.getTime() + 3_600_000).toISOString();
    const earlier = new Date(NOW.getTime() - 60_000).toISOString();
    const store = await storeWith([
      entry("morning", group("-1"), { notBefore: later, nextAttemptAt: later }),
      entry("over", group("-2"), { staleAt: earlier }),
    ]);
    const clock = virtualClock();
    const { sender, sent } = recordingSender(clock);
    await new Delivery(deps(store), { telegram: sender }, { clock }).kick();
    expect(sent).toEqual([]);
    expect(await store.outbox.get("morning")).toMatchObject({ status: "pending" });
    expect(await store.outbox.get("over")).toMatchObject({ status: "skipped", reason: "stale" });
  });
});

describe("delivery over HTTP against the fake Bot API", () => {
  it("the fake server answers 429 with retry_after to a client that ignores the limits", async () => {
    const api = await startFakeBotApi({ limits: true, timeScale: 10 });
    servers.push(api);
    const send = () =>
      fetch(`${api.apiRoot}/bot${api.token}/sendMessage`, { method: "POST", body: JSON.stringify({ chat_id: "-55", text: "x" }) });
    const answers = await Promise.all(
      Array.from({ length: 25 }, () => send().then((r) => r.json() as Promise<{ ok: boolean; parameters?: { retry_after: number } }>)),
    );
    expect(answers.find((a) => !a.ok)!.parameters!.retry_after).toBeGreaterThanOrEqual(1);
    const times = api.ok("sendMessage").map((c) => c.at);
    expect(times.slice(1).every((t, i) => t - times[i]! >= 100 - 1)).toBe(true); // 1 s per chat, scaled by 10
  });

  it("delivers every entry exactly once despite injected 5xx and 429s, within the limits", async () => {
    const api = await startFakeBotApi({ limits: true, timeScale: 20, errorRate: 0.1, seed: 7 });
    servers.push(api);
    const entries = Array.from({ length: 200 }, (_, i) =>
      entry(
        `m${String(i).padStart(3, "0")}`,
        i % 20 === 0 ? group(`-${i}`) : { type: "chat", channel: "telegram", chatId: String(i), group: false },
      ),
    );
    // two more to one chat, which the client must space by a second
    entries.push(
      entry("xtra1", { type: "chat", channel: "telegram", chatId: "1", group: false }),
      entry("xtra2", { type: "chat", channel: "telegram", chatId: "1", group: false }),
    );
    const store = await storeWith(entries);
    const delivery = new Delivery(
      deps(store),
      { telegram: telegramSender(senderApi(api.token, api.apiRoot)) },
      { timeScale: 20, backoff: { baseMs: 1000, maxMs: 8000 } },
    );
    await delivery.kick();
    expect(api.counts.serverErrors).toBeGreaterThan(0);
    expect(api.ok("sendMessage")).toHaveLength(202);
    expect(new Set(api.ok("sendMessage").map((c) => c.params.text)).size).toBe(202);
    expect(api.perChat().get("1")).toBe(3);
    expect((await store.outbox.find({ status: "sent" })).length).toBe(202);
  });
});
