/**
 * Telegram Mini App `initData`, checked as Telegram documents it: the `hash` is the HMAC-SHA256 of
 * the other fields (sorted `key=value` lines) under the key HMAC-SHA256("WebAppData", bot token),
 * compared in constant time; `auth_date` must be at most an hour old. Only what this check vouches
 * for is used — never `initDataUnsafe` from the page.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { INIT_DATA_MAX_AGE_S } from "../domain/web";

/** Why `initData` was refused (for the log; the person gets a plain 401). */
export type InitDataRefusal = "missing" | "malformed" | "bad-signature" | "expired" | "no-user";

export type InitDataCheck = { ok: true; userId: string; authDate: number } | { ok: false; reason: InitDataRefusal };

/** The HMAC of the data-check string under the bot's key, in hex. */
export function signInitData(dataCheckString: string, botToken: string): string {
  const key = createHmac("sha256", "WebAppData").update(botToken).digest();
  return createHmac("sha256", key).update(dataCheckString).digest("hex");
}

/** The data-check string: every field but `hash`, as `key=value`, sorted by key, joined by newlines. */
export function dataCheckString(params: URLSearchParams): string {
  return [...params.entries()]
    .filter(([k]) => k !== "hash")
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join("\n");
}

/**
 * Checks `initData` (the query string Telegram gives the Mini App) against the bot token at `nowS`
 * (seconds since the epoch).
 * @example checkInitData(header.slice(4), config.telegram.token, Date.now() / 1000)
 */
export function checkInitData(initData: string, botToken: string, nowS: number): InitDataCheck {
  if (!initData) return { ok: false, reason: "missing" };
  const params = new URLSearchParams(initData);
  const hash = params.get("hash") ?? "";
  if (!/^[0-9a-f]{64}$/.test(hash)) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(signInitData(dataCheckString(params), botToken), "hex");
  if (!timingSafeEqual(expected, Buffer.from(hash, "hex"))) return { ok: false, reason: "bad-signature" };
  const authDate = Number(params.get("auth_date"));
  if (!Number.isInteger(authDate) || nowS - authDate > INIT_DATA_MAX_AGE_S || authDate - nowS > 60) return { ok: false, reason: "expired" };
  let id: unknown;
  try {
    id = (JSON.parse(params.get("user") ?? "null") as { id?: unknown } | null)?.id;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (typeof id !== "number" || !Number.isSafeInteger(id)) return { ok: false, reason: "no-user" };
  return { ok: true, userId: String(id), authDate };
}
