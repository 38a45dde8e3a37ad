/**
 * Requests per person per minute, counted in this process (a fixed window a person): a page is a
 * few requests, so the limit stops only a script hammering the view, not a person reading it.
 */

/** Requests a person may make in a minute. */
export const REQUESTS_PER_MINUTE = 120;

export interface RateLimit {
  /** True when the request may go on; false when the person is over the limit this minute. */
  take(key: string, nowMs: number): boolean;
}

/** @example const limit = rateLimit(); if (!limit.take(personId, Date.now())) send(res, 429, …); */
export function rateLimit(perMinute = REQUESTS_PER_MINUTE): RateLimit {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key, nowMs) {
      const start = nowMs - (nowMs % 60_000);
      if (windows.size > 10_000) for (const [k, w] of windows) if (w.start < start) windows.delete(k);
      const w = windows.get(key);
      if (!w || w.start !== start) {
        windows.set(key, { start, count: 1 });
        return true;
      }
      w.count += 1;
      return w.count <= perMinute;
    },
  };
}
