/**
 * Buttons for chats that have none (Zalo, the console): options are shown numbered and the
 * person answers with the number or the option's text. The options last shown are kept in the
 * store so that the answer still works after a restart.
 *
 * A notification's options stay answerable until the person picks one of them: they are numbered
 * after the options already open (a second registration to approve shows 3 and 4, not 1 and 2
 * again), and the conversation's own options never take their numbers. When they must be
 * renumbered, the notification's first line and its new numbers are shown again.
 */
import { DAY_MS } from "../domain/zoned-time";
import type { Store } from "../store/store";
import type { Button, Incoming, Reply } from "../app/messages";
import type { Menu } from "../domain/records";
import { excerpt, fold } from "../domain/text";

/** A reply as a chat without buttons shows it: text (options included) and maybe a file. */
export interface RenderedReply {
  text: string;
  file?: Reply["file"];
  /** A picture (a chart): the console writes it to a file; Zalo is never given one (see IMAGE_CHANNELS). */
  image?: Reply["image"];
}

/** One option as remembered: what it sends, the number shown, and the notification it belongs to. */
export type MenuOption = Menu["options"][number];

/** Options older than this are forgotten: a late "2" is not taken as yesterday's choice. */
export const MENU_TTL_MS = DAY_MS;

/** The store key of the options shown to a person in a chat. */
export function menuKey(msg: Pick<Incoming, "channel" | "chatId" | "userId">): string {
  return `${msg.channel}:${msg.chatId}:${msg.userId}`;
}

/** The number an option was shown with. */
export const numberOf = (o: MenuOption, i: number): number => o.n ?? i + 1;

/** The reply's text followed by its buttons as `1. label` lines. */
export function renderNumbered(reply: Reply, startAt = 1): { text: string; options: Button[] } {
  const options = (reply.buttons ?? []).flat();
  if (options.length === 0) return { text: reply.text, options };
  const lines = options.map((b, i) => `${i + startAt}. ${b.label}`);
  return { text: `${reply.text}\n\n${lines.join("\n")}`, options };
}

/**
 * Turns a number (`2`, `2.`, `2)`), an option's label, or a whole copied line (`2. English`) into
 * the option chosen; anything else, commands included, is no choice.
 * @example chooseOption("english", [{ label: "English", data: "/ngonngu en" }]) // the English option
 */
export function chooseOption(text: string, options: readonly MenuOption[]): MenuOption | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith("/")) return undefined;
  const numbered = /^(\d{1,3})\s*[.)]?(?:\s+([\s\S]+))?$/.exec(trimmed);
  if (numbered) {
    const option = options.find((o, i) => numberOf(o, i) === Number(numbered[1]));
    if (option && (!numbered[2] || fold(numbered[2]) === fold(option.label))) return option;
  }
  // By label: the conversation's own option first, else the oldest notification's.
  const same = options.filter((o) => fold(o.label) === fold(trimmed));
  return same.find((o) => !o.notice) ?? same[0];
}

/**
 * Turns a number, a label or a copied line into the option's payload; anything else stays as typed.
 * @example pickOption("english", [{ label: "English", data: "/ngonngu en" }]) // { text: "/ngonngu en", isButton: true }
 */
export function pickOption(text: string, options: readonly MenuOption[]): { text: string; isButton: boolean } {
  const option = chooseOption(text, options);
  return option ? { text: option.data, isButton: true } : { text, isButton: false };
}

/** A notification's first line, shown again above its options when their numbers change. */
const aboutOf = (reply: Reply): string => excerpt(reply.text.split("\n")[0] ?? "", 200);

/** The same action, however it was sent: `/duyet p-12` chosen here or typed. */
const sameAction = (a: string, b: string): boolean => fold(a) === fold(b);

async function fresh(store: Pick<Store, "menus">, key: string, now: () => Date): Promise<MenuOption[]> {
  const menu = await store.menus.get(key);
  return menu && now().getTime() - Date.parse(menu.at) <= MENU_TTL_MS ? menu.options : [];
}

async function save(store: Pick<Store, "menus">, key: string, options: MenuOption[], now: () => Date, hadMenu: boolean): Promise<void> {
  if (options.length) await store.menus.put({ id: key, options, at: now().toISOString() });
  else if (hadMenu) await store.menus.remove(key);
}

