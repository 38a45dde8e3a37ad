/** /dudieukien (/eligibility): who may stand for a Youth Union title and what each one lacks (R4, R5). */
import { DomainError } from "../../app/errors";
import { demand, ownUnitOf, personResource, unitResource } from "../../app/authorize";
import type { Answer, Command, Ctx } from "../../chat/feature";
import { today } from "../../app/deps";
import { ruleFindings } from "../../domain/cadre-rules";
import { findingLine } from "../../app/findings";
import { inNeedsReview, lacksForTitle } from "../../domain/nomination";
import type { Cadre } from "../../domain/records";
import { compareVi } from "../../domain/text";
import { requireCadre, words } from "./common";

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
  return {
    text: [
      ctx.t("classes:eligibility.unitTitle", { unit: unit.name }),
      ...(lines.length ? lines : [ctx.t("classes:eligibility.empty")]),
    ].join("\n"),
  };
}

/** `/dudieukien` (oneself, or one's unit for an officer), `/dudieukien u01` or `/dudieukien p-34`. */
export const eligibilityCommand: Command = {
  name: "dudieukien",
  alias: "eligibility",
  run: async (ctx): Promise<Answer> => {
    const [target] = words(ctx.args);
    if (!target) {
      const own = ownUnitOf(ctx.actor);
      if (own) return forUnit(ctx, own);
      const me = requireCadre(ctx.actor);
      return { text: [ctx.t("classes:eligibility.selfTitle"), await line(ctx, me)].join("\n") };
    }
    if (await ctx.deps.store.units.get(target)) return forUnit(ctx, target);
    const cadre = await ctx.deps.store.cadres.get(target);
    if (!cadre) throw new DomainError("classes:errors.noSuchCadre", { id: target });
    demand(ctx.actor, "eligibility", personResource(cadre.id, cadre.unitId));
    return { text: [ctx.t("classes:eligibility.selfTitle"), await line(ctx, cadre)].join("\n") };
  },
};
