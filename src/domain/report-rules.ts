/**
 * Rules of the unit status report: the facts the data already knows about a unit, the needs
 * review candidates (R5), and who has reported for a period. Pure functions over records.
 */
import type { Certificate } from "./courses";
import { meetsTheory, type Plan } from "./plan";
import { certificateIndex, isNewlyElectedSecretary, type ProgressWindow } from "./progress";
import type { Cadre, Unit } from "./records";
import type { ReportContent, StatusReport } from "./reports";
import { compareVi } from "./text";

export type ReportFacts = ReportContent["facts"];

const officerRank: Partial<Record<Cadre["position"], number>> = { secretary: 0, deputy: 1 };
const isOfficer = (c: Pick<Cadre, "position">) => c.position === "secretary" || c.position === "deputy";

/**
 * The facts of a unit shown (not asked) in its report: approved cadres, fostered in the window,
 * newly elected Secretaries without the title certificate, Secretaries and Deputies below the
 * theory standard.
 */
export function unitFacts(
  cadres: readonly Cadre[],
  certificates: readonly Certificate[],
  options: { plan: Pick<Plan, "theoryStandard" | "newlyElectedMonths">; today: string; window: ProgressWindow },
): ReportFacts {
  const certs = certificateIndex(certificates, options.window);
  const facts: ReportFacts = { cadres: 0, fostered: 0, newSecretariesWithoutTitle: 0, belowTheoryStandard: 0 };
  for (const c of cadres) {
    if (c.status !== "approved") continue;
    facts.cadres++;
    if (certs.fostered.has(c.id)) facts.fostered++;
    if (isNewlyElectedSecretary(c, options.today, options.plan.newlyElectedMonths) && !certs.titled.has(c.id)) facts.newSecretariesWithoutTitle++;
    if (isOfficer(c) && !meetsTheory(c.theoryLevel, options.plan.theoryStandard)) facts.belowTheoryStandard++;
  }
  return facts;
}

/**
 * The needs review candidates: the unit's approved cadres below the theory standard,
 * Secretaries first, then Deputies, then the others, each by name.
 */
export function theoryCandidates(cadres: readonly Cadre[], standard: Plan["theoryStandard"]): Cadre[] {
  return cadres
    .filter((c) => c.status === "approved" && !meetsTheory(c.theoryLevel, standard))
    .sort((a, b) => (officerRank[a.position] ?? 2) - (officerRank[b.position] ?? 2) || compareVi(a.fullName, b.fullName));
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
export function reportBoard(units: readonly Unit[], reports: readonly StatusReport[], cadres: readonly Cadre[], period: string): BoardRow[] {
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
