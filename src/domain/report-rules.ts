/**
 * Rules of the unit status report: the facts the data already knows about a unit, the needs
 * review candidates (R5, R6), and who has reported for a period. Pure functions over records.
 */
import { ruleFindings, type RuleFinding } from "./cadre-rules";
import type { Certificate } from "./courses";
import { isCadre } from "./counting";
import { meetsTheory, type Plan } from "./plan";
import { certificateIndex, isNewlyElectedSecretary, type CountingPlan, type ProgressWindow } from "./progress";
import type { Cadre, Unit } from "./records";
import type { ReportContent, StatusReport } from "./reports";
import { compareVi } from "./text";
import { periodDates, type Cadence } from "./periods";
import { unitsInBlocOn } from "./units";

export type ReportFacts = ReportContent["facts"];

const officerRank: Partial<Record<Cadre["position"], number>> = { secretary: 0, deputy: 1 };
const isOfficer = (c: Pick<Cadre, "position">) => c.position === "secretary" || c.position === "deputy";

/**
 * The facts of a unit shown (not asked) in its report: approved cadres (posts the plan counts),
 * fostered in the window, newly elected Secretaries not yet trained (T2's certificates, whatever post
 * they hold now; the field keeps its first name), Secretaries and Deputies below the theory standard.
 */
export function unitFacts(
  cadres: readonly Cadre[],
  certificates: readonly Certificate[],
  options: { plan: CountingPlan; today: string; window: ProgressWindow },
): ReportFacts {
  const certs = certificateIndex(certificates, options.window, options.plan);
  const facts: ReportFacts = { cadres: 0, fostered: 0, newSecretariesWithoutTitle: 0, belowTheoryStandard: 0 };
  for (const c of cadres) {
    if (c.status !== "approved") continue;
    // T2 (R3): whatever they hold now, an ordinary member too, as computeProgress counts them.
    if (isNewlyElectedSecretary(c, options.plan, options.today) && !certs.trained.has(c.id)) facts.newSecretariesWithoutTitle++;
    if (!isCadre(options.plan, c)) continue;
    facts.cadres++;
    if (certs.fostered.has(c.id)) facts.fostered++;
    if (isOfficer(c) && !meetsTheory(c.theoryLevel, options.plan.theoryStandard)) facts.belowTheoryStandard++;
  }
  return facts;
}

/** A candidate of the needs review, with what the cadre regulation (R6) finds about them. */
export interface NeedsCandidate {
  cadre: Cadre;
  /** Every rule of the regulation the person falls short of (theory and age), each carrying its source. */
  findings: RuleFinding[];
}

/** What of the plan the needs review reads. */
export type NeedsPlan = Pick<Plan, "theoryStandard" | "cadrePositions" | "cadreRules">;

/**
 * The needs review (plan V.2, R5, R6): who a unit may propose for political theory study — its
 * approved cadres (posts the plan counts as cadres) and the cadres planned for a post, never
 * ordinary members — below the plan's theory standard or below the minimum level of a rule of the
 * cadre regulation for their post and unit type. Each comes with all their R6 findings (age too),
 * to be shown with the rule's source. Secretaries first, then Deputies, then the others, by name.
 * @example needsReview(unitCadres, plan, "agency", "2026-11-29") // [{ cadre: Bình, findings: [{ kind: "theory", … }] }]
 */
export function needsReview(cadres: readonly Cadre[], plan: NeedsPlan, unitType: Unit["type"], today: string): NeedsCandidate[] {
  return cadres
    .filter((c) => c.status === "approved" && (isCadre(plan, c) || !!c.plannedFor))
    .map((cadre) => ({ cadre, findings: ruleFindings(plan, cadre, unitType, today) }))
    .filter(({ cadre, findings }) => !meetsTheory(cadre.theoryLevel, plan.theoryStandard) || findings.some((f) => f.kind === "theory"))
    .sort(
      (a, b) =>
        (officerRank[a.cadre.position] ?? 2) - (officerRank[b.cadre.position] ?? 2) || compareVi(a.cadre.fullName, b.cadre.fullName),
    );
}

/**
 * The units that owe a period's status report: those in the bloc at the period's end (today, for a
 * period not over yet; `unitsInBlocOn`), less those merged since, whose reports moved to the unit they
 * joined (its row on the board shows them). What `/tinhhinh`, `/xuat`'s reports sheet and the city
 * report's sheet of units that did not report list.
 * @example unitsOwingReport(units, "2026-Q3", "quarterly", "2027-01-15", tz) // a unit closed in December, not one joined in November
 */
export function unitsOwingReport<U extends Pick<Unit, "status" | "endedAt" | "joinedOn">>(
  units: readonly U[],
  period: string,
  cadence: Cadence,
  today: string,
  timeZone: string,
): U[] {
  const end = periodDates(period, cadence).to;
  return unitsInBlocOn(units, end < today ? end : today, timeZone).filter((u) => u.status !== "merged");
}

export type ReportState = "onTime" | "late" | "missing";

export interface BoardRow {
  unit: Unit;
  state: ReportState;
  report?: StatusReport;
  /** The unit's approved Secretaries, then Deputies: whom to contact. */
  contacts: Cadre[];
}

/**
 * Who has reported for a period: every unit with its state and contacts, missing first, then
 * late, then on time, each by unit name. `reports` may hold other periods; they are ignored.
 */
export function reportBoard(
  units: readonly Unit[],
  reports: readonly StatusReport[],
  cadres: readonly Cadre[],
  period: string,
): BoardRow[] {
  const byUnit = new Map<string, StatusReport>();
  // A unit's own filing comes before one filed by a unit since merged into it.
  for (const r of reports) if (r.period === period && (!r.fromUnitId || !byUnit.has(r.unitId))) byUnit.set(r.unitId, r);
  const contacts = new Map<string, Cadre[]>();
  for (const c of cadres) {
    if (c.status !== "approved" || !isOfficer(c)) continue;
    const list = contacts.get(c.unitId) ?? [];
    list.push(c);
    contacts.set(c.unitId, list);
  }
  const order: Record<ReportState, number> = { missing: 0, late: 1, onTime: 2 };
  return units
    .map((unit) => {
      const report = byUnit.get(unit.id);
      const state: ReportState = !report ? "missing" : report.late ? "late" : "onTime";
      const people = (contacts.get(unit.id) ?? []).sort((a, b) => officerRank[a.position]! - officerRank[b.position]!);
      return { unit, state, report, contacts: people };
    })
    .sort((a, b) => order[a.state] - order[b.state] || compareVi(a.unit.name, b.unit.name));
}
