/**
 * The Mini App menu button ("Bảng theo dõi") of a private Telegram chat: for officers and admins, where
 * the web view is served over HTTPS (Telegram opens Mini Apps only there). The Telegram channel sets it
 * once per chat and process (`setChatMenuButton`).
 */
import { actorOf } from "../app/actor";
import { scopeOf } from "../app/authorize";
import type { Deps } from "../app/deps";
import { translator } from "../i18n";

/** @example startTelegram({ …, menuButton: webMenuButton(deps) }) */
export function webMenuButton(deps: Deps): (userId: string) => Promise<{ text: string; url: string } | undefined> {
  return async (userId) => {
    const url = deps.config.webappUrl;
    const account = url?.startsWith("https://") ? await deps.store.accounts.get(`telegram:${userId}`) : undefined;
    const person = account && (await deps.store.people.get(account.personId));
    if (!url || !account || !person) return undefined;
    const actor = await actorOf(deps, person, account);
    // Those who see more than their own record: the bloc (admins) or a unit (officers).
    const scope = scopeOf(actor)?.kind;
    if (scope !== "bloc" && scope !== "unit") return undefined;
    return { text: translator(actor.locale)("web:chat.menu"), url: `${url}/app/tg` };
  };
}
