/**
 * The sheets of the report to the city Youth Union (Thành đoàn): classes per kind per year with
 * dates and participants (completers) per audience, targets reached, certificates by origin, the needs review,
 * and the units that did not report. Pure over the records read once.
 */
import { type Certificate, classCode, type Course, type Enrollment } from "../../domain/courses";
import { seatsTaken } from "../../domain/enrolment";
import { audiencesOf, inAudience, targetFor } from "../../domain/counting";
import type { Plan } from "../../domain/plan";
import type { Progress } from "../../domain/progress";
import { needsReview, reportBoard } from "../../domain/report-rules";
import type { Cadre, Unit } from "../../domain/records";
import type { StatusReport } from "../../domain/reports";
import { compareVi } from "../../domain/text";
import type { T } from "../../i18n";
import { findingText } from "../../app/findings";
import type { Cell, Column } from "../../app/xlsx-table";

const INT = "#,##0";
const PCT = "0.0%";
const DATE = "dd/mm/yyyy";
const cols = (t: T, spec: [string, number, string?][]): Column[] =>
  spec.map(([key, width, numFmt]) => ({ header: t(`cityReport:col.${key}`), width, ...(numFmt ? { numFmt } : {}) }));
const day = (d: string): Date => new Date(`${d}T00:00:00Z`);

/**
 * Classes held (not cancelled) in the years, by year then kind: dates, how many enrolled, and the
 * participants per audience of the plan — those who completed the class (hold its certificate),
 * not those who merely enrolled.
 */
export function classSheet(
  t: T,
  plan: Plan,
  courses: readonly Course[],
  enrollments: readonly Enrollment[],
  certificates: readonly Certificate[],
  cadres: ReadonlyMap<string, Cadre>,
  years: readonly number[],
) {
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
  const completers = new Map<string, Set<string>>();
  for (const c of certificates) {
    if (c.origin === "outside" || !c.courseId) continue;
    const set = completers.get(c.courseId) ?? new Set<string>();
    set.add(c.personId);
    completers.set(c.courseId, set);
  }
  const kindOrder = new Map(plan.courseKinds.map((k, i) => [k.id, i]));
  const held = courses
    .filter((c) => years.includes(c.year) && c.status !== "cancelled")
    .sort((a, b) => a.year - b.year || (kindOrder.get(a.kind) ?? 99) - (kindOrder.get(b.kind) ?? 99) || compareVi(a.title, b.title));
  const rows = held.map((c, i): Cell[] => {
    const enrolled = enrollments.filter((e) => e.courseId === c.id && e.status === "enrolled").length;
    const people = [...(completers.get(c.id) ?? [])].map((id) => cadres.get(id)).filter((x): x is Cadre => !!x);
    const audiences = audiencesOf(plan, c.kind);
    // Each participant counts once, under the first audience of the class's kind they belong to.
    const perAudience = plan.audiences.map((a) =>
      audiences.some((x) => x.id === a.id) ? people.filter((p) => audiences.find((x) => inAudience(x, p))?.id === a.id).length : null,
    );
    const dates = c.sessions.map((s) => s.date).sort();
    return [
      i + 1,
      c.year,
      plan.courseKinds.find((k) => k.id === c.kind)?.name.vi ?? c.kind,
      c.title,
      day(dates[0]!),
      day(dates.at(-1)!),
      t(`cityReport:status.${c.status}`),
      enrolled,
      ...perAudience,
      people.length,
    ];
  });
  return { columns, rows };
}

/** The targets reached: each target's count, total, share and the plan's figure. */
export function targetSheet(t: T, plan: Plan, progress: Progress) {
  const columns = cols(t, [
    ["no", 6, INT],
    ["target", 60],
    ["done", 12, INT],
    ["total", 12, INT],
    ["share", 12, PCT],
    ["goal", 12, PCT],
  ]);
  const rows = (["fostered", "newlyElected", "theory"] as const).map((m, i): Cell[] => {
    const r = m === "fostered" ? progress.bloc.fostered : m === "newlyElected" ? progress.bloc.newSecretaries : progress.bloc.theory;
    const target = targetFor(plan, m);
    return [i + 1, target?.name.vi ?? m, r.done, r.total, r.total === 0 ? null : r.done / r.total, (target?.percent ?? 100) / 100];
  });
  return { columns, rows };
}

