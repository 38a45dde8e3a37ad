/**
 * `/tiendo`: progress against the plan's targets. Admins see the bloc and every unit, furthest
 * behind first; an officer sees their own unit and the bloc total.
 */
import { seesBloc } from "../../app/authorize";
import { excerpt } from "../../domain/text";
import type { Ctx } from "../../chat/feature";
import { pageArg, pageOf } from "../../chat/pages";
import { showsImages, type Reply } from "../../app/messages";
import { targetFor, targetPercent } from "../../domain/counting";
import type { Plan, TargetMeasure } from "../../domain/plan";
import { fosteredByYear, lacksElectionDate, type Progress, type ProgressRow } from "../../domain/progress";
import { planRunsToday } from "../../app/plans";
import type { Locale } from "../../domain/records";
import { planName, ratioText, t2Rule, type T, unitProgressLine } from "../../i18n";
import { dmy, loadProgressData, progressNow, yearlyClassLines } from "../../app/progress";
import { progressChart, progressChartImage } from "./progress-chart";

/** One row in full: `T1 fostered 12/20 (60%) · T2 … · theory …`. */
export function rowDetail(t: T, row: ProgressRow, locale: Locale): string {
  return t("reports:progress.detail", {
    cadres: row.cadres,
    t1: ratioText(row.fostered, locale),
    t2: ratioText(row.newSecretaries, locale),
    theory: ratioText(row.theory, locale),
  });
}

/** The plan's targets in plain words, from the plan's data (names, percents, window, standard). */
export function targetLegend(t: T, plan: Plan, locale: Locale): string {
  const name = (m: TargetMeasure) => targetFor(plan, m)?.name[locale] ?? "";
  return t("reports:progress.legend", {
    fostered: name("fostered"),
    fosteredTarget: targetPercent(plan, "fostered"),
    newlyElected: name("newlyElected"),
    newlyElectedTarget: targetPercent(plan, "newlyElected"),
    t2Rule: t2Rule(t, plan),
    theory: name("theory"),
    theoryTarget: targetPercent(plan, "theory"),
    standard: t(`reports:levelNames.${plan.theoryStandard}`),
  });
}

/** The header: the plan, the window counted, its targets and the bloc's totals. */
export function progressHeader(t: T, progress: Progress, locale: Locale, plan: Plan): string[] {
  const lines = [
    t("reports:progress.title", { plan: planName(t, plan), from: dmy(progress.window.from), to: dmy(progress.window.to) }),
    targetLegend(t, plan, locale),
    "",
    t("reports:progress.bloc"),
    rowDetail(t, progress.bloc, locale),
  ];
  if (progress.bloc.noElectionDate > 0) lines.push(t("reports:progress.noElectionDate", { count: progress.bloc.noElectionDate }));
  return lines;
}

/** How many units `/tiendo` lists before "the rest": the ones furthest behind are what needs action. */
export const UNITS_SHOWN = 10;

