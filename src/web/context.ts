/** What a view of the web view gets: the reader, their language, the request's query, and the chat core. */
import type { Actor } from "../app/actor";
import type { Deps } from "../app/deps";
import type { Incoming, Reply } from "../app/messages";
import type { T } from "../i18n";
import type { NavItem } from "./html";

export interface ViewCtx {
  deps: Deps;
  actor: Actor;
  t: T;
  query: URLSearchParams;
  /** Opened in the Telegram Mini App (load Telegram's script on every page). */
  telegram: boolean;
  /** Runs a chat command as the reader, through the chat core (its permission check, audit log and notifications). */
  run(text: string): Promise<Reply[]>;
  /** The navigation of the reader's role, with `current` marked. */
  nav(current: string): NavItem[];
}

/** The chat core's entry, as the web view calls it. */
export type Handle = (msg: Incoming) => Promise<Reply[]>;
