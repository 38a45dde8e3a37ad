/**
 * Which Bot API calls may be repeated after a failure — the one rule every channel's client and
 * the delivery follow (Telegram and Zalo share the method names).
 *
 * - A 429 or a 5xx is an answer: the server did not do the call (429) or says it failed (5xx).
 *   Any call may be repeated (after `retry_after`, or a backoff).
 * - A connection that was never made (refused, name not resolved, network unreachable) never
 *   carried the request: any call may be repeated.
 * - No answer — a time-out, or a connection dropped after the request went out — may mean the
 *   request arrived and was done. Only calls that do the same thing when done twice may be
 *   repeated: reads (getUpdates with its offset, getMe, getFile, getChat, getWebhookInfo),
 *   settings (setWebhook, deleteWebhook, setMyCommands), editing a message already sent
 *   (editMessageText: a second edit to the same text changes nothing), answering a button
 *   (answerCallbackQuery) and the typing indicator (sendChatAction). Sending a message, a
 *   document or a photo (sendMessage, sendDocument, sendPhoto) — and any method not listed — is
 *   not repeated: the person could get it twice. The caller reports it instead (`MaybeSent`).
 */

/** Methods that do the same thing when done twice: repeatable even after no answer. */
export const REPEATABLE_METHODS: ReadonlySet<string> = new Set([
  "getUpdates",
  "getMe",
  "getFile",
  "getChat",
  "getChatMember",
  "getWebhookInfo",
  "getMyCommands",
  "setWebhook",
  "deleteWebhook",
  "setMyCommands",
  "deleteMyCommands",
  "editMessageText",
  "editMessageReplyMarkup",
  "answerCallbackQuery",
  "sendChatAction",
]);

/** How a call failed: answered 429 or 5xx, never sent, or sent with no answer. */
export type CallFailure = "rate-limited" | "server-error" | "not-sent" | "no-answer";

/**
 * True when a call of `method` that failed this way may be made again.
 * @example mayRepeat("sendMessage", "no-answer") // false: it may have arrived
 */
export function mayRepeat(method: string, failure: CallFailure): boolean {
  return failure !== "no-answer" || REPEATABLE_METHODS.has(method);
}

/** Network error codes meaning the connection was never made, so the request never left. */
const NEVER_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "EADDRNOTAVAIL"]);

function codeOf(e: unknown, depth = 0): string | undefined {
  if (!e || typeof e !== "object" || depth > 4) return undefined;
  const { code, cause, error } = e as { code?: unknown; cause?: unknown; error?: unknown };
  if (typeof code === "string" && NEVER_CONNECTED.has(code)) return code;
  return codeOf(cause, depth + 1) ?? codeOf(error, depth + 1);
}

/**
 * What a thrown network error (fetch's, grammY's `HttpError`, or their causes) says about the
 * request: `not-sent` when the connection was never made, else `no-answer` (time-out, reset).
 */
export function networkFailure(e: unknown): "not-sent" | "no-answer" {
  return codeOf(e) ? "not-sent" : "no-answer";
}

/** A call that may have been done although no answer came: it was not repeated (see `mayRepeat`). */
export class MaybeSent extends Error {
  constructor(public readonly method: string) {
    super(`${method}: no answer after the request went out; it may have arrived, so it was not sent again`);
    this.name = "MaybeSent";
  }
}
