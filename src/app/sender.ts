/**
 * The port through which the scheduler's delivery talks to a channel: `send`, `edit` where the
 * channel can, and typed errors that say what to do next. Each channel (Telegram, Zalo, the console)
 * makes one sender, without retries of its own, so that the delivery's rate limiter sees every 429
 * and paces itself. Only the delivery sends through it (outbox entries, and a broadcast's progress
 * message in the same limits); the conversation's replies go back through the channel itself.
 */
import type { ChatAddress, Reply } from "./messages";

/** The channel says this chat can no longer be reached (blocked, kicked, deleted). */
export class Unreachable extends Error {
  constructor(public readonly chat: ChatAddress) {
    super(`unreachable ${chat.channel}:${chat.chatId}`);
    this.name = "Unreachable";
  }
}

/**
 * A channel's one sender. `send` sends one reply to one chat and resolves to the id of the message
 * sent (the last one when the reply was split), where the channel gives one; `edit`, only where the
 * channel can (Telegram's editMessageText), replaces the text of a message it sent. Both throw
 * RateLimited, QuotaExceeded, Unreachable, Transient, Rejected, or MaybeSent (src/app/retry.ts: a
 * send left without an answer, never repeated).
 * @example const sender: ChannelSender = { send: async (chat, reply) => "42", edit: async (chat, messageId, reply) => {} };
 */
export interface ChannelSender {
  send(chat: ChatAddress, reply: Reply): Promise<string | void>;
  edit?(chat: ChatAddress, messageId: string, reply: Reply): Promise<void>;
}

/** The channel said "too many requests": wait `retryAfter` seconds (a 429's `retry_after`). */
export class RateLimited extends Error {
  constructor(public readonly retryAfter: number) {
    super(`rate limited, retry after ${retryAfter}s`);
    this.name = "RateLimited";
  }
}

/**
 * The channel's quota is used up, with no word on for how long (Zalo's 429 carries no `retry_after`):
 * the delivery backs off exponentially on the whole channel and tells the admins once if it lasts.
 */
export class QuotaExceeded extends Error {
  constructor(public readonly reason: string) {
    super(`quota exceeded: ${reason}`);
    this.name = "QuotaExceeded";
  }
}

/** A failure that may pass: a 5xx (Zalo's 403), a timeout, a dropped connection. Retried with backoff, a bounded number of times. */
export class Transient extends Error {
  constructor(public readonly reason: string) {
    super(`transient failure: ${reason}`);
    this.name = "Transient";
  }
}

/** The channel refused the message itself (a 400): retrying will not help. */
export class Rejected extends Error {
  constructor(public readonly reason: string) {
    super(`rejected: ${reason}`);
    this.name = "Rejected";
  }
}
