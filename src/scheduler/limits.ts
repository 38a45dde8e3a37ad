/**
 * Rate limits as data, and the token buckets that keep to them. Telegram: about 30 messages/s
 * overall, 20/min per group, 1/s per chat. Times are in ms of an injectable clock.
 */
import type { Backoff } from "../domain/backoff";
import type { ChannelName } from "../domain/records";

/** `count` messages per `perMs`, with at most `burst` at once (the bucket's size). */
export interface Rate {
  count: number;
  perMs: number;
  burst: number;
}

export interface ChannelLimits {
  overall: Rate;
  perChat: Rate;
  perGroup: Rate;
}

/**
 * Telegram's published limits, sent smoothly: per chat and group one at a time; overall 30/s with
 * a small burst of 5, so that a timer firing late is made up for (at most 34 in any one second).
 */
export const telegramLimits: ChannelLimits = {
  overall: { count: 30, perMs: 1000, burst: 5 },
  perChat: { count: 1, perMs: 1000, burst: 1 },
  perGroup: { count: 20, perMs: 60_000, burst: 1 },
};

/** Per channel; Zalo publishes no numbers, so it gets Telegram's. */
export const defaultLimits: Record<ChannelName, ChannelLimits> = {
  telegram: telegramLimits,
  zalo: telegramLimits,
  console: { overall: { count: 1000, perMs: 1000, burst: 1000 }, perChat: { count: 1000, perMs: 1000, burst: 1000 }, perGroup: { count: 1000, perMs: 1000, burst: 1000 } },
};

/**
 * A channel refusing for quota (Zalo's 429, which says nothing of how long) is paused 2 s, then
 * 4, 8… up to 10 minutes, with one message tried after each pause.
 */
export const QUOTA_BACKOFF: Backoff = { baseMs: 2000, maxMs: 10 * 60_000 };

/** Quota refusals in a row after which the admins are told (with `QUOTA_BACKOFF`, the 5th comes 30 s after the 1st). */
export const QUOTA_ALERT_AFTER = 5;

/** Every duration divided by `factor` (tests and benchmarks run a time-scaled fake server). */
export function scaleLimits(limits: ChannelLimits, factor: number): ChannelLimits {
  const s = (r: Rate): Rate => ({ ...r, perMs: r.perMs / factor });
  return { overall: s(limits.overall), perChat: s(limits.perChat), perGroup: s(limits.perGroup) };
}

/** A token bucket: `burst` tokens, refilled at `count / perMs`. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly rate: Rate,
    now: number,
  ) {
    this.tokens = rate.burst;
    this.at = now;
  }

  private refill(now: number) {
    if (now > this.at) {
      this.tokens = Math.min(this.rate.burst, this.tokens + ((now - this.at) * this.rate.count) / this.rate.perMs);
      this.at = now;
    }
  }

  /** When the next token is free (≤ now: at once). */
  freeAt(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? now : now + ((1 - this.tokens) * this.rate.perMs) / this.rate.count;
  }

  /** Takes a token, possibly ahead of time; returns when it may be used. */
  take(now: number): number {
    const at = this.freeAt(now);
    this.tokens -= 1;
    return at;
  }
}

/** The buckets of one channel: overall, and one per chat and per group (made on first use). */
export class ChannelBuckets {
  private readonly overall: TokenBucket;
  private readonly chats = new Map<string, TokenBucket>();
  private readonly groups = new Map<string, TokenBucket>();
  /** A 429 pauses the whole channel until then. */
  pausedUntil = 0;
  /** Quota refusals in a row (reset by a message sent), and when the first of them came. */
  refusals = 0;
  refusingSince?: Date;

  constructor(
    private readonly limits: ChannelLimits,
    now: number,
  ) {
    this.overall = new TokenBucket(limits.overall, now);
  }

  private bucket(map: Map<string, TokenBucket>, rate: Rate, chatId: string, now: number): TokenBucket {
    let b = map.get(chatId);
    if (!b) map.set(chatId, (b = new TokenBucket(rate, now)));
    return b;
  }

  /** When this chat could take a message, ignoring the overall limit. */
  chatFreeAt(chatId: string, group: boolean, now: number): number {
    const chat = this.bucket(this.chats, this.limits.perChat, chatId, now).freeAt(now);
    const grp = group ? this.bucket(this.groups, this.limits.perGroup, chatId, now).freeAt(now) : now;
    return Math.max(chat, grp, this.pausedUntil);
  }

  /** Reserves a message to this chat; returns when it may be sent. */
  take(chatId: string, group: boolean, now: number): number {
    const chat = this.bucket(this.chats, this.limits.perChat, chatId, now).take(now);
    const grp = group ? this.bucket(this.groups, this.limits.perGroup, chatId, now).take(now) : now;
    return Math.max(chat, grp, this.overall.take(Math.max(now, this.pausedUntil)), this.pausedUntil);
  }
}
