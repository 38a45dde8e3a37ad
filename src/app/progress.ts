/** Shared by several features: reading the store once for progress, periods, formatting. */
import { today, type Deps } from "./deps";
import { DomainError } from "./errors";
import { readPeriod } from "../domain/periods";
import { excerpt } from "../domain/text";
import { computeProgress, openProgressData, progressWindow, type Progress, type ProgressData } from "../domain/progress";
import { classCode } from "../domain/courses";
import { isLeftOpen, missingYearlyKinds } from "../domain/plans";
import type { Locale } from "../domain/records";
import type { T } from "../i18n";

/** Everything progress needs, read once from the store. */
export async function loadProgressData(deps: Deps): Promise<ProgressData> {
  const [units, cadres, certificates] = await Promise.all([deps.store.units.all(), deps.store.cadres.all(), deps.store.certificates.all()]);
  // A closed unit leaves the targets: neither it nor its cadres count.
  return openProgressData({ units, cadres, certificates });
}

/** Progress at `now` over the default window (see `progressWindow`). */
export function progressNow(deps: Deps, data: ProgressData): Progress {
  const day = today(deps);
  return computeProgress(data, { plan: deps.plan, today: day, window: progressWindow(deps.plan.period) });
}

/**
 * The year's 1+1+1 classes (plan III.2) in words, as `/tiendo` and the web view show them: the yearly
 * kinds neither held nor scheduled this year, then the classes past their last session but never
 * closed — not held, so the admin closes them rather than creating another.
 * @example await yearlyClassLines(deps, t, "vi") // ["Lớp hằng năm chưa tổ chức …", "Lớp đã qua buổi học cuối …"]
 */
export async function yearlyClassLines(deps: Deps, t: T, locale: Locale): Promise<string[]> {
  const day = today(deps);
  const year = Number(day.slice(0, 4));
  const courses = await deps.store.courses.all();
  const missing = missingYearlyKinds(deps.plan, courses, year, day, deps.config.timeZone);
  const lines = [
    missing.length
      ? t("reports:progress.yearlyMissing", { year, kinds: missing.map((k) => k.name[locale]).join("; ") })
      : t("reports:progress.yearlyDone", { year }),
  ];
  const leftOpen = courses.filter((c) => isLeftOpen(c, day));
  if (leftOpen.length)
    lines.push(t("reports:progress.leftOpen", { classes: leftOpen.map((c) => `${classCode(c)} · ${c.title}`).join("; ") }));
  return lines;
}

/**
 * Reads a period typed by a person (`2026-Q4`, `Q4/2026`, `quý 4/2026`; months `11/2026`) against
 * the plan's cadence, and returns its id.
 * @throws DomainError `reports:errors.badPeriod` (or `badMonth` for a monthly plan)
 */
export function checkPeriod(deps: Deps, period: string): string {
  const id = readPeriod(period, deps.plan.reporting.cadence);
  if (id) return id;
  throw new DomainError(deps.plan.reporting.cadence === "quarterly" ? "reports:errors.badPeriod" : "reports:errors.badMonth", {
    period: excerpt(period, 40, true),
  });
}

export { periodLabel } from "../i18n";

export { dmy } from "../domain/zoned-time";
