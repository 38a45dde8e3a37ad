/** The Telegram channel's own button labels, rendered once per language (they do not change while the process runs). */
import type { Locale } from "../../domain/records";
import { translator } from "../../i18n";
import type { ChannelLabels } from "./outgoing";

/**
 * `labelsFor(userId)`: the labels in the language of the person behind a Telegram user id, each
 * language's texts rendered on first use and kept; the bot's username as it is known then.
 * @example const labelsFor = channelLabels(localeOf, () => bot.botInfo.username);
 */
export function channelLabels(
  localeOf: (userId: string) => Promise<Locale>,
  botUsername: () => string | undefined,
): (userId: string) => Promise<ChannelLabels> {
  const rendered = new Map<Locale, { shareContact: string; contactPrompt: string }>();
  return async (userId) => {
    const locale = await localeOf(userId);
    let texts = rendered.get(locale);
    if (!texts) {
      const t = translator(locale);
      texts = { shareContact: t("telegram-channel:shareContact"), contactPrompt: t("telegram-channel:contactPrompt") };
      rendered.set(locale, texts);
    }
    return { ...texts, botUsername: botUsername() };
  };
}
