/**
 * Webhook mode: Zalo POSTs each update to our HTTPS url with the secret in the header
 * `X-Bot-Api-Secret-Token`. The secret is compared in constant time; a missing or wrong one gets
 * 403. A body over 1 MB is refused with 413 without being read, one that is not a JSON object with
 * 400 (`readJsonObject`). The update is acknowledged when handled, or after `ACK_WITHIN_MS` while its
 * handling goes on; one the store could not take before then (a full disk, a database gone) gets 500,
 * so that it may come again.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { Logger } from "pino";
import { BodyRefused, readJsonObject, refuseBody, type Route } from "../http";

export const SECRET_HEADER = "x-bot-api-secret-token";

/** An update still being handled after this (ms) is acknowledged while its handling goes on. */
export const ACK_WITHIN_MS = 3000;

/** True when `given` equals `secret`, in time that does not depend on where they differ (nor on length). */
export function secretMatches(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== "string") return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(secret));
}

function answer(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/**
 * The webhook route at `path`: checks the secret, parses the JSON body and hands it to `onUpdate`.
 * @example const route = zaloWebhookRoute({ path: "/zalo", secret, onUpdate: (b) => channel.process(b), log });
 */
export function zaloWebhookRoute(o: { path: string; secret: string; onUpdate: (body: unknown) => Promise<void>; log: Logger }): Route {
  return (req, res) => {
    if ((req.url ?? "").split("?")[0] !== o.path) return false;
    if (req.method !== "POST") {
      answer(res, 405, { ok: false, description: "method not allowed" });
      return true;
    }
    if (!secretMatches(req.headers[SECRET_HEADER], o.secret)) {
      o.log.warn({ channel: "zalo" }, "webhook call with a missing or wrong secret");
      req.resume();
      answer(res, 403, { ok: false, description: "forbidden" });
      return true;
    }
    readJsonObject(req).then(
      (body) => {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ACK_WITHIN_MS)));
        const handled = o.onUpdate(body);
        handled.catch((err) => o.log.error({ err, channel: "zalo" }, "zalo webhook update failed"));
        Promise.race([handled, late])
          .then(
            () => answer(res, 200, { ok: true }),
            () => answer(res, 500, { ok: false, description: "not handled; send it again" }),
          )
          .finally(() => clearTimeout(timer));
      },
      (e: unknown) => (e instanceof BodyRefused ? refuseBody(req, res, e) : req.destroy()),
    );
    return true;
  };
}
