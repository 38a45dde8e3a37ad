/**
 * `/tiendo`: progress against the plan's targets. Admins see the bloc and every unit, furthest
 * behind first; an officer sees their own unit and the bloc total.
 */
import type { Ctx } from "../../chat/feature";
import { showsImages, type Reply } from "../../app/messages";
import type { Progress, ProgressRow } from "../../domain/progress";
import type { Locale } from "../../domain/records";
import { percent, ratioText, type T } from "../../i18n";
import { chunkReplies, dmy, loadProgressData, progressNow } from "./common";
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

/** The header: the window counted and the bloc's totals. */
export function progressHeader(t: T, progress: Progress, locale: Locale, standard: string): string[] {
  return [
    t("reports:progress.title", { from: dmy(progress.window.from), to: dmy(progress.window.to) }),
    t("reports:progress.legend", { standard: t(`reports:levelNames.${standard}`) }),
    "",
    t("reports:progress.bloc"),
    rowDetail(t, progress.bloc, locale),
  ];
}

/** How many units `/tiendo` lists before "the rest": the ones furthest behind are what needs action. */
export const UNITS_SHOWN = 10;

/** The admin's part: the units furthest behind (all with `tatca`), and their chart where it shows. */
async function adminProgress(ctx: Ctx, progress: Progress, lines: string[]): Promise<Reply[]> {
  const { t, deps } = ctx;
  const locale = ctx.actor.locale;
  const all = /^(tatca|all)$/i.test(ctx.args.trim());
  const shown = all ? progress.units : progress.units.slice(0, UNITS_SHOWN);
  lines.push("", t(all ? "reports:progress.unitsTitle" : "reports:progress.behindTitle", { count: shown.length }));
  shown.forEach((u, i) =>
    lines.push(
      t("reports:progress.unitLine", {
        n: i + 1,
        unit: u.unitName,
        t1: percent(u.fostered, locale),
        t2: percent(u.newSecretaries, locale),
        theory: percent(u.theory, locale),
      }),
    ),
  );
  const rest = progress.units.length - shown.length;
  if (rest > 0) lines.push("", t("reports:progress.more", { count: rest }));
  const replies = chunkReplies(lines);
  const last = replies[replies.length - 1]!;
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
  const { t, deps, actor } = ctx;
  const locale = actor.locale;
  const progress = progressNow(deps, await loadProgressData(deps));
  const lines = progressHeader(t, progress, locale, deps.plan.theoryStandard);
  if (actor.role === "admin") return adminProgress(ctx, progress, lines);
  const index = progress.units.findIndex((u) => u.unitId === actor.cadre?.unitId);
  const own = progress.units[index];
  if (own) lines.push("", t("reports:progress.ownUnit", { unit: own.unitName, rank: index + 1, total: progress.units.length }), rowDetail(t, own, locale));
  return chunkReplies(lines);
}
