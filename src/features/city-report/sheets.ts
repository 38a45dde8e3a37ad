/**
 * The sheets of the report to the city Youth Union (Thành đoàn), rendered from the figures of
 * `domain/city-report.ts` (one computation for every rendering): classes held per kind per year
 * with completers per audience and their totals (III.1), targets reached, certificates by origin,
 * the needs review, the units' difficulties and proposals, and the units that did not report.
 * The workbook goes to the city: always in Vietnamese.
 */
import { classCode, type Course, type Enrollment } from "../../domain/courses";
import { seatsTaken } from "../../domain/enrolment";
import { targetFor } from "../../domain/counting";
import { reportBoard } from "../../domain/report-rules";
import type { CityFigures } from "../../domain/city-report";
import { lastSessionDay } from "../../domain/plans";
import type { Cadre, Unit } from "../../domain/records";
import type { StatusReport } from "../../domain/reports";
import { compareVi } from "../../domain/text";
import { periodLabel, type T } from "../../i18n";
import { findingText } from "../../app/findings";
import type { Cell, Column } from "../../app/xlsx-table";

const INT = "#,##0";
const PCT = "0.0%";
const DATE = "dd/mm/yyyy";
const cols = (t: T, spec: [string, number, string?][]): Column[] =>
  spec.map(([key, width, numFmt]) => ({ header: t(`cityReport:col.${key}`), width, ...(numFmt ? { numFmt } : {}) }));
const day = (d: string): Date => new Date(`${d}T00:00:00Z`);

/**
 * Classes held by the report's day, by year then kind: dates, how many enrolled, the participants
 * per audience of the plan — those who completed the class (hold its certificate) — and, in the
 * footer, the totals per audience (III.1 1.1–1.5).
 */
export function classSheet(t: T, figures: CityFigures) {
  const { plan } = figures.scope;
  const columns = [
    ...cols(t, [
      ["no", 6, INT],
      ["year", 8],
      ["kind", 40],
      ["class", 40],
      ["from", 12, DATE],
      ["to", 12, DATE],
      ["status", 14],
      ["enrolled", 12, INT],
    ]),
    ...plan.audiences.map((a) => ({ header: t("cityReport:col.audience", { id: a.id }), width: 12, numFmt: INT })),
    ...cols(t, [["participants", 14, INT]]),
  ];
  const rows = figures.held.map(({ course: c, enrolled, perAudience, participants }, i): Cell[] => [
    i + 1,
    c.year,
    plan.courseKinds.find((k) => k.id === c.kind)?.name.vi ?? c.kind,
    c.title,
    day(c.sessions.map((s) => s.date).sort()[0]!),
    day(lastSessionDay(c)),
    t("cityReport:status.held"),
    enrolled,
    ...perAudience,
    participants,
  ]);
  const total = figures.held.reduce((n, h) => n + h.participants, 0);
  const footer: Cell[] = [null, null, t("cityReport:audienceTotals"), null, null, null, null, null, ...figures.audienceTotals, total];
  return { columns, rows, footer };
}

/** The targets reached as of the report's day: each target's count, total, share and the plan's figure. */
export function targetSheet(t: T, figures: CityFigures) {
  const { plan } = figures.scope;
  const { bloc } = figures.progress;
  const columns = cols(t, [
    ["no", 6, INT],
    ["target", 60],
    ["done", 12, INT],
    ["total", 12, INT],
    ["share", 12, PCT],
    ["goal", 12, PCT],
  ]);
  const rows = (["fostered", "newlyElected", "theory"] as const).map((m, i): Cell[] => {
    const r = m === "fostered" ? bloc.fostered : m === "newlyElected" ? bloc.newSecretaries : bloc.theory;
    const target = targetFor(plan, m);
    return [i + 1, target?.name.vi ?? m, r.done, r.total, r.total === 0 ? null : r.done / r.total, (target?.percent ?? 100) / 100];
  });
  return { columns, rows };
}

/** Certificates issued in the years (by the report's day), by year, kind and origin. */
export function certificateSheet(t: T, figures: CityFigures) {
  const { plan } = figures.scope;
  const columns = cols(t, [
    ["no", 6, INT],
    ["year", 8],
    ["kind", 48],
    ["inBot", 14, INT],
    ["outside", 14, INT],
    ["total", 12, INT],
  ]);
  const kindName = (id: string) =>
    plan.courseKinds.find((k) => k.id === id)?.name.vi ?? t(`cityReport:kind.${id === "other" ? "other" : "theory"}`, { id });
  const rows = [...figures.certificates]
    .sort((a, b) => a.year - b.year || compareVi(kindName(a.kind), kindName(b.kind)))
    .map((r, i): Cell[] => [i + 1, r.year, kindName(r.kind), r.inBot, r.outside, r.inBot + r.outside]);
  return { columns, rows };
}

