/**
 * Group linking: in a group, an officer or admin runs /lienket (/link) to tie the group to a unit;
 * the bot answers with a button that opens registration in private chat through the unit's deep
 * link (`/start u-<unitId>`). An admin runs `/lienket khoi` (`/link bloc`) in the Standing
 * Committee's group to make it the bloc's group, where period summaries go. A chat is linked to
 * one place at a time: taking a linked group from its owner needs an admin or an officer of that
 * unit, and a confirmation, and the owner's officers are told. A group Telegram migrates to a
 * supergroup keeps its link.
 */
import type { Actor } from "../../app/actor";
import { adminRecipients } from "../../app/admins";
import { DomainError } from "../../app/errors";
import { BLOC, authorize, demand, unitResource } from "../../app/authorize";
import type { Command, Ctx } from "../../chat/feature";
import type { Reply } from "../../app/messages";
import { BLOC_ID } from "../../domain/bloc";
import { unitOfficers } from "../../app/secretary";
import type { GroupLink } from "../../domain/fields";
import { noticeKey, type OutboxRecipient } from "../../domain/outbox";
import type { Unit } from "../../domain/records";
import { fold } from "../../domain/text";
import type { T } from "../../i18n";
import type { Collections } from "../../store/store";
import { audit } from "../../app/audit";
import { unitsMatching, unitDeepLink } from "../../domain/units";
import { blocSettings } from "../../app/bloc-settings";

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

/** Words that confirm a move of an already linked group: `/lienket u02 xacnhan`. */
const CONFIRM_WORDS = new Set(["xacnhan", "confirm"]);

/** Where a chat is linked now: a unit, the bloc, or nowhere. */
type Owner = { kind: "unit"; unit: Unit } | { kind: "bloc" } | undefined;

async function ownerOf(tx: Pick<Collections, "units" | "bloc">, chat: Chat): Promise<Owner> {
  const unit = (await tx.units.all()).find((u) => u.groups.some((g) => sameChat(g, chat)));
  if (unit) return { kind: "unit", unit };
  return (await blocSettings(tx)).groups.some((g) => sameChat(g, chat)) ? { kind: "bloc" } : undefined;
}

/** Who may take a linked group away from its owner: an admin, or an officer of the unit that owns it. */
function mayMove(actor: Actor, owner: NonNullable<Owner>): boolean {
  return authorize(actor, "link", owner.kind === "bloc" ? BLOC : unitResource(owner.unit.id)).allowed;
}

function ownerName(t: T, owner: NonNullable<Owner>): string {
  return owner.kind === "bloc" ? t("groups:link.blocName") : owner.unit.name;
}

/** A link asked for: the chat's new place (`bloc`, or a unit) and the words that confirm a move. */
interface Target {
  place: NonNullable<Owner>;
  /** The `/lienket` arguments that name the place, for the confirmation button. */
  args: string;
  confirmed: boolean;
}

/**
 * Links the chat to `target.place`. A chat already linked elsewhere moves only when the actor may
 * take it from its owner, and only once confirmed; the owner's officers (the admins for the bloc's
 * group) are told. Returns undefined once linked, or the question to confirm.
 */
async function linkTo(ctx: Ctx, target: Target): Promise<Reply[] | undefined> {
  const { deps, actor, msg, t } = ctx;
  const entry: GroupLink = { channel: msg.channel, chatId: msg.chatId, linkedBy: actor.person.id, at: deps.now().toISOString() };
  const to = target.place;
  const samePlace = (o: Owner) =>
    o !== undefined && o.kind === to.kind && (o.kind === "bloc" || (to.kind === "unit" && o.unit.id === to.unit.id));
  const outcome = await deps.store.transaction(async (tx) => {
    const owner = await ownerOf(tx, entry);
    const moving = owner && !samePlace(owner) ? owner : undefined;
    if (moving && !mayMove(actor, moving)) {
      throw new DomainError(moving.kind === "bloc" ? "groups:link.ownedByBloc" : "groups:link.ownedByOther", {
        owner: ownerName(t, moving),
      });
    }
    if (moving && !target.confirmed) return { ask: moving };
    await unlinkChat(tx, entry);
    const chat = `${msg.channel}:${msg.chatId}`;
    const from: Record<string, string> = moving ? { from: moving.kind === "bloc" ? BLOC_ID : moving.unit.id } : {};
    if (to.kind === "bloc") {
      const bloc = await blocSettings(tx);
      await tx.bloc.put({ ...bloc, groups: [...bloc.groups, entry] });
      await audit(deps, tx, { actorId: actor.person.id, action: "bloc.link", subjectId: BLOC_ID, details: { chat, ...from } });
    } else {
      const fresh = (await tx.units.get(to.unit.id))!;
      await tx.units.put({ ...fresh, groups: [...fresh.groups, entry] });
      await audit(deps, tx, { actorId: actor.person.id, action: "unit.link", subjectId: to.unit.id, details: { chat, ...from } });
    }
    if (moving) await tellPreviousOwner(ctx, tx, moving, to);
    return { moved: moving };
  });
  if ("ask" in outcome) {
    return [
      {
        text: t("groups:link.confirmMove", { from: ownerName(t, outcome.ask!), to: ownerName(t, to) }),
        buttons: [[{ label: t("groups:link.confirmButton"), data: `/lienket ${target.args} xacnhan`.replace(/\s+/g, " ") }]],
      },
    ];
  }
  deps.log.info(
    { chat: msg.chatId, to: to.kind === "bloc" ? BLOC_ID : to.unit.id, moved: Boolean(outcome.moved), by: actor.person.id },
    "group linked",
  );
  return undefined;
}

