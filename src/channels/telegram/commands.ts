/** The command menus Telegram shows: Vietnamese names by default, English aliases for English clients. */
import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Command } from "../../chat/feature";
import { translator } from "../../i18n";

/** What Telegram accepts as a command name. */
const COMMAND_NAME = /^[a-z0-9_]{1,32}$/;
const MAX_DESCRIPTION = 256;

/** A command Telegram would refuse in its menu: a bug in the feature that declared it. */
export class InvalidCommandName extends Error {
  constructor(public readonly command: string) {
    super(`/${command} is not a valid Telegram command name ([a-z0-9_]{1,32})`);
    this.name = "InvalidCommandName";
  }
}

/**
 * The two menus: `vi` (the default, Vietnamese names) and `en` (English aliases), each with its
 * description from `${feature}:commands.${name}`. Only listed commands appear.
 * @example const { vi, en } = commandMenus(core.commands);
 */
export function commandMenus(commands: readonly (Command & { feature: string })[]): { vi: BotCommand[]; en: BotCommand[] } {
  const listed = commands.filter((c) => c.listed !== false);
  const menu = (locale: "vi" | "en") => {
    const t = translator(locale);
    return listed.map((c) => {
      const command = locale === "en" ? c.alias : c.name;
      if (!COMMAND_NAME.test(command)) throw new InvalidCommandName(command);
      return { command, description: t(`${c.feature}:commands.${c.name}`).slice(0, MAX_DESCRIPTION) };
    });
  };
  return { vi: menu("vi"), en: menu("en") };
}

/** Publishes both menus with setMyCommands (English for clients whose language is en). */
export async function publishCommands(api: Api, commands: readonly (Command & { feature: string })[]): Promise<void> {
  const { vi, en } = commandMenus(commands);
  await api.setMyCommands(vi);
  await api.setMyCommands(en, { language_code: "en" });
}
