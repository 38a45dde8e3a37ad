/**
 * Buttons for chats that have none (Zalo, the console): options are shown numbered and the
 * person answers with the number or the option's text. The options last shown are kept in the
 * store so that the answer still works after a restart.
 */
import type { Store } from "../store/store";
import type { Button, Incoming, Reply } from "../app/messages";
import { fold } from "../domain/text";

/** A reply as a chat without buttons shows it: text (options included) and maybe a file. */
export interface RenderedReply {
  text: string;
  file?: Reply["file"];
}

/** Options older than this are forgotten: a late "2" is not taken as yesterday's choice. */
export const MENU_TTL_MS = 24 * 60 * 60 * 1000;

/** The store key of the options shown to a person in a chat. */
export function menuKey(msg: Pick<Incoming, "channel" | "chatId" | "userId">): string {
  return `${msg.channel}:${msg.chatId}:${msg.userId}`;
}

/** The reply's text followed by its buttons as `1. label` lines. */
export function renderNumbered(reply: Reply, startAt = 1): { text: string; options: Button[] } {
  const options = (reply.buttons ?? []).flat();
  if (options.length === 0) return { text: reply.text, options };
  const lines = options.map((b, i) => `${i + startAt}. ${b.label}`);
  return { text: `${reply.text}\n\n${lines.join("\n")}`, options };
}

/**
 * Turns a number (`2`, `2.`, `2)`), an option's label, or a whole copied line (`2. English`) into
 * the option's payload; anything else, commands included, stays as typed.
 * @example pickOption("english", [{ label: "English", data: "/ngonngu en" }]) // { text: "/ngonngu en", isButton: true }
 */
export function pickOption(text: string, options: readonly Button[]): { text: string; isButton: boolean } {
  const trimmed = text.trim();
  if (trimmed.startsWith("/")) return { text, isButton: false };
  const numbered = /^(\d{1,3})\s*[.)]?(?:\s+([\s\S]+))?$/.exec(trimmed);
  if (numbered) {
    const option = options[Number(numbered[1]) - 1];
    if (option && (!numbered[2] || fold(numbered[2]) === fold(option.label))) return { text: option.data, isButton: true };
  }
  const byLabel = options.find((o) => fold(o.label) === fold(trimmed));
  return byLabel ? { text: byLabel.data, isButton: true } : { text, isButton: false };
}

/**
 * Renders replies as numbered text and remembers their options under `key` (or forgets the old
 * ones when there are none), so that the next answer can be a number.
 * @example await showNumbered(store, "zalo:42:42", [reply], now) // notifications to a private chat
 */
export async function showNumbered(
  store: Pick<Store, "menus">,
  key: string,
  replies: readonly Reply[],
  now: () => Date,
  hadMenu = true,
): Promise<RenderedReply[]> {
  const options: Button[] = [];
  const out = replies.map((r) => {
    const rendered = renderNumbered(r, options.length + 1);
    options.push(...rendered.options);
    // An image is dropped: Zalo sends pictures only from a public URL and the console prints text
    // (see IMAGE_CHANNELS); features draw none for these channels and say it all in the text.
    return r.file ? { text: rendered.text, file: r.file } : { text: rendered.text };
  });
  if (options.length) await store.menus.put({ id: key, options, at: now().toISOString() });
  else if (hadMenu) await store.menus.remove(key);
  return out;
}

/**
 * Wraps a chat core so that numbers answer the options it last showed in each chat.
 * @example const handle = withNumberedOptions(store, core.handle, deps.now); await handle(msg);
 */
export function withNumberedOptions(
  store: Pick<Store, "menus">,
  handle: (msg: Incoming) => Promise<Reply[]>,
  now: () => Date,
): (msg: Incoming) => Promise<RenderedReply[]> {
  return async (msg) => {
    const key = menuKey(msg);
    const menu = await store.menus.get(key);
    const fresh = menu && now().getTime() - Date.parse(menu.at) <= MENU_TTL_MS;
    const picked = fresh ? pickOption(msg.text, menu.options) : { text: msg.text, isButton: msg.isButton ?? false };
    const replies = await handle({ ...msg, text: picked.text, isButton: picked.isButton });
    return showNumbered(store, key, replies, now, !!menu);
  };
}
