/**
 * De-duplication of incoming updates in the store: the first instance to claim an update id
 * handles it; a copy delivered to another instance, or again after a restart, is dropped. Ids
 * are kept for `UPDATE_RETENTION_MS`, then pruned (at most once an hour per process).
 *
 * An update whose handling failed is released: its claim is removed, so the platform's resend is
 * handled. When the store cannot remove it either (the database is gone), this process remembers
 * the release and takes its own claim over when the resend comes back to it.
 */
import { UPDATE_RETENTION_MS } from "../domain/updates";
import type { Store } from "../store/store";

const PRUNE_EVERY_MS = 60 * 60 * 1000;

export interface UpdateLog {
  /** True the first time an update id is claimed anywhere; false for a copy. */
  claim(id: string): Promise<boolean>;
  /** Gives a claim back after its handling failed: the next copy of the update is handled. */
  release(id: string): Promise<void>;
  /** Forgets the ids older than the retention window; returns how many. */
  prune(): Promise<number>;
}

/**
 * @example const updates = createUpdateLog(store, () => new Date()); if (await updates.claim(`telegram:${id}`)) handle(update);
 */
export function createUpdateLog(store: Store, now: () => Date, retentionMs = UPDATE_RETENTION_MS): UpdateLog {
  let prunedAt = 0;
  /** Claims this process gave back but may still be in the store (the removal failed). */
  const released = new Set<string>();
  const log: UpdateLog = {
    async claim(id) {
      const at = now();
      // Not waited to the disk where a journal keeps order: the reply's own writes carry the claim (docs/operating.md).
      const fresh = await store.transaction(
        async (tx) => {
          if ((await tx.seenUpdates.get(id)) && !released.has(id)) return false;
          await tx.seenUpdates.put({ id, at: at.toISOString() });
          return true;
        },
        { wait: "ordered" },
      );
      released.delete(id);
      if (at.getTime() - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = at.getTime();
        void log.prune().catch(() => {});
      }
      return fresh;
    },
    async release(id) {
      released.add(id);
      await store.seenUpdates.remove(id);
      released.delete(id);
    },
    async prune() {
      const cutoff = new Date(now().getTime() - retentionMs).toISOString();
      const old = (await store.seenUpdates.all()).filter((u) => u.at < cutoff);
      if (old.length === 0) return 0;
      await store.transaction(async (tx) => {
        for (const u of old) await tx.seenUpdates.remove(u.id);
      });
      return old.length;
    },
  };
  return log;
}
