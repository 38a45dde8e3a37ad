/**
 * Delivers messages outside the current conversation: to a person on the channel they chose or
 * used last, or to a chat. A person who blocked the bot is marked unreachable. Where the channel
 * can edit a message it sent (Telegram), a message sent with `toPersonEditable` can be edited later.
 * It sends through the channels' one sender each (`ChannelSender`, shared with the scheduler's
 * delivery), retrying a 429 or a transient failure within bounds; a send that may have arrived
 * (`MaybeSent`) is never repeated.
 */
import type { Deps, Notifier, SentMessage } from "../app/deps";
import type { ChannelName } from "../domain/records";
import type { ChatAddress, Reply } from "../app/messages";
import { translator, type T } from "../i18n";
import { RateLimited, Transient, Unreachable, type ChannelSender } from "../app/sender";
import { sleep } from "../app/retry";
import { retryDelay, type RetryBounds } from "../domain/backoff";
import { accountLocale, accountsToTry, localeOf, markUnreachable } from "../app/reach";

/** A notification's retries: 3 within 20 s (a 429's `retry_after` waited for when it fits). */
export const NOTIFY_RETRIES: RetryBounds = { retries: 3, baseMs: 500, maxMs: 8000, withinMs: 20_000 };

/** Makes `call`, again after a 429 or a transient failure while `bounds` allow; anything else is thrown at once. */
async function patiently<R>(call: () => Promise<R>, bounds: RetryBounds): Promise<R> {
  const started = Date.now();
  for (let retry = 1; ; retry++) {
    try {
      return await call();
    } catch (e) {
      const elapsed = Date.now() - started;
      let delay: number | undefined;
      if (e instanceof Transient) delay = retryDelay(retry, elapsed, bounds);
      else if (e instanceof RateLimited && retry <= bounds.retries && elapsed + e.retryAfter * 1000 <= bounds.withinMs)
        delay = e.retryAfter * 1000;
      if (delay === undefined) throw e;
      await sleep(delay);
    }
  }
}

type Outcome = { status: "sent"; messageId?: string } | { status: "unreachable" | "failed" };

/** What reaching a person gave: whether it was sent and, on a channel that can edit, the message. */
interface Reached {
  sent: boolean;
  message?: SentMessage;
}

/**
 * The notifier over the channels' senders (filled in as the channels start). Messages can be
 * edited later on the channels whose sender has `edit`.
 * @example const notify = createNotifier(base, senders); senders.telegram = telegramSender(senderApi(token, apiRoot), labelsFor);
 */
export function createNotifier(
  deps: Omit<Deps, "notify">,
  senders: Partial<Record<ChannelName, ChannelSender>>,
  retries: RetryBounds = NOTIFY_RETRIES,
): Required<Notifier> {
  async function send(chat: ChatAddress, reply: Reply): Promise<Outcome> {
    const sender = senders[chat.channel];
    if (!sender) return { status: "failed" };
    try {
      return { status: "sent", messageId: (await patiently(() => sender.send(chat, reply), retries)) ?? undefined };
    } catch (e) {
      if (e instanceof Unreachable) return { status: "unreachable" };
      deps.log.warn({ err: e, channel: chat.channel, chat: chat.chatId }, "notification failed");
      return { status: "failed" };
    }
  }

  /** Tries the person's accounts in order; with `editableOnly`, stops at the first whose channel cannot edit. */
  async function reach(personId: string, render: (t: T) => Reply, editableOnly: boolean): Promise<Reached> {
    const person = await deps.store.people.get(personId);
    if (!person) return { sent: false };
    const reply = render(translator(localeOf(person, deps.config.defaultLocale)));
    for (const account of await accountsToTry(deps.store, person, (channel) => Boolean(senders[channel]))) {
      const canEdit = Boolean(senders[account.channel]!.edit);
      if (editableOnly && !canEdit) return { sent: false };
      const chat = { channel: account.channel, chatId: account.externalId };
      const outcome = await send(chat, reply);
      if (outcome.status === "sent")
        return { sent: true, message: canEdit && outcome.messageId ? { ...chat, messageId: outcome.messageId } : undefined };
      if (outcome.status === "unreachable") await markUnreachable(deps.store, account.id);
    }
    return { sent: false };
  }

  async function edit(message: SentMessage, render: (t: T) => Reply): Promise<boolean> {
    const sender = senders[message.channel];
    if (!sender?.edit) return false;
    const accountId = `${message.channel}:${message.chatId}`;
    const chat = { channel: message.channel, chatId: message.chatId };
    try {
      const reply = render(translator(await accountLocale(deps.store, accountId, deps.config.defaultLocale)));
      await patiently(() => sender.edit!(chat, message.messageId, reply), retries);
      return true;
    } catch (e) {
      if (e instanceof Unreachable) await markUnreachable(deps.store, accountId);
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
