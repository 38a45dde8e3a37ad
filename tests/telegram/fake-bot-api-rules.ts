/** What the real Bot API refuses, with its own error descriptions (used by the fake Bot API). */
import { pngSize } from "../helpers/png";

/** A call the Bot API refuses: becomes `{ ok: false, error_code, description, parameters }`. */
export class TelegramRejection extends Error {
  constructor(
    public readonly error_code: number,
    description: string,
    public readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
    this.name = "TelegramRejection";
  }
}

const HTML_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "a",
  "code",
  "pre",
  "span",
  "tg-spoiler",
  "tg-emoji",
  "blockquote",
]);
const ENTITIES = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/i;

/** Text must be 1..max characters (Telegram counts UTF-16 code units after trimming). */
export function checkText(text: unknown, max: number, what: "message" | "caption"): void {
  const s = typeof text === "string" ? text : text === undefined ? "" : String(text);
  if (what === "message" && s.trim() === "") throw new TelegramRejection(400, "Bad Request: message text is empty");
  if (s.length > max)
    throw new TelegramRejection(400, `Bad Request: ${what === "message" ? "message is too long" : "message caption is too long"}`);
}

/** Telegram's HTML parse mode: known tags only, every tag closed in order, `<` and `&` escaped. */
export function checkHtml(text: string): void {
  const open: string[] = [];
  const fail = (why: string, at: number) => {
    throw new TelegramRejection(400, `Bad Request: can't parse entities: ${why} at byte offset ${Buffer.byteLength(text.slice(0, at))}`);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "&") {
      if (!ENTITIES.test(text.slice(i))) fail("Unsupported entity", i);
    } else if (c === "<") {
      const tag = /^<(\/?)([a-z][a-z-]*)(\s[^<>]*)?>/i.exec(text.slice(i));
      if (!tag) fail("Unexpected character '<'", i);
      const [whole, closing, name] = tag!;
      const lower = name!.toLowerCase();
      if (!HTML_TAGS.has(lower)) fail(`Unsupported start tag "${lower}"`, i);
      if (closing) {
        if (open.pop() !== lower) fail(`Unmatched end tag "${lower}"`, i);
      } else open.push(lower);
      i += whole.length - 1;
    }
  }
  if (open.length) fail(`Can't find end tag corresponding to start tag "${open.at(-1)}"`, text.length);
}

/** Inline buttons: callback_data 1..64 bytes, text not empty, a Mini App (web_app) only on HTTPS; reply keyboards: button text not empty. */
export function checkKeyboard(markup: unknown): void {
  const m = (typeof markup === "string" ? JSON.parse(markup) : markup) as
    | {
        inline_keyboard?: { text?: string; callback_data?: string; url?: string; web_app?: { url?: string } }[][];
        keyboard?: ({ text?: string } | string)[][];
      }
    | undefined;
  for (const b of m?.inline_keyboard?.flat() ?? []) {
    if (!b.text) throw new TelegramRejection(400, "Bad Request: text buttons are unallowed in the inline keyboard");
    if (b.callback_data !== undefined && (b.callback_data === "" || Buffer.byteLength(b.callback_data) > 64))
      throw new TelegramRejection(400, "Bad Request: BUTTON_DATA_INVALID");
    if (b.web_app && !String(b.web_app.url ?? "").startsWith("https://"))
      throw new TelegramRejection(400, "Bad Request: BUTTON_URL_INVALID");
    if (b.callback_data === undefined && !b.url && !b.web_app)
      throw new TelegramRejection(400, "Bad Request: can't parse inline keyboard button");
  }
  for (const b of m?.keyboard?.flat() ?? []) {
    if (!(typeof b === "string" ? b : b.text)) throw new TelegramRejection(400, "Bad Request: keyboard button text is empty");
  }
}

/**
 * An uploaded photo (the fake reads PNG only): at most 10 MB, width + height ≤ 10000, sides in a
 * ratio of at most 20. Returns the PhotoSize list Telegram answers with.
 */
export function checkPhoto(
  photo: unknown,
  caption: unknown,
): { file_id: string; file_unique_id: string; width: number; height: number; file_size: number }[] {
  if (caption !== undefined) checkText(caption, 1024, "caption");
  const file = photo as { filename?: string; content?: Buffer } | undefined;
  if (!file?.content) throw new TelegramRejection(400, "Bad Request: there is no photo in the request");
  if (file.content.length > 10 * 1024 * 1024) throw new TelegramRejection(400, "Bad Request: PHOTO_SAVE_FILE_INVALID");
  const size = pngSize(file.content);
  if (!size) throw new TelegramRejection(400, "Bad Request: IMAGE_PROCESS_FAILED");
  const { width, height } = size;
  if (width + height > 10000 || Math.max(width, height) / Math.min(width, height) > 20)
    throw new TelegramRejection(400, "Bad Request: PHOTO_INVALID_DIMENSIONS");
  return [{ file_id: `photo-${file.content.length}`, file_unique_id: "p", width, height, file_size: file.content.length }];
}
