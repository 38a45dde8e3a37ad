/**
 * The web view's route on the bot's HTTP server: everything under `/app/`. Who is reading is known
 * from a session cookie (opened by a one-time link from the chat, or by the Mini App's `initData`)
 * or from `Authorization: tma <initData>` itself; then each view checks what that person may see.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { actorOf, type Actor } from "../app/actor";
import type { Deps } from "../app/deps";
import { exchangeWebLink, openWebSession, WEB_OPEN_PATH, webSessionOf } from "../app/web-passes";
import { translator, type T } from "../i18n";
/** A route of the HTTP server (`channels/http.ts`): handles the request and returns true, or returns false. */
type Route = (req: IncomingMessage, res: ServerResponse) => boolean;
import { mayView, WebForbidden } from "./access";
import type { Handle, ViewCtx } from "./context";
import { esc, page, type NavItem } from "./html";
import { cookieOf, readForm, redirect, send, sendAsset, sameOrigin, SESSION_COOKIE, sessionCookie } from "./http";
import { checkInitData } from "./init-data";
import { rateLimit } from "./rate-limit";
import { actions, views } from "./views";

const STATIC = join(import.meta.dirname, "static");
const assets: Record<string, { body: string; type: string }> = {
  "/app/static/app.css": { body: readFileSync(join(STATIC, "app.css"), "utf8"), type: "text/css; charset=utf-8" },
  "/app/static/tma.js": { body: readFileSync(join(STATIC, "tma.js"), "utf8"), type: "text/javascript; charset=utf-8" },
};

export interface WebOptions {
  deps: Deps;
  /** The chat core's entry: actions and downloads run the chat's own commands as the reader. */
  handle: Handle;
  /** The Telegram bot's token, to check the Mini App's `initData`; absent: no Mini App. */
  telegramToken?: string;
  /** Served over HTTPS (cookies get `Secure`). */
  secure: boolean;
  /** Requests a person may make a minute (default `REQUESTS_PER_MINUTE`). */
  perMinute?: number;
}

/** Who is reading: the actor, and whether they came through the Mini App. */
interface Reader {
  actor: Actor;
  telegram: boolean;
}

/**
 * The route answering `/app/…`, to mount on the bot's HTTP server.
 * @example startHttpServer(port, [webRoute({ deps, handle: core.handle, secure: true })])
 */
export function webRoute(options: WebOptions): Route {
  const limit = rateLimit(options.perMinute);
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://web.invalid");
    if (url.pathname !== "/app" && !url.pathname.startsWith("/app/")) return false;
    serve(options, limit, req, res, url).catch((err) => {
      options.deps.log.error({ err, path: url.pathname }, "web view failed");
      if (!res.headersSent) send(res, 500, errorPage(translator(options.deps.config.defaultLocale), 500));
    });
    return true;
  };
}

async function serve(
  options: WebOptions,
  limit: ReturnType<typeof rateLimit>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const { deps } = options;
  const path = url.pathname;
  const asset = assets[path];
  if (asset && req.method === "GET") return sendAsset(res, asset.body, asset.type);
  const t0 = translator(deps.config.defaultLocale);
  if (path === "/app/tg" && req.method === "GET") return send(res, 200, shellPage(t0));
  if (path === WEB_OPEN_PATH && req.method === "GET") return openLink(options, res, url, t0);
  if (path === "/app/tma" && req.method === "POST") return openMiniApp(options, req, res);
  const reader = await readerOf(options, req);
  if (!reader) return send(res, 401, errorPage(t0, 401));
  if (!limit.take(reader.actor.person.id, deps.now().getTime()))
    return send(res, 429, errorPage(translator(reader.actor.locale), 429), undefined, { "Retry-After": "60" });
  const t = translator(reader.actor.locale);
  const ctx = viewCtx(options, reader, t, url.searchParams);
  try {
    if (req.method === "GET") {
      const view = views[path === "/app" ? "/app/" : path];
      if (!view) return send(res, 404, errorPage(t, 404));
      const out = await view(ctx);
      if ("redirect" in out) return redirect(res, out.redirect);
      if ("file" in out)
        return send(res, 200, out.file.content, out.file.mime, { "Content-Disposition": `attachment; filename="${out.file.name}"` });
      return send(res, 200, page({ t, locale: reader.actor.locale, telegram: reader.telegram, ...out }));
    }
    const action = req.method === "POST" ? actions[path] : undefined;
    if (!action) return send(res, 405, errorPage(t, 405));
    if (!sameOrigin(req)) return send(res, 403, errorPage(t, 403));
    const form = await readForm(req);
    if (!form) return send(res, 400, errorPage(t, 400));
    const out = await action(ctx, form);
    return send(res, 200, page({ t, locale: reader.actor.locale, telegram: reader.telegram, ...out }));
  } catch (e) {
    if (e instanceof WebForbidden) return send(res, 403, errorPage(t, 403));
    throw e;
  }
}

