/** /kenh: the channel notifications go to — one the person linked, or the one used last. */
import type { Actor } from "../../app/actor";
import type { Deps } from "../../app/deps";
import { DomainError } from "../../app/errors";
import { ChannelName, type Account } from "../../domain/records";

/** Words meaning "the channel I used last". */
const AUTO = new Set(["tudong", "auto"]);

/** The distinct channels of a person's accounts, most recently used first. */
export async function channelsOf(deps: Deps, personId: string): Promise<Account["channel"][]> {
  const accounts = (await deps.store.accounts.find({ personId })).slice().sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
  return [...new Set(accounts.map((a) => a.channel))];
}

/**
 * Sets (a linked channel) or clears (`tudong` / `auto`) the person's preferred channel.
 * @example await choosePreferredChannel(deps, actor, "zalo") // "zalo"
 */
export async function choosePreferredChannel(deps: Deps, actor: Actor, input: string): Promise<Account["channel"] | "auto"> {
  const choice = input.trim().toLowerCase();
  const person = (await deps.store.people.get(actor.person.id)) ?? actor.person;
  if (AUTO.has(choice)) {
    const { preferredChannel: _, ...rest } = person;
    await deps.store.people.put(rest);
    return "auto";
  }
  const parsed = ChannelName.safeParse(choice);
  const linked = await channelsOf(deps, person.id);
  if (!parsed.success || !linked.includes(parsed.data))
    throw new DomainError("accounts:errors.notLinkedChannel", { channel: input.trim() });
  await deps.store.people.put({ ...person, preferredChannel: parsed.data });
  return parsed.data;
}
