/**
 * A small client of the Zalo Bot Platform API: `POST {base}/bot<TOKEN>/<method>` with a JSON body,
 * answered `{ ok: true, result }` or `{ ok: false, error_code, description }`. There is no official
 * Node SDK (and the personal-account libraries are not acceptable), so this is all we need.
 *
 * 5xx answers, 429 and network failures or timeouts are retried a bounded number of times with
 * exponential backoff — except a call that must not be repeated (sendMessage, sendPhoto) left with
 * no answer, thrown at once as `MaybeSent` (src/app/retry.ts); every other failure is thrown at
 * once as a `ZaloApiError`.
 */
import { MaybeSent, mayRepeat, networkFailure } from "../../app/retry";
import type { ZaloBotInfo, ZaloUpdate } from "./updates";

export type Fetch = typeof fetch;

/** The API refused a call, or could not be reached after the retries. */
export class ZaloApiError extends Error {
  public readonly ok = false as const;

  constructor(
    public readonly method: string,
    /** HTTP-like code: 408 idle poll, 401 bad token, 403 blocked, 5xx server, 0 network. */
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

export interface ZaloClientOptions {
  token: string;
  /** Default `https://bot-api.zaloplatforms.com`; tests point it at a fake server. */
  apiBase: string;
  fetch?: Fetch;
  /** Extra tries after a 5xx, 429 or network failure (default 3). */
  retries?: number;
  /** First backoff delay in ms, doubled at each retry (default 500). */
  backoffMs?: number;
  /** Time allowed for one request, ms (default 15 000); a long poll adds its own timeout. */
  timeoutMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
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
  /** Retry on 5xx / network failure (default true). */
  retry?: boolean;
}

function retriable(e: unknown): boolean {
  return e instanceof ZaloApiError && (e.error_code === 0 || e.error_code === 429 || e.error_code >= 500);
}

/**
 * The Zalo Bot API, one method per call.
 * @example const zalo = new ZaloClient({ token, apiBase: "https://bot-api.zaloplatforms.com" }); await zalo.sendMessage({ chat_id, text: "Xin chào" });
 */
export class ZaloClient {
  private readonly fetch: Fetch;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;
  private readonly sleep: NonNullable<ZaloClientOptions["sleep"]>;

  constructor(private readonly options: ZaloClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.retries = options.retries ?? 3;
    this.backoffMs = options.backoffMs ?? 500;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.sleep = options.sleep ?? sleep;
  }

  /** Calls any method; retries transient failures with backoff. */
  async call<R>(method: string, params: Record<string, unknown> = {}, options: CallOptions = {}): Promise<R> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once<R>(method, params, options);
      } catch (e) {
        const again = options.retry !== false && retriable(e) && attempt < this.retries && !options.signal?.aborted;
        if (!again) throw e;
        await this.sleep(this.backoffMs * 2 ** attempt, options.signal);
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

  /** The bot's own account: id and name (used to spot @mentions in groups). */
  getMe(): Promise<ZaloBotInfo> {
    return this.call("getMe");
  }

  /**
   * Waits up to `timeout` seconds for the next update: one update per call, no offset.
   * Throws a `ZaloApiError` with code 408 when nothing arrived (see `isIdlePoll`).
   */
  getUpdates(params: { timeout?: number } = {}, signal?: AbortSignal): Promise<ZaloUpdate> {
    const timeout = params.timeout ?? 30;
    return this.call("getUpdates", { timeout: String(timeout) }, { signal, timeoutMs: (timeout + 10) * 1000, retry: false });
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
