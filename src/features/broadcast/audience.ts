/** Who a broadcast reaches, and the use case that sends one through the outbox. */
import type { Actor } from "../../app/actor";
import type { Deps } from "../../app/deps";
import { audit } from "../../app/audit";
import { NotAllowed } from "../../app/errors";
import { authorize } from "../../app/authorize";
import type { Broadcast, BroadcastAudience, OutboxRecipient } from "../../domain/outbox";
import type { Store } from "../../store/store";
import { entryId, newEntry } from "../../domain/outbox";
import { openUnits } from "../../domain/units";

/**
 * The recipients of an audience: approved cadres as people, plus the linked groups of the units
 * concerned (everyone, or some units); a role reaches people only.
 */
export async function audienceRecipients(store: Store, audience: BroadcastAudience): Promise<OutboxRecipient[]> {
  const units = openUnits(await store.units.all());
  const unitIds = audience.kind === "units" ? new Set(audience.unitIds) : undefined;
  const cadres = (await store.cadres.find({ status: "approved" })).filter(
    (c) => (!unitIds || unitIds.has(c.unitId)) && (audience.kind !== "role" || c.position === audience.position),
  );
  const people: OutboxRecipient[] = cadres.map((c) => ({ type: "person", personId: c.id }));
  if (audience.kind === "role") return people;
  const groups: OutboxRecipient[] = units
    .filter((u) => !unitIds || unitIds.has(u.id))
    .flatMap((u) => u.groups.map((g) => ({ type: "chat" as const, channel: g.channel, chatId: g.chatId, group: true })));
  const unique = new Map([...people, ...groups].map((r) => [entryId("", r), r]));
  return [...unique.values()];
}

/**
 * Records a broadcast and one outbox entry per recipient (`broadcast:<id>:<recipient>`), in one
 * transaction, then wakes the delivery. Admins only.
 * @example const b = await announce(deps, actor, { audience: { kind: "everyone" }, text });
 */
export async function announce(deps: Deps, actor: Actor, input: { audience: BroadcastAudience; text: string }): Promise<Broadcast> {
  if (!authorize(actor, "announce").allowed) throw new NotAllowed("thongbao");
  const recipients = await audienceRecipients(deps.store, input.audience);
  const now = deps.now();
  const broadcast: Broadcast = {
    id: deps.newId("b"),
    createdBy: actor.person.id,
    createdAt: now.toISOString(),
    audience: input.audience,
    text: input.text,
    total: recipients.length,
    reported: 0,
  };
  await deps.store.transaction(async (tx) => {
    await tx.broadcasts.put(broadcast);
    await audit(deps, tx, {
      actorId: actor.person.id,
      action: "broadcast.send",
      subjectId: broadcast.id,
      details: { recipients: recipients.length },
    });
    for (const to of recipients) {
      const id = entryId(`broadcast:${broadcast.id}`, to);
      const message = { key: "broadcast:message", vars: { text: input.text } };
      await tx.outbox.put(
        newEntry({ id, kind: "broadcast", to, message, essential: true, notBefore: broadcast.createdAt, broadcastId: broadcast.id }, now),
      );
    }
  });
  deps.wakeOutbox?.();
  return broadcast;
}