/**
 * Tells the officers of the unit a group was taken from (the admins, for the bloc's group, or a
 * unit with no officer), in the transaction that moves it.
 */
async function tellPreviousOwner(ctx: Ctx, tx: Collections, previous: NonNullable<Owner>, to: NonNullable<Owner>): Promise<void> {
  const { deps, actor, msg } = ctx;
  const officers = previous.kind === "unit" ? (await unitOfficers(tx, previous.unit.id)).filter((c) => c.id !== actor.person.id) : [];
  const recipients: OutboxRecipient[] = officers.length
    ? officers.map((c) => ({ type: "person", personId: c.id }))
    : await adminRecipients(deps.store, deps.config.adminIds); // read outside the transaction, as notifyAdmins does
  const render = (tt: T): Reply => ({
    text: tt("groups:link.movedNotice", {
      chat: `${msg.channel}:${msg.chatId}`,
      from: ownerName(tt, previous),
      to: ownerName(tt, to),
      by: actor.cadre?.fullName ?? tt("groups:link.byAdmin"),
    }),
  });
  const key = noticeKey("group-moved", `${msg.channel}.${msg.chatId}`, actor.person.id, deps.now().toISOString());
  for (const r of recipients) {
    if (r.type === "person") {
      if (r.personId !== actor.person.id) await deps.notify.toPerson(r.personId, key, render, tx);
    } else await deps.notify.toChat(r, key, render, tx);
  }
}

async function linkBloc(ctx: Ctx, confirmed: boolean): Promise<Reply[]> {
  const { actor, t } = ctx;
  demand(actor, "link", BLOC);
  const question = await linkTo(ctx, { place: { kind: "bloc" }, args: "khoi", confirmed });
  return question ?? [{ text: t("groups:link.blocDone") }];
}

async function targetUnit(ctx: Ctx, args: string): Promise<Unit> {
  const { actor, deps } = ctx;
  if (!args) {
    const own = actor.cadre?.status === "approved" ? await deps.store.units.get(actor.cadre.unitId) : undefined;
    if (!own) throw new DomainError("groups:link.usage");
    return own;
  }
  const found = unitsMatching(await ctx.deps.store.units.all(), args);
  if (found.length !== 1) throw new DomainError(found.length ? "groups:link.ambiguous" : "cadres:errors.unitNotFound", { unit: args });
  return found[0]!;
}

/** The arguments without a last confirming word, and whether it was there. */
function splitConfirm(args: string): { rest: string; confirmed: boolean } {
  const words = args.split(/\s+/).filter(Boolean);
  const confirmed = words.length > 0 && CONFIRM_WORDS.has(fold(words.at(-1)!));
  return { rest: (confirmed ? words.slice(0, -1) : words).join(" "), confirmed };
}

async function link(ctx: Ctx): Promise<Reply[]> {
  const { t } = ctx;
  const { rest, confirmed } = splitConfirm(ctx.args);
  if (BLOC_WORDS.has(fold(rest))) return linkBloc(ctx, confirmed);
  const unit = await targetUnit(ctx, rest);
  demand(ctx.actor, "link", unitResource(unit.id));
  const question = await linkTo(ctx, { place: { kind: "unit", unit }, args: unit.id, confirmed });
  return (
    question ?? [
      {
        text: t("groups:link.done", { unit: unit.name }),
        buttons: [[{ label: t("groups:link.registerButton"), data: unitDeepLink(unit.id) }]],
      },
    ]
  );
}

/** Moves a group's link to its new chat id when Telegram migrated it to a supergroup. */
export async function followMigration(ctx: Ctx, fromChatId: string): Promise<void> {
  const { deps, msg } = ctx;
  await deps.store.transaction(async (tx) => {
    for (const u of await tx.units.all()) {
      if (!u.groups.some((g) => g.channel === msg.channel && g.chatId === fromChatId)) continue;
      const groups = u.groups.map((g) => (g.channel === msg.channel && g.chatId === fromChatId ? { ...g, chatId: msg.chatId } : g));
      await tx.units.put({ ...u, groups });
      await audit(deps, tx, {
        actorId: ctx.actor.person.id,
        action: "unit.relink",
        subjectId: u.id,
        details: { from: fromChatId, to: msg.chatId },
      });
    }
    const bloc = await tx.bloc.get(BLOC_ID);
    if (bloc?.groups.some((g) => sameChat(g, { channel: msg.channel, chatId: fromChatId }))) {
      const groups = bloc.groups.map((g) => (sameChat(g, { channel: msg.channel, chatId: fromChatId }) ? { ...g, chatId: msg.chatId } : g));
      await tx.bloc.put({ ...bloc, groups });
      await audit(deps, tx, {
        actorId: ctx.actor.person.id,
        action: "bloc.relink",
        subjectId: BLOC_ID,
        details: { from: fromChatId, to: msg.chatId },
      });
    }
  });
}

export const linkCommand: Command = { name: "lienket", alias: "link", chats: "group", run: link };
