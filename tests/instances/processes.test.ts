/**
 * Several real bot processes (`npm start`, webhook mode) on one PostgreSQL database, against the
 * fake Bot API: one leads the scheduler, an update sent to both is handled once, /healthz says
 * who leads, and a kill -9 of the leader mid-broadcast loses no recipient.
 */
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { audienceRecipients } from "../../src/features/broadcast/audience";
import { entryId, newEntry } from "../../src/domain/outbox";
import { copyStore } from "../../src/store/copy";
import { openLowdbStore } from "../../src/store/lowdb-store";
import { openPostgresStore } from "../../src/store/postgres/postgres-store";
import { seedBloc } from "../helpers/chat";
import { freshDatabase } from "../helpers/postgres";
import { startPostgres } from "../helpers/postgres-server";
import { startInstance, until, type Instance } from "../helpers/instances";
import { startFakeBotApi, type FakeBotApi } from "../telegram/fake-bot-api";

const cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

const start = (fake: FakeBotApi, url: string, extra: Record<string, string> = {}) =>
  startInstance(fake, { DATABASE_URL: url, ...extra }, cleanup);
const healthOf = async (i: Instance) => (await i.health()).body;

describe("several bot processes on one PostgreSQL database", () => {
  it("lets exactly one lead, handles an update sent to both once, and hands the lead over when the leader is killed", async () => {
    const fake = await startFakeBotApi();
    cleanup.push(() => fake.close());
    const url = await freshDatabase();
    const instances = await Promise.all([start(fake, url), start(fake, url)]);
    await until(async () => (await Promise.all(instances.map(healthOf))).some((h) => h.leader), 20_000);
    const health = await Promise.all(instances.map(healthOf));
    expect(health.map((h) => h.leader).sort()).toEqual([false, true]);
    for (const h of health) expect(h).toMatchObject({ ok: true, store: "postgresql", database: true });

    const update = {
      update_id: 5001,
      message: {
        message_id: 1,
        date: 1764385200,
        chat: { id: 4242, type: "private" },
        from: { id: 4242, is_bot: false, first_name: "An" },
        text: "/start",
      },
    };
    expect(await Promise.all(instances.map((i) => i.post(update)))).toEqual([200, 200]);
    // A second copy, after both answered: also dropped.
    expect(await instances[0]!.post(update)).toBe(200);
    const greetings = fake.ok("sendMessage").filter((c) => String(c.params.chat_id) === "4242");
    expect(greetings).toHaveLength(1);
    expect(greetings[0]!.params.text).toContain("Xin chào!");

    const leader = health[0]!.leader ? 0 : 1;
    instances[leader]!.child.proc.kill("SIGKILL");
    await instances[leader]!.child.exited;
    const follower = instances[1 - leader]!;
    await until(async () => (await healthOf(follower)).leader, 60_000);
    expect(await healthOf(follower)).toMatchObject({ ok: true, database: true, leader: true });
  }, 120_000);

  // The instance once died here: a write's connection, lent out by the pool, ended by the stopping server
  // between two statements threw from pg's 'error' event (tests/store/postgres.test.ts, "survives its connection …").
  it("answers 503 on /healthz and stops leading when the database goes away", { timeout: 90_000 }, async () => {
    const fake = await startFakeBotApi();
    cleanup.push(() => fake.close());
    const server = await startPostgres();
    cleanup.push(() => server.stop());
    const instance = await start(fake, await server.createDatabase("gone"));
    await until(async () => (await healthOf(instance)).leader, 20_000);
    expect((await instance.health()).status).toBe(200);
    await server.stop();
    await until(
      async () =>
        (await instance.health().then(
          (h) => h.status,
          (e) => {
            throw new Error(`no answer: ${e}\n${instance.child.stderr()}`);
          },
        )) === 503,
      30_000,
    );
    expect(await healthOf(instance)).toEqual({ ok: false, store: "postgresql", database: false, leader: false });
  });

  it("delivers a 2,000-recipient broadcast to everyone when the leader is killed mid-way: at most one twice, no 429", async () => {
    const SCALE = 10;
    const fake = await startFakeBotApi({ limits: true, timeScale: SCALE });
    cleanup.push(() => fake.close());
    const url = await freshDatabase();
    const store = await openPostgresStore({ url });
    cleanup.push(() => store.close());
    // Seeded in memory and copied over in bulk, as `npm run migrate` does: quicker than 6,000 puts.
    const seed = await openLowdbStore();
    await seedBloc(seed, { units: 20, cadresPerUnit: 100 });
    await copyStore(seed, store, "test database");
    const recipients = await audienceRecipients(store, { kind: "everyone" });
    expect(recipients).toHaveLength(2000);

    const env = { DELIVERY_TIME_SCALE: String(SCALE) };
    const instances = await Promise.all([start(fake, url, env), start(fake, url, env)]);
    await until(async () => (await Promise.all(instances.map(healthOf))).some((h) => h.leader), 20_000);
    const leader = (await healthOf(instances[0]!)).leader ? 0 : 1;

    const now = new Date();
    const message = { key: "broadcast:message", vars: { text: "Thông báo khẩn" } };
    const at = now.toISOString();
    const entries = recipients.map((to) =>
      newEntry(
        { id: entryId("broadcast:b-1", to), kind: "broadcast", to, message, essential: true, notBefore: at, broadcastId: "b-1" },
        now,
      ),
    );
    await store.importRecords("outbox", entries);
    // Wake the leader, as an instance that queued a broadcast does.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("NOTIFY doan_outbox");
    await client.end();

    const broadcastSends = () => fake.ok("sendMessage").filter((c) => String(c.params.text).includes("Thông báo khẩn"));
    await until(
      () => broadcastSends().length >= 700,
      60_000,
      () => instances[leader]!.child.stderr(),
    );
    instances[leader]!.child.proc.kill("SIGKILL");
    await instances[leader]!.child.exited;
    const atKill = broadcastSends().length;
    expect(atKill).toBeLessThan(2000);

    await until(
      () => new Set(broadcastSends().map((c) => String(c.params.chat_id))).size === 2000,
      90_000,
      () => instances[1 - leader]!.child.stderr(),
    );
    const perChat = new Map<string, number>();
    for (const c of broadcastSends()) perChat.set(String(c.params.chat_id), (perChat.get(String(c.params.chat_id)) ?? 0) + 1);
    expect(perChat.size).toBe(2000);
    expect([...perChat.values()].reduce((sum, n) => sum + n - 1, 0)).toBeLessThanOrEqual(1);
    expect(fake.counts.tooMany).toBe(0);
    await until(async () => (await store.outbox.find({ status: "sent", broadcastId: "b-1" })).length === 2000, 30_000);
  }, 180_000);
});
