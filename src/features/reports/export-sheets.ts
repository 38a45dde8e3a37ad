/** The four tables of the Excel report, as rows: pure functions of the data read once. */
import type { Course, Enrollment } from "../../domain/courses";
import { meetsTheory, type Plan } from "../../domain/plan";
import { certificateIndex, type Progress, type ProgressData, type Ratio } from "../../domain/progress";
import type { BoardRow } from "../../domain/report-rules";
import { compareVi } from "../../domain/text";
import type { T } from "../../i18n";
import { formatDateTime } from "../../i18n";
import type { Cell, Column } from "../../app/xlsx-table";

const INT = "#,##0";
const PCT = "0.0%";
const DATE = "dd/mm/yyyy";

type Spec = [key: string, width: number, numFmt?: string, wrap?: boolean];

function columns(t: T, specs: Spec[]): Column[] {
  return specs.map(([key, width, numFmt, wrap]) => ({ header: t(`reports:xlsx.col.${key}`), width, numFmt, wrap }));
}

/** A percentage as Excel's fraction (0.6 shows as 60.0%); empty when nothing to count. */
const frac = (r: Ratio): Cell => (r.total === 0 ? null : r.done / r.total);

/** A `yyyy-mm-dd` date as a date cell. */
const dateCell = (d: string | undefined): Cell => (d ? new Date(`${d}T00:00:00Z`) : null);

/** Unit summary: one row per unit (furthest behind first) and the bloc's total. */
export function unitSheet(t: T, progress: Progress, board: readonly BoardRow[]) {
  const state = new Map(board.map((r) => [r.unit.id, t(`reports:status.state.${r.state}`)]));
  const cols = columns(t, [
    ["no", 6, INT],
    ["unit", 42, undefined, true],
    ["cadres", 10, INT],
    ["fostered", 12, INT],
    ["t1", 10, PCT],
    ["newSecretaries", 12, INT],
    ["titled", 12, INT],
    ["t2", 10, PCT],
    ["atStandard", 12, INT],
    ["theoryShare", 10, PCT],
    ["reportState", 16],
  ]);
  const values = (r: Progress["bloc"]): Cell[] => [
    r.cadres,
    r.fostered.done,
    frac(r.fostered),
    r.newSecretaries.total,
    r.newSecretaries.done,
    frac(r.newSecretaries),
    r.theory.done,
    frac(r.theory),
  ];
  const rows = progress.units.map((u, i): Cell[] => [i + 1, u.unitName, ...values(u), state.get(u.unitId) ?? ""]);
  return { columns: cols, rows, footer: [null, t("reports:xlsx.blocTotal"), ...values(progress.bloc), null] as Cell[] };
}

/** Cadres and their training: approved cadres by unit and name; no phone or birth year. */
export function cadreSheet(t: T, data: ProgressData, plan: Pick<Plan, "theoryStandard" | "targets">, window: Progress["window"]) {
  const units = new Map(data.units.map((u) => [u.id, u.name]));
  const certs = certificateIndex(data.certificates, window, plan);
  const counts = new Map<string, number>();
  for (const c of data.certificates) counts.set(c.personId, (counts.get(c.personId) ?? 0) + 1);
  const yes = t("reports:xlsx.yes");
  const no = t("reports:xlsx.no");
  const cadres = data.cadres
    .filter((c) => c.status === "approved")
    .map((c) => ({ c, unit: units.get(c.unitId) ?? c.unitId }))
    .sort((a, b) => compareVi(a.unit, b.unit) || compareVi(a.c.fullName, b.c.fullName));
  const rows = cadres.map(({ c, unit }, i): Cell[] => [
    i + 1,
    c.fullName,
    unit,
    t(`reports:positions.${c.position}`),
    dateCell(c.electedOn),
    t(`reports:levels.${c.theoryLevel}`),
    meetsTheory(c.theoryLevel, plan.theoryStandard) ? yes : no,
    counts.get(c.id) ?? 0,
    certs.titled.has(c.id) ? yes : no,
    certs.fostered.has(c.id) ? yes : no,
  ]);
  const cols = columns(t, [
    ["no", 6, INT],
    ["fullName", 26],
    ["unit", 36, undefined, true],
    ["position", 14],
    ["electedOn", 12, DATE],
    ["theoryLevel", 14],
    ["atStandard", 12],
    ["certificates", 11, INT],
    ["titleCertificate", 13],
    ["fosteredInWindow", 14],
  ]);
  return { columns: cols, rows };
}

