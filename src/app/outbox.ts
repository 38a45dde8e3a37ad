/** Changes to the outbox that features make inside their own transactions. */
import { isAddressedTo, isNoticeAbout } from "../domain/outbox";
import type { Account } from "../domain/records";
import type { Collections } from "../store/store";

/**
 * Removes every entry addressed to a person, and every notice whose key names them (a request
 * about them sent to their officers), for personal-data deletion, inside the caller's
 * transaction; a broadcast that counted them as a recipient counts one fewer. Returns how many.
 */
export async function removeEntriesTo(
  tx: Collections,
  personId: string,
  accounts: readonly Pick<Account, "channel" | "externalId">[],
): Promise<number> {
  const theirs = (await tx.outbox.all()).filter((e) => isAddressedTo(e, personId, accounts) || isNoticeAbout(e, personId));
  const perBroadcast = new Map<string, number>();
  for (const e of theirs) {
    await tx.outbox.remove(e.id);
    if (e.broadcastId) perBroadcast.set(e.broadcastId, (perBroadcast.get(e.broadcastId) ?? 0) + 1);
  }
  for (const [id, n] of perBroadcast) {
    const b = await tx.broadcasts.get(id);
    if (b) await tx.broadcasts.put({ ...b, total: Math.max(0, b.total - n) });
  }
  return theirs.length;
}

/**
 * Drops the entries still waiting to be sent about a class (its key names the class id, e.g.
 * `reminder:session:<class>:s1:m120:p-12`), inside the caller's transaction: a cancelled class
 * gets no more reminders or nudges. Returns how many.
 */
export async function dropPendingAbout(tx: Collections, courseId: string): Promise<number> {
  const waiting = (await tx.outbox.find({ status: "pending" })).filter((e) => e.id.split(":").includes(courseId));
  for (const e of waiting) await tx.outbox.remove(e.id);
  return waiting.length;
}
