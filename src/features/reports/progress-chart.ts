/**
 * The picture `/tiendo` sends an admin on a channel that shows images: a bar per unit (T1, with
 * the theory share as a thin second bar), the units in the order of the text, furthest behind first.
 */
import type { Deps } from "../../app/deps";
import type { Reply } from "../../app/messages";
import type { Progress, UnitProgress } from "../../domain/progress";
import type { Locale } from "../../domain/records";
import { barChartSvg, type BarChart } from "./chart";
import { svgToPng } from "./chart-png";
import { percent, type T } from "../../i18n";
import { today } from "../../app/deps";
import { dmy } from "../../app/progress";

/** The chart of some units' progress, as data for `barChartSvg`. */
export function progressChart(t: T, progress: Progress, units: readonly UnitProgress[], locale: Locale, standard: string): BarChart {
  return {
    title: t("reports:progress.chart.title", { from: dmy(progress.window.from), to: dmy(progress.window.to) }),
    subtitle: t("reports:progress.chart.subtitle", {
      count: units.length,
      t1: percent(progress.bloc.fostered, locale),
      t2: percent(progress.bloc.newSecretaries, locale),
      theory: percent(progress.bloc.theory, locale),
    }),
    legend: {
      main: t("reports:progress.chart.t1"),
      second: t("reports:progress.chart.theory", { standard: t(`reports:levelNames.${standard}`) }),
    },
    rows: units.map((u) => ({
      label: u.unitName,
      main: u.fostered.percent,
      mainText: percent(u.fostered, locale),
      second: u.theory.percent,
    })),
  };
}

/**
 * The chart as a PNG for a reply, or undefined when rendering failed (logged; the text ranking
 * says the same, so `/tiendo` still answers).
 */
export async function progressChartImage(deps: Deps, chart: BarChart): Promise<Reply["image"]> {
  try {
    return { name: `tien-do-${today(deps)}.png`, content: await svgToPng(barChartSvg(chart)) };
  } catch (e) {
    deps.log.warn({ err: e }, "progress chart not rendered");
    return undefined;
  }
}
