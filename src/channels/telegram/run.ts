/** Runs the bot: long polling, or a webhook on a small HTTP server that also answers /healthz. */
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { webhookCallback, type Bot } from "grammy";
import type { Logger } from "pino";
import type { TelegramBot } from "./bot";

/** The updates the bot asks for; everything else Telegram keeps to itself. */
export const ALLOWED_UPDATES = ["message", "callback_query"] as const;

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
    running = bot.start({
      drop_pending_updates: false,
      allowed_updates: [...ALLOWED_UPDATES],
      onStart: () => {
        started = true;
        resolve();
      },
    });
    running.catch((err) => (started ? onFatal(err) : reject(err)));
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

/** Handles a request and returns true, or returns false to let the next handler have it. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface WebhookOptions {
  url: string;
  secret: string;
  port: number;
  /** Interface to listen on; all by default. */
  host?: string;
}

/**
 * The webhook's request handler: POST at the webhook URL's path (secret checked by grammY: 401
 * when missing or wrong), GET /healthz. Returns false for any other request, so that another
 * channel can share the same HTTP server and port.
 */
export function webhookRequestHandler(bot: Bot, options: Pick<WebhookOptions, "url" | "secret">, log: Logger): RequestHandler {
  const callback = webhookCallback(bot, "http", { secretToken: options.secret });
  const path = new URL(options.url).pathname;
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://local");
    if (req.method === "GET" && url.pathname === "/healthz") {
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ ok: true, channel: "telegram", mode: "webhook" }));
      return true;
    }
    if (req.method !== "POST" || url.pathname !== path) return false;
    callback(req, res).catch((err) => {
      log.error({ err }, "webhook request failed");
      if (!res.headersSent) res.writeHead(err instanceof SyntaxError ? 400 : 500).end();
    });
    return true;
  };
}

/**
 * Webhook mode: listens on `port` (POST at the webhook URL's path, GET /healthz), then tells
 * Telegram the URL and the secret it must send in `X-Telegram-Bot-Api-Secret-Token`.
 */
export async function startWebhook({ bot, inFlight }: TelegramBot, options: WebhookOptions, log: Logger): Promise<Running> {
  await bot.init();
  const handler = webhookRequestHandler(bot, options, log);
  const server = createServer((req, res) => void (handler(req, res) || res.writeHead(404).end()));
  server.listen(options.port, options.host);
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  await bot.api.setWebhook(options.url, { secret_token: options.secret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false });
  log.info({ mode: "webhook", port }, "telegram webhook listening");
  return {
    port,
    async stop() {
      const closed = once(server, "close");
      server.close();
      server.closeIdleConnections();
      await drain(inFlight);
      server.closeAllConnections();
      await closed;
    },
  };
}
