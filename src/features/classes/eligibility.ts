/**
 * /dudieukien (/eligibility): who may stand for a Youth Union title and what each one lacks (R4, R5),
 * and who waits for the next title-based class (`waitingForTitleClass`: Secretaries, Deputies and
 * planned cadres without the title certificate) — a unit's list for its officers, the counts per unit
 * for admins. `/dudieukien moi <lớp>` (admins) tells those waiting, and their units' officers, that a
 * title-based class is open.
 */
import { DomainError } from "../../app/errors";
import { demand, ownUnitOf, personResource, seesBloc, unitResource } from "../../app/authorize";
import type { Answer, Command, Ctx } from "../../chat/feature";
import { today } from "../../app/deps";
import { ruleFindings } from "../../domain/cadre-rules";
import { findingLine } from "../../app/findings";
import { inNeedsReview, lacksForTitle, waitingForTitleClass } from "../../domain/nomination";
import { inviteToTitleClass, titleClassList, upcomingTitleClass, waitingLine } from "./title-list";
import type { Cadre } from "../../domain/records";
import { compareVi } from "../../domain/text";
import { openUnits, unitCoded } from "../../domain/units";
import { requireCadre, words } from "./common";
import { pageArg, pageOf } from "../../chat/pages";

async function line(ctx: Ctx, cadre: Cadre): Promise<string> {
  const { t } = ctx;
  const lacks = lacksForTitle(ctx.deps.plan, cadre, await ctx.deps.store.certificates.find({ personId: cadre.id }));
  const who = `${cadre.fullName} (${t(`classes:positions.${cadre.position}`)})`;
  const verdict = lacks.length
    ? t("classes:eligibility.lacks", {
        what: lacks
          .map((l) => t(`classes:eligibility.lack.${l}`, { standard: t(`classes:theory.${ctx.deps.plan.theoryStandard}`) }))
          .join("; "),
      })
    : t("classes:eligibility.may");
  const review = inNeedsReview(ctx.deps.plan, cadre) ? ` ${t("classes:eligibility.needsReview")}` : "";
  const unit = await ctx.deps.store.units.get(cadre.unitId);
  const findings = ruleFindings(ctx.deps.plan, cadre, unit?.type ?? "agency", today(ctx.deps)).map((f) => findingLine(t, f));
  return [`• ${who}: ${verdict}${review}`, ...findings].join("\n");
}

async function forUnit(ctx: Ctx, unitId: string): Promise<Answer> {
  const unit = await ctx.deps.store.units.get(unitId);
  if (!unit) throw new DomainError("classes:errors.noSuchUnit", { id: unitId });
  demand(ctx.actor, "eligibility", unitResource(unitId));
  const cadres = (await ctx.deps.store.cadres.find({ unitId, status: "approved" })).sort((a, b) => compareVi(a.fullName, b.fullName));
  const lines = await Promise.all(cadres.map((c) => line(ctx, c)));
  const certificates = (await Promise.all(cadres.map((c) => ctx.deps.store.certificates.find({ personId: c.id })))).flat();
  const waiting = waitingForTitleClass(ctx.deps.plan, cadres, certificates);
  return {
    text: [
      ctx.t("classes:eligibility.unitTitle", { unit: unit.name }),
      ...(lines.length ? lines : [ctx.t("classes:eligibility.empty")]),
      ...(waiting.length
        ? ["", ctx.t("classes:eligibility.waiting", { count: waiting.length }), ...waiting.map((c) => waitingLine(ctx.t, c))]
        : []),
    ].join("\n"),
  };
}

/**
 * An admin's view of the bloc: per open unit, how many approved cadres may stand, how many are in the
 * needs review and how many wait for the title class — 15 units a page on a phone, with "Xem thêm"
 * (`/dudieukien trang 2`).
 */
async function forBloc(ctx: Ctx, page: number): Promise<Answer> {
  const [units, cadres, certificates] = await Promise.all([
    ctx.deps.store.units.all(),
    ctx.deps.store.cadres.find({ status: "approved" }),
    ctx.deps.store.certificates.all(),
  ]);
  const open = openUnits(units).sort((a, b) => compareVi(a.name, b.name));
  const waiting = await titleClassList(ctx.deps);
  const lines = open.map((u) => {
    const mine = cadres.filter((c) => c.unitId === u.id);
    const may = mine.filter(
      (c) =>
        lacksForTitle(
          ctx.deps.plan,
          c,
          certificates.filter((x) => x.personId === c.id),
        ).length === 0,
    );
    const review = mine.filter((c) => inNeedsReview(ctx.deps.plan, c)).length;
    const waits = waiting.filter((c) => c.unitId === u.id).length;
    return ctx.t("classes:eligibility.blocLine", {
      unit: u.name,
      code: u.code ?? u.id,
      may: may.length,
      total: mine.length,
      review,
      waits,
    });
  });
  const example = open[0] ? (open[0].code ?? open[0].id) : "u01";
  const next = waiting.length ? await upcomingTitleClass(ctx.deps) : undefined;
  const title = waiting.length
    ? [
        next
          ? ctx.t("classes:eligibility.waitingBlocNext", { count: waiting.length, code: next.code })
          : ctx.t("classes:eligibility.waitingBloc", { count: waiting.length }),
      ]
    : [];
  const footer = ["", ...title, ctx.t("classes:eligibility.blocHint", { example })];
  const reply = pageOf(ctx.t, { head: ctx.t("classes:eligibility.blocTitle"), lines, page, command: "/dudieukien", footer });
  if (next)
    reply.buttons = [
      ...(reply.buttons ?? []),
      [{ label: ctx.t("classes:eligibility.invite", { count: waiting.length }), data: `/dudieukien moi ${next.code}` }],
    ];
  return reply;
}

/** `/dudieukien` (oneself, one's unit for an officer, the bloc for an admin), `/dudieukien u01` or `/dudieukien p-34`. */
export const eligibilityCommand: Command = {
  name: "dudieukien",
  alias: "eligibility",
  run: async (ctx): Promise<Answer> => {
    const { rest, page } = pageArg(ctx.args);
    const [target, classWord] = words(rest);
    if (target && /^(moi|invite)$/i.test(target)) return inviteToTitleClass(ctx, classWord);
    if (!target) {
      const own = ownUnitOf(ctx.actor);
      if (own) return forUnit(ctx, own);
      if (seesBloc(ctx.actor)) return forBloc(ctx, page);
      const me = requireCadre(ctx.actor);
      return { text: [ctx.t("classes:eligibility.selfTitle"), await line(ctx, me)].join("\n") };
    }
    const unit = unitCoded(await ctx.deps.store.units.all(), target);
    if (unit) return forUnit(ctx, unit.id);
    const cadre = await ctx.deps.store.cadres.get(target);
    if (!cadre) throw new DomainError("classes:errors.noSuchCadre", { id: target });
    demand(ctx.actor, "eligibility", personResource(cadre.id, cadre.unitId));
    return { text: [ctx.t("classes:eligibility.selfTitle"), await line(ctx, cadre)].join("\n") };
  },
};
