/**
 * A small client of the Zalo Bot Platform API: `POST {base}/bot<TOKEN>/<method>` with a JSON body,
 * answered `{ ok: true, result }` or `{ ok: false, error_code, description }`. There is no official
 * Node SDK (and the personal-account libraries are not acceptable), so this is all we need.
 *
 * Zalo documents its error codes as 400 bad request, 401 bad token, 403 *internal server error*,
 * 404 not found, 408 timeout and 429 quota exceeded. 403, 408, 429, 5xx and network failures are
 * transient: retried with bounded exponential backoff (attempts and total time). Every other
 * failure is thrown at once as a `ZaloApiError` — and a call that must not be repeated (sendMessage,
 * sendPhoto) left with no answer as `MaybeSent` (src/app/retry.ts). Nothing documents how a person
 * who blocked the bot shows; `meansBlocked` matches the error's description, never the code alone.
 */
import { retryDelay, type RetryBounds } from "../../domain/backoff";
import { MaybeSent, mayRepeat, networkFailure } from "../../app/retry";
import type { ZaloBotInfo, ZaloUpdate } from "./updates";

export type Fetch = typeof fetch;

/** The API refused a call, or could not be reached after the retries. */
export class ZaloApiError extends Error {
  public readonly ok = false as const;

  constructor(
    public readonly method: string,
    /** Zalo's code: 400 bad request, 401 bad token, 403 server error, 408 timeout (idle poll), 429 quota, 0 network. */
    public readonly error_code: number,
    public readonly description: string,
  ) {
    super(`Zalo ${method} failed (${error_code}): ${description}`);
    this.name = "ZaloApiError";
  }
}

/** True for the error `getUpdates` answers when no update arrived during the long poll. */
export function isIdlePoll(e: unknown): boolean {
  return e instanceof ZaloApiError && e.error_code === 408;
}

/**
 * The words of an answer that says the person blocked or left the bot. Zalo documents no code for
 * it (its 403 is an internal server error), so only a description like these marks a person
 * unreachable; extend it here, and only here, when the real API's wording is seen.
 */
export const BLOCKED_DESCRIPTION = /\b(user|người dùng)\b.*\b(blocked|unfollowed)\b|\bblocked (the|this) bot\b|đã chặn bot/i;

/** True when Zalo's answer says the person blocked or left the bot (never on a code alone). */
export function meansBlocked(e: unknown): boolean {
  return e instanceof ZaloApiError && e.error_code !== 0 && BLOCKED_DESCRIPTION.test(e.description);
}

/** True for a failure that may pass: 403 (Zalo's server error), 408, 429, 5xx, network; a blocked person's answer never. */
export function isTransient(e: unknown): boolean {
  if (!(e instanceof ZaloApiError) || meansBlocked(e)) return false;
  const code = e.error_code;
  return code === 0 || code === 403 || code === 408 || code === 429 || code >= 500;
}

/**
 * `getUpdates` refused with 400: Zalo does not serve long polling while a webhook is set. The
 * message says so, and what to do.
 */
export class WebhookIsSet extends ZaloApiError {
  constructor(description: string) {
    super("getUpdates", 400, description);
    this.message =
      `Zalo refused getUpdates (400: ${description}): long polling does not work while a webhook is set. ` +
      "Another process may run this bot in webhook mode (ZALO_WEBHOOK_URL), or a webhook was left from an earlier run: " +
      "stop the other process, or call deleteWebhook (this bot does at start in polling mode), or run in webhook mode.";
    this.name = "WebhookIsSet";
  }
}

export interface ZaloClientOptions {
  token: string;
  /** Default `https://bot-api.zaloplatforms.com`; tests point it at a fake server. */
  apiBase: string;
  fetch?: Fetch;
  /** Extra tries after a transient failure (default 3). */
  retries?: number;
  /** First backoff delay in ms, doubled at each retry up to `maxBackoffMs` (default 500 and 8 000). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** No retry starts later than this after the first try, ms (default 20 000). */
  retryWithinMs?: number;
  /** Time allowed for one request, ms (default 15 000); a long poll adds its own timeout. */
  timeoutMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Milliseconds of a clock, for the time bound of retries (default `Date.now`). */
  now?: () => number;
}

/** Waits `ms`, or less when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Retry transient failures (default true). */
  retry?: boolean;
}

/**
 * The Zalo Bot API, one method per call.
 * @example const zalo = new ZaloClient({ token, apiBase: "https://bot-api.zaloplatforms.com" }); await zalo.sendMessage({ chat_id, text: "Xin chào" });
 */
