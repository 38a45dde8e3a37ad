/**
 * How the scheduler talks to a channel: one `send`, and typed errors that say what to do next.
 * The Telegram and Zalo adapters implement `ChannelSender`; `botApiSender` is a small one over
 * the Telegram Bot API's sendMessage.
 */
import type { ChatAddress, Reply } from "../chat/types";
import { Unreachable } from "../channels/notifier";

export { Unreachable };

/** Sends one reply to one chat; throws RateLimited, Unreachable, Transient or Rejected. */
export interface ChannelSender {
  send(chat: ChatAddress, reply: Reply): Promise<void>;
}

/** The channel said "too many requests": wait `retryAfter` seconds (a 429's `retry_after`). */
export class RateLimited extends Error {
  constructor(public readonly retryAfter: number) {
    super(`rate limited, retry after ${retryAfter}s`);
    this.name = "RateLimited";
  }
}

/** A failure that may pass: a 5xx, a timeout, a dropped connection. Retried with backoff. */
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
