/** Who an outbox entry reaches, on which chat, in which language; and its text in that language. */
import type { ChatAddress, Reply } from "../app/messages";
import type { MessageSpec, OutboxEntry } from "../domain/outbox";
import type { ChannelName, Locale } from "../domain/records";
import { translator } from "../i18n";
import type { Store } from "../store/store";
import { accountsToTry, localeOf } from "../app/reach";

/** One chat to try, with the account behind it (persons) so a 403 can mark it unreachable. */
export interface Target {
  address: ChatAddress;
  group: boolean;
  accountId?: string;
}

export type Resolution =
  | { kind: "skip"; reason: "muted" | "no person" }
  | { kind: "unreachable"; reason: string }
  | { kind: "send"; targets: Target[]; locale: Locale };

/**
 * The chats to try for an entry: a group as is; a person on their preferred channel first, then
 * the one used last, never an account marked unreachable. A muted person gets essentials only.
 */
export async function resolveRecipient(
  store: Store,
  entry: OutboxEntry,
  defaultLocale: Locale,
  channels: ReadonlySet<ChannelName>,
): Promise<Resolution> {
  const to = entry.to;
  if (to.type === "chat") {
    if (!channels.has(to.channel)) return { kind: "unreachable", reason: `no ${to.channel} channel` };
    return { kind: "send", targets: [{ address: { channel: to.channel, chatId: to.chatId }, group: to.group }], locale: defaultLocale };
  }
  const person = await store.people.get(to.personId);
  if (!person) return { kind: "skip", reason: "no person" };
  if (person.muted && !entry.essential) return { kind: "skip", reason: "muted" };
  const accounts = await accountsToTry(store, person, (channel) => channels.has(channel));
  if (accounts.length === 0) return { kind: "unreachable", reason: "no reachable account" };
  return {
    kind: "send",
    targets: accounts.map((a) => ({ address: { channel: a.channel, chatId: a.externalId }, group: false, accountId: a.id })),
    locale: localeOf(person, defaultLocale),
  };
}

/** The message in a language: variables given per language are picked first. */
export function renderMessage(message: MessageSpec, locale: Locale): Reply {
  const vars = Object.fromEntries(Object.entries(message.vars).map(([k, v]) => [k, typeof v === "object" ? v[locale] : v]));
  return { text: translator(locale)(message.key, vars) };
}
