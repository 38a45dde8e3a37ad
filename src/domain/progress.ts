/**
 * Progress against the plan's targets (plan section II), bloc-wide and per unit, as of a day. Pure
 * and O(n): certificates are indexed by person once, then one pass over the cadres adds each to
 * its unit. The one home of these figures: `/tiendo`, the weekly digest, `/xuat`, the chart, the
 * city workbooks and the period summary all call `computeProgress`.
 *
 * Definitions (only approved records; posts as held on the as-of day `today`, see ./posts; members
 * are not cadres — `cadrePositions`; dates are local dates `yyyy-mm-dd`, inclusive):
 * - **fostered (T1)**: a cadre holding a certificate that satisfies the `fostered` target (its
 *   `certificateKinds`, any when absent) issued inside the progress window (see `progressWindow`;
 *   a report about a past day ends the window on that day).
 * - **newly elected Secretaries trained (T2, rule R3)**: the denominator is every person elected
 *   Secretary between the plan's lead-in (`newlyElectedLeadInMonths` before its start) and the
 *   as-of day (at the latest the plan's last day), whatever post they hold since: they stay in it
 *   until trained or the plan ends — never a rolling window. Counted in the unit that elected them (in the
 *   unit they belong to that day when that one has left the bloc, e.g. merged). Trained = holds a certificate that
 *   satisfies the `newlyElected` target issued by the window's end. A Secretary with no election date
 *   is not counted but shown apart (`noElectionDate`).
 * - **Theory share**: cadres whose political theory level held on the as-of day (see ./theory)
 *   meets `theoryStandard` (trung cấp or above), against the `theory` target's percent.
 *
 * A ratio with nothing to count has `percent: null` (shown as "—").
 */
import type { Certificate } from "./courses";
import { isCadre, satisfies, targetPercent } from "./counting";
import { meetsTheory, type Plan } from "./plan";
import { postOn, postsOf, type PostHeld } from "./posts";
import { theoryOn } from "./theory";
import type { Cadre, Unit } from "./records";
import { compareVi } from "./text";
import { openUnits } from "./units";
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
  /** Secretaries with no election date recorded: whether they are newly elected is unknown. */
  noElectionDate: number;
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

/**
 * Today's figures count the units open today and their cadres: a closed or merged unit leaves the
 * targets, and its cadres with it. Every reading of today's progress (`/tiendo`, `/xuat`, the chart,
 * the web view, the weekly digest) starts from this; a report about a past day uses the units of
 * that day instead (`cityFigures`).
 * @example openProgressData({ units: await store.units.all(), cadres: await store.cadres.all(), certificates })
 */
export function openProgressData(data: ProgressData): ProgressData {
  const units = openUnits(data.units);
  const open = new Set(units.map((u) => u.id));
  return { units, cadres: data.cadres.filter((c) => open.has(c.unitId)), certificates: data.certificates };
}

/** What of the plan counting reads. */
export type CountingPlan = Pick<Plan, "targets" | "theoryStandard" | "newlyElectedLeadInMonths" | "cadrePositions" | "period">;

export interface ProgressOptions {
  plan: CountingPlan;
  /** The day counted as of (local date): today, or the last day of a past year or plan reported on. */
  today: string;
  window: ProgressWindow;
}

/**
 * The progress window: the plan's whole period, counted cumulatively — no reset on 1 January
 * (a certificate of the plan's first year still counts in its last). Outside its period a plan's
 * progress is not shown (see `covers` in ./plans).
 * @example progressWindow({ from: "2026-01-01", to: "2028-12-31" }) // { from: "2026-01-01", to: "2028-12-31" }
 */
export function progressWindow(period: Plan["period"]): ProgressWindow {
  return { from: period.from, to: period.to };
}

/** Cadres fostered in each calendar year of the window, and the running total (a cadre counts once, in the year of their first certificate). */
export interface YearCount {
  year: number;
  fostered: number;
  cumulative: number;
}

/**
 * The per-year breakdown of the fostered count over the window, for the approved cadres only.
 * @example fosteredByYear(data, { plan, window: { from: "2026-01-01", to: "2027-12-31" } }) // [{ year: 2026, … }, { year: 2027, … }]
 */
