/** Shared pieces of the reports feature: reading the store once, periods, formatting. */
import { today, type Deps } from "../../app/deps";
import { DomainError } from "../../app/errors";
import type { Reply } from "../../app/messages";
import { BadPeriod, parsePeriod } from "../../domain/periods";
import { localDate } from "../../domain/zoned-time";
import { computeProgress, progressWindow, type Progress, type ProgressData } from "../../domain/progress";
import type { T } from "../../i18n";
import { openUnits } from "../../domain/units";

/** Everything progress needs, read once from the store. */
export async function loadProgressData(deps: Deps): Promise<ProgressData> {
  const [all, cadres, certificates] = await Promise.all([deps.store.units.all(), deps.store.cadres.all(), deps.store.certificates.all()]);
  const units = openUnits(all);
  const open = new Set(units.map((u) => u.id));
  // A closed unit leaves the targets: neither it nor its cadres count.
  return { units, cadres: cadres.filter((c) => open.has(c.unitId)), certificates };
}

/** Progress at `now` over the default window (see `progressWindow`). */
export function progressNow(deps: Deps, data: ProgressData): Progress {
  const day = today(deps);
  return computeProgress(data, { plan: deps.plan, today: day, window: progressWindow(deps.plan.period, day) });
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
    if (e instanceof BadPeriod) throw new DomainError("reports:errors.badPeriod", { period, example: deps.plan.reporting.cadence === "quarterly" ? "2026-Q4" : "2026-11" });
    throw e;
  }
}

/** "Quý 4/2026" or "Tháng 11/2026". */
export function periodLabel(t: T, period: string): string {
  const [year, rest] = period.split("-") as [string, string];
  return rest.startsWith("Q")
    ? t("reports:period.quarter", { n: Number(rest.slice(1)), year })
    : t("reports:period.month", { n: Number(rest), year });
}

/** Longest text of one message we send; channels cut at 4096 (Telegram) or 2000 (Zalo). */
const MAX_TEXT = 1900;

/** Splits lines into as few replies as fit a message each. */
export function chunkReplies(lines: string[], max = MAX_TEXT): Reply[] {
  const out: Reply[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (current.length && size + line.length + 1 > max) {
      out.push({ text: current.join("\n") });
      current = [];
      size = 0;
    }
    current.push(line);
    size += line.length + 1;
  }
  if (current.length) out.push({ text: current.join("\n") });
  return out;
}

export { dmy } from "../../domain/zoned-time";
