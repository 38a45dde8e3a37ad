/**
 * Progress against the plan's targets (plan section II), bloc-wide and per unit. Pure and O(n):
 * certificates are indexed by person once, then one pass over the cadres adds each to its unit.
 *
 * Definitions (only approved cadres count; dates are local dates `yyyy-mm-dd`, inclusive):
 * - **T1, fostered**: a cadre holding at least one certificate (any course kind) issued inside the
 *   progress window. The window is the plan period when it holds today; otherwise — the plan
 *   49-KH ran 2020–2022, so in 2026 it would count nobody — the current calendar year
 *   [01/01, 31/12]. Callers may pass another window (see `progressWindow`).
 * - **T2, newly elected Secretaries trained**: Secretaries whose `electedOn` lies within
 *   `newlyElectedMonths` before today (and not after today). `electedOn` is the date first elected
 *   to the post, so a re-elected or long-serving Secretary is not newly elected and does not count,
 *   nor does a Secretary with no date. Trained = holds a title certificate, issued at any time
 *   (R4 wants it before standing for the title).
 * - **Theory share**: cadres whose political theory level meets `theoryStandard` (trung cấp or above).
 *
 * A ratio with nothing to count has `percent: null` (shown as "—").
 */
import type { Certificate } from "./courses";
import { meetsTheory, type Plan } from "./plan";
import type { Cadre, Unit } from "./records";
import { compareVi } from "./text";
import { addMonths } from "./zoned-time";

/** Local dates bounding the count of fostered cadres (T1), inclusive. */
export interface ProgressWindow {
  from: string;
  to: string;
}

export interface Ratio {
  done: number;
  total: number;
  /** 0–100, or null when `total` is 0. */
  percent: number | null;
}

export interface ProgressRow {
  cadres: number;
  /** T1: cadres fostered in the window. */
  fostered: Ratio;
  /** T2: newly elected Secretaries holding a title certificate. */
  newSecretaries: Ratio;
  /** Cadres at or above the theory standard. */
  theory: Ratio;
  /** Sum of the shortfalls against the targets, in percentage points: the "furthest behind" key. */
  shortfall: number;
}

export interface UnitProgress extends ProgressRow {
  unitId: string;
  unitName: string;
}

export interface Progress {
  window: ProgressWindow;
  bloc: ProgressRow;
  /** Furthest behind first: largest shortfall, then by name. */
  units: UnitProgress[];
}

export interface ProgressData {
  units: readonly Unit[];
  cadres: readonly Cadre[];
  certificates: readonly Certificate[];
}

export interface ProgressOptions {
  plan: Pick<Plan, "targets" | "theoryStandard" | "newlyElectedMonths">;
  /** Today's local date. */
  today: string;
  window: ProgressWindow;
}

/**
 * The default progress window: the plan period when it holds `today`, else today's calendar year.
 * @example progressWindow(plan.period, "2026-11-29") // { from: "2026-01-01", to: "2026-12-31" }
 */
export function progressWindow(period: Plan["period"], today: string): ProgressWindow {
  if (period.from <= today && today <= period.to) return { from: period.from, to: period.to };
  const year = today.slice(0, 4);
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** True for a Secretary elected within `months` before `today`. */
export function isNewlyElectedSecretary(cadre: Pick<Cadre, "position" | "electedOn">, today: string, months: number): boolean {
  return electedSince(cadre, today, addMonths(today, -months));
}

function electedSince(cadre: Pick<Cadre, "position" | "electedOn">, today: string, cutoff: string): boolean {
  return cadre.position === "secretary" && !!cadre.electedOn && cadre.electedOn <= today && cadre.electedOn >= cutoff;
}

interface Counts {
  cadres: number;
  fostered: number;
  newSecretaries: number;
  newSecretariesTitled: number;
  theory: number;
}

const zero = (): Counts => ({ cadres: 0, fostered: 0, newSecretaries: 0, newSecretariesTitled: 0, theory: 0 });

/** Certificates indexed by person, built in one pass: who was fostered in the window, who holds a title certificate. */
export interface CertificateIndex {
  fostered: Set<string>;
  titled: Set<string>;
}

/** Indexes certificates by person (see `CertificateIndex`). */
export function certificateIndex(certificates: readonly Certificate[], window: ProgressWindow): CertificateIndex {
  const index: CertificateIndex = { fostered: new Set(), titled: new Set() };
  for (const c of certificates) {
    if (c.issuedOn >= window.from && c.issuedOn <= window.to) index.fostered.add(c.personId);
    if (c.title) index.titled.add(c.personId);
  }
  return index;
}

function ratio(done: number, total: number): Ratio {
  return { done, total, percent: total === 0 ? null : (done / total) * 100 };
}

function targetPercent(plan: ProgressOptions["plan"], id: string): number {
  return plan.targets.find((t) => t.id === id)?.percent ?? 100;
}

function toRow(c: Counts, plan: ProgressOptions["plan"]): ProgressRow {
  const fostered = ratio(c.fostered, c.cadres);
  const newSecretaries = ratio(c.newSecretariesTitled, c.newSecretaries);
  const theory = ratio(c.theory, c.cadres);
  // No cadre registered counts as 0% (the unit is behind); no newly elected Secretary owes nothing.
  const gap = (r: Ratio, target: number, ifEmpty: number) => Math.max(0, target - (r.percent ?? ifEmpty));
  const t1 = targetPercent(plan, "T1");
  const t2 = targetPercent(plan, "T2");
  const shortfall = gap(fostered, t1, 0) + gap(newSecretaries, t2, t2) + gap(theory, 100, 0);
  return { cadres: c.cadres, fostered, newSecretaries, theory, shortfall };
}

/**
 * Computes T1, T2 and the theory share for the bloc and every unit, furthest behind first.
 * @example computeProgress({ units, cadres, certificates }, { plan, today: "2026-11-29", window })
 */
export function computeProgress(data: ProgressData, options: ProgressOptions): Progress {
  const { plan, today, window } = options;
  const certs = certificateIndex(data.certificates, window);
  const perUnit = new Map<string, Counts>(data.units.map((u) => [u.id, zero()]));
  const bloc = zero();
  const cutoff = addMonths(today, -plan.newlyElectedMonths);
  const add = (c: Counts, fostered: boolean, theory: boolean, isNew: boolean, titled: boolean) => {
    c.cadres++;
    if (fostered) c.fostered++;
    if (theory) c.theory++;
    if (isNew) {
      c.newSecretaries++;
      if (titled) c.newSecretariesTitled++;
    }
  };
  for (const cadre of data.cadres) {
    if (cadre.status !== "approved") continue;
    const unit = perUnit.get(cadre.unitId);
    const fostered = certs.fostered.has(cadre.id);
    const theory = meetsTheory(cadre.theoryLevel, plan.theoryStandard);
    const isNew = electedSince(cadre, today, cutoff);
    const titled = isNew && certs.titled.has(cadre.id);
    add(bloc, fostered, theory, isNew, titled);
    if (unit) add(unit, fostered, theory, isNew, titled);
  }
  const units = data.units.map((u) => ({ unitId: u.id, unitName: u.name, ...toRow(perUnit.get(u.id)!, plan) }));
  units.sort((a, b) => b.shortfall - a.shortfall || compareVi(a.unitName, b.unitName) || a.unitId.localeCompare(b.unitId));
  return { window, bloc: toRow(bloc, plan), units };
}
