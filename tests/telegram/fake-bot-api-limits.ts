/**
 * Telegram's rate limits as the fake Bot API enforces them (optional): about 30 messages/s
 * overall, 20/min per group (chat ids below zero), 1/s per chat; a send over a limit gets a 429
 * with `parameters.retry_after`. `timeScale` divides every duration so a test runs fast, and a
 * seeded share of sends can be answered 502 instead.
 */
import { TokenBucket, type ChannelLimits, type Rate } from "../../src/scheduler/limits";

/** Telegram's limits as a server sees them: bursts allowed within each window. */
export const serverLimits: ChannelLimits = {
  overall: { count: 30, perMs: 1000, burst: 30 },
  perChat: { count: 1, perMs: 1000, burst: 1 },
  perGroup: { count: 20, perMs: 60_000, burst: 20 },
};

export interface LimitOptions {
  /** Enforce the limits (`serverLimits` unless others are given). */
  limits?: boolean | ChannelLimits;
  /** Divides every duration of the limits (the retry_after it answers stays in real seconds). */
  timeScale?: number;
  /** Share of sends answered 502 Bad Gateway, before any limit is checked. */
  errorRate?: number;
  /** Seed of the injected errors, so that they repeat from run to run. */
  seed?: number;
}

/** A small seeded PRNG (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The limiter of the fake: which send to refuse, and for how long. */
export class SendLimiter {
  private readonly scale: number;
  private readonly limits?: ChannelLimits;
  private readonly random: () => number;
  private readonly overall?: TokenBucket;
  private readonly chats = new Map<string, TokenBucket>();
  private readonly groups = new Map<string, TokenBucket>();

  constructor(private readonly options: LimitOptions) {
    this.scale = options.timeScale ?? 1;
    this.limits = options.limits === true ? serverLimits : options.limits || undefined;
    this.random = seeded(options.seed ?? 1);
    if (this.limits) this.overall = new TokenBucket(this.scaled(this.limits.overall), Date.now());
  }

  private scaled(r: Rate): Rate {
    return { ...r, perMs: r.perMs / this.scale };
  }

  private bucket(map: Map<string, TokenBucket>, rate: Rate, chatId: string, now: number): TokenBucket {
    let b = map.get(chatId);
    if (!b) map.set(chatId, (b = new TokenBucket(this.scaled(rate), now)));
    return b;
  }

  /** True when this send is to fail with a 502 (the seeded error rate). */
  serverError(): boolean {
    return this.random() < (this.options.errorRate ?? 0);
  }

  /** 0 to accept the send (its tokens are taken), else the retry_after to answer, in real seconds. */
  retryAfter(chatId: string, now = Date.now()): number {
    if (!this.limits || !this.overall) return 0;
    const list = [this.overall, this.bucket(this.chats, this.limits.perChat, chatId, now)];
    if (chatId.startsWith("-")) list.push(this.bucket(this.groups, this.limits.perGroup, chatId, now));
    const wait = Math.max(...list.map((b) => b.freeAt(now) - now));
    if (wait > 0) return Math.max(1, Math.ceil((wait * this.scale) / 1000));
    for (const b of list) b.take(now);
    return 0;
  }
}
