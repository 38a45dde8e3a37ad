/**
 * The figures of a report to the city Youth Union for a year or a plan, as of the period's end
 * (`domain/city-report.ts`), read once from the store: the workbook's sheets and the document's
 * sentences are both built from them, so every figure is the same in both.
 */
import type { Deps } from "../../app/deps";
import { periodLabel } from "../../app/progress";
import { BLOC_ID } from "../../domain/bloc";
import { cityFigures, courseInScope, inScope, type CityData, type ReportScope } from "../../domain/city-report";
import { reportDating } from "../../domain/plans";
import { isLate, periodDates } from "../../domain/periods";
import { unitsOwingReport } from "../../domain/report-rules";
import { today } from "../../app/deps";
import { dmy } from "../../domain/zoned-time";
import { planName, translator, type T } from "../../i18n";
import { certificateSheet, classSheet, missingSheet, needsSheet, notesSheet, partyCommitteeSheet, targetSheet } from "./sheets";

/** Every record the report reads, from the store once. */
async function loadCityData(deps: Deps): Promise<CityData> {
  const s = deps.store;
  const [units, cadres, certificates, courses, enrollments, reports] = await Promise.all([
    s.units.all(),
    s.cadres.all(),
    s.certificates.all(),
    s.courses.all(),
    s.enrollments.all(),
    s.reports.all(),
  ]);
  return { units, cadres, certificates, courses, enrollments, reports };
}

/** The reporting periods of the scope's years that began by its day. */
function periodsOf(scope: ReportScope): string[] {
  const { cadence } = scope.plan.reporting;
  return scope.years
    .flatMap((y) =>
      cadence === "quarterly"
        ? [1, 2, 3, 4].map((q) => `${y}-Q${q}`)
        : Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, "0")}`),
    )
    .filter((p) => periodDates(p, cadence).from <= scope.asOf && inScope(scope, reportDating({ period: p })));
}

/** The scope's name in a language: "năm 2025", "giai đoạn 2020 – 2022". */
export function scopeText(t: T, scope: ReportScope): string {
  return scope.kind === "year"
    ? t("cityReport:scopeYear", { year: scope.years[0] })
    : t("cityReport:scopePlan", { from: scope.years[0], to: scope.years.at(-1) });
}

/**
 * The rule line of a yearly report of a year two plans share (an early end): the whole year's
 * classes, certificates and reports, against the targets of the plan holding the year's last day.
 * Undefined for any other scope.
 */
export function sharedYearRule(t: T, scope: ReportScope): string | undefined {
  const [first, second] = scope.sharedBy ?? [];
  if (!first || !second) return undefined;
  return t("cityReport:sharedYear", {
    year: scope.years[0],
    first: planName(t, first),
    end: dmy(first.period.to),
    second: planName(t, second),
    start: dmy(second.period.from),
    plan: planName(t, scope.plan),
    from: dmy(scope.plan.period.from),
  });
}

/**
 * The figures of a report to the city for a scope, with the workbook's sheets (in Vietnamese).
 * @example const f = await reportFigures(deps, yearScope(plans, 2025, today)!); f.classes.rows
 */
export async function reportFigures(deps: Deps, scope: ReportScope) {
  const t = translator("vi");
  const tz = deps.config.timeZone;
  const data = await loadCityData(deps);
  const figures = cityFigures(data, scope, tz);
  const periods = periodsOf(scope);
  const reports = data.reports.filter((r) => periods.includes(r.period));
  // Units that did not report: only periods whose deadline has passed.
  const closed = periods.filter((p) => isLate(p, deps.now(), scope.plan.reporting, tz));
  const bloc = await deps.store.bloc.get(BLOC_ID);
  const courses = data.courses.filter((c) => courseInScope(scope, c, tz));
  return {
    scope,
    figures,
    years: scope.years,
    blocName: bloc?.name ?? scope.plan.bloc,
    data,
    courses,
    reports,
    progress: figures.progress,
    classes: classSheet(t, figures),
    targets: targetSheet(t, figures),
    certificates: certificateSheet(t, figures),
    needs: needsSheet(t, figures, reports),
    notes: notesSheet(t, figures),
    missing: missingSheet(t, reports, data.cadres, closed, (period) =>
      unitsOwingReport(data.units, period, scope.plan.reporting.cadence, today(deps), tz),
    ),
    committees: partyCommitteeSheet(t, figures.units, courses, data.enrollments),
    periodLabel: (period: string) => periodLabel(t, period),
  };
}

/** The figures of `reportFigures`. */
export type CityFigures = Awaited<ReturnType<typeof reportFigures>>;
