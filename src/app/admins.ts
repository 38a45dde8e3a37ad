/**
 * Who the admins are: people granted the admin role, and the accounts named in `ADMIN_IDS` — the
 * one place that answers it for approval routing, the scheduler and the permission check.
 */
import type { OutboxRecipient } from "../domain/outbox";
import type { ChannelName, Person } from "../domain/records";
import type { Collections } from "../store/store";

/** True when the person was granted the admin role in the store (/themquantri, the set-up). */
export function hasAdminGrant(person: Pick<Person, "roles">): boolean {
  return person.roles.includes("admin");
}

/**
 * The admin rule: a person is an admin when granted the role, or when one of their accounts is
 * named in `ADMIN_IDS`.
 */
export function isAdmin(person: Pick<Person, "roles">, accountIds: readonly string[], adminIds: readonly string[]): boolean {
  return hasAdminGrant(person) || accountIds.some((id) => adminIds.includes(id));
}

/**
 * The admins as recipients: people granted the admin role, and the accounts named in the
 * configuration (`telegram:123`) — as their person when they have talked to the bot, else as a chat.
 */
export async function adminRecipients(
  store: Pick<Collections, "people" | "accounts">,
  adminIds: readonly string[],
): Promise<OutboxRecipient[]> {
  const out = new Map<string, OutboxRecipient>();
  for (const p of await store.people.all()) if (hasAdminGrant(p)) out.set(p.id, { type: "person", personId: p.id });
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