function renderAll(
  replies: readonly Reply[],
  startAt: number,
  tag?: (r: Reply, n: number) => Partial<MenuOption>,
): { out: RenderedReply[]; options: MenuOption[] } {
  const options: MenuOption[] = [];
  const out = replies.map((r) => {
    const first = startAt + options.length;
    const rendered = renderNumbered(r, first);
    options.push(...rendered.options.map((b, i) => ({ label: b.label, data: b.data, n: first + i, ...tag?.(r, first) })));
    // Features draw an image only for IMAGE_CHANNELS (not Zalo, which sends pictures only from a public URL).
    return { text: rendered.text, ...(r.file ? { file: r.file } : {}), ...(r.image ? { image: r.image } : {}) };
  });
  return { out, options };
}

/**
 * Renders a notification as numbered text and adds its options to those open in the chat, numbered
 * after them, so that every notification stays answerable until handled.
 * @example await showNotice(store, "zalo:42:42", reply, now) // what the Zalo and console senders do
 */
export async function showNotice(store: Pick<Store, "menus">, key: string, reply: Reply, now: () => Date): Promise<RenderedReply> {
  const open = await fresh(store, key, now);
  const next = open.reduce((m, o, i) => Math.max(m, numberOf(o, i)), 0) + 1;
  const notice = `${now().toISOString()}#${next}`;
  const { out, options } = renderAll([reply], next, () => ({ notice, about: aboutOf(reply) }));
  await save(store, key, [...open.map((o, i) => ({ ...o, n: numberOf(o, i) })), ...options], now, open.length > 0);
  return out[0]!;
}

/**
 * Renders the conversation's replies as numbered text and remembers their options under `key`,
 * keeping the notifications (and the replies that `stays`) still waiting for an answer: all but
 * `answered`'s, and all but those offering the action just `sent` or one a reply `settles` (a request
 * approved from another list is handled: it disappears from every later list). Those whose numbers the new options take
 * are numbered after them and shown again.
 * @example await showNumbered(store, "zalo:42:42", [reply], now)
 */
export async function showNumbered(
  store: Pick<Store, "menus">,
  key: string,
  replies: readonly Reply[],
  now: () => Date,
  hadMenu = true,
  answered?: MenuOption,
  sent?: string,
): Promise<RenderedReply[]> {
  const open = (await fresh(store, key, now)).map((o, i) => ({ ...o, n: numberOf(o, i) }));
  const at = now().toISOString();
  const { out, options } = renderAll(replies, 1, (r, n) => (r.stays ? { notice: `${at}#s${n}`, about: aboutOf(r) } : {}));
  // A group is done once answered, once its action was sent some other way, or when the new replies offer it again.
  const settled = replies.flatMap((r) => r.settles ?? []);
  const done = (o: MenuOption) =>
    (sent !== undefined && sameAction(o.data, sent)) ||
    options.some((n) => sameAction(n.data, o.data)) ||
    settled.some((a) => sameAction(a, o.data));
  const handled = new Set(open.filter((o) => o.notice && done(o)).map((o) => o.notice));
  const waiting = open.filter((o) => o.notice && o.notice !== answered?.notice && !handled.has(o.notice));
  // Numbers typed for a list in the text (a checklist) are taken too: waiting options are numbered after them.
  const typed = Math.max(0, ...replies.map((r) => r.takesNumbers ?? 0));
  const taken = new Set([...options.map((o) => o.n), ...Array.from({ length: typed }, (_, i) => i + 1)]);
  let kept = waiting;
  if (waiting.some((o) => taken.has(o.n!))) {
    kept = waiting.map((o, i) => ({ ...o, n: Math.max(options.length, typed) + i + 1 }));
    const notices = [...new Set(kept.map((o) => o.notice))];
    for (const notice of notices) {
      const mine = kept.filter((o) => o.notice === notice);
      out.push({ text: `⏳ ${mine[0]!.about ?? ""}\n\n${mine.map((o) => `${o.n}. ${o.label}`).join("\n")}` });
    }
  }
  await save(store, key, [...options, ...kept], now, hadMenu || waiting.length > 0);
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
    const hadMenu = !!(await store.menus.get(key));
    const chosen = chooseOption(msg.text, await fresh(store, key, now));
    const sent = chosen ? chosen.data : msg.text;
    const replies = await handle({ ...msg, text: sent, isButton: chosen ? true : (msg.isButton ?? false) });
    return showNumbered(store, key, replies, now, hadMenu, chosen, sent);
  };
}
