/** The platform-neutral conversation: what comes in from any channel and what goes back. */
import type { ChannelName } from "../domain/records";

/** A message or button press, as every channel hands it to the chat core. */
export interface Incoming {
  channel: ChannelName;
  chatId: string;
  userId: string;
  chatType: "private" | "group";
  /** Typed text, or the payload of a pressed button. */
  text: string;
  /** True when the text came from a button. */
  isButton?: boolean;
  /** In a group: the message replies to the bot or mentions it (Zalo delivers only such group messages). */
  toBot?: boolean;
  /** A phone number shared with the channel's contact button. */
  contactPhone?: string;
  /**
   * A file sent to the bot: its content, or (Telegram) its declared `size` and a `download` the
   * chat core calls only after the permission and size checks; the core fills `content` before
   * any feature sees the message.
   */
  document?: { fileName: string; content?: Buffer; size?: number; download?: () => Promise<Buffer> };
  /** The group chat's previous id, when Telegram migrated it to a supergroup. */
  migratedFromChatId?: string;
}

/** A button: its label and the text it sends back when pressed (≤ 64 bytes). */
export interface Button {
  label: string;
  data: string;
  /** Telegram only: opens this HTTPS address as a Mini App instead of sending `data`. */
  webApp?: string;
}

/** An answer: text, optional buttons in rows, an optional file, an optional picture. */
export interface Reply {
  text: string;
  buttons?: Button[][];
  file?: { name: string; content: Buffer; mime?: string };
  /**
   * A PNG picture shown after the text (a chart). Only channels in `IMAGE_CHANNELS` show it; the
   * text must say everything without it.
   */
  image?: { name: string; content: Buffer };
  /** Ask the channel for a contact-share button where it has one. */
  askContact?: boolean;
  /**
   * Its options stay answerable until one of them is chosen, like a notification's (each request of
   * /choduyet): on Zalo and the console, answering another list's option does not forget them.
   */
  stays?: boolean;
  /**
   * Actions this answer carried out another way (cadres sent from the unit's checklist, whose requests
   * offered "/cudi <class> <cadre>"): on Zalo and the console, notifications offering them leave the
   * waiting lists, as if chosen there.
   */
  settles?: string[];
  /**
   * The reply lists this many numbered lines answered by typing their numbers (the unit's checklist):
   * on Zalo and the console, options still waiting from notifications are numbered after them, so a
   * number typed for the list never answers a notification.
   */
  takesNumbers?: number;
}

/**
 * Channels that show a reply's `image`: Telegram (sendPhoto with the bytes) and the console (writes
 * it to a file and prints the path). Zalo's OA API sends a picture only from a public URL, which the
 * bot does not have: it skips the image, so features need not draw one for it (check with `showsImages`).
 */
export const IMAGE_CHANNELS: ReadonlySet<ChannelName> = new Set<ChannelName>(["telegram", "console"]);

/** True when replies on this channel show their `image`. */
export function showsImages(channel: ChannelName): boolean {
  return IMAGE_CHANNELS.has(channel);
}

/** Where a message can be sent. */
export interface ChatAddress {
  channel: ChannelName;
  chatId: string;
}

/** Shorthand for a reply with one button per row. */
export function reply(text: string, buttons?: Button[] | Button[][]): Reply {
  if (!buttons || buttons.length === 0) return { text };
  const rows = Array.isArray(buttons[0]) ? (buttons as Button[][]) : (buttons as Button[]).map((b) => [b]);
  return { text, buttons: rows };
}
