/**
 * The way from a chat answer to its table in the web view: in a private chat, the answers the web
 * view extends (`/tiendo`, `/donvi`, `/tinhhinh`, `/lichhoc`, `/choduyet`, and `/web` itself) end with
 * a Mini App button on Telegram, or a one-time link on Zalo and the console. Groups get neither (a
 * link there would open one person's view to everyone in the group).
 */
import type { Actor } from "../app/actor";
import { scopeOf } from "../app/authorize";
import type { Deps } from "../app/deps";
import type { Incoming, Reply } from "../app/messages";
import { issueWebLink } from "../app/web-passes";
import type { T } from "../i18n";

/** How far a person sees (`scopeOf`): the bloc, a unit, their own record. */
type Scope = "bloc" | "unit" | "person";

/** Command (alias) → the view it extends, by how far the person sees; a scope absent gets nothing. */
const VIEWS: Record<string, Partial<Record<Scope, string>>> = {
  progress: { bloc: "bloc", unit: "unit" },
  unit: { bloc: "bloc", unit: "unit" },
  status: { bloc: "reports", unit: "unit" },
  schedule: { bloc: "classes", unit: "me", person: "me" },
  pending: { bloc: "bloc", unit: "unit" },
  web: { bloc: "bloc", unit: "unit", person: "me" },
};

/** The view a command's answer extends for this actor, if any. */
export function viewFor(alias: string | undefined, actor: Actor): string | undefined {
  const scope = scopeOf(actor)?.kind;
  return alias && scope && scope !== "class" ? VIEWS[alias]?.[scope] : undefined;
}

/**
 * Adds the way to the view under the last reply (in place): a `web_app` button where Telegram can open
 * the Mini App (the web view is on HTTPS), else a one-time link for this account.
 */
export async function offerWebView(deps: Deps, t: T, actor: Actor, msg: Incoming, view: string, replies: Reply[]): Promise<void> {
  const base = deps.config.webappUrl;
  const last = replies.at(-1);
  if (!base || !last || msg.chatType !== "private" || last.file) return;
  if (msg.channel === "telegram" && base.startsWith("https://")) {
    const button = { label: t("web:chat.open"), data: `/web`, webApp: `${base}/app/tg?view=${view}` };
    last.buttons = [...(last.buttons ?? []), [button]];
    return;
  }
  const url = await issueWebLink(deps, actor.account);
  if (url) last.text = `${last.text}\n\n${t("web:chat.link", { url })}`;
}
