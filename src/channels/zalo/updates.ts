/**
 * Zalo updates and how they become the chat core's `Incoming`. Webhook bodies come flat or wrapped
 * in `{ ok, result }`; both are accepted. In groups the bot answers only when it is @mentioned or
 * replied to, and the mention is removed before the text reaches the core.
 */
import { z } from "zod";
import type { Incoming } from "../../app/messages";

const ZaloMessage = z.looseObject({
  message_id: z.coerce.string(),
  from: z.looseObject({ id: z.coerce.string(), display_name: z.string().optional(), name: z.string().optional() }),
  chat: z.looseObject({ id: z.coerce.string(), chat_type: z.string().default("PRIVATE") }),
  date: z.number().optional(),
  text: z.string().optional(),
  /** Present on a reply; the platform's name for it varies, so any of these counts. */
  reply_to_message: z.unknown().optional(),
  quote: z.unknown().optional(),
});

export const ZaloUpdate = z.looseObject({
  event_name: z.string(),
  message: ZaloMessage.optional(),
});

export type ZaloUpdate = z.infer<typeof ZaloUpdate>;
export type ZaloMessage = z.infer<typeof ZaloMessage>;

/** What getMe answers; the field holding the name differs between API versions. */
export interface ZaloBotInfo {
  id: string;
  account_name?: string;
  display_name?: string;
  name?: string;
}

/** Reads an update from a webhook body or a getUpdates result, flat or wrapped; undefined if neither. */
export function parseUpdate(body: unknown): ZaloUpdate | undefined {
  const inner = body && typeof body === "object" && "result" in body && !("event_name" in body) ? (body as { result: unknown }).result : body;
  const parsed = ZaloUpdate.safeParse(inner);
  return parsed.success ? parsed.data : undefined;
}

/** The names people use to @mention the bot. */
export function botNames(me: ZaloBotInfo | undefined): string[] {
  return [me?.display_name, me?.account_name, me?.name].filter((n): n is string => !!n && n.trim().length > 0);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Removes `@<bot name>` wherever it appears; returns undefined when the bot was not mentioned. */
export function stripMention(text: string, names: readonly string[]): string | undefined {
  let found = false;
  let out = text;
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    const re = new RegExp(`@${escape(name)}(?![\\p{L}\\p{N}_])`, "giu");
    out = out.replace(re, () => {
      found = true;
      return " ";
    });
  }
  return found ? out.replace(/[ \t]+/g, " ").trim() : undefined;
}

/**
 * The `Incoming` for an update, or undefined when the bot should stay silent: not a text message,
 * or a group message neither mentioning nor replying to the bot.
 * @example toIncoming(update, ["Đoàn Khối Bot"]) // { channel: "zalo", chatId, userId, chatType, text }
 */
export function toIncoming(update: ZaloUpdate, names: readonly string[]): Incoming | undefined {
  const m = update.message;
  if (!m || typeof m.text !== "string" || !update.event_name.startsWith("message.text")) return undefined;
  const group = m.chat.chat_type.toUpperCase() === "GROUP";
  let text = m.text;
  if (group) {
    const stripped = stripMention(text, names);
    const isReply = m.reply_to_message !== undefined || m.quote !== undefined;
    if (stripped === undefined && !isReply) return undefined;
    text = stripped ?? text;
  }
  return { channel: "zalo", chatId: m.chat.id, userId: m.from.id, chatType: group ? "group" : "private", text };
}
