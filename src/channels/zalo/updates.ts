/**
 * Zalo updates and how they become the chat core's `Incoming`. Webhook bodies come flat or wrapped
 * in `{ ok, result }`; both are accepted. Zalo delivers a group message only when it @mentions or
 * quotes the bot, so every group text is answered, with the leading mention taken off first.
 */
import { z } from "zod";
import type { Incoming } from "../../app/messages";

const ZaloMessage = z.looseObject({
  message_id: z.coerce.string(),
  from: z.looseObject({ id: z.coerce.string(), display_name: z.string().optional(), name: z.string().optional(), is_bot: z.boolean().optional() }),
  chat: z.looseObject({ id: z.coerce.string(), chat_type: z.string().default("PRIVATE") }),
  date: z.number().optional(),
  text: z.string().optional(),
});

export const ZaloUpdate = z.looseObject({
  event_name: z.string(),
  message: ZaloMessage.optional(),
});

export type ZaloUpdate = z.infer<typeof ZaloUpdate>;
export type ZaloMessage = z.infer<typeof ZaloMessage>;

/** The event Zalo sends instead of the content for some senders (children, some accounts): the bot can only say it reads text. */
export const UNSUPPORTED_EVENT = "message.unsupported.received";

/**
 * What getMe answers: `id`, `account_name` (like `bot.VDKyGxQvc`), `account_type`,
 * `can_join_groups` — no display name, so the name people type in a mention is not known from it.
 */
export interface ZaloBotInfo {
  id: string;
  account_name?: string;
  account_type?: string;
  can_join_groups?: boolean;
}

/** Reads an update from a webhook body or a getUpdates result, flat or wrapped; undefined if neither. */
export function parseUpdate(body: unknown): ZaloUpdate | undefined {
  const inner = body && typeof body === "object" && "result" in body && !("event_name" in body) ? (body as { result: unknown }).result : body;
  const parsed = ZaloUpdate.safeParse(inner);
  return parsed.success ? parsed.data : undefined;
}

/** The names people may type after `@` for the bot: the configured `ZALO_BOT_NAME`, then getMe's `account_name`. */
export function botNames(me: ZaloBotInfo | undefined, configured?: string): string[] {
  return [configured, me?.account_name].filter((n): n is string => !!n && n.trim().length > 0).map((n) => n.trim());
}

/** True when the update is the bot's own message coming back (Zalo redelivers them): from a bot, or from the bot's id. */
export function isEcho(update: ZaloUpdate, me: ZaloBotInfo | undefined): boolean {
  const from = update.message?.from;
  return !!from && (from.is_bot === true || (!!me?.id && from.id === me.id));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A command typed anywhere at a word's start: `/trogiup`, `/đăngký`. */
const FIRST_COMMAND = /(?:^|\s)(\/[\p{L}\p{N}_])/u;

/**
 * A group text without the mention that starts it: everything before the first `/command`, or
 * else a leading `@<bot name>`; the bot's `@<name>` elsewhere is removed too. Text without either
 * is kept as typed.
 * @example stripMention("@Bot Đoàn Khối /trogiup", []) // "/trogiup"
 * @example stripMention("@Bot Đoàn Khối 2", ["Bot Đoàn Khối"]) // "2"
 */
export function stripMention(text: string, names: readonly string[]): string {
  const command = FIRST_COMMAND.exec(text);
  let out = command ? text.slice(command.index + command[0].length - command[1]!.length) : text;
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    const whole = `${escape(name)}(?![\\p{L}\\p{N}_])`;
    out = out.replace(new RegExp(`^\\s*@?${whole}[\\s,:]*`, "iu"), "").replace(new RegExp(`\\s*@${whole}`, "giu"), "");
  }
  return out.replace(/[ \t]+/g, " ").trim();
}

/**
 * The `Incoming` for a text update, or undefined when it is not one (an image, a sticker, an event
 * without a message). Group texts are answered with the bot's mention taken off.
 * @example toIncoming(update, ["Bot Đoàn Khối"]) // { channel: "zalo", chatId, userId, chatType, text }
 */
export function toIncoming(update: ZaloUpdate, names: readonly string[]): Incoming | undefined {
  const m = update.message;
  if (!m || typeof m.text !== "string" || !update.event_name.startsWith("message.text")) return undefined;
  const group = m.chat.chat_type.toUpperCase() === "GROUP";
  // Zalo delivers only the group messages that mention or quote the bot: every one is addressed to it.
  const text = group ? stripMention(m.text, names) : m.text;
  return { channel: "zalo", chatId: m.chat.id, userId: m.from.id, chatType: group ? "group" : "private", text, toBot: group || undefined };
}