export class ZaloClient {
  private readonly fetch: Fetch;
  private readonly bounds: RetryBounds;
  private readonly timeoutMs: number;
  private readonly sleep: NonNullable<ZaloClientOptions["sleep"]>;
  private readonly now: () => number;

  constructor(private readonly options: ZaloClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.bounds = {
      retries: options.retries ?? 3,
      baseMs: options.backoffMs ?? 500,
      maxMs: options.maxBackoffMs ?? 8000,
      withinMs: options.retryWithinMs ?? 20_000,
    };
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.sleep = options.sleep ?? sleep;
    this.now = options.now ?? Date.now;
  }

  /**
   * Calls any method; retries transient failures with backoff, within the retries and the time allowed.
   * A retried send that timed out (408, or no answer) may have been delivered: a person can then see it twice.
   */
  async call<R>(method: string, params: Record<string, unknown> = {}, options: CallOptions = {}): Promise<R> {
    const started = this.now();
    for (let retry = 1; ; retry++) {
      try {
        return await this.once<R>(method, params, options);
      } catch (e) {
        const delay = options.retry !== false && isTransient(e) && !options.signal?.aborted ? retryDelay(retry, this.now() - started, this.bounds) : undefined;
        if (delay === undefined) throw e;
        await this.sleep(delay, options.signal);
      }
    }
  }

  private async once<R>(method: string, params: Record<string, unknown>, options: CallOptions): Promise<R> {
    const url = `${this.options.apiBase.replace(/\/+$/, "")}/bot${this.options.token}/${method}`;
    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    let body: { ok?: boolean; result?: unknown; error_code?: number; description?: string } | undefined;
    try {
      response = await this.fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(params), signal });
      body = (await response.json().catch(() => undefined)) as typeof body;
    } catch (e) {
      // No answer to a call that must not be repeated (sendMessage…): it may have arrived (src/app/retry.ts).
      if (!mayRepeat(method, networkFailure(e))) throw new MaybeSent(method);
      const reason = options.signal?.aborted ? "aborted" : timeout.aborted ? "timeout" : (e as Error).message;
      throw new ZaloApiError(method, 0, reason);
    }
    if (body?.ok === true) return body.result as R;
    const code = body?.error_code ?? (response.ok ? 500 : response.status);
    throw new ZaloApiError(method, code, body?.description ?? response.statusText ?? "unknown error");
  }

  /** The bot's own account: `id`, `account_name` (like `bot.VDKyGxQvc`), `account_type`, `can_join_groups`; no display name. */
  getMe(): Promise<ZaloBotInfo> {
    return this.call("getMe");
  }

  /**
   * Waits up to `timeout` seconds for the next update: one update per call, no offset.
   * Throws a `ZaloApiError` with code 408 when nothing arrived (see `isIdlePoll`), and
   * `WebhookIsSet` when Zalo refuses because a webhook is set.
   */
  async getUpdates(params: { timeout?: number } = {}, signal?: AbortSignal): Promise<ZaloUpdate> {
    const timeout = params.timeout ?? 30;
    try {
      return await this.call("getUpdates", { timeout: String(timeout) }, { signal, timeoutMs: (timeout + 10) * 1000, retry: false });
    } catch (e) {
      throw e instanceof ZaloApiError && e.error_code === 400 ? new WebhookIsSet(e.description) : e;
    }
  }

  /** Sends updates to an HTTPS url with the secret header `X-Bot-Api-Secret-Token` (8–256 chars). */
  setWebhook(params: { url: string; secret_token: string }): Promise<unknown> {
    return this.call("setWebhook", params);
  }

  deleteWebhook(): Promise<unknown> {
    return this.call("deleteWebhook");
  }

  /** Text of 1–2000 characters. */
  sendMessage(params: { chat_id: string; text: string }): Promise<{ message_id?: string }> {
    return this.call("sendMessage", params);
  }

  /** A photo by URL, with an optional caption. */
  sendPhoto(params: { chat_id: string; photo: string; caption?: string }): Promise<{ message_id?: string }> {
    return this.call("sendPhoto", params);
  }

  /** Shows "typing…" (`action: "typing"`). */
  sendChatAction(params: { chat_id: string; action: "typing" | "upload_photo" }): Promise<unknown> {
    return this.call("sendChatAction", params, { retry: false });
  }
}
