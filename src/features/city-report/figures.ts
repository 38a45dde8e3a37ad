/**
 * The figures of a report to the city Youth Union for some years, read once from the store: the
 * workbook's sheets and the document's sentences are both built from them.
 */
import { today, type Deps } from "../../app/deps";
import { BLOC_ID } from "../../domain/bloc";
import { isFuture, isLate } from "../../domain/periods";
import { translator } from "../../i18n";
import { loadProgressData, periodLabel, progressNow } from "../../app/progress";
import { certificateSheet, classSheet, missingSheet, needsSheet, partyCommitteeSheet, targetSheet } from "./sheets";

/** The reporting periods of the years, up to the current one. */
function periodsOf(deps: Deps, years: readonly number[]): string[] {
  const { cadence } = deps.plan.reporting;
  const all = years.flatMap((y) =>
    cadence === "quarterly"
      ? [1, 2, 3, 4].map((q) => `${y}-Q${q}`)
      : Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, "0")}`),
  );
  return all.filter((p) => !isFuture(p, deps.now(), deps.plan.reporting, deps.config.timeZone));
}

/**
 * The figures of a report to the city for the years, read once: the workbook's sheets and what the
 * document (.docx) says are both built from these, so every figure is the same in both.
 */
export async function cityFigures(deps: Deps, years: number[]) {
  const t = translator("vi");
  const data = await loadProgressData(deps);
  const [courses, enrollments, reports, bloc] = await Promise.all([
    deps.store.courses.all(),
    deps.store.enrollments.all(),
    deps.store.reports.all(),
    deps.store.bloc.get(BLOC_ID),
  ]);
  const periods = periodsOf(deps, years);
  const inYears = reports.filter((r) => periods.includes(r.period));
  const progress = progressNow(deps, data);
  const cadres = new Map(data.cadres.map((c) => [c.id, c]));
  const approved = data.cadres.filter((c) => c.status === "approved");
  // Units that did not report: only periods whose deadline has passed.
  const closed = periods.filter((p) => isLate(p, deps.now(), deps.plan.reporting, deps.config.timeZone));
  return {
    years,
    blocName: bloc?.name ?? deps.plan.bloc,
    data,
    courses: courses.filter((c) => years.includes(c.year)),
    reports: inYears,
    progress,
    classes: classSheet(t, deps.plan, courses, enrollments, data.certificates, cadres, years),
    targets: targetSheet(t, deps.plan, progress),
    certificates: certificateSheet(t, deps.plan, data.certificates, years),
    needs: needsSheet(t, deps.plan, data.units, approved, inYears, today(deps)),
    missing: missingSheet(t, data.units, inYears, approved, closed),
    committees: partyCommitteeSheet(t, data.units, courses, enrollments, years),
    periodLabel: (period: string) => periodLabel(t, period),
  };
}

/** The figures of `cityFigures`. */
export type CityFigures = Awaited<ReturnType<typeof cityFigures>>;
