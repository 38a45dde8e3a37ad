/**
 * Telegram updates as neutral `Incoming` messages: text, a shared contact, a document (downloaded
 * from the Bot API's file URL once the chat core allows it), a button press, and a group's migration to a supergroup.
 */
import type { Api } from "grammy";
import type { CallbackQuery, Chat, Message } from "grammy/types";
import type { Incoming } from "../../app/messages";
import { MAX_SHEET_FILE_BYTES, SheetRefused } from "../../app/sheet-reader";

/** The Bot API serves files up to 20 MB through getFile. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** A document the Bot API will not hand out (too big) or that could not be fetched. */
export class DocumentUnavailable extends Error {
  constructor(
    public readonly fileName: string,
    public readonly reason: string,
  ) {
    super(`document ${fileName} unavailable: ${reason}`);
    this.name = "DocumentUnavailable";
  }
}

/** Where files are downloaded from: `${apiRoot}/file/bot${token}/${file_path}`. */
export interface FileSource {
  api: Api;
  apiRoot: string;
  token: string;
  fetch?: typeof fetch;
}

/** "group" for groups and supergroups, "private" for a chat with one person; channels are not chats we serve. */
export function chatTypeOf(chat: Chat): Incoming["chatType"] | undefined {
  if (chat.type === "private") return "private";
  if (chat.type === "group" || chat.type === "supergroup") return "group";
  return undefined;
}

/** Downloads a file by id through getFile and the file URL, reading at most `limit` bytes. */
export async function downloadFile(source: FileSource, fileId: string, fileName: string, limit = MAX_DOCUMENT_BYTES): Promise<Buffer> {
  const file = await source.api.getFile(fileId);
  if (!file.file_path) throw new DocumentUnavailable(fileName, "no file_path");
  if ((file.file_size ?? 0) > limit) throw new SheetRefused("tooLarge");
  const res = await (source.fetch ?? fetch)(`${source.apiRoot}/file/bot${source.token}/${file.file_path}`, {
    signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
  });
  if (!res.ok || !res.body) throw new DocumentUnavailable(fileName, `HTTP ${res.status}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += chunk.length;
    if (size > limit) throw new SheetRefused("tooLarge");
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** A download must be done within this. */
const DOWNLOAD_TIMEOUT_MS = 60_000;

/**
 * The `Incoming` of a message, or undefined for what we do not serve (bots, channels, service
 * messages other than a migration). A contact counts only when people share their own.
 */
export async function messageToIncoming(message: Message, files: FileSource): Promise<Incoming | undefined> {
  const chatType = chatTypeOf(message.chat);
  if (!chatType || message.from?.is_bot) return undefined;
  const chatId = String(message.chat.id);
  const userId = String(message.from?.id ?? message.chat.id);
  const base = { channel: "telegram" as const, chatId, userId, chatType, text: message.text ?? message.caption ?? "" };
  if (message.migrate_to_chat_id)
    return { ...base, chatId: String(message.migrate_to_chat_id), migratedFromChatId: chatId, chatType: "group" };
  if (message.migrate_from_chat_id) return { ...base, migratedFromChatId: String(message.migrate_from_chat_id), chatType: "group" };
  const contact = message.contact;
  if (contact) return contact.user_id === message.from?.id ? { ...base, contactPhone: contact.phone_number } : base;
  const doc = message.document;
  if (doc) {
    const fileName = doc.file_name ?? "document";
    if ((doc.file_size ?? 0) > MAX_DOCUMENT_BYTES) throw new DocumentUnavailable(fileName, "larger than 20 MB");
    // Downloaded only when the chat core has checked who sent it and its declared size.
    const download = () => downloadFile(files, doc.file_id, fileName, MAX_SHEET_FILE_BYTES);
    return { ...base, document: { fileName, size: doc.file_size, download } };
  }
  return message.text !== undefined ? base : undefined;
}

/** The `Incoming` of a button press: its data as text, in the chat where the button was. */
export function callbackToIncoming(query: CallbackQuery): Incoming | undefined {
  if (query.data === undefined) return undefined;
  const chat = query.message?.chat;
  const chatType = chat ? chatTypeOf(chat) : "private";
  if (!chatType) return undefined;
  return {
    channel: "telegram",
    chatId: String(chat?.id ?? query.from.id),
    userId: String(query.from.id),
    chatType,
    text: query.data,
    isButton: true,
  };
}

/**
 * True when a group message is addressed to the bot without being a command: a reply to one of its
 * messages, or an @mention of its username.
 */
export function addressesBot(message: Message, me: { id: number; username?: string }): boolean {
  if (message.reply_to_message?.from?.id === me.id) return true;
  const text = message.text ?? message.caption ?? "";
  return Boolean(me.username) && text.toLowerCase().includes(`@${me.username!.toLowerCase()}`);
}