export function fosteredByYear(
  data: Pick<ProgressData, "cadres" | "certificates">,
  options: { plan: CountingPlan; window: ProgressWindow },
): YearCount[] {
  const { plan, window } = options;
  const counted = new Set(data.cadres.filter((c) => c.status === "approved" && isCadre(plan, c)).map((c) => c.id));
  const first = new Map<string, string>();
  for (const c of data.certificates) {
    if (!counted.has(c.personId) || c.issuedOn < window.from || c.issuedOn > window.to || !satisfies(plan, "fostered", c)) continue;
    const seen = first.get(c.personId);
    if (!seen || c.issuedOn < seen) first.set(c.personId, c.issuedOn);
  }
  const from = Number(window.from.slice(0, 4));
  const to = Number(window.to.slice(0, 4));
  const perYear = new Map<number, number>();
  for (const day of first.values()) perYear.set(Number(day.slice(0, 4)), (perYear.get(Number(day.slice(0, 4))) ?? 0) + 1);
  let cumulative = 0;
  return Array.from({ length: to - from + 1 }, (_, i) => {
    const fostered = perYear.get(from + i) ?? 0;
    cumulative += fostered;
    return { year: from + i, fostered, cumulative };
  });
}

/**
 * The election dates that make a Secretary newly elected during the plan (R3): from the lead-in
 * before the plan's start to its last day.
 * @example newlyElectedSpan({ period: { from: "2026-01-01", to: "2027-12-31" }, newlyElectedLeadInMonths: 6 }) // { from: "2025-07-01", to: "2027-12-31" }
 */
export function newlyElectedSpan({
  period,
  newlyElectedLeadInMonths: lead,
}: Pick<Plan, "period" | "newlyElectedLeadInMonths">): ProgressWindow {
  const key = `${period.from} ${lead}`;
  let from = spanStarts.get(key);
  if (from === undefined) spanStarts.set(key, (from = addMonths(period.from, -lead)));
  return { from, to: period.to };
}

/** The first day of the span per plan start and lead-in: `computeProgress` asks once per cadre. */
const spanStarts = new Map<string, string>();

type HistoryRecord = Parameters<typeof postsOf>[0];

/**
 * The Secretary post that puts a person in T2's denominator as of `day` (R3): one they were elected
 * to within `newlyElectedSpan`, by `day`. Undefined when none. The post may since have been left:
 * a Secretary replaced before being trained still counts until the plan ends.
 * @example newlySecretaryPost(binh, plan, "2026-12-07") // { unitId: "u01", position: "secretary", electedOn: "2025-10-15" }
 */
export function newlySecretaryPost(
  cadre: HistoryRecord,
  plan: Pick<Plan, "period" | "newlyElectedLeadInMonths">,
  day: string,
): PostHeld | undefined {
  const { from, to } = newlyElectedSpan(plan);
  const last = day < to ? day : to;
  // Most cadres never held a Secretary's post: answered without building their history.
  if (cadre.position !== "secretary" && !cadre.formerPosts?.some((p) => p.position === "secretary")) return undefined;
  return postsOf(cadre)
    .filter((p) => p.position === "secretary" && !!p.electedOn && p.electedOn >= from && p.electedOn <= last)
    .at(-1);
}

/** True when the person counts in T2's denominator as of `day` (see `newlySecretaryPost`). */
export function isNewlyElectedSecretary(
  cadre: HistoryRecord,
  plan: Pick<Plan, "period" | "newlyElectedLeadInMonths">,
  day: string,
): boolean {
  return !!newlySecretaryPost(cadre, plan, day);
}

/** A Secretary with no election date recorded: left out of T2, shown as "chưa có ngày được bầu". */
export function lacksElectionDate(cadre: Pick<Cadre, "position" | "electedOn">): boolean {
  return cadre.position === "secretary" && !cadre.electedOn;
}

interface Counts {
  cadres: number;
  fostered: number;
  newSecretaries: number;
  newSecretariesTrained: number;
  theory: number;
  noElectionDate: number;
}

const zero = (): Counts => ({ cadres: 0, fostered: 0, newSecretaries: 0, newSecretariesTrained: 0, theory: 0, noElectionDate: 0 });