/** The admin's part: the units furthest behind (all with `tatca`), and their chart where it shows. */
async function adminProgress(ctx: Ctx, progress: Progress, lines: string[]): Promise<Reply[]> {
  const { t, deps } = ctx;
  const locale = ctx.actor.locale;
  // Plan III.2: one youth-work, one supplementary and one lecturer class every year.
  lines.push(...(await yearlyClassLines(deps, t, locale)));
  const { rest: which, page } = pageArg(ctx.args);
  const all = /^(tatca|all)$/i.test(which);
  const shown = all ? progress.units : progress.units.slice(0, UNITS_SHOWN);
  const unitLines = shown.map(
    (u, i) =>
      unitProgressLine(t, u, i + 1, locale) +
      (u.noElectionDate > 0 ? t("reports:progress.noElectionDateSuffix", { count: u.noElectionDate }) : ""),
  );
  const title = t(all ? "reports:progress.unitsTitle" : "reports:progress.behindTitle", { count: shown.length });
  if (all) {
    // Every unit, a page at a time on a phone: the bloc's figures head the first page, the chart follows it.
    const head = page === 1 ? [...lines, "", title].join("\n") : title;
    const paged = pageOf(t, { head, lines: unitLines, page, command: "/tiendo tatca" });
    if (page === 1 && shown.length > 0 && showsImages(ctx.msg.channel)) {
      const image = await progressChartImage(deps, progressChart(t, progress, shown, locale, deps.plan.theoryStandard));
      if (image) paged.image = image;
    }
    return [paged];
  }
  lines.push("", title, ...unitLines);
  const rest = progress.units.length - shown.length;
  if (rest > 0) lines.push("", t("reports:progress.more", { count: rest }));
  // One reply: each channel splits it at its own limit (chat/split.ts), the buttons and the chart after the last piece.
  const last: Reply = { text: lines.join("\n") };
  const replies = [last];
  if (rest > 0) last.buttons = [[{ label: t("reports:progress.showAll", { count: progress.units.length }), data: "/tiendo tatca" }]];
  // Drawn only where it is shown (Telegram; see IMAGE_CHANNELS), and only for admins: officers' /tiendo stays text.
  if (shown.length > 0 && showsImages(ctx.msg.channel)) {
    const image = await progressChartImage(deps, progressChart(t, progress, shown, locale, deps.plan.theoryStandard));
    if (image) last.image = image;
  }
  return replies;
}

/**
 * Runs `/tiendo`; `/tiendo tatca` (`all`) lists every unit. An admin on Telegram also gets a chart
 * of the units listed.
 */
export async function runProgress(ctx: Ctx): Promise<Reply[]> {
  const replies = await progressReplies(ctx);
  // A word it does not take (a date, a unit): said first, rather than answered as if it had not been typed.
  const { rest } = pageArg(ctx.args);
  if (!rest || /^(tatca|all)$/i.test(rest) || !replies[0]) return replies;
  const key = seesBloc(ctx.actor) ? "reports:progress.unknownWordAdmin" : "reports:progress.unknownWord";
  return [{ ...replies[0], text: `${ctx.t(key, { word: excerpt(rest, 40, true) })}\n\n${replies[0].text}` }, ...replies.slice(1)];
}

async function progressReplies(ctx: Ctx): Promise<Reply[]> {
  const { t, deps, actor } = ctx;
  const locale = actor.locale;
  // Outside every plan's period there is nothing to count against: admins are asked to start a plan.
  if (!planRunsToday(deps)) {
    const p = deps.plan;
    return [
      {
        text: seesBloc(actor)
          ? t("reports:progress.noPlanAdmin", { plan: planName(t, p), from: dmy(p.period.from), to: dmy(p.period.to) })
          : t("reports:progress.noPlan"),
      },
    ];
  }
  const data = await loadProgressData(deps);
  const progress = progressNow(deps, data);
  const lines = progressHeader(t, progress, locale, deps.plan);
  const years = fosteredByYear(data, { plan: deps.plan, window: progress.window });
  if (years.length > 1) {
    lines.push(
      t("reports:progress.byYear", {
        years: years
          .map((y) => t("reports:progress.yearItem", { year: y.year, fostered: y.fostered, cumulative: y.cumulative }))
          .join(" · "),
      }),
    );
  }
  if (seesBloc(actor)) return adminProgress(ctx, progress, lines);
  const index = progress.units.findIndex((u) => u.unitId === actor.cadre?.unitId);
  const own = progress.units[index];
  if (own) {
    lines.push(
      "",
      t("reports:progress.ownUnit", { unit: own.unitName, rank: index + 1, total: progress.units.length }),
      rowDetail(t, own, locale),
    );
    const undated = (await deps.store.cadres.find({ unitId: own.unitId, status: "approved" })).filter(lacksElectionDate);
    if (undated.length) lines.push(t("reports:progress.noElectionDateNames", { names: undated.map((c) => c.fullName).join(", ") }));
  }
  return [{ text: lines.join("\n") }];
}
