/** Runs the bot: long polling, or a webhook on a small HTTP server that also answers /healthz. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { webhookCallback, type Bot } from "grammy";
import type { Logger } from "pino";
import type { Update } from "grammy/types";
import { BodyRefused, closeServer, readJsonObject, refuseBody, startHttpServer, type Route } from "../http";
import type { TelegramBot } from "./bot";

/** The updates the bot asks for; everything else Telegram keeps to itself. */
export const ALLOWED_UPDATES = ["message", "callback_query"] as const;

/** Long polling must have started (webhook removed) within this, ms. */
export const START_WITHIN_MS = 45_000;

/** A running bot: `stop` stops taking updates and resolves when those in flight are done. */
export interface Running {
  stop(): Promise<void>;
  /** The webhook server's port (webhook mode only). */
  port?: number;
}

async function drain(inFlight: Set<Promise<unknown>>): Promise<void> {
  while (inFlight.size) await Promise.allSettled([...inFlight]);
}

/**
 * Long polling with `bot.start` (pending updates kept). Resolves once polling runs; rejects if
 * it cannot start (a wrong token). A later fatal error (409: another poller) goes to `onFatal`.
 */
export async function startPolling({ bot, inFlight }: TelegramBot, log: Logger, onFatal: (err: unknown) => void): Promise<Running> {
  let started = false;
  let running: Promise<void> | undefined;
  await new Promise<void>((resolve, reject) => {
    // grammY retries deleteWebhook by itself on 5xx without end: the start has a deadline.
    const late = setTimeout(() => {
      reject(new Error(`long polling did not start within ${START_WITHIN_MS / 1000} s (deleteWebhook)`));
      void bot.stop().catch(() => undefined);
    }, START_WITHIN_MS);
    running = bot.start({
      drop_pending_updates: false,
      allowed_updates: [...ALLOWED_UPDATES],
      onStart: () => {
        clearTimeout(late);
        started = true;
        resolve();
      },
    });
    running.catch((err) => {
      clearTimeout(late);
      if (started) onFatal(err);
      else reject(err);
    });
  });
  log.info({ mode: "polling" }, "telegram bot polling");
  return {
    async stop() {
      await bot.stop();
      await running?.catch(() => undefined);
      await drain(inFlight);
    },
  };
}

export interface WebhookOptions {
  url: string;
  secret: string;
  port: number;
  /** Interface to listen on; all by default. */
  host?: string;
  /** Mount the route on a server the caller runs (shared with Zalo) instead of starting one. */
  mount?: (route: Route) => void;
}

/** A webhook update is answered 200 within this, ms, even when its handling goes on. */
export const ACK_WITHIN_MS = 3000;

/** Telegram's secret header, as Node spells it. */
const SECRET_HEADER = "x-telegram-bot-api-secret-token";

/**
 * grammY's Node adapter with our body reader: the update is read only after the secret was checked
 * (grammY asks for it after), at most 1 MB (413 otherwise, without reading the rest), and must be a
 * JSON object with a numeric `update_id` (400 otherwise).
 */
function boundedHttpAdapter(req: IncomingMessage, res: ServerResponse) {
  const header = req.headers[SECRET_HEADER];
  return {
    get update() {
      return readJsonObject(req).then((body) => {
        if (!Number.isSafeInteger(body.update_id)) throw new BodyRefused(400, "not a Telegram update");
        return body as unknown as Update;
      });
    },
    header: Array.isArray(header) ? header[0] : header,
    end: () => void res.end(),
    respond: (json: string) => void res.writeHead(200, { "Content-Type": "application/json" }).end(json),
    unauthorized: () => void res.writeHead(401).end("secret token is wrong"),
  };
}

/** Whether a request's URL is at `path` (already normalised by URL): plain comparison first, URL parsing only for odd spellings. */
function atPath(reqUrl: string | undefined, path: string): boolean {
  if (reqUrl === path || reqUrl?.startsWith(`${path}?`)) return true;
  return new URL(reqUrl ?? "/", "http://local").pathname === path;
}

/**
 * The webhook's request handler: POST at the webhook URL's path (secret checked by grammY: 401
 * when missing or wrong; body checked by `boundedHttpAdapter`: 413, 400). Returns false for any
 * other request, so that another channel can share the same HTTP server and port.
 */
export function webhookRequestHandler(bot: Bot, options: Pick<WebhookOptions, "url" | "secret">, log: Logger): Route {
  // Typed by grammY as the adapter's `handlerReturn`; the callback itself is async.
  // An update still being handled after ACK_WITHIN_MS (a long import) is acknowledged and goes on
  // in the background: its replies are sent when it is done, and Telegram does not send it again.
  const callback = webhookCallback(bot, boundedHttpAdapter, {
    secretToken: options.secret,
    onTimeout: "return",
    timeoutMilliseconds: ACK_WITHIN_MS,
  }) as unknown as (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  const path = new URL(options.url).pathname;
  return (req, res) => {
    if (req.method !== "POST" || !atPath(req.url, path)) return false;
    callback(req, res).catch((err) => {
      if (err instanceof BodyRefused) return refuseBody(req, res, err);
      log.error({ err }, "webhook request failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
    return true;
  };
}

/**
 * Webhook mode: listens on `port` (POST at the webhook URL's path, GET /healthz), then tells
 * Telegram the URL and the secret it must send in `X-Telegram-Bot-Api-Secret-Token`. `route` is the
 * webhook's handler when it was built (and warmed) before.
 */
export async function startWebhook(
  { bot, inFlight }: TelegramBot,
  options: WebhookOptions,
  log: Logger,
  route: Route = webhookRequestHandler(bot, options, log),
): Promise<Running> {
  await bot.init();
  const server = options.mount ? undefined : await startHttpServer(options.port, [route], options.host);
  options.mount?.(route);
  const port = server ? (server.address() as AddressInfo).port : options.port;
  await bot.api.setWebhook(options.url, {
    secret_token: options.secret,
    allowed_updates: [...ALLOWED_UPDATES],
    drop_pending_updates: false,
  });
  log.info({ mode: "webhook", port }, "telegram webhook listening");
  return {
    port,
    async stop() {
      const closed = server ? closeServer(server) : Promise.resolve();
      await drain(inFlight);
      server?.closeAllConnections();
      await closed;
    },
  };
}
