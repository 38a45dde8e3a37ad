/**
 * Buttons for chats that have none (Zalo, the console): options are shown numbered and the
 * person answers with the number or the option's text. The options last shown are kept in the
 * store so that the answer still works after a restart.
 */
import type { Store } from "../store/store";
import type { Button, Incoming, Reply } from "./types";
import { fold } from "../domain/text";

/** The reply's text followed by its buttons as `1. label` lines. */
export function renderNumbered(reply: Reply, startAt = 1): { text: string; options: Button[] } {
  const options = (reply.buttons ?? []).flat();
  if (options.length === 0) return { text: reply.text, options };
  const lines = options.map((b, i) => `${i + startAt}. ${b.label}`);
  return { text: `${reply.text}\n\n${lines.join("\n")}`, options };
}

/** Turns a number or an option's label into the option's payload; anything else stays as typed. */
export function pickOption(text: string, options: readonly Button[]): { text: string; isButton: boolean } {
  const trimmed = text.trim();
  if (/^\d{1,3}$/.test(trimmed)) {
    const option = options[Number(trimmed) - 1];
    if (option) return { text: option.data, isButton: true };
  }
  const byLabel = options.find((o) => fold(o.label) === fold(trimmed));
  return byLabel ? { text: byLabel.data, isButton: true } : { text, isButton: false };
}

/** Wraps a chat core so that numbers answer the options it last showed in each chat. */
export function withNumberedOptions(
  store: Store,
  handle: (msg: Incoming) => Promise<Reply[]>,
  now: () => Date,
): (msg: Incoming) => Promise<{ text: string; file?: Reply["file"] }[]> {
  return async (msg) => {
    const key = `${msg.channel}:${msg.chatId}:${msg.userId}`;
    const menu = await store.menus.get(key);
    const picked = menu ? pickOption(msg.text, menu.options) : { text: msg.text, isButton: false };
    const replies = await handle({ ...msg, text: picked.text, isButton: picked.isButton });
    const options: Button[] = [];
    const out = replies.map((r) => {
      const rendered = renderNumbered(r, options.length + 1);
      options.push(...rendered.options);
      return { text: rendered.text, file: r.file };
    });
    if (options.length) await store.menus.put({ id: key, options, at: now().toISOString() });
    else if (menu) await store.menus.remove(key);
    return out;
  };
}
