/**
 * A database that hangs rather than stops (issue 25, point 4): two real bot processes on one
 * PostgreSQL server that is frozen (SIGSTOP to every one of its processes) for 20 s while updates
 * keep coming. Nothing may wait for it forever: /healthz answers and says the database is
 * unreachable, each webhook call is answered, the lead is given up; once the server goes on, the
 * instances recover and every update — those refused during the pause sent again, as Telegram
 * does — is answered exactly once.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startInstance, textUpdate, until, type Health } from "../helpers/instances";
import { startPostgres } from "../helpers/postgres-server";
import { startFakeBotApi } from "../telegram/fake-bot-api";

const cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

const PAUSE_MS = 20_000;
/** Generous: a call that hangs never answers; a bounded one answers within a few seconds. */
const ANSWER_WITHIN_MS = 10_000;

describe("a PostgreSQL server that hangs for 20 s", () => {
  it("keeps /healthz and the webhooks answering, gives up the lead, and loses no update", { timeout: 150_000 }, async () => {
    const fake = await startFakeBotApi();
    cleanup.push(() => fake.close());
    const server = await startPostgres();
    cleanup.push(() => server.stop());
    const url = await server.createDatabase("hang");
    const instances = [await startInstance(fake, { DATABASE_URL: url }, cleanup)];
    instances.push(await startInstance(fake, { DATABASE_URL: url }, cleanup));
    const healths = async () => Promise.all(instances.map((i) => i.health()));
    await until(async () => (await healths()).some((h) => h.body.leader), 20_000);

    const repliesTo = (chatId: number) => fake.ok("sendMessage").filter((c) => String(c.params.chat_id) === String(chatId)).length;
    let nextId = 880_000_001;
    const sent: { update: ReturnType<typeof textUpdate>; chatId: number; to: number; status: number | "no answer" }[] = [];
    const send = async (to: number) => {
      const chatId = 90_000 + sent.length;
      const entry = { update: textUpdate(nextId++, chatId, "/trogiup"), chatId, to, status: 0 as number | "no answer" };
      sent.push(entry);
      entry.status = await instances[to]!.post(entry.update, ANSWER_WITHIN_MS).catch(() => "no answer" as const);
    };

    // Before: answered as usual.
    await Promise.all([send(0), send(1)]);
    await until(() => sent.every((s) => repliesTo(s.chatId) === 1), 20_000);
    expect(sent.map((s) => s.status)).toEqual([200, 200]);

    server.pause();
    const checks: { instance: number; answer: { status: number; body: Health } | "no answer" }[] = [];
    const pausedAt = Date.now();
    const load: Promise<void>[] = [];
    const watch: Promise<void>[] = [];
    while (Date.now() - pausedAt < PAUSE_MS) {
      // A small bounded load: two updates a second, alternating between the instances.
      load.push(send(load.length % 2));
      if (load.length % 2 === 0 && Date.now() - pausedAt > 3000) {
        for (const [n, i] of instances.entries())
          watch.push(
            i.health(ANSWER_WITHIN_MS).then(
              (answer) => void checks.push({ instance: n, answer }),
              () => void checks.push({ instance: n, answer: "no answer" }),
            ),
          );
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    await Promise.all([...load, ...watch]);
    server.resume();

    // During the pause every call was answered; /healthz said the database is unreachable and nobody led.
    const during = sent.slice(2);
    expect(during.length).toBeGreaterThanOrEqual(30);
    expect(during.filter((s) => s.status === "no answer")).toEqual([]);
    expect(checks.filter((c) => c.answer === "no answer")).toEqual([]);
    const answers = checks.map((c) => c.answer as { status: number; body: Health });
    for (const n of [0, 1]) {
      const last = answers.filter((_, k) => checks[k]!.instance === n).at(-1)!;
      expect(last).toEqual({ status: 503, body: { ok: false, store: "postgresql", database: false, leader: false } });
    }

    // After: both recover, one leads again; every update refused during the pause is sent again (as
    // Telegram does, here to the other instance: a resend to the same one is issue 25 point 1).
    await until(async () => (await healths()).every((h) => h.status === 200 && h.body.database), 30_000);
    await until(async () => (await healths()).some((h) => h.body.leader), 30_000);
    for (const s of during.filter((s) => s.status !== 200)) {
      const again = instances[1 - s.to]!;
      await until(async () => (await again.post(s.update).catch(() => 0)) === 200, 30_000);
    }
    await until(
      () => sent.every((s) => repliesTo(s.chatId) >= 1),
      30_000,
      () =>
        `unanswered: ${sent.filter((s) => repliesTo(s.chatId) === 0).map((s) => `${s.chatId} (${s.status})`)}\n${instances[0]!.child.stderr()}`,
    );
    expect(sent.filter((s) => repliesTo(s.chatId) !== 1).map((s) => s.chatId)).toEqual([]);
    const health = (await healths()).map((h) => h.body);
    expect(health.map((h) => h.leader).sort()).toEqual([false, true]);
  });
});
