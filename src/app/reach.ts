/**
 * Reaching a person outside a conversation, written once for the notifier (the language a notice
 * is written in), the scheduler's delivery and the channels: the language of a person or of an account, the order in which a
 * person's accounts are tried, and marking an account the bot can no longer reach.
 */
import type { Account, ChannelName, Locale, Person } from "../domain/records";
import type { Store } from "../store/store";

/**
 * A person's language: their choice, else `fallback` (the bot's default language).
 * @example localeOf(person, "vi") // "en" for a person who chose English
 */
export function localeOf(person: Pick<Person, "locale"> | undefined, fallback: Locale): Locale {
  return person?.locale ?? fallback;
}

/**
 * The language of the person behind an account id (`telegram:123`): `fallback` for a
 * stranger or a group.
 * @example await accountLocale(store, `zalo:${userId}`, "vi")
 */
export async function accountLocale(store: Pick<Store, "accounts" | "people">, accountId: string, fallback: Locale): Promise<Locale> {
  const account = await store.accounts.get(accountId);
  return localeOf(account && (await store.people.get(account.personId)), fallback);
}

/**
 * The person's accounts to try, in order: on the preferred channel first, then the most recently
 * used; never one marked unreachable, and only on channels that `canSend`.
 * @example await accountsToTry(store, person, (c) => c in senders) // [zalo account, telegram account]
 */
export async function accountsToTry(
  store: Pick<Store, "accounts">,
  person: Pick<Person, "id" | "preferredChannel">,
  canSend: (channel: ChannelName) => boolean,
): Promise<Account[]> {
  const preferred = person.preferredChannel;
  return (await store.accounts.find({ personId: person.id }))
    .filter((a) => !a.unreachable && canSend(a.channel))
    .sort((a, b) => (a.channel === preferred ? -1 : b.channel === preferred ? 1 : b.lastSeenAt.localeCompare(a.lastSeenAt)));
}

/**
 * Marks an account the channel says is gone (blocked, kicked, deleted: `Unreachable`); it is no
 * longer tried until the person writes from it again. An account already marked, or deleted, is
 * left as it is.
 */
export async function markUnreachable(store: Pick<Store, "accounts">, accountId: string): Promise<void> {
  const account = await store.accounts.get(accountId);
  if (account && !account.unreachable) await store.accounts.put({ ...account, unreachable: true });
}
