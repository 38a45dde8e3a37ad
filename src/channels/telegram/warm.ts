/**
 * The warm-up of the Telegram update path, run before the process takes traffic (before the webhook
 * server answers and `setWebhook`): synthetic updates from made-up people go through a bot built like
 * the real one (`createTelegramBot`: once-each, the chat queue, grammY, the outgoing renderer) and a
 * chat core the caller builds on a scratch store, with the Bot API answered in memory. The JIT then
 * has compiled the path when the first crowd comes. Nothing reaches the network or the data.
 */
import type { Logger } from "pino";
import type { Update, UserFromGetMe } from "grammy/types";
import type { Incoming, Reply } from "../../app/messages";
import type { Locale } from "../../domain/records";
import type { UpdateClaims } from "../per-chat";
import { createTelegramBot } from "./bot";
import { channelLabels } from "./labels";

/** The commands a crowd sends first, in turn. */
const TEXTS = ["/lichhoc", "/start", "/trogiup", "/lichhoc 2"];
/** Updates handled at once during the warm-up, as a crowd sends them. */
const AT_ONCE = 20;

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

/** A Bot API answering every call at once with what a sendMessage returns. */
const inMemoryApi = (async (_url: unknown, init?: { body?: unknown }) => {
  const body = typeof init?.body === "string" ? (JSON.parse(init.body) as { chat_id?: number; text?: string }) : {};
  const result = { message_id: 1, date: 0, chat: { id: body.chat_id ?? 0, type: "private" }, text: body.text ?? "" };
  return new Response(JSON.stringify({ ok: true, result }), { headers: { "content-type": "application/json" } });
}) as unknown as typeof fetch;

function textUpdate(n: number): Update {
  const userId = 2_000_000_000 + n;
  return {
    update_id: n + 1,
    message: {
      message_id: n + 1,
      date: 0,
      chat: { id: userId, type: "private", first_name: "W" },
      from: { id: userId, is_bot: false, first_name: "W" },
      text: TEXTS[n % TEXTS.length]!,
      ...(TEXTS[n % TEXTS.length]!.startsWith("/") && {
        entities: [{ type: "bot_command", offset: 0, length: TEXTS[n % TEXTS.length]!.split(" ")[0]!.length }],
      }),
    },
  } as Update;
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
 * Runs synthetic updates through the Telegram path until `withinMs` or `most` updates are handled;
 * resolves with how many were handled. Failures are logged and end the warm-up, never the start.
 */
export async function warmTelegram(o: WarmOptions): Promise<number> {
  const built = createTelegramBot({
    token: "0:warm-up",
    apiRoot: "http://127.0.0.1:9",
    handle: o.handle,
    labelsFor: channelLabels(o.localeOf, () => me.username),
    log: o.log,
    updates: o.claims,
    apiFetch: inMemoryApi,
  });
  built.bot.botInfo = me;
  const end = Date.now() + o.withinMs;
  let next = 0;
  let handled = 0;
  const worker = async () => {
    while (next < o.most && Date.now() < end) {
      await built.bot.handleUpdate(textUpdate(next++));
      handled++;
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker)).catch((err) => o.log.warn({ err }, "warm-up stopped"));
  return handled;
}
