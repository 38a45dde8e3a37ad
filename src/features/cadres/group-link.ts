/**
 * Group linking: in a group, an officer or admin runs /lienket (/link) to tie the group to a unit;
 * the bot answers with a button that opens registration in private chat through the unit's deep
 * link (`/start u-<unitId>`). A group Telegram migrates to a supergroup keeps its link.
 */
import { DomainError } from "../../app/errors";
import { canActOnUnit } from "../../app/permissions";
import type { Command, Ctx } from "../../chat/feature";
import type { Reply } from "../../chat/types";
import type { Unit } from "../../domain/records";
import { audit } from "./audit";
import { unitFromArgs } from "./roster";

/** The payload of a unit's deep link: `/start u-u01`. */
export function unitDeepLink(unitId: string): string {
  return `/start u-${unitId}`;
}

async function targetUnit(ctx: Ctx): Promise<Unit> {
  const { actor, args, deps } = ctx;
  if (!args) {
    const own = actor.cadre?.status === "approved" ? await deps.store.units.get(actor.cadre.unitId) : undefined;
    if (!own) throw new DomainError("cadres:link.usage");
    return own;
  }
  const found = await unitFromArgs(ctx, args);
  if (found.length !== 1) throw new DomainError(found.length ? "cadres:link.ambiguous" : "cadres:errors.unitNotFound", { unit: args });
  return found[0]!;
}

async function link(ctx: Ctx): Promise<Reply[]> {
  const { deps, actor, msg, t } = ctx;
  const unit = await targetUnit(ctx);
  if (!canActOnUnit(actor, unit.id)) throw new DomainError("cadres:errors.otherUnit");
  const entry = { channel: msg.channel, chatId: msg.chatId, linkedBy: actor.person.id, at: deps.now().toISOString() };
  await deps.store.transaction(async (tx) => {
    for (const u of await tx.units.all()) {
      const others = u.groups.filter((g) => !(g.channel === msg.channel && g.chatId === msg.chatId));
      if (u.id === unit.id) await tx.units.put({ ...u, groups: [...others, entry] });
      else if (others.length !== u.groups.length) await tx.units.put({ ...u, groups: others });
    }
    await audit(deps, tx, { actorId: actor.person.id, action: "unit.link", subjectId: unit.id, details: { chat: `${msg.channel}:${msg.chatId}` } });
  });
  deps.log.info({ unit: unit.id, chat: msg.chatId, by: actor.person.id }, "group linked");
  return [{ text: t("cadres:link.done", { unit: unit.name }), buttons: [[{ label: t("cadres:link.registerButton"), data: unitDeepLink(unit.id) }]] }];
}

/** Moves a group's link to its new chat id when Telegram migrated it to a supergroup. */
export async function followMigration(ctx: Ctx, fromChatId: string): Promise<void> {
  const { deps, msg } = ctx;
  await deps.store.transaction(async (tx) => {
    for (const u of await tx.units.all()) {
      if (!u.groups.some((g) => g.channel === msg.channel && g.chatId === fromChatId)) continue;
      const groups = u.groups.map((g) => (g.channel === msg.channel && g.chatId === fromChatId ? { ...g, chatId: msg.chatId } : g));
      await tx.units.put({ ...u, groups });
      await audit(deps, tx, { actorId: ctx.actor.person.id, action: "unit.relink", subjectId: u.id, details: { from: fromChatId, to: msg.chatId } });
    }
  });
}

export const linkCommand: Command = { name: "lienket", alias: "link", chats: "group", run: link };
