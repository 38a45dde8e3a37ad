/**
 * One person across Telegram and Zalo: /maketnoi (/linkcode) shows a one-time code, /ketnoi CODE
 * (/connect) sent from the other channel links the two accounts, /kenh (/channel) picks the
 * channel notifications go to.
 */
import type { Ctx, Feature } from "../../chat/feature";
import type { Reply } from "../../app/messages";
import { formatDateTime } from "../../i18n";
import { channelsOf, choosePreferredChannel } from "./channel";
import { connectAccounts, createLinkCode } from "./link";

async function showLinkCode({ deps, actor, t }: Ctx): Promise<Reply> {
  const code = await createLinkCode(deps, actor);
  return { text: t("accounts:codeShown", { code: code.id, until: formatDateTime(code.expiresAt, deps.config.timeZone) }) };
}

async function connect({ deps, actor, t, args }: Ctx): Promise<Reply> {
  if (!args) return { text: t("accounts:connectUsage") };
  const { otherChannel } = await connectAccounts(deps, actor, args);
  return {
    text: t("accounts:linked", {
      here: t(`accounts:channels.${actor.account.channel}`),
      there: t(`accounts:channels.${otherChannel}`),
    }),
  };
}

async function chooseChannel(ctx: Ctx): Promise<Reply> {
  const { deps, actor, t, args } = ctx;
  const label = (c: string) => t(`accounts:channels.${c}`);
  if (args) {
    const chosen = await choosePreferredChannel(deps, actor, args);
    return { text: chosen === "auto" ? t("accounts:channelAuto") : t("accounts:channelSaved", { channel: label(chosen) }) };
  }
  const linked = await channelsOf(deps, actor.person.id);
  if (linked.length < 2) return { text: t("accounts:onlyOneChannel", { channel: label(actor.account.channel) }) };
  const current = actor.person.preferredChannel ? label(actor.person.preferredChannel) : t("accounts:auto");
  return {
    text: t("accounts:chooseChannel", { current }),
    buttons: [...linked.map((c) => [{ label: label(c), data: `/kenh ${c}` }]), [{ label: t("accounts:auto"), data: "/kenh tudong" }]],
  };
}

export const accountsFeature: Feature = {
  name: "accounts",
  commands: [
    { name: "maketnoi", alias: "linkcode", chats: "private", run: showLinkCode },
    { name: "ketnoi", alias: "connect", chats: "private", run: connect },
    { name: "kenh", alias: "channel", chats: "private", run: chooseChannel },
  ],
};