/** Classes and enrolments: one row per enrolment (a class nobody joined gets one row too). */
export function classSheet(
  t: T,
  courses: readonly Course[],
  enrollments: readonly Enrollment[],
  data: ProgressData,
  kindName: (id: string) => string,
) {
  const names = new Map(data.cadres.map((c) => [c.id, c.fullName]));
  const units = new Map(data.units.map((u) => [u.id, u.name]));
  const byCourse = new Map<string, Enrollment[]>();
  for (const e of enrollments) byCourse.set(e.courseId, [...(byCourse.get(e.courseId) ?? []), e]);
  const rows: Cell[][] = [];
  for (const course of [...courses].sort((a, b) => a.year - b.year || compareVi(a.title, b.title))) {
    const head: Cell[] = [course.title, kindName(course.kind), course.year, t(`reports:xlsx.courseStatus.${course.status}`)];
    const list = byCourse.get(course.id) ?? [];
    if (list.length === 0) rows.push([rows.length + 1, ...head, null, null, null, null, course.sessions.length, null]);
    for (const e of list) {
      const attended = Object.values(e.attendance).filter((m) => m === "present" || m === "late").length;
      rows.push([
        rows.length + 1,
        ...head,
        units.get(e.unitId) ?? e.unitId,
        names.get(e.personId) ?? e.personId,
        t(`reports:xlsx.enrollment.${e.status}`),
        attended,
        course.sessions.length,
        attended / course.sessions.length,
      ]);
    }
  }
  const cols = columns(t, [
    ["no", 6, INT],
    ["course", 34, undefined, true],
    ["kind", 26, undefined, true],
    ["year", 7],
    ["courseState", 12],
    ["unit", 30, undefined, true],
    ["fullName", 24],
    ["enrollment", 13],
    ["attended", 10, INT],
    ["sessions", 10, INT],
    ["attendance", 11, PCT],
  ]);
  return { columns: cols, rows };
}

/** The period's reports: every unit, with its state, facts and what it added. */
export function reportSheet(t: T, board: readonly BoardRow[], fullNames: Map<string, string>, timeZone: string) {
  const rows = board.map((b, i): Cell[] => {
    const r = b.report;
    // The phone only where the bloc must call: units that have not reported.
    const contact = b.contacts.map((c) => `${c.fullName}${c.phone && b.state === "missing" ? ` (${c.phone})` : ""}`).join("; ");
    const filedAs = r?.fromUnitId ? (b.unit.formerNames?.find((f) => f.unitId === r.fromUnitId)?.name ?? r.fromUnitId) : undefined;
    const unitName = filedAs ? t("reports:xlsx.filedAs", { unit: b.unit.name, former: filedAs }) : b.unit.name;
    const base: Cell[] = [i + 1, unitName, t(`reports:status.state.${b.state}`)];
    if (!r) return [...base, null, null, null, null, null, null, null, null, null, null, contact];
    return [
      ...base,
      formatDateTime(r.submittedAt, timeZone),
      r.history.length + 1,
      r.facts.cadres,
      r.facts.fostered,
      r.facts.newSecretariesWithoutTitle,
      r.facts.belowTheoryStandard,
      r.proposedForTheory.map((id) => fullNames.get(id) ?? id).join(", "),
      t(r.committeeApproved ? "reports:xlsx.yes" : "reports:xlsx.no"),
      r.difficulties,
      r.proposals,
      contact,
    ];
  });
  const cols = columns(t, [
    ["no", 6, INT],
    ["unit", 32, undefined, true],
    ["reportState", 14],
    ["submittedAt", 17],
    ["filings", 9, INT],
    ["cadres", 9, INT],
    ["fostered", 11, INT],
    ["newWithoutTitle", 13, INT],
    ["belowStandard", 13, INT],
    ["proposed", 28, undefined, true],
    ["committee", 11],
    ["difficulties", 34, undefined, true],
    ["proposals", 34, undefined, true],
    ["contact", 28, undefined, true],
  ]);
  return { columns: cols, rows };
}