/** Certificates issued in the years, by year, kind and origin (the bloc's classes, or training done elsewhere). */
export function certificateSheet(t: T, plan: Plan, certificates: readonly Certificate[], years: readonly number[]) {
  const columns = cols(t, [
    ["no", 6, INT],
    ["year", 8],
    ["kind", 48],
    ["inBot", 14, INT],
    ["outside", 14, INT],
    ["total", 12, INT],
  ]);
  const counts = new Map<string, { year: number; kind: string; inBot: number; outside: number }>();
  for (const c of certificates) {
    const year = Number(c.issuedOn.slice(0, 4));
    if (!years.includes(year)) continue;
    const key = `${year}|${c.kind}`;
    const row = counts.get(key) ?? { year, kind: c.kind, inBot: 0, outside: 0 };
    if (c.origin === "outside") row.outside++;
    else row.inBot++;
    counts.set(key, row);
  }
  const kindName = (id: string) =>
    plan.courseKinds.find((k) => k.id === id)?.name.vi ?? t(`cityReport:kind.${id === "other" ? "other" : "theory"}`, { id });
  const rows = [...counts.values()]
    .sort((a, b) => a.year - b.year || compareVi(kindName(a.kind), kindName(b.kind)))
    .map((r, i): Cell[] => [i + 1, r.year, kindName(r.kind), r.inBot, r.outside, r.inBot + r.outside]);
  return { columns, rows };
}

/**
 * The needs review: by unit, the cadres and planned cadres below the theory standard (or a rule of
 * the cadre regulation, R6), the rules they fall short of with each rule's source, and whether
 * their unit proposed them for study.
 */
export function needsSheet(
  t: T,
  plan: Plan,
  units: readonly Unit[],
  cadres: readonly Cadre[],
  reports: readonly StatusReport[],
  today: string,
) {
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
  for (const unit of [...units].sort((a, b) => compareVi(a.name, b.name))) {
    const inUnit = cadres.filter((x) => x.unitId === unit.id);
    for (const { cadre: c, findings } of needsReview(inUnit, plan, unit.type, today)) {
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

/** The units that did not report, period by period. */
export function missingSheet(
  t: T,
  units: readonly Unit[],
  reports: readonly StatusReport[],
  cadres: readonly Cadre[],
  periods: readonly string[],
) {
  const columns = cols(t, [
    ["no", 6, INT],
    ["period", 14],
    ["unit", 48],
  ]);
  const rows: Cell[][] = [];
  for (const period of periods) {
    for (const row of reportBoard(units, reports, cadres, period).filter((r) => r.state === "missing"))
      rows.push([rows.length + 1, period, row.unit.name]);
  }
  return { columns, rows };
}

/** The sum of a numeric column of a sheet's rows (blank and text cells count 0). */
export function sumColumn(rows: readonly Cell[][], col: number): number {
  return rows.reduce((a, r) => a + (Number(r[col]) || 0), 0);
}

/**
 * V.2, units sending cadres: for each class of the years (not cancelled) and each unit with seats
 * in it or an answer recorded, the seats allotted, the cadres sent (seats taken) and the unit's
 * party-committee answer (`/capuy`).
 */
export function partyCommitteeSheet(
  t: T,
  units: readonly Unit[],
  courses: readonly Course[],
  enrollments: readonly Enrollment[],
  years: readonly number[],
) {
  const columns = cols(t, [
    ["no", 6, INT],
    ["class", 44],
    ["unit", 40],
    ["allotted", 14, INT],
    ["sent", 12, INT],
    ["partyCommittee", 20],
  ]);
  const rows: Cell[][] = [];
  const held = courses
    .filter((c) => years.includes(c.year) && c.status !== "cancelled")
    .sort((a, b) => a.year - b.year || compareVi(a.title, b.title));
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
