/**
 * Webhook mode: Zalo POSTs each update to our HTTPS url with the secret in the header
 * `X-Bot-Api-Secret-Token`. The secret is compared in constant time; a missing or wrong one gets
 * 403. The update is acknowledged at once and handled in the background.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { Route } from "../http";

export const SECRET_HEADER = "x-bot-api-secret-token";
const MAX_BODY = 1024 * 1024;

/** True when `given` equals `secret`, in time that does not depend on where they differ (nor on length). */
export function secretMatches(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== "string") return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(secret));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error("body too large"));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
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
    readBody(req).then(
      (text) => {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          return answer(res, 400, { ok: false, description: "invalid JSON" });
        }
        answer(res, 200, { ok: true });
        o.onUpdate(body).catch((err) => o.log.error({ err, channel: "zalo" }, "zalo webhook update failed"));
      },
      () => answer(res, 413, { ok: false, description: "body too large" }),
    );
    return true;
  };
}
