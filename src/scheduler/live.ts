/**
 * Messages sent outside the outbox, by the delivery, in its limits: a broadcast's progress
 * message, sent to its author where it can be edited later (Telegram) and edited in place. They
 * are not outbox entries because an edit replaces the last version rather than adding one; each
 * send and edit still takes its turn in the channel's limits (`Delivery.paced`).
 */
import type { ChatAddress } from "../app/messages";
import { accountLocale, accountsToTry, localeOf, markUnreachable } from "../app/reach";
import { Unreachable, type ChannelSender } from "../app/sender";
import type { ChannelName } from "../domain/records";
import { translator } from "../i18n";
import type { DeliveryDeps, LiveSender } from "./delivery-options";

export type { LiveSender };

/** Runs a send or an edit to a chat in its turn (the delivery's limits). */
export type Pace = <R>(address: ChatAddress, call: () => Promise<R>) => Promise<R>;

/**
 * @example const live = liveSender(deps, channels, (address, call) => delivery.paced(address, false, call));
 */
export function liveSender(deps: DeliveryDeps, channels: Partial<Record<ChannelName, ChannelSender>>, pace: Pace): LiveSender {
  return {
    async toPersonEditable(personId, render) {
      const person = await deps.store.people.get(personId);
      if (!person) return undefined;
      const [account] = await accountsToTry(deps.store, person, (channel) => Boolean(channels[channel]));
      const sender = account && channels[account.channel];
      if (!account || !sender?.edit) return undefined;
      const chat = { channel: account.channel, chatId: account.externalId };
      try {
        const messageId = await pace(chat, () => sender.send(chat, render(translator(localeOf(person, deps.defaultLocale)))));
        return messageId ? { ...chat, messageId } : undefined;
      } catch (e) {
        if (e instanceof Unreachable) await markUnreachable(deps.store, account.id);
        else deps.log.warn({ err: e, channel: chat.channel }, "progress message failed");
        return undefined;
      }
    },
    async edit(message, render) {
      const sender = channels[message.channel];
      if (!sender?.edit) return false;
      const accountId = `${message.channel}:${message.chatId}`;
      const chat = { channel: message.channel, chatId: message.chatId };
      try {
        const reply = render(translator(await accountLocale(deps.store, accountId, deps.defaultLocale)));
        await pace(chat, () => sender.edit!(chat, message.messageId, reply));
        return true;
      } catch (e) {
        if (e instanceof Unreachable) await markUnreachable(deps.store, accountId);
        else deps.log.warn({ err: e, channel: message.channel }, "progress edit failed");
        return false;
      }
    },
  };
}