/**
 * The needs review as of the report's day: by unit, the cadres and planned cadres below the theory
 * standard (or a rule of the cadre regulation, R6), the rules they fall short of with each rule's
 * source, and whether their unit proposed them for study.
 */
export function needsSheet(t: T, figures: CityFigures, reports: readonly StatusReport[]) {
  const columns = cols(t, [
    ["no", 6, INT],
    ["unit", 40],
    ["fullName", 28],
    ["position", 16],
    ["theoryLevel", 14],
    ["rules", 60],
    ["proposed", 14],
  ]);
  const proposed = new Set(reports.flatMap((r) => r.proposedForTheory));
  const rows: Cell[][] = [];
  for (const { unit, candidates } of figures.needs) {
    for (const { cadre: c, findings } of candidates) {
      rows.push([
        rows.length + 1,
        unit.name,
        c.fullName,
        t(`reports:positions.${c.position}`),
        t(`reports:levels.${c.theoryLevel}`),
        findings.map((f) => findingText(t, f)).join("\n"),
        t(proposed.has(c.id) ? "cityReport:yes" : "cityReport:no"),
      ]);
    }
  }
  return { columns, rows };
}

/** What the units wrote in their status reports: difficulties, proposals, and the party committee's answer (V.2). */
export function notesSheet(t: T, figures: CityFigures) {
  const columns = cols(t, [
    ["no", 6, INT],
    ["period", 14],
    ["unit", 40],
    ["difficulties", 50],
    ["proposals", 50],
    ["committee", 16],
  ]);
  const rows = figures.notes.map((n, i): Cell[] => [
    i + 1,
    periodLabel(t, n.period),
    n.unit.name,
    n.difficulties,
    n.proposals,
    t(n.committeeApproved ? "cityReport:committee.yes" : "cityReport:committee.notYet"),
  ]);
  return { columns, rows };
}

/**
 * The units that did not report, period by period: of the units that owed each period's report (in
 * the bloc at its end: `owing`, the city report's reading of `unitsOwingReport`), those with no report for it.
 */
export function missingSheet(
  t: T,
  reports: readonly StatusReport[],
  cadres: readonly Cadre[],
  periods: readonly string[],
  owing: (period: string) => readonly Unit[],
) {
  const columns = cols(t, [
    ["no", 6, INT],
    ["period", 14],
    ["unit", 48],
  ]);
  const rows: Cell[][] = [];
  for (const period of periods) {
    for (const row of reportBoard(owing(period), reports, cadres, period).filter((r) => r.state === "missing"))
      rows.push([rows.length + 1, periodLabel(t, period), row.unit.name]);
  }
  return { columns, rows };
}

/** The sum of a numeric column of a sheet's rows (blank and text cells count 0). */
export function sumColumn(rows: readonly Cell[][], col: number): number {
  return rows.reduce((a, r) => a + (Number(r[col]) || 0), 0);
}

/**
 * V.2, units sending cadres: for each class of the scope (given already chosen; not cancelled) and each unit with seats
 * in it or an answer recorded, the seats allotted, the cadres sent (seats taken) and the unit's
 * party-committee answer (`/capuy`).
 */
export function partyCommitteeSheet(t: T, units: readonly Unit[], courses: readonly Course[], enrollments: readonly Enrollment[]) {
  const columns = cols(t, [
    ["no", 6, INT],
    ["class", 44],
    ["unit", 40],
    ["allotted", 14, INT],
    ["sent", 12, INT],
    ["partyCommittee", 20],
  ]);
  const rows: Cell[][] = [];
  const held = courses.filter((c) => c.status !== "cancelled").sort((a, b) => a.year - b.year || compareVi(a.title, b.title));
  for (const c of held) {
    const seats = seatsTaken(enrollments.filter((e) => e.courseId === c.id));
    for (const u of [...units].sort((a, b) => compareVi(a.name, b.name))) {
      const answer = c.partyCommittee?.[u.id];
      if (!(c.quotas[u.id] ?? 0) && !answer && !seats.byUnit.has(u.id)) continue;
      rows.push([
        rows.length + 1,
        `${classCode(c)} · ${c.title}`,
        u.name,
        c.quotas[u.id] ?? 0,
        seats.byUnit.get(u.id) ?? 0,
        t(`cityReport:partyCommittee.${answer ?? "none"}`),
      ]);
    }
  }
  return { columns, rows };
}
