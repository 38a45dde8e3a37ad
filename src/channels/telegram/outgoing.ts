/**
 * Neutral `Reply`s as Telegram messages: texts split at 4,096 characters (`splitText`, chat/split.ts),
 * buttons as inline keyboards, a contact request as a one-time reply keyboard, images as photos,
 * files as documents.
 */
import { GrammyError, InputFile, type Api } from "grammy";
import type { ForceReply, InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from "grammy/types";
import type { Button, Reply } from "../../app/messages";
import { splitText, TEXT_LIMITS } from "../../chat/split";

/** Longest callback data Telegram accepts, in UTF-8 bytes. */
export const MAX_CALLBACK_BYTES = 64;

/** A button whose data Telegram would refuse: a bug in the feature that made it, never sent. */
export class CallbackDataTooLong extends Error {
  constructor(
    public readonly data: string,
    public readonly bytes: number,
  ) {
    super(`button data "${data}" is ${bytes} bytes; Telegram allows 1..${MAX_CALLBACK_BYTES}`);
    this.name = "CallbackDataTooLong";
  }
}

type Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

/** Labels the channel itself shows, in the recipient's language. */
export interface ChannelLabels {
  /** The contact-share button. */
  shareContact: string;
  /** The short text carrying the contact button when the reply also has inline buttons. */
  contactPrompt: string;
  /** The bot's username: a button whose data is `/start <payload>` then opens the private chat (`t.me` deep link). */
  botUsername?: string;
}

/**
 * The inline keyboard of a reply's buttons; throws `CallbackDataTooLong` for data Telegram refuses.
 * With the bot's username, a `/start <payload>` button becomes a deep link to the private chat.
 */
export function inlineKeyboard(rows: Button[][], botUsername?: string): InlineKeyboardMarkup {
  return {
    inline_keyboard: rows.map((row) =>
      row.map((b) => {
        if (b.webApp) return { text: b.label, web_app: { url: b.webApp } };
        const deepLink = /^\/start ([A-Za-z0-9_-]{1,64})$/.exec(b.data);
        if (deepLink && botUsername) return { text: b.label, url: `https://t.me/${botUsername}?start=${deepLink[1]}` };
        const bytes = Buffer.byteLength(b.data, "utf8");
        if (bytes === 0 || bytes > MAX_CALLBACK_BYTES) throw new CallbackDataTooLong(b.data, bytes);
        return { text: b.label, callback_data: b.data };
      }),
    ),
  };
}

function contactKeyboard(labels: ChannelLabels): ReplyKeyboardMarkup {
  return { keyboard: [[{ text: labels.shareContact, request_contact: true }]], one_time_keyboard: true, resize_keyboard: true };
}

/** What to send for one reply, in order: text messages (markup on the last), the image, then the file. */
export interface Outgoing {
  texts: { text: string; markup?: Markup }[];
  image?: Reply["image"];
  file?: Reply["file"];
}

/**
 * Plans the messages of a reply (pure, so it is checked before anything is sent).
 * `removeKeyboard` takes away a contact keyboard once the contact arrived.
 */
export function planReply(reply: Reply, labels: ChannelLabels, removeKeyboard = false): Outgoing {
  const texts: Outgoing["texts"] = splitText(reply.text, TEXT_LIMITS.telegram).map((text) => ({ text }));
  const hasButtons = (reply.buttons ?? []).some((row) => row.length > 0);
  const inline = hasButtons
    ? inlineKeyboard(
        reply.buttons!.filter((row) => row.length > 0),
        labels.botUsername,
      )
    : undefined;
  if (inline && texts.length === 0) texts.push({ text: "⬇️" });
  const last = texts.at(-1);
  if (inline) last!.markup = inline;
  if (reply.askContact) {
    if (last && !last.markup) last.markup = contactKeyboard(labels);
    else texts.push({ text: labels.contactPrompt, markup: contactKeyboard(labels) });
  } else if (removeKeyboard && last && !last.markup) {
    last.markup = { remove_keyboard: true };
  }
  return { texts, image: reply.image, file: reply.file };
}

/**
 * Sends one reply to a chat; resolves to the id of the last message sent. Text is sent as plain
 * text: no parse mode, so nothing to escape.
 */
export async function sendReply(
  api: Api,
  chatId: string | number,
  reply: Reply,
  labels: ChannelLabels,
  removeKeyboard = false,
): Promise<string | undefined> {
  const plan = planReply(reply, labels, removeKeyboard);
  let last: number | undefined;
  for (const { text, markup } of plan.texts) {
    last = (await api.sendMessage(chatId, text, markup ? { reply_markup: markup } : {})).message_id;
  }
  if (plan.image) last = (await api.sendPhoto(chatId, new InputFile(plan.image.content, plan.image.name))).message_id;
  if (plan.file) last = (await api.sendDocument(chatId, new InputFile(plan.file.content, plan.file.name))).message_id;
  return last === undefined ? undefined : String(last);
}

/** A reply that cannot replace a message's text: it is split, carries a file or image, or asks for a contact. */
export class NotEditable extends Error {
  constructor(public readonly reason: "split" | "file" | "contact") {
    super(`a reply that needs a ${reason === "split" ? "second message" : reason} cannot replace a message's text`);
    this.name = "NotEditable";
  }
}

/**
 * Replaces the text (and inline buttons) of a message the bot sent. Telegram's "message is not
 * modified" (the same text again) counts as done.
 * @example await editReply(api, chatId, messageId, { text: "📤 Đã gửi 120/300" }, labels);
 */
export async function editReply(api: Api, chatId: string | number, messageId: string, reply: Reply, labels: ChannelLabels): Promise<void> {
  if (reply.file || reply.image) throw new NotEditable("file");
  if (reply.askContact) throw new NotEditable("contact");
  const plan = planReply(reply, labels);
  if (plan.texts.length !== 1) throw new NotEditable("split");
  const { text, markup } = plan.texts[0]!;
  try {
    await api.editMessageText(chatId, Number(messageId), text, markup && "inline_keyboard" in markup ? { reply_markup: markup } : {});
  } catch (e) {
    if (e instanceof GrammyError && e.error_code === 400 && /message is not modified/i.test(e.description)) return;
    throw e;
  }
}

/** True when Telegram says the chat cannot be reached any more (blocked, kicked, deleted). */
export function isUnreachable(e: unknown): boolean {
  if (!(e instanceof GrammyError)) return false;
  if (e.error_code === 403) return true;
  return e.error_code === 400 && /chat not found|user is deactivated|PEER_ID_INVALID/i.test(e.description);
}
