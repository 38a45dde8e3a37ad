/**
 * The warm-up of the Telegram update path, run before the process takes traffic (before the webhook
 * server answers and `setWebhook`): synthetic updates from made-up people are POSTed over 127.0.0.1 to
 * the channel's own webhook route, handled by the channel's own bot and chat core (the caller points
 * the store at a scratch copy meanwhile: src/warm-up.ts), and their replies go through grammY's own Bot
 * API client (node-fetch, its keep-alive agent) to a Bot API of the warm-up's own on 127.0.0.1 (the
 * bot's `ApiDetour`). The JIT has then compiled the very functions that serve the first crowd, HTTP
 * parsing both ways included. Nothing reaches the network; both servers are closed when it ends.
 */
import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Api } from "grammy";
import type { Logger } from "pino";
import type { Update } from "grammy/types";
import { closeServer, startHttpServer, type Route } from "../http";
import type { TelegramBot } from "./bot";

/** What a crowd sends first, in turn: commands (with their entity, as Telegram marks them) and a line of plain text. */
const TEXTS = ["/lichhoc", "/start", "/trogiup", "/lichhoc 2", "chào bạn"];
/** Updates handled at once during the warm-up, as a crowd sends them. */
const AT_ONCE = 20;
/** A Bot API on 127.0.0.1 answering every call at once with what a sendMessage returns. */
async function localBotApi(): Promise<{ server: Server; root: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { chat_id?: number; text?: string }) : {};
      const result = { message_id: 1, date: 0, chat: { id: body.chat_id ?? 0, type: "private" }, text: body.text ?? "" };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result }));
    });
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  return { server, root: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Made-up people: user ids above Telegram's (at most 52 bits), so that none is a real person's, even on the scratch copy. */
const FIRST_USER = 2 ** 52;

/** Made-up people's updates; their ids are negative, which Telegram's never are (the bot remembers the ids it handled). */
function textUpdate(n: number): Update {
  const userId = FIRST_USER + n;
  const text = TEXTS[n % TEXTS.length]!;
  return {
    update_id: -(n + 1),
    message: {
      message_id: n + 1,
      date: 0,
      chat: { id: userId, type: "private", first_name: "W" },
      from: { id: userId, is_bot: false, first_name: "W" },
      text,
      ...(text.startsWith("/") && { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] }),
    },
  } as Update;
}

/** POSTs one update to the webhook as Telegram does; resolves with the status when answered. */
function post(port: number, hook: WarmHook, agent: Agent, update: Update): Promise<number> {
  const body = JSON.stringify(update);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: hook.path,
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-telegram-bot-api-secret-token": hook.secret,
        },
      },
      (res) => {
        res.resume();
        res.once("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.once("error", reject);
    req.end(body);
  });
}

/** The channel's own webhook, as the warm-up calls it. */
export interface WarmHook {
  route: Route;
  /** The path and secret the route answers. */
  path: string;
  secret: string;
}

export interface WarmOptions {
  log: Logger;
  /** At most this many updates… */
  most: number;
  /** …and no longer than this, ms. */
  withinMs: number;
}

/**
 * Runs synthetic updates through the channel's webhook route, over HTTP on 127.0.0.1, with the bot's
 * Bot API calls detoured to a Bot API of the warm-up's own, until `withinMs` or `most` updates are
 * handled; resolves with how many were handled, once none is still being handled (a webhook answers
 * after 3 s even when its update goes on: the store and the Bot API are given back only after it).
 * Failures are logged and end the warm-up, never the start.
 */
export async function warmTelegram(
  hook: WarmHook,
  bot: Pick<TelegramBot, "detour" | "inFlight">,
  token: string,
  o: WarmOptions,
): Promise<number> {
  const end = Date.now() + o.withinMs;
  const api = await localBotApi();
  bot.detour.to = new Api(token, { apiRoot: api.root });
  const server = await startHttpServer(0, [hook.route], "127.0.0.1");
  const port = (server.address() as AddressInfo).port;
  const agent = new Agent({ keepAlive: true });
  let next = 0;
  let handled = 0;
  let failed: unknown;
  const worker = async () => {
    while (failed === undefined && next < o.most && Date.now() < end) {
      const status = await post(port, hook, agent, textUpdate(next++)).catch((err: unknown) => ((failed ??= err), 0));
      if (status !== 200) {
        failed ??= new Error(`the webhook answered ${status} during the warm-up`);
        return;
      }
      handled++;
    }
  };
  try {
    await Promise.all(Array.from({ length: AT_ONCE }, worker));
    while (bot.inFlight.size) await Promise.allSettled([...bot.inFlight]);
    if (failed !== undefined) o.log.warn({ err: failed }, "warm-up stopped");
  } finally {
    bot.detour.to = undefined;
    agent.destroy();
    server.closeAllConnections();
    api.server.closeAllConnections();
    await Promise.all([closeServer(server), closeServer(api.server)]);
  }
  return handled;
}
