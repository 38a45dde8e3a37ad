import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { audienceRecipients } from "../../src/features/broadcast/audience";
import { entryId, newEntry } from "../../src/domain/outbox";
import { openLowdbStore } from "../../src/store/lowdb-store";
import { seedBloc } from "../helpers/chat";
import { startFakeBotApi } from "../telegram/fake-bot-api";

const NOW = "2026-11-29T03:00:00.000Z";
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

/** Seeds a bloc and one broadcast's outbox entries into a lowdb store on disk; returns the recipient count. */
async function seedBroadcast(dir: string): Promise<number> {
  const store = await openLowdbStore({ dir });
  await seedBloc(store, { units: 10, cadresPerUnit: 30, linkedGroups: 5 });
  const recipients = await audienceRecipients(store, { kind: "everyone" });
  const now = new Date(NOW);
  await store.transaction(async (tx) => {
    for (const to of recipients) {
      const message = { key: "broadcast:message", vars: { text: "Thông báo khẩn" } };
      await tx.outbox.put(
        newEntry(
          { id: entryId("broadcast:b-1", to), kind: "broadcast", to, message, essential: true, notBefore: NOW, broadcastId: "b-1" },
          now,
        ),
      );
    }
  });
  await store.close();
  return recipients.length;
}

/** Runs the delivery fixture in a child process; `killWhen` kill -9s it once it returns true. */
function runChild(
  env: Record<string, string>,
  killWhen?: () => boolean,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/scheduler/fixtures/deliver.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const timer = killWhen && setInterval(() => killWhen() && child.kill("SIGKILL"), 2);
  return new Promise((resolve) =>
    child.on("exit", (code, signal) => {
      if (timer) clearInterval(timer);
      resolve({ code, signal, out });
    }),
  );
}

describe("delivery survives kill -9 mid-broadcast", () => {
  it("delivers to every recipient after a restart, repeating at most the one message in flight", async () => {
    const dir = mkdtempSync(join(tmpdir(), "doan-bot-crash-"));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const total = await seedBroadcast(dir);
    const api = await startFakeBotApi({ limits: true, timeScale: 20 });
    cleanup.push(() => api.close());
    const env = { DATA_DIR: dir, API_URL: api.apiRoot, API_TOKEN: api.token, TIME_SCALE: "20", NOW };

    const first = await runChild(env, () => api.counts.sent >= total / 3);
    expect(first.signal).toBe("SIGKILL");
    const beforeRestart = api.counts.sent;
    {
      const killed = await openLowdbStore({ dir });
      expect((await killed.outbox.find({ status: "sending" })).length).toBeLessThanOrEqual(1); // the one in flight
      expect((await killed.outbox.find({ status: "sent" })).length).toBeGreaterThan(0);
      await killed.close();
    }
    expect(beforeRestart).toBeLessThan(total);

    const second = await runChild(env);
    expect(second.code, second.out).toBe(0);
    expect(JSON.parse(second.out).recovered).toBeLessThanOrEqual(1);

    const perChat = api.perChat();
    expect(perChat.size).toBe(total);
    const repeats = [...perChat.values()].reduce((sum, n) => sum + n - 1, 0);
    expect(repeats).toBeLessThanOrEqual(1);
    const store = await openLowdbStore({ dir });
    cleanup.push(() => store.close());
    expect((await store.outbox.find({ status: "sent" })).length).toBe(total);
  }, 120_000);
});
