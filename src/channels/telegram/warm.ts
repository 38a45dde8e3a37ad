/**
 * The warm-up of the Telegram update path, run before the process takes traffic (before the webhook
 * server answers and `setWebhook`): synthetic updates from made-up people are POSTed over 127.0.0.1 to
 * a webhook route built like the real one (`webhookRequestHandler`, on `startHttpServer`), handled by a
 * bot built like the real one (`createTelegramBot`: once-each, the chat queue, grammY, the outgoing
 * renderer) and a chat core the caller builds on a scratch store, and answered through grammY's own
 * Bot API client (node-fetch, its keep-alive agent) by a Bot API of the warm-up's own on 127.0.0.1.
 * The JIT then has compiled the whole path — HTTP parsing both ways included — when the first crowd
 * comes. Nothing reaches the network or the data; both servers are closed when it ends.
 */
import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { Update, UserFromGetMe } from "grammy/types";
import type { Incoming, Reply } from "../../app/messages";
import type { Locale } from "../../domain/records";
import { closeServer, startHttpServer } from "../http";
import type { UpdateClaims } from "../per-chat";
import { createTelegramBot } from "./bot";
import { channelLabels } from "./labels";
import { webhookRequestHandler } from "./run";

/** The commands a crowd sends first, in turn. */
const TEXTS = ["/lichhoc", "/start", "/trogiup", "/lichhoc 2"];
/** Updates handled at once during the warm-up, as a crowd sends them. */
const AT_ONCE = 20;
/** The warm-up's webhook path and secret (its own server: never the real one). */
const HOOK_URL = "http://127.0.0.1/warm-up";
const SECRET = "warm-up";

const me: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: "warm-up",
  username: "warm_up_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
} as UserFromGetMe;

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

function textUpdate(n: number): Update {
  const userId = 2_000_000_000 + n;
  const text = TEXTS[n % TEXTS.length]!;
  return {
    update_id: n + 1,
    message: {
      message_id: n + 1,
      date: 0,
      chat: { id: userId, type: "private", first_name: "W" },
      from: { id: userId, is_bot: false, first_name: "W" },
      text,
      entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }],
    },
  } as Update;
}

/** POSTs one update to the warm-up's webhook as Telegram does; resolves with the status when answered. */
function post(port: number, agent: Agent, update: Update): Promise<number> {
  const body = JSON.stringify(update);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: new URL(HOOK_URL).pathname,
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-telegram-bot-api-secret-token": SECRET,
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

export interface WarmOptions {
  /** The chat core on a scratch store (never the real one). */
  handle: (msg: Incoming) => Promise<Reply[]>;
  /** The update log on that scratch store. */
  claims: UpdateClaims;
  localeOf: (userId: string) => Promise<Locale>;
  log: Logger;
  /** At most this many updates… */
  most: number;
  /** …and no longer than this, ms. */
  withinMs: number;
}

/**
 * Runs synthetic updates through the Telegram path, over HTTP on 127.0.0.1, until `withinMs` or
 * `most` updates are handled; resolves with how many were handled. Failures are logged and end the
 * warm-up, never the start.
 */
export async function warmTelegram(o: WarmOptions): Promise<number> {
  const end = Date.now() + o.withinMs;
  const api = await localBotApi();
  const built = createTelegramBot({
    token: "0:warm-up",
    apiRoot: api.root,
    handle: o.handle,
    labelsFor: channelLabels(o.localeOf, () => me.username),
    log: o.log,
    updates: o.claims,
  });
  built.bot.botInfo = me;
  const hook = await startHttpServer(0, [webhookRequestHandler(built.bot, { url: HOOK_URL, secret: SECRET }, o.log)], "127.0.0.1");
  const port = (hook.address() as AddressInfo).port;
  const agent = new Agent({ keepAlive: true });
  let next = 0;
  let handled = 0;
  const worker = async () => {
    while (next < o.most && Date.now() < end) {
      const status = await post(port, agent, textUpdate(next++));
      if (status !== 200) throw new Error(`the warm-up's webhook answered ${status}`);
      handled++;
    }
  };
  try {
    await Promise.all(Array.from({ length: AT_ONCE }, worker)).catch((err) => o.log.warn({ err }, "warm-up stopped"));
  } finally {
    agent.destroy();
    hook.closeAllConnections();
    api.server.closeAllConnections();
    await Promise.all([closeServer(hook), closeServer(api.server)]);
  }
  return handled;
}
