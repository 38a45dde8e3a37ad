/**
 * /maketnoi shows a one-time code; /ketnoi CODE, sent from the other channel, makes both chat
 * accounts one person. Codes last 10 minutes, work once, and wrong guesses are limited.
 */
import { randomInt } from "node:crypto";
import type { Actor } from "../../app/actor";
import type { Deps } from "../../app/deps";
import {
  LINK_CODE_TTL_MS,
  MAX_LINK_FAILURES,
  isLinkCodeExpired,
  linkBlockedUntil,
  linkSurvivor,
  makeLinkCode,
  normaliseLinkCode,
  recordLinkFailure,
  linkAttemptsKey,
  type LinkCode,
} from "../../domain/links";
import type { ChannelName, Person } from "../../domain/records";
import { AlreadyLinked, BothRegistered, ExpiredLinkCode, SameChannel, TooManyLinkAttempts, WrongLinkCode } from "./errors";
import { mergePersonInto } from "../../app/merge-people";

/**
 * Makes a new code for the actor, replacing any code they had.
 * @example const code = await createLinkCode(deps, actor); // { id: "K7M2QX", expiresAt, ... }
 */
export async function createLinkCode(deps: Deps, actor: Actor, random: (n: number) => number = randomInt): Promise<LinkCode> {
  const now = deps.now();
  return deps.store.transaction(async (tx) => {
    for (const old of await tx.linkCodes.find({ personId: actor.person.id })) await tx.linkCodes.remove(old.id);
    let id = makeLinkCode(random);
    while (await tx.linkCodes.get(id)) id = makeLinkCode(random);
    return tx.linkCodes.put({
      id,
      personId: actor.person.id,
      accountId: actor.account.id,
      channel: actor.account.channel,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + LINK_CODE_TTL_MS).toISOString(),
    });
  });
}

/** What a link did: the person who remains and the channel the code came from. */
export interface Linked {
  person: Person;
  otherChannel: ChannelName;
}

type Outcome = Linked | { refused: Error };

/**
 * Links the actor's account with the account that made `input`'s code. Refusals that count as a
 * guess are recorded before the error is thrown, so a wrong code costs an attempt.
 * @example await connectAccounts(deps, actor, "k7m2qx");
 */
export async function connectAccounts(deps: Deps, actor: Actor, input: string): Promise<Linked> {
  const code = normaliseLinkCode(input);
  const now = deps.now();
  const outcome = await deps.store.transaction(async (tx): Promise<Outcome> => {
    const key = linkAttemptsKey(actor.account.id);
    const attempts = await tx.linkAttempts.get(key);
    const until = linkBlockedUntil(attempts, now);
    if (until) return { refused: new TooManyLinkAttempts(Math.ceil((until.getTime() - now.getTime()) / 60_000)) };
    const found = await tx.linkCodes.get(code);
    const owner = found && (await tx.people.get(found.personId));
    if (!found || !owner) {
      const failed = await tx.linkAttempts.put(recordLinkFailure(key, attempts, now));
      return { refused: new WrongLinkCode(code.slice(0, 12), Math.max(0, MAX_LINK_FAILURES - failed.failures)) };
    }
    if (isLinkCodeExpired(found, now)) {
      await tx.linkCodes.remove(found.id);
      return { refused: new ExpiredLinkCode(code) };
    }
    if (found.personId === actor.person.id) return { refused: new AlreadyLinked() };
    if (found.channel === actor.account.channel) return { refused: new SameChannel(found.channel) };
    const sender = (await tx.people.get(actor.person.id)) ?? actor.person;
    const survivor = linkSurvivor(!!(await tx.cadres.get(owner.id)), !!(await tx.cadres.get(sender.id)));
    if (survivor === "conflict") return { refused: new BothRegistered() };
    const [keep, drop] = survivor === "codeOwner" ? [owner, sender] : [sender, owner];
    const person = await mergePersonInto(tx, keep, drop);
    await tx.linkCodes.remove(found.id);
    await tx.linkAttempts.remove(key);
    await tx.audit.put({
      id: deps.newId("a"),
      at: now.toISOString(),
      actorId: person.id,
      action: "link",
      subjectId: drop.id,
      details: { channel: found.channel },
    });
    return { person, otherChannel: found.channel };
  });
  if ("refused" in outcome) throw outcome.refused;
  return outcome;
}
