/**
 * Keeps the sender of a broadcast informed while it goes out: counts the broadcast's entries as
 * they reach a final status and shows the sender one progress message (sent / total), edited in
 * place where their channel can edit (Telegram) — at most every few seconds, since Telegram limits
 * edits like messages. Where it cannot (Zalo, console), a new message comes at every step (25% by
 * default). The message's handle is kept on the broadcast, so a restart goes on editing it. At the
 * end, the progress message shows the final counts and a closing report follows as a new message,
 * so the sender is notified (delivered, unreachable, failed, skipped). The progress message and its
 * edits go through the delivery's live sender, in the channel's limits; the steps and the closing
 * report are notices in the outbox.
 */
import type { Deps } from "../app/deps";
import type { Broadcast, OutboxEntry } from "../domain/outbox";
import type { T } from "../i18n";
import { noticeKey } from "../domain/outbox";
import type { LiveSender } from "./live";

export interface BroadcastCounts {
  total: number;
  /** Entries in a final status. */
  done: number;
  sent: number;
  unreachable: number;
  failed: number;
  skipped: number;
}

/** The hook the delivery calls for every entry that reaches a final status, with its live sender. */
export interface BroadcastProgress {
  onFinal(entry: OutboxEntry, live?: LiveSender): Promise<void>;
}

export interface ProgressOptions {
  /** Where the sender's channel cannot edit: a new message each time this many percent more are done (25). */
  stepPercent?: number;
  /** The progress message is edited at most this often, in ms (3000). */
  editIntervalMs?: number;
  /** …and only once this many percent more are done since the last edit (1). */
  editPercent?: number;
  /** Pacing time in ms, for the edit interval (Date.now). */
  clock?: () => number;
}

const finalStatuses = new Set(["sent", "unreachable", "failed", "skipped"]);

interface Tally {
  counted: Set<string>;
  counts: BroadcastCounts;
  /** `edit`: one message edited in place; `steps`: a new message per step; `unknown`: not shown yet. */
  mode: "unknown" | "edit" | "steps";
  /** Clock ms of the last edit, and the `done` it showed. */
  editedAt: number;
  shownDone: number;
}

const progressText = (c: BroadcastCounts) => (t: T) => ({ text: t("broadcast:progress", { ...c }) });
const finishedText = (c: BroadcastCounts) => (t: T) => ({ text: t("broadcast:finished", { ...c }) });

/**
 * @example const progress = createBroadcastProgress(deps); new Delivery(…, { onFinal: progress.onFinal });
 */
export function createBroadcastProgress(deps: Pick<Deps, "store" | "notify" | "now">, options: ProgressOptions = {}): BroadcastProgress {
  const { stepPercent = 25, editIntervalMs = 3000, editPercent = 1, clock = () => Date.now() } = options;
  const tallies = new Map<string, Tally>();
  let chain: Promise<void> = Promise.resolve();
  // Its own scope: what a step or the closing report queues wakes the delivery once its transaction commits.
  const notify = deps.notify.scope();

  async function tallyOf(b: Broadcast): Promise<Tally> {
    let tally = tallies.get(b.id);
    if (tally) return tally;
    const counts = { total: b.total, done: 0, sent: 0, unreachable: 0, failed: 0, skipped: 0 };
    tally = { counted: new Set(), counts, mode: b.progressMessage ? "edit" : "unknown", editedAt: -Infinity, shownDone: -1 };
    for (const e of await deps.store.outbox.find({ broadcastId: b.id })) if (finalStatuses.has(e.status)) count(tally, e);
    tallies.set(b.id, tally);
    return tally;
  }

  /** Sends the progress message where it can be edited later; otherwise falls back to steps. */
  async function open(b: Broadcast, tally: Tally, c: BroadcastCounts, live?: LiveSender): Promise<void> {
    const message = await live?.toPersonEditable(b.createdBy, progressText(c));
    if (!message) {
      tally.mode = "steps";
      return step(b, c);
    }
    Object.assign(tally, { mode: "edit", editedAt: clock(), shownDone: c.done });
    await deps.store.broadcasts.put({ ...b, progressMessage: message });
  }

  /** Edits the progress message when enough time passed and enough more is done; a failed edit opens a new one. */
  async function edit(b: Broadcast, tally: Tally, c: BroadcastCounts, live?: LiveSender): Promise<void> {
    if (clock() - tally.editedAt < editIntervalMs || (c.done - tally.shownDone) * 100 < c.total * editPercent) return;
    Object.assign(tally, { editedAt: clock(), shownDone: c.done });
    if (b.progressMessage && (await live?.edit(b.progressMessage, progressText(c)))) return;
    tally.mode = "unknown"; // deleted by the sender, or the channel refused: the next entry sends a new one
  }

  /** A new message each time another step (25%) is done. */
  async function step(b: Broadcast, c: BroadcastCounts): Promise<void> {
    const reached = Math.floor((100 * c.done) / c.total / stepPercent) * stepPercent;
    if (reached <= b.reported) return;
    // The step reached and its message commit together: a crash between them neither skips nor repeats it.
    await deps.store.transaction(async (tx) => {
      await tx.broadcasts.put({ ...b, reported: reached });
      await notify.toPerson(b.createdBy, noticeKey("broadcast-progress", b.id, String(reached)), progressText(c), tx);
    });
    notify.flush();
  }

  async function finish(b: Broadcast, c: BroadcastCounts, live?: LiveSender): Promise<void> {
    tallies.delete(b.id);
    // The broadcast marked finished and its closing report commit together.
    await deps.store.transaction(async (tx) => {
      await tx.broadcasts.put({ ...b, reported: 100, finishedAt: deps.now().toISOString() });
      await notify.toPerson(b.createdBy, noticeKey("broadcast-finished", b.id), finishedText(c), tx);
    });
    if (b.progressMessage) await live?.edit(b.progressMessage, progressText(c));
    notify.flush();
  }

  async function handle(entry: OutboxEntry, live?: LiveSender): Promise<void> {
    const b = entry.broadcastId ? await deps.store.broadcasts.get(entry.broadcastId) : undefined;
    if (!b || b.finishedAt) return;
    const tally = await tallyOf(b);
    tally.counts.total = b.total; // fewer when a recipient's data was deleted meanwhile
    count(tally, entry);
    const c = { ...tally.counts };
    if (c.done >= c.total) return finish(b, c, live);
    if (tally.mode === "unknown") return open(b, tally, c, live);
    return tally.mode === "edit" ? edit(b, tally, c, live) : step(b, c);
  }

  return {
    onFinal(entry, live) {
      if (!entry.broadcastId) return Promise.resolve();
      chain = chain.then(() => handle(entry, live)).catch(() => {});
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
