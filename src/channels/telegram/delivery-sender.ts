/**
 * The Telegram channel as the scheduler's `ChannelSender`. It uses its own grammY `Api` without
 * `@grammyjs/auto-retry` (the bot's Api retries 429s itself, which would hide them from the
 * delivery's limiter) and maps what Telegram answers to the delivery's errors: 429 → RateLimited
 * (its `retry_after`), blocked or gone → Unreachable, 5xx and connections never made or calls out of
 * time (`TelegramUnreachable`) → Transient, a send with no answer after the request went out →
 * MaybeSent (not repeated: src/app/retry.ts), any other refusal → Rejected.
 */
import { Api, GrammyError, HttpError } from "grammy";
import type { ChatAddress, Reply } from "../../app/messages";
import { RateLimited, Rejected, Transient, Unreachable, type ChannelSender } from "../../app/sender";
import { API_BOUNDS, boundedCalls, CLIENT_TIMEOUT_SECONDS, TelegramUnreachable } from "./api-bounds";
import { CallbackDataTooLong, isUnreachable, sendReply, type ChannelLabels } from "./outgoing";
import { noBlindRepeats } from "./repeat-guard";

/** An Api for the delivery: no auto-retry and one try per call, in the time limits of `API_BOUNDS` (the delivery retries with its own backoff). */
export function deliveryApi(token: string, apiRoot: string): Api {
  const api = new Api(token, { apiRoot, timeoutSeconds: CLIENT_TIMEOUT_SECONDS });
  api.config.use(noBlindRepeats()); // a send with no answer is MaybeSent: the delivery does not send it again
  api.config.use(boundedCalls({ ...API_BOUNDS, attempts: 1 }));
  return api;
}

/** What a failed Telegram call means to the delivery. */
export function deliveryError(e: unknown, chat: ChatAddress): Error {
  if (isUnreachable(e)) return new Unreachable(chat);
  if (e instanceof GrammyError) {
    if (e.error_code === 429) return new RateLimited(e.parameters.retry_after ?? 1);
    if (e.error_code >= 500) return new Transient(`http ${e.error_code}`);
    return new Rejected(`http ${e.error_code}: ${e.description}`.slice(0, 200));
  }
  if (e instanceof HttpError || e instanceof TelegramUnreachable) return new Transient(e.message.slice(0, 200));
  if (e instanceof CallbackDataTooLong) return new Rejected(e.message);
  return e instanceof Error ? e : new Error(String(e));
}

const noLabels: ChannelLabels = { shareContact: "", contactPrompt: "" };

/**
 * @example const sender = telegramChannelSender(deliveryApi(token, "https://api.telegram.org")); await sender.send(chat, { text: "Xin chào" });
 */
export function telegramChannelSender(api: Api, labelsFor: (chatId: string) => Promise<ChannelLabels> = async () => noLabels): ChannelSender {
  return {
    async send(chat: ChatAddress, reply: Reply) {
      try {
        await sendReply(api, chat.chatId, reply, await labelsFor(chat.chatId));
      } catch (e) {
        throw deliveryError(e, chat);
      }
    },
  };
}
