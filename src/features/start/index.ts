/** First contact: /start (with deep links), /help listing what the person may use, /ngonngu. */
import { authorize } from "../../app/authorize";
import type { Command, Ctx, Feature } from "../../chat/feature";
import type { Reply } from "../../app/messages";
import { suggestCommand } from "../../chat/suggest";
import { excerpt, fold } from "../../domain/text";
import { locales, translator } from "../../i18n";
import { blocName, needsSetup, settingUpReply } from "../../app/bloc-settings";
import type { Locale } from "../../domain/records";

/** Longest help message: under Telegram's 4,096 characters, with room for the channels' own marks. */
const MAX_HELP_TEXT = 3800;

/** The commands the core knows, handed in by main so /help can list them. */
export type CommandList = () => readonly (Command & { feature: string })[];

/** The role named in the help: a guest whose registration waits is "pending". */
function helpRole({ t, actor }: Ctx): string {
  return t(`common:roles.${actor.role === "guest" && actor.cadre?.status === "pending" ? "pending" : actor.role}`);
}

/** A command's help line: `/phanbo (/quota) — …`, in the person's language first. */
function helpLine({ t, actor }: Ctx, c: Command & { feature: string }): string {
  const [first, second] = actor.locale === "en" ? [c.alias, c.name] : [c.name, c.alias];
  return `/${first}${first === second ? "" : ` (/${second})`} — ${t(`${c.feature}:commands.${c.name}`)}`;
}

/** `/trogiup`: every command the person may use, by section, packed into messages a chat accepts. */
function helpList(ctx: Ctx, listCommands: CommandList): Reply[] {
  const { t, actor } = ctx;
  // One block per section; blocks are packed into messages a chat accepts (an admin's list is long).
  const blocks: string[][] = [[t("start:helpTitle", { role: helpRole(ctx) })]];
  let section = "";
  for (const c of listCommands()) {
    if (c.listed === false || !authorize(actor, c.alias).allowed) continue;
    if (c.feature !== section) blocks.push(["", t(`${(section = c.feature)}:helpSection`)]);
    blocks.at(-1)!.push(helpLine(ctx, c));
  }
  blocks.push(["", t("start:helpFooter")]);
  const replies: string[] = [];
  for (const block of blocks) {
    const text = block.join("\n");
    if (replies.length && replies.at(-1)!.length + text.length + 1 <= MAX_HELP_TEXT) replies[replies.length - 1] += `\n${text}`;
    else replies.push(replies.length ? text.replace(/^\n/, "") : text);
  }
  return replies.map((text) => ({ text }));
}

/**
 * `/trogiup phanbo` (or `/trogiup /quota`, `/trogiup phân bổ`): that command's line, whether the
 * person may use it, or the command they may have meant.
 */
function helpOne(ctx: Ctx, listCommands: CommandList, typed: string): Reply {
  const { t, actor } = ctx;
  const word = fold(typed).replace(/^\//, "").replace(/\s+/g, "");
  const listed = listCommands().filter((c) => c.listed !== false);
  const found = listed.find((c) => [c.name, c.alias, ...(c.formerNames ?? [])].includes(word));
  const usable = listed.filter((c) => authorize(actor, c.alias).allowed);
  if (!found) {
    const suggestion = suggestCommand(
      word,
      "",
      usable.flatMap((c) => [c.name, c.alias]),
    );
    return {
      text: t(suggestion ? "start:helpUnknownSuggest" : "start:helpUnknown", { command: excerpt(typed.trim(), 40, true), suggestion }),
    };
  }
  const name = actor.locale === "en" ? found.alias : found.name;
  if (!usable.includes(found)) return { text: t("start:helpNotYours", { command: name, role: helpRole(ctx) }) };
  return { text: t("start:helpOne", { line: helpLine(ctx, found), section: t(`${found.feature}:helpSection`), command: name }) };
}

export function startFeature(listCommands: CommandList): Feature {
  return {
    name: "start",
    commands: [
      {
        name: "start",
        alias: "start",
        listed: false,
        run: async (ctx) => {
          const { t, actor } = ctx;
          if (await needsSetup(ctx.deps)) {
            const setsUp = authorize(actor, "setup").allowed;
            if (setsUp && ctx.msg.chatType === "private") return [{ text: ctx.t("setup:intro") }, ...(await ctx.startWizard("setup"))];
            if (!setsUp) return settingUpReply(ctx);
          }
          if (actor.role !== "guest") return { text: t("start:welcomeBack", { name: actor.cadre?.fullName ?? t("common:roles.admin") }) };
          if (actor.cadre?.status === "pending") return { text: t("start:welcomePending") };
          return {
            text: t("start:welcomeGuest", { bloc: await blocName(ctx) }),
            buttons: [[{ label: t("start:registerButton"), data: "/dangky" }]],
          };
        },
      },
      {
        name: "trogiup",
        alias: "help",
        run: (ctx) => (ctx.args ? helpOne(ctx, listCommands, ctx.args) : helpList(ctx, listCommands)),
      },
      {
        name: "ngonngu",
        alias: "lang",
        run: async ({ t, args, actor, deps }) => {
          const choice = args.toLowerCase() as Locale;
          if (!locales.includes(choice)) {
            return {
              text: t("start:chooseLanguage"),
              buttons: [
                [
                  { label: "Tiếng Việt", data: "/ngonngu vi" },
                  { label: "English", data: "/ngonngu en" },
                ],
              ],
            };
          }
          await deps.store.people.put({ ...actor.person, locale: choice });
          return { text: translator(choice)("start:languageSaved") };
        },
      },
      {
        // The account id an admin asks for in the set-up or /themquantri: no log to read.
        name: "maso",
        alias: "myid",
        run: ({ t, msg }) => ({ text: t("start:myId", { id: `${msg.channel}:${msg.userId}` }) }),
      },
    ],
  };
}