/** A one-time link: traded for a session cookie, then a page that moves on to the views (see below). */
async function openLink(options: WebOptions, res: ServerResponse, url: URL, t: T): Promise<void> {
  const secret = url.searchParams.get("k") ?? "";
  const session = /^[\w-]{20,100}$/.test(secret) ? await exchangeWebLink(options.deps, secret) : undefined;
  if (!session) return send(res, 401, errorPage(t, "link"));
  // A page of our own moves on (not a redirect): a navigation started from the chat app is cross-site, and
  // a SameSite=Strict cookie is sent only on a request this site starts itself.
  const body = `<p>${esc(t("web:opening"))}</p><p><a href="/app/">${esc(t("web:continue"))}</a></p>`;
  const html = page({ t, locale: options.deps.config.defaultLocale, title: t("web:title"), body }).replace(
    "<title>",
    '<meta http-equiv="refresh" content="0;url=/app/"><title>',
  );
  return send(res, 200, html, undefined, { "Set-Cookie": sessionCookie(session, options.secure) });
}

/** The Mini App's first request: `Authorization: tma <initData>`, checked, for a session cookie. */
async function openMiniApp(options: WebOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const reader = await miniAppReader(options, req);
  if (!reader) return send(res, 401, "", "text/plain");
  const secret = await openWebSession(options.deps, reader.actor.account);
  res.writeHead(204, { "Set-Cookie": sessionCookie(secret, options.secure, true), "Cache-Control": "no-store" }).end();
}

/** The reader of a Mini App request, from its checked `initData`; undefined when forged, old, of another bot, or unknown. */
async function miniAppReader(options: WebOptions, req: IncomingMessage): Promise<Reader | undefined> {
  const header = req.headers.authorization ?? "";
  if (!options.telegramToken || !header.startsWith("tma ")) return undefined;
  const check = checkInitData(header.slice(4), options.telegramToken, options.deps.now().getTime() / 1000);
  if (!check.ok) {
    options.deps.log.info({ reason: check.reason }, "web view: initData refused");
    return undefined;
  }
  const actor = await actorOfAccount(options.deps, `telegram:${check.userId}`);
  return actor && { actor, telegram: true };
}

/** The reader behind the request: `Authorization: tma …`, else the session cookie. */
async function readerOf(options: WebOptions, req: IncomingMessage): Promise<Reader | undefined> {
  if (req.headers.authorization) return miniAppReader(options, req);
  const secret = cookieOf(req, SESSION_COOKIE);
  const session = secret && /^[\w-]{20,100}$/.test(secret) ? await webSessionOf(options.deps, secret) : undefined;
  const actor = session && (await actorOfAccount(options.deps, session.accountId));
  return actor && { actor, telegram: session.accountId.startsWith("telegram:") };
}

async function actorOfAccount(deps: Deps, accountId: string): Promise<Actor | undefined> {
  const account = await deps.store.accounts.get(accountId);
  const person = account && (await deps.store.people.get(account.personId));
  return person && account && actorOf(deps, person, account);
}

function viewCtx(options: WebOptions, reader: Reader, t: T, query: URLSearchParams): ViewCtx {
  const { actor } = reader;
  return {
    deps: options.deps,
    actor,
    t,
    query,
    telegram: reader.telegram,
    run: (text) =>
      options.handle({
        channel: actor.account.channel,
        chatId: actor.account.externalId,
        userId: actor.account.externalId,
        chatType: "private",
        text,
      }),
    nav: (current) => navOf(t, actor).map((n) => ({ ...n, current: n.href === current })),
  };
}

/** The views the reader may open, in the navigation's order (the bloc's three for admins, then their own unit, then their record). */
function navOf(t: T, actor: Actor): NavItem[] {
  const items: NavItem[] = [];
  if (mayView(actor, { kind: "bloc" }))
    items.push(
      { href: "/app/bloc", label: t("web:nav.bloc") },
      { href: "/app/reports", label: t("web:nav.reports") },
      { href: "/app/classes", label: t("web:nav.classes") },
    );
  const own = actor.cadre?.status === "approved" ? actor.cadre.unitId : undefined;
  if (own && mayView(actor, { kind: "unit", unitId: own })) items.push({ href: "/app/unit", label: t("web:nav.unit") });
  if (mayView(actor, { kind: "self" })) items.push({ href: "/app/me", label: t("web:nav.me") });
  return items;
}

/** The Mini App's first page: nothing personal; its script trades `initData` for a session. */
function shellPage(t: T): string {
  const body = `<p id="status" role="status" data-failed="${esc(t("web:shellFailed"))}">${esc(t("web:opening"))}</p>`;
  return page({ t, locale: "vi", title: t("web:title"), body, telegram: true, shell: true });
}

/** The page of a refusal or failure, in the reader's language. */
function errorPage(t: T, status: 400 | 401 | 403 | 404 | 405 | 429 | 500 | "link"): string {
  return page({
    t,
    locale: t("web:locale") === "en" ? "en" : "vi",
    title: t(`web:errors.${status}.title`),
    body: `<p>${esc(t(`web:errors.${status}.text`))}</p>`,
  });
}
