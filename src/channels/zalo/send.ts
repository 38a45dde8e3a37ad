/**
 * Sending to Zalo: no buttons (options are numbered, see chat/numbered.ts), texts split at 2,000
 * characters on line boundaries, and no documents — the Bot API cannot send files, so the person
 * gets a short note in their language instead.
 */
import { showNotice, type RenderedReply } from "../../chat/numbered";
import { splitText, TEXT_LIMITS } from "../../chat/split";
import type { Locale } from "../../domain/records";
import { translator, type T } from "../../i18n";
import type { Store } from "../../store/store";
import { accountLocale } from "../../app/reach";
import { QuotaExceeded, Rejected, Transient, Unreachable, type ChannelSender } from "../../app/sender";
import { ZaloApiError, isTransient, meansBlocked, type ZaloClient } from "./client";

/** The translator of the person behind a Zalo user id (the default language for strangers and groups: see `accountLocale`). */
export async function translatorFor(store: Pick<Store, "accounts" | "people">, userId: string, fallback: Locale): Promise<T> {
  return translator(await accountLocale(store, `zalo:${userId}`, fallback));
}

/** The texts a rendered reply becomes on Zalo: split pieces, and a note in place of a file (an image was already dropped: see IMAGE_CHANNELS). */
export function zaloTexts(reply: RenderedReply, t: T): string[] {
  const texts = splitText(reply.text, TEXT_LIMITS.zalo);
  if (reply.file) texts.push(...splitText(t("zalo:fileUnsupported", { name: reply.file.name }), TEXT_LIMITS.zalo));
  return texts;
}

/** Sends rendered replies to a chat, in order; an answer saying the person blocked the bot becomes `Unreachable` (see `meansBlocked`). */
export async function sendRendered(client: ZaloClient, chatId: string, replies: readonly RenderedReply[], t: T): Promise<void> {
  try {
    for (const reply of replies) {
      for (const text of zaloTexts(reply, t)) await client.sendMessage({ chat_id: chatId, text });
    }
  } catch (e) {
    if (meansBlocked(e)) throw new Unreachable({ channel: "zalo", chatId });
    throw e;
  }
}

/**
 * What a failed Zalo call means to the sender's callers: 429 → QuotaExceeded (no `retry_after`:
 * the delivery backs off), 403 (Zalo's internal server error), 408, 5xx and network → Transient,
 * anything else → Rejected. A blocked person is `Unreachable` before this is asked.
 */
export function zaloSendError(e: unknown): Error {
  if (!(e instanceof ZaloApiError)) return e instanceof Error ? e : new Error(String(e));
  const reason = `${e.error_code}: ${e.description}`.slice(0, 200);
  if (e.error_code === 429) return new QuotaExceeded(reason);
  return isTransient(e) ? new Transient(reason) : new Rejected(reason);
}

/**
 * The Zalo channel's one sender, used by the scheduler's delivery for every notice (Zalo cannot
 * edit). Give it a client made with `retries: 0`, so every 429, 403, 408 and 5xx reaches the
 * delivery's backoff; a blocked person is `Unreachable`. Options of a message are remembered for
 * the private chat (`zalo:<id>:<id>`), so the person can answer them with a number.
 * @example senders.zalo = zaloSender(new ZaloClient({ token, apiBase, retries: 0 }), store, now, "vi");
 */
export function zaloSender(
  client: ZaloClient,
  store: Pick<Store, "accounts" | "people" | "menus">,
  now: () => Date,
  fallback: Locale,
): ChannelSender {
  return {
    async send({ chatId }, reply) {
      try {
        const rendered = [await showNotice(store, `zalo:${chatId}:${chatId}`, reply, now)];
        await sendRendered(client, chatId, rendered, await translatorFor(store, chatId, fallback));
      } catch (e) {
        throw e instanceof Unreachable ? e : zaloSendError(e);
      }
    },
  };
}
