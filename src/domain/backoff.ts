/**
 * Retry backoff, written once: the Zalo client, Zalo's long polling, Telegram's bounded calls
 * (`channels/telegram/api-bounds.ts`), the notifier and the scheduler's delivery all wait
 * `backoffDelay` (or `retryDelay`, within bounds) before trying again. Pure: the caller measures
 * time and sleeps.
 */

/** Bounded exponential backoff: the first wait, and the longest. */
export interface Backoff {
  baseMs: number;
  maxMs: number;
}

/**
 * The wait before retry number `n` (1 for the first retry): `baseMs · 2^(n−1)`, at most `maxMs`.
 * @example backoffDelay(3, { baseMs: 1000, maxMs: 60_000 }) // 4000
 */
export function backoffDelay(n: number, { baseMs, maxMs }: Backoff): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, n - 1));
}

/** Retries bounded in number and in time: at most `retries` of them, all within `withinMs` of the first try. */
export interface RetryBounds extends Backoff {
  retries: number;
  withinMs: number;
}

/**
 * The wait before retry number `n` when `elapsedMs` have passed since the first try, or
 * undefined when the retries are spent or the wait would end past `withinMs`.
 * @example retryDelay(1, 0, { baseMs: 500, maxMs: 8000, retries: 3, withinMs: 20_000 }) // 500
 */
export function retryDelay(n: number, elapsedMs: number, bounds: RetryBounds): number | undefined {
  if (n > bounds.retries) return undefined;
  const delay = backoffDelay(n, bounds);
  return elapsedMs + delay > bounds.withinMs ? undefined : delay;
}
