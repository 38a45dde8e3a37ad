/**
 * The web view's answers and the headers every one carries: a strict CSP (no inline script or style;
 * Telegram's script only; framing only by Telegram's web clients), no caching of personal pages, the
 * session cookie, and small request readers (form bodies, cookies). Nothing personal is logged.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { WEB_SESSION_TTL_MS } from "../domain/web";

/** Telegram's web clients: the only pages allowed to frame the view (the Mini App inside web.telegram.org). */
export const TELEGRAM_WEB_CLIENTS = ["https://web.telegram.org", "https://webk.telegram.org", "https://webz.telegram.org"];

export const CSP = [
  "default-src 'none'",
  "script-src 'self' https://telegram.org",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  `frame-ancestors ${TELEGRAM_WEB_CLIENTS.join(" ")}`,
].join("; ");

const COMMON = {
  "Content-Security-Policy": CSP,
  "X-Content-Type-Options": "nosniff",
  // Not "no-referrer": under it a browser sends `Origin: null` with forms, and the origin check below needs it.
  "Referrer-Policy": "same-origin",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** The cookie holding a session's secret. */
export const SESSION_COOKIE = "doan_web";

/** Sends a personal answer: never cached, never kept by a proxy. */
export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type = "text/html; charset=utf-8",
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { ...COMMON, "Content-Type": type, "Cache-Control": "no-store", ...extra }).end(body);
}

/** Sends a public asset (CSS, script): cacheable for an hour. */
export function sendAsset(res: ServerResponse, body: string, type: string): void {
  res.writeHead(200, { ...COMMON, "Content-Type": type, "Cache-Control": "public, max-age=3600" }).end(body);
}

/** Redirects after a form (303: the next request is a GET). */
export function redirect(res: ServerResponse, location: string, extra: Record<string, string> = {}): void {
  res.writeHead(303, { ...COMMON, Location: location, "Cache-Control": "no-store", ...extra }).end();
}

/**
 * The `Set-Cookie` of a session: HttpOnly, Secure where served over HTTPS, 8 hours, only under /app;
 * SameSite=Strict — except a Mini App's session over HTTPS, which Telegram Web shows in a frame of its
 * own site, where only a partitioned SameSite=None cookie (kept for that frame alone) reaches the page;
 * forms there are still held to this site's origin (`sameOrigin`).
 */
export function sessionCookie(secret: string, secure: boolean, miniApp = false): string {
  const site = miniApp && secure ? "SameSite=None; Secure; Partitioned" : `SameSite=Strict${secure ? "; Secure" : ""}`;
  return `${SESSION_COOKIE}=${secret}; Path=/app; Max-Age=${WEB_SESSION_TTL_MS / 1000}; HttpOnly; ${site}`;
}

/** A cookie's value from the request, if sent. */
export function cookieOf(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}

/** Largest form body read (a checklist of a unit's cadres fits many times over). */
const MAX_FORM_BYTES = 32 * 1024;

/** Reads an `application/x-www-form-urlencoded` body; undefined when too large or of another type. */
export function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  return new Promise((resolve) => {
    if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return resolve(undefined);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_FORM_BYTES) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(new URLSearchParams(Buffer.concat(chunks).toString("utf8"))));
    req.on("error", () => resolve(undefined));
  });
}

/**
 * True when a form was posted from the view itself: the `Origin`'s host (or, without one,
 * `Sec-Fetch-Site`) is this site. With SameSite=Strict cookies this is a second lock against
 * cross-site forms.
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin && origin !== "null") {
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  }
  const site = req.headers["sec-fetch-site"];
  return origin === "null" ? site === "same-origin" : site === undefined || site === "same-origin";
}
