/**
 * /donvi (/unit): a unit's roster — position, theory level and training status of each cadre, and
 * who the bot can no longer reach — for its officers; admins see any unit and the list of all
 * units with their counts.
 */
import { DomainError } from "../../app/errors";
import { demand, seesBloc, unitResource } from "../../app/authorize";
import type { Command, Ctx } from "../../chat/feature";
import type { Reply } from "../../app/messages";
import { oneSecretaryEach, rosterOrder, trainingStatus, unitCounts } from "../../domain/cadres";
import type { Unit } from "../../domain/records";
import { excerpt } from "../../domain/text";
import { label } from "../../app/cadre-labels";
import { pageArg, pageOf } from "../../chat/pages";
import { isOpen, openUnits, survivorOf, unitsMatching } from "../../domain/units";
import { dmy, localDate } from "../../domain/zoned-time";

/**
 * The people the bot cannot reach: every chat account they have was marked unreachable by the
 * delivery (a 403: they blocked the bot or left), so nudges and announcements no longer reach them.
 */
async function unreachablePeople(ctx: Ctx, personIds: ReadonlySet<string>): Promise<Set<string>> {
  const reachable = new Map<string, boolean>();
  for (const a of await ctx.deps.store.accounts.all()) {
    if (personIds.has(a.personId)) reachable.set(a.personId, (reachable.get(a.personId) ?? false) || !a.unreachable);
  }
  return new Set([...reachable].filter(([, ok]) => !ok).map(([id]) => id));
}

async function rosterOf(ctx: Ctx, unit: Unit, page = 1): Promise<Reply[]> {
  const { deps, t } = ctx;
  demand(ctx.actor, "unit", unitResource(unit.id));
  // One Secretary per unit: data from before the rule reads by its one rule (oneSecretaryEach) until an admin chooses.
  const cadres = oneSecretaryEach((await deps.store.cadres.find({ unitId: unit.id })).filter((c) => c.status !== "rejected")).sort(
    rosterOrder,
  );
  const certificates = await deps.store.certificates.all();
  const enrollments = await deps.store.enrollments.all();
  const unreachable = await unreachablePeople(ctx, new Set(cadres.map((c) => c.id)));
  const lines = cadres.map((c) =>
    t("rosters:roster.line", {
      name: c.fullName,
      id: c.id,
      position: label(t, "position", c.position),
      theory: label(t, "theoryLevel", c.theoryLevel),
      training: t(`profile:training.${trainingStatus(c.id, certificates, enrollments)}`),
      missing: c.professionalLevel ? "" : t("rosters:roster.professionalMissingMark"),
      pending: c.status === "pending" ? t("rosters:roster.pendingMark") : "",
      unreachable: unreachable.has(c.id) ? t("rosters:roster.unreachableMark") : "",
    }),
  );
  const header = t("rosters:roster.title", { unit: unit.name, count: cadres.filter((c) => c.status === "approved").length });
  const missing = cadres.filter((c) => !c.professionalLevel).length;
  const footer = [
    ...(missing ? ["", t("rosters:roster.professionalMissingNote", { count: missing })] : []),
    ...(unreachable.size ? ["", t("rosters:roster.unreachableNote", { count: unreachable.size })] : []),
  ];
  return [
    pageOf(t, { head: header, lines: lines.length ? lines : [t("rosters:roster.empty")], footer, page, command: `/donvi ${unit.id}` }),
  ];
}

async function unitList(ctx: Ctx, units: Unit[], page: number, query: string): Promise<Reply[]> {
  const { t, deps } = ctx;
  const counts = unitCounts(units, await deps.store.cadres.all());
  const lines = counts.map((c) =>
    t("rosters:roster.unitLine", { id: c.unit.id, name: c.unit.name, approved: c.approved, pending: c.pending }),
  );
  const head = t("rosters:roster.unitsTitle", { count: units.length });
  return [pageOf(t, { head, lines, footer: ["", t("rosters:roster.unitsFooter")], page, command: `/donvi${query ? ` ${query}` : ""}` })];
}

/** A merged or closed unit answers with what became of it: "đã sáp nhập vào …" with a way to the unit that took it over. */
async function endedUnit(ctx: Ctx, unit: Unit): Promise<Reply[]> {
  const { t } = ctx;
  const when = unit.endedAt ? dmy(localDate(new Date(unit.endedAt), ctx.deps.config.timeZone)) : "";
  if (unit.status === "merged" && unit.mergedInto) {
    const all = new Map((await ctx.deps.store.units.all()).map((u) => [u.id, u]));
    const into = all.get(survivorOf(all, unit.mergedInto));
    const text = t(when ? "rosters:roster.mergedOn" : "rosters:roster.merged", {
      unit: unit.name,
      into: into?.name ?? unit.mergedInto,
      date: when,
    });
    return [{ text, buttons: into ? [[{ label: into.name, data: `/donvi ${into.id}` }]] : [] }];
  }
  return [{ text: t(when ? "rosters:roster.closedOn" : "rosters:roster.closed", { unit: unit.name, date: when }) }];
}

async function showUnit(ctx: Ctx): Promise<Reply[]> {
  const { actor, deps, t } = ctx;
  const { rest: args, page } = pageArg(ctx.args);
  if (!args) {
    if (seesBloc(actor)) return unitList(ctx, openUnits(await deps.store.units.all()), page, "");
    const own = actor.cadre && (await deps.store.units.get(actor.cadre.unitId));
    if (!own) throw new DomainError("cadres:errors.unitNotFound", { unit: actor.cadre?.unitId ?? "" });
    return rosterOf(ctx, own, page);
  }
  const found = unitsMatching(await ctx.deps.store.units.all(), args);
  if (found.length === 0) return [{ text: t("cadres:errors.unitNotFound", { unit: excerpt(args) }) }];
  if (found.length === 1) return isOpen(found[0]!) ? rosterOf(ctx, found[0]!, page) : endedUnit(ctx, found[0]!);
  return seesBloc(actor)
    ? unitList(ctx, found, page, args)
    : rosterOf(ctx, found.find((u) => u.id === actor.cadre?.unitId) ?? found[0]!, page);
}

export const rosterCommand: Command = { name: "donvi", alias: "unit", chats: "private", run: showUnit };
