/** What every use case and chat feature is handed: built for real in main.ts, faked in tests. */
import type { Logger } from "pino";
import type { Config } from "../config";
import type { Plan } from "../domain/plan";
import type { ChatAddress, Reply } from "./messages";
import type { T } from "../i18n";
import type { Store } from "../store/store";
import { localDate } from "../domain/zoned-time";

/** A message the bot sent on a channel that can edit it later (Telegram): where it is. */
export interface SentMessage {
  channel: ChatAddress["channel"];
  chatId: string;
  messageId: string;
}

/** Sends messages outside the current conversation, in each recipient's language. */
export interface Notifier {
  /** To a person, on the channel they chose or used last. Resolves false when they cannot be reached. */
  toPerson(personId: string, render: (t: T) => Reply): Promise<boolean>;
  /** To a chat (a linked group, say), in the bot's default language. */
  toChat(chat: ChatAddress, render: (t: T) => Reply): Promise<boolean>;
  /**
   * Sends to a person like `toPerson`, but only where the message can be edited later: when the
   * channel the person would be reached on cannot edit (Zalo, console), nothing is sent and it
   * resolves undefined (send with `toPerson` instead). Absent on a notifier that never edits (bench fakes).
   * @example const msg = await notify.toPersonEditable(adminId, (t) => ({ text: t("broadcast:progress", counts) }));
   */
  toPersonEditable?(personId: string, render: (t: T) => Reply): Promise<SentMessage | undefined>;
  /** Replaces the text of a message sent with `toPersonEditable`, in its reader's language; false when that failed. */
  edit?(message: SentMessage, render: (t: T) => Reply): Promise<boolean>;
}

export interface Deps {
  store: Store;
  plan: Plan;
  /** `webappUrl`: where the web view is served, when it is (see `Config`). */
  config: Pick<Config, "adminIds" | "defaultLocale" | "timeZone"> & Partial<Pick<Config, "webappUrl">>;
  /** The current time; tests pass a fixed clock. */
  now: () => Date;
  log: Logger;
  notify: Notifier;
  /** Makes a new unique id with a prefix, e.g. `p-…`. */
  newId: (prefix: string) => string;
  /** Starts delivering the outbox now (set by the scheduler; absent: the next tick delivers). */
  wakeOutbox?: () => void;
}

/** Today's local date (yyyy-mm-dd) where the bloc lives: the one way features and the scheduler read "today". */
export function today(deps: Pick<Deps, "now" | "config">): string {
  return localDate(deps.now(), deps.config.timeZone);
}
