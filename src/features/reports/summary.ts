/**
 * The period summary sent to the bloc's admins once a period's deadline has passed: who reported,
 * late or not at all, and how progress moved during the period. The scheduler sends the Reply.
 */
import { today, type Deps } from "../../app/deps";
import type { Composer } from "../../chat/feature";
import type { Reply } from "../../app/messages";
import { periodDates } from "../../domain/periods";
import { addDays } from "../../domain/zoned-time";
import { progressOn } from "../../domain/city-report";
import { type Progress, type ProgressData, type Ratio } from "../../domain/progress";
import type { Locale } from "../../domain/records";
import { reportBoard, unitsOwingReport } from "../../domain/report-rules";
import { numberFormat, percent, planName, translator, type T } from "../../i18n";
import { planRunsToday } from "../../app/plans";
import { checkPeriod, dmy, periodLabel } from "../../app/progress";
import { boardLines } from "./status";

/**
 * Progress as the data stood at the end of `day`: the units in the bloc that day, posts and political
 * theory levels as held that day (`postOn`, `theoryOn`), certificates issued by then.
 */
export function progressAsOf(deps: Deps, data: ProgressData, day: string): Progress {
  // The city reports' reading of a past day (domain/city-report.ts): the units in the bloc that day, posts held that day.
  return progressOn(data, deps.plan, day, deps.config.timeZone);
}

/** `45% → 60% (+15)`, in percentage points. */
function change(t: T, before: Ratio, after: Ratio, locale: "vi" | "en"): string {
  const format = numberFormat(locale, true);
  const points = before.percent !== null && after.percent !== null ? format.format(after.percent - before.percent) : "—";
  return t("reports:summary.change", { before: percent(before, locale), after: percent(after, locale), points });
}

/**
 * The summary of a period for the admins: the status board and the progress change between the
 * day before the period began and its last day. Meant for a period whose deadline has passed (the
 * scheduler decides when); for an open period it reports the state so far.
 * The scheduler sends it through the composer `reports.periodSummary` (see `periodSummaryComposer`).
 * @example const reply = await periodSummary(deps, "2026-Q3"); await deps.notify.toChat(adminGroup, noticeKey("summary", "2026-Q3"), () => reply);
 */
export async function periodSummary(
  deps: Deps,
  period: string,
  t: T = translator(deps.config.defaultLocale),
  locale: Locale = deps.config.defaultLocale,
): Promise<Reply> {
  checkPeriod(deps, period);
  const [units, cadres, certificates, reports] = await Promise.all([
    deps.store.units.all(),
    deps.store.cadres.all(),
    deps.store.certificates.all(),
    deps.store.reports.find({ period }),
  ]);
  const { from, to } = periodDates(period, deps.plan.reporting.cadence);
  // Before and after read every unit and record: a unit closed since still counts on the days it was in the bloc.
  const before = progressAsOf(deps, { units, cadres, certificates }, addDays(from, -1)).bloc;
  const after = progressAsOf(deps, { units, cadres, certificates }, to).bloc;
  // The summary goes to the admins' group: on-time units only counted, no phone numbers. The units that owed the
  // period's report are those in the bloc at its end (a unit closed since still owed it, one joined since did not).
  const owing = unitsOwingReport(units, period, deps.plan.reporting.cadence, today(deps), deps.config.timeZone);
  const rows = reportBoard(owing, reports, cadres, period);
  const board = boardLines({ t, deps }, rows, period, { listOnTime: false, phones: false });
  const head = [t("reports:summary.title", { period: periodLabel(t, period) }), ...board, ""];
  // Outside every plan's period there is no progress to compare: the admins are asked to start a plan.
  if (!planRunsToday(deps)) {
    const p = deps.plan;
    return {
      text: [...head, t("reports:progress.noPlanAdmin", { plan: planName(t, p), from: dmy(p.period.from), to: dmy(p.period.to) })].join(
        "\n",
      ),
    };
  }
  const lines = [
    ...head,
    t("reports:summary.progressTitle", { from: dmy(from), to: dmy(to) }),
    t("reports:summary.t1", { change: change(t, before.fostered, after.fostered, locale) }),
    t("reports:summary.t2", { change: change(t, before.newSecretaries, after.newSecretaries, locale) }),
    t("reports:summary.theory", {
      change: change(t, before.theory, after.theory, locale),
      standard: t(`reports:levelNames.${deps.plan.theoryStandard}`),
    }),
  ];
  return { text: lines.join("\n") };
}

/** The scheduler's `reports.periodSummary` message: the summary of `vars.period`, as the data stands at send time. */
export const periodSummaryComposer: Composer = (deps, vars, t, locale) => periodSummary(deps, String(vars.period), t, locale);
