/** Shared by several features: reading the store once for progress, periods, formatting. */
import { today, type Deps } from "./deps";
import { DomainError } from "./errors";
import { BadPeriod, parsePeriod } from "../domain/periods";
import { computeProgress, openProgressData, progressWindow, type Progress, type ProgressData } from "../domain/progress";

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
 * Checks a period id typed by a person against the plan's cadence.
 * @throws DomainError `reports:errors.badPeriod`
 */
export function checkPeriod(deps: Deps, period: string): string {
  try {
    parsePeriod(period, deps.plan.reporting.cadence);
    return period;
  } catch (e) {
    if (e instanceof BadPeriod)
      throw new DomainError("reports:errors.badPeriod", {
        period,
        example: deps.plan.reporting.cadence === "quarterly" ? "2026-Q4" : "2026-11",
      });
    throw e;
  }
}

export { periodLabel } from "../i18n";

export { dmy } from "../domain/zoned-time";
