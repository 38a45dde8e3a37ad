/**
 * Delivers messages outside the current conversation: to a person on the channel they chose or
 * used last, or to a chat. A person who blocked the bot is marked unreachable.
 */
import type { Deps, Notifier } from "../app/deps";
import type { ChannelName } from "../domain/records";
import type { ChatAddress, Reply } from "../chat/types";
import { translator } from "../i18n";

/** Sends one reply to a chat of its channel. */
export type Sender = (chatId: string, reply: Reply) => Promise<void>;

/** The channel says this chat can no longer be reached (blocked, kicked, deleted). */
export class Unreachable extends Error {
  constructor(public readonly chat: ChatAddress) {
    super(`unreachable ${chat.channel}:${chat.chatId}`);
    this.name = "Unreachable";
  }
}

export function createNotifier(deps: Omit<Deps, "notify">, senders: Partial<Record<ChannelName, Sender>>): Notifier {
  async function send(chat: ChatAddress, reply: Reply): Promise<"sent" | "unreachable" | "failed"> {
    const sender = senders[chat.channel];
    if (!sender) return "failed";
    try {
      await sender(chat.chatId, reply);
      return "sent";
    } catch (e) {
      if (e instanceof Unreachable) return "unreachable";
      deps.log.warn({ err: e, channel: chat.channel, chat: chat.chatId }, "notification failed");
      return "failed";
    }
  }

  return {
    async toPerson(personId, render) {
      const person = await deps.store.people.get(personId);
      if (!person) return false;
      const accounts = (await deps.store.accounts.find({ personId }))
        .filter((a) => senders[a.channel] && !a.unreachable)
        .sort((a, b) =>
          a.channel === person.preferredChannel ? -1 : b.channel === person.preferredChannel ? 1 : b.lastSeenAt.localeCompare(a.lastSeenAt),
        );
      const reply = render(translator(person.locale ?? deps.config.defaultLocale));
      for (const account of accounts) {
        const outcome = await send({ channel: account.channel, chatId: account.externalId }, reply);
        if (outcome === "sent") return true;
        if (outcome === "unreachable") await deps.store.accounts.put({ ...account, unreachable: true });
      }
      return false;
    },
    toChat: async (chat, render) => (await send(chat, render(translator(deps.config.defaultLocale)))) === "sent",
  };
}
