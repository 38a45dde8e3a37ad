/**
 * Keeps the sender of a broadcast informed while it goes out: counts the broadcast's entries as
 * they reach a final status and tells a `ProgressSink` at each step (every 25% by default) and at
 * the end (delivered, unreachable). The default sink sends messages through `deps.notify`; a
 * channel able to edit a message (Telegram's editMessageText) can plug in a sink that edits one.
 */
import type { Deps } from "../app/deps";
import type { Broadcast, OutboxEntry } from "../domain/outbox";

export interface BroadcastCounts {
  total: number;
  /** Entries in a final status. */
  done: number;
  sent: number;
  unreachable: number;
  failed: number;
  skipped: number;
}

/** Where progress goes. */
export interface ProgressSink {
  progress(broadcast: Broadcast, counts: BroadcastCounts): Promise<void>;
  finished(broadcast: Broadcast, counts: BroadcastCounts): Promise<void>;
}

/** The hook the delivery calls for every entry that reaches a final status. */
export interface BroadcastProgress {
  onFinal(entry: OutboxEntry): Promise<void>;
}

/** Progress as messages to the broadcast's sender, in their language. */
export function notifySink(deps: Pick<Deps, "notify">): ProgressSink {
  return {
    async progress(b, c) {
      await deps.notify.toPerson(b.createdBy, (t) => ({ text: t("broadcast:progress", { ...c }) }));
    },
    async finished(b, c) {
      await deps.notify.toPerson(b.createdBy, (t) => ({ text: t("broadcast:finished", { ...c }) }));
    },
  };
}

const finalStatuses = new Set(["sent", "unreachable", "failed", "skipped"]);

interface Tally {
  counted: Set<string>;
  counts: BroadcastCounts;
}

/**
 * @example const progress = createBroadcastProgress(deps); new Delivery(…, { onFinal: progress.onFinal });
 */
export function createBroadcastProgress(deps: Pick<Deps, "store" | "notify" | "now">, sink = notifySink(deps), stepPercent = 25): BroadcastProgress {
  const tallies = new Map<string, Tally>();
  let chain: Promise<void> = Promise.resolve();

  async function tallyOf(b: Broadcast): Promise<Tally> {
    let tally = tallies.get(b.id);
    if (tally) return tally;
    tally = { counted: new Set(), counts: { total: b.total, done: 0, sent: 0, unreachable: 0, failed: 0, skipped: 0 } };
    for (const e of await deps.store.outbox.find({ broadcastId: b.id })) if (finalStatuses.has(e.status)) count(tally, e);
    tallies.set(b.id, tally);
    return tally;
  }

  async function handle(entry: OutboxEntry): Promise<void> {
    const b = entry.broadcastId ? await deps.store.broadcasts.get(entry.broadcastId) : undefined;
    if (!b || b.finishedAt) return;
    const tally = await tallyOf(b);
    tally.counts.total = b.total; // fewer when a recipient's data was deleted meanwhile
    count(tally, entry);
    const c = tally.counts;
    if (c.done >= c.total) {
      tallies.delete(b.id);
      await deps.store.broadcasts.put({ ...b, reported: 100, finishedAt: deps.now().toISOString() });
      await sink.finished(b, { ...c });
      return;
    }
    const step = Math.floor((100 * c.done) / c.total / stepPercent) * stepPercent;
    if (step > b.reported) {
      await deps.store.broadcasts.put({ ...b, reported: step });
      await sink.progress(b, { ...c });
    }
  }

  return {
    onFinal(entry) {
      if (!entry.broadcastId) return Promise.resolve();
      chain = chain.then(() => handle(entry)).catch(() => {});
      return chain;
    },
  };
}

function count(tally: Tally, e: OutboxEntry) {
  if (tally.counted.has(e.id)) return;
  tally.counted.add(e.id);
  tally.counts.done++;
  tally.counts[e.status as "sent" | "unreachable" | "failed" | "skipped"]++;
}
