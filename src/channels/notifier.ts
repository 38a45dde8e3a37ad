/**
 * Delivers messages outside the current conversation: to a person on the channel they chose or
 * used last, or to a chat. A person who blocked the bot is marked unreachable. Where the channel
 * can edit a message it sent (Telegram), a message sent with `toPersonEditable` can be edited later.
 */
import type { Deps, Notifier, SentMessage } from "../app/deps";
import type { Account, ChannelName } from "../domain/records";
import type { ChatAddress, Reply } from "../app/messages";
import { translator, type T } from "../i18n";
import { Unreachable } from "../app/sender";

/**
 * Sends one reply to a chat of its channel; resolves to the id of the message sent (the last one
 * when the reply was split), where the channel gives one. `edit`, only where the channel can,
 * replaces the text of a message it sent earlier (Telegram's editMessageText).
 * @example const sender: Sender = Object.assign(async (chatId, reply) => "42", { edit: async (chatId, messageId, reply) => {} });
 */
export type Sender = ((chatId: string, reply: Reply) => Promise<string | void>) & {
  edit?: (chatId: string, messageId: string, reply: Reply) => Promise<void>;
};

type Outcome = { status: "sent"; messageId?: string } | { status: "unreachable" | "failed" };

/** What reaching a person gave: whether it was sent and, on a channel that can edit, the message. */
interface Reached {
  sent: boolean;
  message?: SentMessage;
}

/**
 * The notifier over the channels' senders (filled in as the channels start). Messages can be
 * edited later on the channels whose sender has `edit`.
 * @example const notify = createNotifier(base, senders); senders.telegram = telegramSender(api, labelsFor);
 */
export function createNotifier(deps: Omit<Deps, "notify">, senders: Partial<Record<ChannelName, Sender>>): Required<Notifier> {
  async function send(chat: ChatAddress, reply: Reply): Promise<Outcome> {
    const sender = senders[chat.channel];
    if (!sender) return { status: "failed" };
    try {
      return { status: "sent", messageId: (await sender(chat.chatId, reply)) ?? undefined };
    } catch (e) {
      if (e instanceof Unreachable) return { status: "unreachable" };
      deps.log.warn({ err: e, channel: chat.channel, chat: chat.chatId }, "notification failed");
      return { status: "failed" };
    }
  }

  /** The person's accounts the bot can try, the preferred channel first, then the most recently used. */
  async function accountsOf(personId: string, preferred?: ChannelName): Promise<Account[]> {
    return (await deps.store.accounts.find({ personId }))
      .filter((a) => senders[a.channel] && !a.unreachable)
      .sort((a, b) => (a.channel === preferred ? -1 : b.channel === preferred ? 1 : b.lastSeenAt.localeCompare(a.lastSeenAt)));
  }

  /** Tries the person's accounts in order; with `editableOnly`, stops at the first whose channel cannot edit. */
  async function reach(personId: string, render: (t: T) => Reply, editableOnly: boolean): Promise<Reached> {
    const person = await deps.store.people.get(personId);
    if (!person) return { sent: false };
    const reply = render(translator(person.locale ?? deps.config.defaultLocale));
    for (const account of await accountsOf(personId, person.preferredChannel)) {
      const canEdit = Boolean(senders[account.channel]!.edit);
      if (editableOnly && !canEdit) return { sent: false };
      const chat = { channel: account.channel, chatId: account.externalId };
      const outcome = await send(chat, reply);
      if (outcome.status === "sent")
        return { sent: true, message: canEdit && outcome.messageId ? { ...chat, messageId: outcome.messageId } : undefined };
      if (outcome.status === "unreachable") await deps.store.accounts.put({ ...account, unreachable: true });
    }
    return { sent: false };
  }

  async function edit(message: SentMessage, render: (t: T) => Reply): Promise<boolean> {
    const sender = senders[message.channel];
    if (!sender?.edit) return false;
    const account = await deps.store.accounts.get(`${message.channel}:${message.chatId}`);
    const person = account && (await deps.store.people.get(account.personId));
    try {
      await sender.edit(message.chatId, message.messageId, render(translator(person?.locale ?? deps.config.defaultLocale)));
      return true;
    } catch (e) {
      if (e instanceof Unreachable && account) await deps.store.accounts.put({ ...account, unreachable: true });
      else deps.log.warn({ err: e, channel: message.channel, chat: message.chatId }, "edit failed");
      return false;
    }
  }

  return {
    toPerson: async (personId, render) => (await reach(personId, render, false)).sent,
    toChat: async (chat, render) => (await send(chat, render(translator(deps.config.defaultLocale)))).status === "sent",
    toPersonEditable: async (personId, render) => (await reach(personId, render, true)).message,
    edit,
  };
}
