/**
 * Puts due messages into the outbox, once each: the entry id is the Due's key plus the recipient,
 * inserted only when absent, so re-planning never duplicates. `admins` becomes one entry per admin.
 */
import type { OutboxEntry, OutboxRecipient } from "../domain/outbox";
import type { Account, ChannelName } from "../domain/records";
import type { Collections, Store } from "../store/store";
import type { Due, DueRecipient } from "./planner";

/** The entry id of a message to a recipient: `nudge:report:2026-Q4:u17:d-3:p-12`. */
export function entryId(key: string, to: OutboxRecipient): string {
  return to.type === "person" ? `${key}:${to.personId}` : `${key}:${to.channel}.${to.chatId}`;
}

/**
 * The admins as recipients: people granted the admin role, and the accounts named in the
 * configuration (`telegram:123`) — as their person when they have talked to the bot, else as a chat.
 */
export async function adminRecipients(store: Store, adminIds: readonly string[]): Promise<OutboxRecipient[]> {
  const out = new Map<string, OutboxRecipient>();
  for (const p of await store.people.all()) if (p.roles.includes("admin")) out.set(p.id, { type: "person", personId: p.id });
  for (const id of adminIds) {
    const account = await store.accounts.get(id);
    if (account) out.set(account.personId, { type: "person", personId: account.personId });
    else {
      const [channel, chatId] = id.split(/:(.*)/s) as [ChannelName, string];
      out.set(id, { type: "chat", channel, chatId, group: false });
    }
  }
  return [...out.values()];
}

function expand(to: DueRecipient, admins: OutboxRecipient[]): OutboxRecipient[] {
  return to.type === "admins" ? admins : [to];
}

/** A new pending entry for a message to one recipient. */
export function newEntry(
  fields: Pick<OutboxEntry, "id" | "kind" | "to" | "message" | "essential" | "notBefore"> & Partial<OutboxEntry>,
  now: Date,
): OutboxEntry {
  return { createdAt: now.toISOString(), status: "pending", attempts: 0, nextAttemptAt: fields.notBefore, ...fields };
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

/** True for an entry to the person, or to the private chat of one of their accounts. */
export function isAddressedTo(entry: OutboxEntry, personId: string, accounts: readonly Pick<Account, "channel" | "externalId">[]): boolean {
  const to = entry.to;
  if (to.type === "person") return to.personId === personId;
  return !to.group && accounts.some((a) => a.channel === to.channel && a.externalId === to.chatId);
}

/**
 * Removes every entry addressed to a person (personal-data deletion), inside the caller's
 * transaction; a broadcast that counted them as a recipient counts one fewer. Returns how many.
 */
export async function removeEntriesTo(tx: Collections, personId: string, accounts: readonly Pick<Account, "channel" | "externalId">[]): Promise<number> {
  const theirs = (await tx.outbox.all()).filter((e) => isAddressedTo(e, personId, accounts));
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