/**
 * Certificates indexed by person, built in one pass: who was fostered in the window (T1's kinds),
 * who is trained for T2 (its kinds, any date up to the as-of day), who holds a title certificate (R4).
 */
export interface CertificateIndex {
  fostered: Set<string>;
  trained: Set<string>;
  titled: Set<string>;
}

/** Indexes certificates by person (see `CertificateIndex`), counting only those issued by `asOf` (default: the window's end). */
export function certificateIndex(
  certificates: readonly Certificate[],
  window: ProgressWindow,
  plan: Pick<Plan, "targets">,
  asOf: string = window.to,
): CertificateIndex {
  const index: CertificateIndex = { fostered: new Set(), trained: new Set(), titled: new Set() };
  for (const c of certificates) {
    if (c.issuedOn > asOf) continue;
    if (c.issuedOn >= window.from && c.issuedOn <= window.to && satisfies(plan, "fostered", c)) index.fostered.add(c.personId);
    if (satisfies(plan, "newlyElected", c)) index.trained.add(c.personId);
    if (c.title) index.titled.add(c.personId);
  }
  return index;
}

function ratio(done: number, total: number): Ratio {
  return { done, total, percent: total === 0 ? null : (done / total) * 100 };
}

function toRow(c: Counts, plan: ProgressOptions["plan"]): ProgressRow {
  const fostered = ratio(c.fostered, c.cadres);
  const newSecretaries = ratio(c.newSecretariesTrained, c.newSecretaries);
  const theory = ratio(c.theory, c.cadres);
  // No cadre registered counts as 0% (the unit is behind); no newly elected Secretary owes nothing.
  const gap = (r: Ratio, target: number, ifEmpty: number) => Math.max(0, target - (r.percent ?? ifEmpty));
  const t1 = targetPercent(plan, "fostered");
  const t2 = targetPercent(plan, "newlyElected");
  const shortfall = gap(fostered, t1, 0) + gap(newSecretaries, t2, t2) + gap(theory, targetPercent(plan, "theory"), 0);
  return { cadres: c.cadres, fostered, newSecretaries, theory, noElectionDate: c.noElectionDate, shortfall };
}

/**
 * Computes T1, T2 and the theory share for the bloc and every unit, furthest behind first.
 * @example computeProgress({ units, cadres, certificates }, { plan, today: "2026-11-29", window })
 */
export function computeProgress(data: ProgressData, options: ProgressOptions): Progress {
  const { plan, today, window } = options;
  const certs = certificateIndex(data.certificates, window, plan);
  const perUnit = new Map<string, Counts>(data.units.map((u) => [u.id, zero()]));
  const bloc = zero();
  const each = (unitId: string, add: (c: Counts) => void) => {
    add(bloc);
    const unit = perUnit.get(unitId);
    if (unit) add(unit);
  };
  for (const cadre of data.cadres) {
    if (cadre.status !== "approved") continue;
    const post = postOn(cadre, today);
    if (post && isCadre(plan, post)) {
      const fostered = certs.fostered.has(cadre.id);
      const theory = meetsTheory(theoryOn(cadre, today), plan.theoryStandard);
      const noDate = lacksElectionDate(post);
      each(post.unitId, (c) => {
        c.cadres++;
        if (fostered) c.fostered++;
        if (theory) c.theory++;
        if (noDate) c.noElectionDate++;
      });
    }
    // T2 counts the person in the unit where they were elected Secretary (R3), whatever they hold now; when that
    // unit has left the bloc (merged into another), in the unit they belong to that day, so the units add up to the bloc.
    const elected = newlySecretaryPost(cadre, plan, today);
    if (elected) {
      const trained = certs.trained.has(cadre.id);
      const unitId = perUnit.has(elected.unitId) ? elected.unitId : (postOn(cadre, today)?.unitId ?? cadre.unitId);
      each(unitId, (c) => {
        c.newSecretaries++;
        if (trained) c.newSecretariesTrained++;
      });
    }
  }
  const units = data.units.map((u) => ({ unitId: u.id, unitName: u.name, ...toRow(perUnit.get(u.id)!, plan) }));
  units.sort((a, b) => b.shortfall - a.shortfall || compareVi(a.unitName, b.unitName) || a.unitId.localeCompare(b.unitId));
  return { window, bloc: toRow(bloc, plan), units };
}
