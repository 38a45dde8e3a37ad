/**
 * One person, several channels: a one-time code shown in one channel (/maketnoi) and sent from
 * the other (/ketnoi) links the two chat accounts to the same person. Pure rules and records.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { ChannelName, Id, IsoDateTime } from "./fields";
import type { Person } from "./records";

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). */
export const LINK_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const LINK_CODE_LENGTH = 6;
/** A code is valid for 10 minutes. */
export const LINK_CODE_TTL_MS = 10 * 60 * 1000;
/** Wrong codes allowed per account in one window, and the window's length. */
export const MAX_LINK_FAILURES = 5;
export const LINK_FAILURE_WINDOW_MS = 15 * 60 * 1000;

/** A code waiting to be sent from the other channel; removed once used. */
export const LinkCode = z.object({
  /** The code itself. */
  id: z.string().regex(new RegExp(`^[${LINK_CODE_ALPHABET}]{${LINK_CODE_LENGTH}}$`)),
  personId: Id,
  /** The account that asked for it (`channel:externalId`). */
  accountId: z.string().min(3).max(80),
  channel: ChannelName,
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
});

/** Wrong codes sent from one account, counted in a window so that codes cannot be guessed. */
export const LinkAttempts = z.object({
  /** A hash of the account id (`linkAttemptsKey`): the counter outlives the account until its window ends. */
  id: z.string().min(3).max(80),
  failures: z.number().int().min(0),
  since: IsoDateTime,
});

export type LinkCode = z.infer<typeof LinkCode>;
export type LinkAttempts = z.infer<typeof LinkAttempts>;

/**
 * A new random code; `randomInt(n)` gives an integer in [0, n).
 * @example makeLinkCode(crypto.randomInt) // "K7M2QX"
 */
export function makeLinkCode(randomInt: (n: number) => number): string {
  return Array.from({ length: LINK_CODE_LENGTH }, () => LINK_CODE_ALPHABET[randomInt(LINK_CODE_ALPHABET.length)]).join("");
}

/** The code as typed, made comparable: upper case, without spaces or dashes. */
export function normaliseLinkCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

export function isLinkCodeExpired(code: LinkCode, now: Date): boolean {
  return now.getTime() >= Date.parse(code.expiresAt);
}

/** When the account may try again, or undefined when it may try now. */
export function linkBlockedUntil(attempts: LinkAttempts | undefined, now: Date): Date | undefined {
  if (!attempts || attempts.failures < MAX_LINK_FAILURES) return undefined;
  const until = Date.parse(attempts.since) + LINK_FAILURE_WINDOW_MS;
  return now.getTime() < until ? new Date(until) : undefined;
}

/**
 * True once the attempts' window has ended: the record no longer limits anyone and may go. Until
 * then it is kept whatever happens to the account (even `/xoadulieu`), so the limit holds per account.
 */
export function linkAttemptsExpired(attempts: LinkAttempts, now: Date): boolean {
  return now.getTime() - Date.parse(attempts.since) >= LINK_FAILURE_WINDOW_MS;
}

/** The attempts record after one more wrong code (a new window when the last one ended). */
export function recordLinkFailure(accountId: string, attempts: LinkAttempts | undefined, now: Date): LinkAttempts {
  const fresh = !attempts || now.getTime() - Date.parse(attempts.since) >= LINK_FAILURE_WINDOW_MS;
  return fresh ? { id: accountId, failures: 1, since: now.toISOString() } : { ...attempts, failures: attempts.failures + 1 };
}

/**
 * Which person stays when two are linked: the one holding a cadre record (the code's owner when
 * neither has one); `conflict` when both have one, since two records are never merged by a bot.
 */
export function linkSurvivor(codeOwnerHasCadre: boolean, senderHasCadre: boolean): "codeOwner" | "sender" | "conflict" {
  if (codeOwnerHasCadre && senderHasCadre) return "conflict";
  return senderHasCadre ? "sender" : "codeOwner";
}

/** The surviving person with what the merged one brings: granted roles, and settings it lacks. */
export function mergePeople(survivor: Person, merged: Person): Person {
  return {
    ...survivor,
    roles: [...new Set([...survivor.roles, ...merged.roles])],
    locale: survivor.locale ?? merged.locale,
    preferredChannel: survivor.preferredChannel ?? merged.preferredChannel,
    muted: survivor.muted || merged.muted,
    createdAt: survivor.createdAt < merged.createdAt ? survivor.createdAt : merged.createdAt,
  };
}

/**
 * The key of an account's wrong-code counter: a hash of the account id, so the counter can outlive
 * the account (`/xoadulieu` must not reset the limit) without keeping the chat id in clear.
 * @example linkAttemptsKey(account.id) // "la-3f1c…" for the account "zalo:…"
 */
export function linkAttemptsKey(accountId: string): string {
  return `la-${createHash("sha256").update(accountId).digest("hex").slice(0, 40)}`;
}
