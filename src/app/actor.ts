/** Who is talking: the person behind a chat account, with their role and language. */
import { isOfficerPosition } from "../domain/cadres";
import type { Account, Cadre, Locale, Person } from "../domain/records";
import type { Incoming } from "./messages";
import type { Deps } from "./deps";
import { localeOf } from "./reach";
import { isAdmin } from "./admins";

/** The roles, least first: what a person may do is read from the permission table by role. */
export const roles = ["guest", "cadre", "officer", "admin"] as const;
export type Role = (typeof roles)[number];

export interface Actor {
  person: Person;
  account: Account;
  /** The cadre record, when the person registered (pending, approved or rejected). */
  cadre?: Cadre;
  role: Role;
  locale: Locale;
}

const SEEN_EVERY_MS = 60 * 60 * 1000;

/** The role a person has: admin by grant or config, officer or cadre once approved, else guest. */
export function roleOf(person: Person, cadre: Cadre | undefined, accountIds: string[], adminIds: string[]): Role {
  if (isAdmin(person, accountIds, adminIds)) return "admin";
  if (cadre?.status !== "approved") return "guest";
  return isOfficerPosition(cadre.position) ? "officer" : "cadre";
}

/** Builds the actor of a person (for notifications and checks outside a conversation). */
export async function actorOf(deps: Deps, person: Person, account: Account): Promise<Actor> {
  const cadre = await deps.store.cadres.get(person.id);
  const accounts = await deps.store.accounts.find({ personId: person.id });
  return actorFrom(
    deps,
    { person, account, cadre },
    accounts.map((a) => a.id),
  );
}

/** The actor of records already read: the person, the account they write from, their cadre record, and all their accounts' ids. */
function actorFrom(deps: Deps, { person, account, cadre }: Pick<Actor, "person" | "account" | "cadre">, accountIds: string[]): Actor {
  const role = roleOf(person, cadre, accountIds, deps.config.adminIds);
  return { person, account, cadre, role, locale: localeOf(person, deps.config.defaultLocale) };
}

/**
 * Finds the person behind an incoming message, creating the person and account on first contact
 * when `create` says the message is for the bot (see `talksToBot` in the chat core); otherwise
 * someone without records stays without them and this resolves undefined.
 * Updates `lastSeenAt` at most hourly so that reading costs no write.
 */
export async function resolveActor(deps: Deps, msg: Pick<Incoming, "channel" | "userId">, create = true): Promise<Actor | undefined> {
  const accountId = `${msg.channel}:${msg.userId}`;
  const now = deps.now();
  let account = await deps.store.accounts.get(accountId);
  const person = account && (await deps.store.people.get(account.personId));
  if (!account || !person) {
    if (!create) return undefined;
    // A first contact's records are not waited to the disk where a journal keeps order: a later write of theirs carries them.
    const created = await deps.store.transaction(
      async (tx) => {
        const p = await tx.people.put({ id: deps.newId("p"), roles: [], createdAt: now.toISOString(), muted: false });
        const a = await tx.accounts.put({
          id: accountId,
          channel: msg.channel,
          externalId: msg.userId,
          personId: p.id,
          lastSeenAt: now.toISOString(),
          unreachable: false,
        });
        return { p, a };
      },
      { wait: "ordered" },
    );
    // Made just now: no cadre record, and this account is the person's only one.
    return actorFrom(deps, { person: created.p, account: created.a }, [created.a.id]);
  } else if (now.getTime() - Date.parse(account.lastSeenAt) > SEEN_EVERY_MS || account.unreachable) {
    account = await deps.store.accounts.put({ ...account, lastSeenAt: now.toISOString(), unreachable: false });
  }
  return actorOf(deps, person, account);
}

/**
 * A guest standing for someone the bot keeps no record of, for the rare event that is not talk but
 * must still be handled (a group migrated to a supergroup). Nothing of it is stored; its id is the
 * chat account's id.
 */
export function passerby(deps: Deps, msg: Pick<Incoming, "channel" | "userId">): Actor {
  const id = `${msg.channel}:${msg.userId}`;
  const at = deps.now().toISOString();
  return {
    person: { id, roles: [], createdAt: at, muted: false },
    account: { id, channel: msg.channel, externalId: msg.userId, personId: id, lastSeenAt: at, unreachable: false },
    role: "guest",
    locale: deps.config.defaultLocale,
  };
}
