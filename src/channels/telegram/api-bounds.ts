/**
 * Every Bot API call ends in bounded time. grammY's own client waits up to 500 s for an answer,
 * `@grammyjs/auto-retry` retries network failures forever (its attempt limit counts only 429s and
 * 5xx), and `bot.init` / `bot.start` retry getMe and deleteWebhook forever: with the Bot API
 * resetting connections or silent, replies stalled and a start hung with nothing logged.
 *
 * `boundedCalls` is the outermost API transformer: each try of a call has its own time limit, a
 * failed try (no answer, connection reset) is retried a few times with a growing pause, and the
 * whole call — tries, pauses and auto-retry's waits for 429/5xx inside it — has a total budget.
 * When the budget or the tries are spent it throws `TelegramUnreachable`, which grammY's start-up
 * loops do not retry.
 */
import { retryDelay, type RetryBounds } from "../../domain/backoff";
import { MaybeSent, sleep } from "../../app/retry";
import type { Transformer } from "grammy";

/** How long one call may take and how often it is tried. */
export interface ApiBounds {
  /** Tries of one call after network failures or time-outs (1: no retry). */
  attempts: number;
  /** One try of an ordinary method, ms. */
  attemptMs: number;
  /** One try of an upload (sendDocument, sendPhoto), ms. */
  uploadMs: number;
  /** All tries and pauses of an ordinary call, ms. */
  totalMs: number;
  /** All tries and pauses of an upload, ms. */
  uploadTotalMs: number;
  /** getUpdates: a try may last its long-poll `timeout` plus this, ms. */
  pollSlackMs: number;
  /** Pause before the second try, doubled before each next one, ms. */
  backoffMs: number;
}

/** The bot's calls: 3 tries of 10 s within 30 s (uploads 60 s / 90 s); a start fails within about half a minute. */
export const API_BOUNDS: ApiBounds = {
  attempts: 3,
  attemptMs: 10_000,
  uploadMs: 60_000,
  totalMs: 30_000,
  uploadTotalMs: 90_000,
  pollSlackMs: 10_000,
  backoffMs: 500,
};

/** grammY's own per-request limit, a backstop above every limit of `API_BOUNDS` (getUpdates long-polls 30 s). */
export const CLIENT_TIMEOUT_SECONDS = 95;

/** What auto-retry may do inside a call's budget: 429s waited for up to 20 s, 5xx retried 3 times. */
export const AUTO_RETRY = { maxRetryAttempts: 3, maxDelaySeconds: 20, rethrowHttpErrors: true } as const;

const UPLOADS = new Set(["sendDocument", "sendPhoto"]);

/** The bounds of a call as the one retry rule reads them (`domain/backoff.ts`): `attempts` tries are `attempts − 1` retries. */
function retryBounds(bounds: ApiBounds, totalMs: number): RetryBounds {
  return { baseMs: bounds.backoffMs, maxMs: totalMs, retries: bounds.attempts - 1, withinMs: totalMs };
}

/** The Bot API could not be reached (no answer, connection refused or reset) within the tries and time allowed. */
export class TelegramUnreachable extends Error {
  constructor(
    public readonly method: string,
    public readonly attempts: number,
    public readonly elapsedMs: number,
    public readonly reason: string,
  ) {
    super(`Cannot reach the Telegram Bot API: ${method} failed ${attempts} time(s) in ${(elapsedMs / 1000).toFixed(1)} s (${reason}).`);
    this.name = "TelegramUnreachable";
  }
}

function limitsOf(method: string, payload: unknown, b: ApiBounds): { attemptMs: number; totalMs: number } {
  if (method === "getUpdates") {
    const poll = Number((payload as { timeout?: unknown } | undefined)?.timeout ?? 0) * 1000;
    return { attemptMs: poll + b.pollSlackMs, totalMs: poll + b.totalMs };
  }
  return UPLOADS.has(method) ? { attemptMs: b.uploadMs, totalMs: b.uploadTotalMs } : { attemptMs: b.attemptMs, totalMs: b.totalMs };
}

/** A short reason without data: the underlying error's code or message ("ECONNRESET", "no answer in 10 s"). */
function reasonOf(e: unknown, limit: string | undefined): string {
  if (limit) return limit;
  const cause = (e as { error?: { cause?: { code?: unknown }; code?: unknown; message?: unknown } } | undefined)?.error;
  const code = cause?.cause?.code ?? cause?.code;
  if (typeof code === "string") return code;
  return String(cause?.message ?? (e as Error)?.message ?? "network error").slice(0, 120);
}

/**
 * The transformer bounding each call (install it last, so it wraps auto-retry).
 * @example api.config.use(autoRetry(AUTO_RETRY)); api.config.use(boundedCalls());
 */
export function boundedCalls(bounds: ApiBounds = API_BOUNDS): Transformer {
  return async (prev, method, payload, callerSignal) => {
    type Signal = typeof callerSignal;
    // grammY's signals come from the abort-controller polyfill, which AbortSignal.any refuses: listen to it instead.
    const caller = callerSignal as
      | { aborted: boolean; addEventListener(t: "abort", f: () => void): void; removeEventListener(t: "abort", f: () => void): void }
      | undefined;
    const started = Date.now();
    const { attemptMs, totalMs } = limitsOf(method, payload, bounds);
    for (let attempt = 1; ; attempt++) {
      const left = totalMs - (Date.now() - started);
      const controller = new AbortController();
      let limit: string | undefined;
      // One timer per try: at the try's limit, or at the call's when less is left of it.
      const why = left < attemptMs ? `not done within ${totalMs / 1000} s` : `no answer within ${attemptMs / 1000} s`;
      const timer = setTimeout(
        () => {
          limit = why;
          controller.abort();
        },
        Math.min(attemptMs, left),
      );
      const onCaller = () => controller.abort();
      caller?.addEventListener("abort", onCaller);
      try {
        return await prev(method, payload, controller.signal as unknown as Signal);
      } catch (e) {
        // The caller gave up (polling stopped), or a send may have arrived (src/app/retry.ts): never repeated here.
        if (caller?.aborted || e instanceof MaybeSent) throw e;
        const elapsed = Date.now() - started;
        const wait = retryDelay(attempt, elapsed, retryBounds(bounds, totalMs));
        if (wait === undefined) throw new TelegramUnreachable(method, attempt, elapsed, reasonOf(e, limit));
        await sleep(wait, callerSignal as unknown as AbortSignal | undefined);
      } finally {
        clearTimeout(timer);
        caller?.removeEventListener("abort", onCaller);
      }
    }
  };
}
