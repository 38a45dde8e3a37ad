/**
 * Passes to the web view, kept in the store so that they hold across instances: a one-time link
 * (`/app/open?k=…`, 10 minutes, once, for one account) and the session it is exchanged for (8 hours).
 * Only the SHA-256 of a secret is stored; the secret travels in the link, then in the cookie.
 */
import { createHash, randomBytes } from "node:crypto";
import { WEB_LINK_TTL_MS, WEB_SESSION_TTL_MS, type WebPass } from "../domain/web";
import type { Account } from "../domain/records";
import type { Deps } from "./deps";

/** The path a signed link opens (the secret follows as `?k=`). */
export const WEB_OPEN_PATH = "/app/open";

/** The stored id of a secret. */
export function passId(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** Forgets the passes that expired (at most once a minute per process, on issuing one). */
let prunedAt = 0;
async function pruneExpired(deps: Pick<Deps, "store" | "now">): Promise<void> {
  const now = deps.now();
  if (now.getTime() - prunedAt < 60_000) return;
  prunedAt = now.getTime();
  const iso = now.toISOString();
  const old = (await deps.store.webPasses.all()).filter((p) => p.expiresAt <= iso);
  if (old.length) await deps.store.transaction(async (tx) => void (await Promise.all(old.map((p) => tx.webPasses.remove(p.id)))));
}

async function issue(deps: Pick<Deps, "store" | "now">, kind: WebPass["kind"], account: Pick<Account, "id" | "personId">): Promise<string> {
  await pruneExpired(deps);
  const secret = newSecret();
  const now = deps.now();
  const ttl = kind === "link" ? WEB_LINK_TTL_MS : WEB_SESSION_TTL_MS;
  await deps.store.webPasses.put({
    id: passId(secret),
    kind,
    personId: account.personId,
    accountId: account.id,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttl).toISOString(),
  });
  return secret;
}

/**
 * A new one-time link for an account, or undefined where the web view is not served (no `webappUrl`).
 * @example const url = await issueWebLink(deps, actor.account); // https://bot.example/app/open?k=…
 */
export async function issueWebLink(
  deps: Pick<Deps, "store" | "now" | "config">,
  account: Pick<Account, "id" | "personId">,
): Promise<string | undefined> {
  const base = deps.config.webappUrl;
  if (!base) return undefined;
  return `${base}${WEB_OPEN_PATH}?k=${await issue(deps, "link", account)}`;
}

/** A new session for an account (the Mini App, once Telegram's `initData` is checked); resolves its secret. */
export function openWebSession(deps: Pick<Deps, "store" | "now">, account: Pick<Account, "id" | "personId">): Promise<string> {
  return issue(deps, "session", account);
}

/**
 * Exchanges a link's secret for a session's: once (the link is removed in the same transaction, so a
 * second use on any instance finds nothing), within its 10 minutes. Undefined when the link is unknown,
 * used or expired.
 */
export async function exchangeWebLink(deps: Pick<Deps, "store" | "now">, secret: string): Promise<string | undefined> {
  const now = deps.now().toISOString();
  const link = await deps.store.transaction(async (tx) => {
    const found = await tx.webPasses.get(passId(secret));
    if (!found || found.kind !== "link") return undefined;
    await tx.webPasses.remove(found.id);
    return found.expiresAt > now ? found : undefined;
  });
  return link && issue(deps, "session", { id: link.accountId, personId: link.personId });
}

/** The session a cookie's secret stands for, while it lasts. */
export async function webSessionOf(deps: Pick<Deps, "store" | "now">, secret: string): Promise<WebPass | undefined> {
  const found = await deps.store.webPasses.get(passId(secret));
  return found?.kind === "session" && found.expiresAt > deps.now().toISOString() ? found : undefined;
}
