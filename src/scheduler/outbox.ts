/**
 * Puts due messages into the outbox, once each: the entry id is the Due's key plus the recipient,
 * inserted only when absent, so re-planning never duplicates. `admins` becomes one entry per admin.
 */
import { entryId, newEntry, type OutboxRecipient } from "../domain/outbox";
import { adminRecipients } from "../app/admins";
import type { Store } from "../store/store";
import type { Due, DueRecipient } from "./planner";

function expand(to: DueRecipient, admins: OutboxRecipient[]): OutboxRecipient[] {
  return to.type === "admins" ? admins : [to];
}

/**
 * Inserts the dues that are not in the outbox yet, in one transaction; returns how many were new.
 * @example await enqueue(store, plan(data, now), config.adminIds, now);
 */
export async function enqueue(store: Store, dues: readonly Due[], adminIds: readonly string[], now: Date): Promise<number> {
  if (dues.length === 0) return 0;
  const admins = dues.some((d) => d.recipient.type === "admins") ? await adminRecipients(store, adminIds) : [];
  return store.transaction(async (tx) => {
    let added = 0;
    for (const due of dues) {
      for (const to of expand(due.recipient, admins)) {
        const id = entryId(due.key, to);
        if (await tx.outbox.get(id)) continue;
        const { kind, message, essential } = due;
        await tx.outbox.put(
          newEntry({ id, kind, to, message, essential, notBefore: due.notBefore.toISOString(), staleAt: due.staleAt.toISOString() }, now),
        );
        added++;
      }
    }
    return added;
  });
}

/**
 * At start: entries left `sending` by a process that died are sent again — at most the message
 * that was in flight repeats, and none is dropped. Returns how many were recovered.
 */
export async function recoverInFlight(store: Store): Promise<number> {
  const stuck = await store.outbox.find({ status: "sending" });
  if (stuck.length === 0) return 0;
  await store.transaction(async (tx) => {
    for (const e of stuck) await tx.outbox.put({ ...e, status: "pending", reason: "restarted while sending" });
  });
  return stuck.length;
}
