/** What a feature plugs into the chat core: its commands, wizards and deep links. */
import type { CommandAction } from "../app/permissions";
import type { Deps } from "../app/deps";
import type { MessageSpec } from "../domain/outbox";
import type { Locale } from "../domain/records";
import type { T } from "../i18n";
import type { Reply } from "../app/messages";
import type { Answer, Ctx } from "./context";
import type { Wizard } from "./wizard";
import type { ErasureStep } from "../app/erasure";

export type { Answer, Ctx };

export interface Command {
  /** Vietnamese name without accents, as typed: `dangky`. */
  name: string;
  /** English alias, also the key in the permission table: `register`. */
  alias: CommandAction;
  /** Names it had before, still answered when typed (never listed): `chitieu` for `/phanbo`. */
  formerNames?: string[];
  /** Where it may be used; default anywhere. */
  chats?: "private" | "group" | "any";
  /** Shown in /help and the channel's command menu; default true. */
  listed?: boolean;
  run(ctx: Ctx): Promise<Answer> | Answer;
}

/**
 * Writes a message of the scheduler at send time, reading the store (see `MessageSpec.compose`).
 * @example const periodSummaryComposer: Composer = (deps, vars, t, locale) => periodSummary(deps, String(vars.period), t, locale);
 */
export type Composer = (deps: Deps, vars: MessageSpec["vars"], t: T, locale: Locale) => Promise<Reply>;

export interface Feature {
  /** Also the locale namespace holding `commands.<name>` descriptions. */
  name: string;
  commands?: Command[];
  wizards?: Wizard<any>[];
  /** `/start <prefix>-<value>` deep links this feature answers. */
  deepLinks?: Record<string, (ctx: Ctx, value: string) => Promise<Answer> | Answer>;
  /** Files sent to the bot (`ctx.msg.document.content` is there). */
  onDocument?(ctx: Ctx): Promise<Answer> | Answer;
  /** The permission (a command alias of the table) a sender needs for `onDocument`: checked before the file is downloaded. */
  documentPermission?: CommandAction;
  /**
   * Plain text in a private chat that no wizard waits for (a check-in code typed alone): an answer
   * takes it; none lets the next feature try, and at the end the person is told it was not understood.
   */
  onText?(ctx: Ctx): Promise<Answer> | Answer;
  /** A group got a new chat id (Telegram migrated it to a supergroup); `ctx.msg.chatId` is the new one. */
  onGroupMigrated?(ctx: Ctx, fromChatId: string): Promise<void>;
  /** Scheduler messages this feature writes at send time, by composer name. */
  composers?: Record<string, Composer>;
  /** A person erases their data (/xoadulieu): what this feature keeps about them is freed or anonymised. */
  onErase?: ErasureStep;
}
