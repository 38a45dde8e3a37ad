/**
 * The Telegram channel's one sender (`ChannelSender`), used by the scheduler's delivery
 * (notices, nudges, broadcasts, progress edits). It uses its own grammY `Api` without `@grammyjs/auto-retry` (the bot's Api retries 429s
 * itself, which would hide them from the delivery's limiter) and maps what Telegram answers to the
 * sender's errors: 429 → RateLimited (its `retry_after`), blocked or gone → Unreachable, 5xx,
 * connections never made and time-outs of calls that are safe to repeat (`TelegramUnreachable`) →
 * Transient, no answer after a send went out → MaybeSent (not repeated: src/app/retry.ts), any other
 * refusal → Rejected.
 */
import { Api, GrammyError, HttpError } from "grammy";
import type { ChatAddress } from "../../app/messages";
import { RateLimited, Rejected, Transient, Unreachable, type ChannelSender } from "../../app/sender";
import { API_BOUNDS, boundedCalls, CLIENT_TIMEOUT_SECONDS, TelegramUnreachable } from "./api-bounds";
import { CallbackDataTooLong, editReply, isUnreachable, NotEditable, sendReply, type ChannelLabels } from "./outgoing";
import { noBlindRepeats } from "./repeat-guard";

/** An Api for the sender: no auto-retry and one try per call, in the time limits of `API_BOUNDS` (its callers retry with their own backoff). */
export function senderApi(token: string, apiRoot: string): Api {
  const api = new Api(token, { apiRoot, timeoutSeconds: CLIENT_TIMEOUT_SECONDS });
  api.config.use(noBlindRepeats()); // innermost: a send with no answer is MaybeSent, never sent again
  api.config.use(boundedCalls({ ...API_BOUNDS, attempts: 1 }));
  return api;
}

/** What a failed Telegram call means to the sender's callers. */
export function senderError(e: unknown, chat: ChatAddress): Error {
  if (isUnreachable(e)) return new Unreachable(chat);
  if (e instanceof GrammyError) {
    if (e.error_code === 429) return new RateLimited(e.parameters.retry_after ?? 1);
    if (e.error_code >= 500) return new Transient(`http ${e.error_code}`);
    return new Rejected(`http ${e.error_code}: ${e.description}`.slice(0, 200));
  }
  if (e instanceof HttpError || e instanceof TelegramUnreachable) return new Transient(e.message.slice(0, 200));
  if (e instanceof CallbackDataTooLong || e instanceof NotEditable) return new Rejected(e.message);
  return e instanceof Error ? e : new Error(String(e));
}

const noLabels: ChannelLabels = { shareContact: "", contactPrompt: "" };

/**
 * Sends and edits on Telegram; resolves to the id of the last message sent.
 * @example const sender = telegramSender(senderApi(token, "https://api.telegram.org")); await sender.send(chat, { text: "Xin chào" });
 */
export function telegramSender(api: Api, labelsFor: (chatId: string) => Promise<ChannelLabels> = async () => noLabels): ChannelSender {
  const reaching = async <R>(chat: ChatAddress, act: (labels: ChannelLabels) => Promise<R>): Promise<R> => {
    try {
      return await act(await labelsFor(chat.chatId));
    } catch (e) {
      throw senderError(e, chat);
    }
  };
  return {
    send: (chat, reply) => reaching(chat, (labels) => sendReply(api, chat.chatId, reply, labels)),
    edit: (chat, messageId, reply) => reaching(chat, (labels) => editReply(api, chat.chatId, messageId, reply, labels)),
  };
}
