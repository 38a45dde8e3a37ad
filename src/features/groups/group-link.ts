/**
 * Group linking: in a group, an officer or admin runs /lienket (/link) to tie the group to a unit;
 * the bot answers with a button that opens registration in private chat through the unit's deep
 * link (`/start u-<unitId>`). An admin runs `/lienket khoi` (`/link bloc`) in the Standing
 * Committee's group to make it the bloc's group, where period summaries go. A chat is linked to
 * one place at a time; a group Telegram migrates to a supergroup keeps its link.
 */
import { DomainError } from "../../app/errors";
import { canActOnUnit } from "../../app/permissions";
import type { Command, Ctx } from "../../chat/feature";
import type { Reply } from "../../app/messages";
import { BLOC_ID, type BlocSettings } from "../../domain/bloc";
import type { GroupLink } from "../../domain/fields";
import type { Unit } from "../../domain/records";
import { fold } from "../../domain/text";
import type { Collections } from "../../store/store";
import { audit } from "../../app/audit";
import { unitFromArgs } from "../rosters/roster";

/** What `/lienket` takes to mean the bloc itself rather than a unit. */
const BLOC_WORDS = new Set(["khoi", "bloc"]);

type Chat = Pick<GroupLink, "channel" | "chatId">;
const sameChat = (a: Chat, b: Chat) => a.channel === b.channel && a.chatId === b.chatId;

/** Removes a chat from every unit's groups and from the bloc's. */
async function unlinkChat(tx: Collections, chat: Chat): Promise<void> {
  for (const u of await tx.units.all()) {
    const others = u.groups.filter((g) => !sameChat(g, chat));
    if (others.length !== u.groups.length) await tx.units.put({ ...u, groups: others });
  }
  const bloc = await tx.bloc.get(BLOC_ID);
  if (bloc?.groups.some((g) => sameChat(g, chat))) await tx.bloc.put({ ...bloc, groups: bloc.groups.filter((g) => !sameChat(g, chat)) });
}

/** The bloc's settings, empty when none were stored yet. */
export async function blocSettings(store: Pick<Collections, "bloc">): Promise<BlocSettings> {
  return (await store.bloc.get(BLOC_ID)) ?? { id: BLOC_ID, groups: [] };
}

async function linkBloc(ctx: Ctx): Promise<Reply[]> {
  const { deps, actor, msg, t } = ctx;
  if (actor.role !== "admin") throw new DomainError("groups:link.blocAdminsOnly");
  const entry: GroupLink = { channel: msg.channel, chatId: msg.chatId, linkedBy: actor.person.id, at: deps.now().toISOString() };
  await deps.store.transaction(async (tx) => {
    await unlinkChat(tx, entry);
    const bloc = await blocSettings(tx);
    await tx.bloc.put({ ...bloc, groups: [...bloc.groups, entry] });
    await audit(deps, tx, { actorId: actor.person.id, action: "bloc.link", subjectId: BLOC_ID, details: { chat: `${msg.channel}:${msg.chatId}` } });
  });
  deps.log.info({ chat: msg.chatId, by: actor.person.id }, "bloc group linked");
  return [{ text: t("groups:link.blocDone") }];
}

/** The payload of a unit's deep link: `/start u-u01`. */
export function unitDeepLink(unitId: string): string {
  return `/start u-${unitId}`;
}

async function targetUnit(ctx: Ctx): Promise<Unit> {
  const { actor, args, deps } = ctx;
  if (!args) {
    const own = actor.cadre?.status === "approved" ? await deps.store.units.get(actor.cadre.unitId) : undefined;
    if (!own) throw new DomainError("groups:link.usage");
    return own;
  }
  const found = await unitFromArgs(ctx, args);
  if (found.length !== 1) throw new DomainError(found.length ? "groups:link.ambiguous" : "cadres:errors.unitNotFound", { unit: args });
  return found[0]!;
}

async function link(ctx: Ctx): Promise<Reply[]> {
  const { deps, actor, msg, t } = ctx;
  if (BLOC_WORDS.has(fold(ctx.args))) return linkBloc(ctx);
  const unit = await targetUnit(ctx);
  if (!canActOnUnit(actor, unit.id)) throw new DomainError("cadres:errors.otherUnit");
  const entry = { channel: msg.channel, chatId: msg.chatId, linkedBy: actor.person.id, at: deps.now().toISOString() };
  await deps.store.transaction(async (tx) => {
    await unlinkChat(tx, entry);
    const fresh = (await tx.units.get(unit.id))!;
    await tx.units.put({ ...fresh, groups: [...fresh.groups, entry] });
    await audit(deps, tx, { actorId: actor.person.id, action: "unit.link", subjectId: unit.id, details: { chat: `${msg.channel}:${msg.chatId}` } });
  });
  deps.log.info({ unit: unit.id, chat: msg.chatId, by: actor.person.id }, "group linked");
  return [{ text: t("groups:link.done", { unit: unit.name }), buttons: [[{ label: t("groups:link.registerButton"), data: unitDeepLink(unit.id) }]] }];
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
    const bloc = await tx.bloc.get(BLOC_ID);
    if (bloc?.groups.some((g) => sameChat(g, { channel: msg.channel, chatId: fromChatId }))) {
      const groups = bloc.groups.map((g) => (sameChat(g, { channel: msg.channel, chatId: fromChatId }) ? { ...g, chatId: msg.chatId } : g));
      await tx.bloc.put({ ...bloc, groups });
      await audit(deps, tx, { actorId: ctx.actor.person.id, action: "bloc.relink", subjectId: BLOC_ID, details: { from: fromChatId, to: msg.chatId } });
    }
  });
}

export const linkCommand: Command = { name: "lienket", alias: "link", chats: "group", run: link };
