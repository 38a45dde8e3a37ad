/** First contact: /start (with deep links), /help listing what the person may use, /ngonngu. */
import { authorize } from "../../app/authorize";
import type { Command, Feature } from "../../chat/feature";
import { locales, translator } from "../../i18n";
import { needsSetup, settingUpReply } from "../../app/bloc-settings";
import type { Locale } from "../../domain/records";

/** Longest help message: under Telegram's 4,096 characters, with room for the channels' own marks. */
const MAX_HELP_TEXT = 3800;

/** The commands the core knows, handed in by main so /help can list them. */
export type CommandList = () => readonly (Command & { feature: string })[];

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
          return { text: t("start:welcomeGuest"), buttons: [[{ label: t("start:registerButton"), data: "/dangky" }]] };
        },
      },
      {
        name: "trogiup",
        alias: "help",
        run: ({ t, actor }) => {
          const role = actor.role === "guest" && actor.cadre?.status === "pending" ? "pending" : actor.role;
          // One block per section; blocks are packed into messages a chat accepts (an admin's list is long).
          const blocks: string[][] = [[t("start:helpTitle", { role: t(`common:roles.${role}`) })]];
          let section = "";
          for (const c of listCommands()) {
            if (c.listed === false || !authorize(actor, c.alias).allowed) continue;
            if (c.feature !== section) blocks.push(["", t(`${(section = c.feature)}:helpSection`)]);
            const [first, second] = actor.locale === "en" ? [c.alias, c.name] : [c.name, c.alias];
            blocks.at(-1)!.push(`/${first}${first === second ? "" : ` (/${second})`} — ${t(`${c.feature}:commands.${c.name}`)}`);
          }
          blocks.push(["", t("start:helpFooter")]);
          const replies: string[] = [];
          for (const block of blocks) {
            const text = block.join("\n");
            if (replies.length && replies.at(-1)!.length + text.length + 1 <= MAX_HELP_TEXT) replies[replies.length - 1] += `\n${text}`;
            else replies.push(replies.length ? text.replace(/^\n/, "") : text);
          }
          return replies.map((text) => ({ text }));
        },
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
    ],
  };
}
