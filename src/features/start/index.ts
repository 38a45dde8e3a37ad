/** First contact: /start (with deep links), /help listing what the person may use, /ngonngu. */
import { may } from "../../app/permissions";
import type { Command, Feature } from "../../chat/feature";
import { locales, translator } from "../../i18n";
import { needsSetup, settingUpReply, startSetup } from "../setup";
import type { Locale } from "../../domain/records";

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
            if (actor.role === "admin" && ctx.msg.chatType === "private") return startSetup(ctx);
            if (actor.role !== "admin") return settingUpReply(ctx);
          }
          return {
            text:
              actor.role === "guest" ? t("start:welcomeGuest") : t("start:welcomeBack", { name: actor.cadre?.fullName ?? t("common:roles.admin") }),
          };
        },
      },
      {
        name: "trogiup",
        alias: "help",
        run: ({ t, actor }) => {
          const lines: string[] = [t("start:helpTitle", { role: t(`common:roles.${actor.role}`) })];
          let section = "";
          for (const c of listCommands()) {
            if (c.listed === false || !may(actor, c.alias)) continue;
            if (c.feature !== section) lines.push("", t(`${(section = c.feature)}:helpSection`));
            const [first, second] = actor.locale === "en" ? [c.alias, c.name] : [c.name, c.alias];
            lines.push(`/${first}${first === second ? "" : ` (/${second})`} — ${t(`${c.feature}:commands.${c.name}`)}`);
          }
          return { text: [...lines, "", t("start:helpFooter")].join("\n") };
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
              buttons: [[{ label: "Tiếng Việt", data: "/ngonngu vi" }, { label: "English", data: "/ngonngu en" }]],
            };
          }
          await deps.store.people.put({ ...actor.person, locale: choice });
          return { text: translator(choice)("start:languageSaved") };
        },
      },
    ],
  };
}
