/**
 * The content of the report to sign, section by section as the plan has them, as plain blocks
 * (headings, paragraphs, tables) that `document.ts` lays out. Pure over the report's figures:
 * each number here is a cell of the workbook's sheets or a sum of them.
 */
import type { Plan } from "../../domain/plan";
import { compareVi } from "../../domain/text";
import { dmy } from "../../domain/zoned-time";
import { numberFormat, type T } from "../../i18n";
import { type CityFigures, sharedYearRule } from "./figures";
import { sumColumn } from "./sheets";

type Vars = Record<string, string | number>;

/** A block of the document's content: a heading, a paragraph, or a table (first row its header). */
export type Block =
  | { kind: "heading"; text: string }
  | { kind: "subheading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "table"; rows: string[][]; widths: number[] };

/** A share (0–1) as "66,7%", or "—" when there is nothing to count. */
const share = (x: unknown): string => (typeof x === "number" ? `${numberFormat("vi").format(x * 100)}%` : "—");
const day = (d: unknown): string => (d instanceof Date ? dmy(d.toISOString().slice(0, 10)) : "");

function targets(t: T, f: CityFigures): Block[] {
  const header = ["no", "target", "done", "total", "share", "goal"].map((k) => t(`cityReport:col.${k}`));
  const rows = f.targets.rows.map((r) => [String(r[0]), String(r[1]), String(r[2]), String(r[3]), share(r[4]), share(r[5])]);
  // A year two plans share says how it is counted (the whole year, the targets of the plan holding 31/12).
  const shared = sharedYearRule(t, f.scope);
  return [
    { kind: "heading", text: t("cityReport:document.targets") },
    ...(shared ? [{ kind: "paragraph", text: shared } as Block] : []),
    { kind: "table", rows: [header, ...rows], widths: [7, 49, 10, 10, 12, 12] },
  ];
}

function audiences(t: T, plan: Plan, f: CityFigures): Block[] {
  const first = 8; // the classes sheet's first audience column
  return [
    { kind: "subheading", text: t("cityReport:document.audiences") },
    ...plan.audiences.map(
      (a, i): Block => ({
        kind: "paragraph",
        text: t("cityReport:document.audienceLine", { id: a.id, name: a.name.vi, count: sumColumn(f.classes.rows, first + i) }),
      }),
    ),
  ];
}

/** III.2: each year's yearly kinds, with the classes held (closed with their completers) of each by the report's day. */
function classes(t: T, plan: Plan, f: CityFigures): Block[] {
  const yearly = plan.courseKinds.filter((k) => k.yearly);
  const perYear = f.years.map((year): Block => {
    const kinds = yearly.map((k) => {
      // The classes the workbook lists as held: a class closed after the report's day was not held then.
      const held = f.figures.held.filter(({ course: c }) => c.year === year && c.kind === k.id).length;
      return t("cityReport:document.kindHeld", { kind: k.name.vi, count: held });
    });
    return { kind: "paragraph", text: t("cityReport:document.yearLine", { year, kinds: kinds.join("; ") }) };
  });
  const header = ["no", "class", "kind", "from", "to", "status", "participants"].map((k) => t(`cityReport:col.${k}`));
  const last = f.classes.columns.length - 1;
  const rows = f.classes.rows.map((r) => [String(r[0]), String(r[3]), String(r[2]), day(r[4]), day(r[5]), String(r[6]), String(r[last])]);
  return [
    { kind: "subheading", text: t("cityReport:document.scale") },
    ...perYear,
    ...(rows.length ? [{ kind: "table", rows: [header, ...rows], widths: [6, 30, 22, 11, 11, 10, 10] } as Block] : []),
  ];
}

/** V: what the units did — reports filed, cadres sent and their party committees' answers, certificates, the needs review. */
function units(t: T, f: CityFigures): Block[] {
  // Units in the bloc on the report's day, and those of them that filed a status report of the periods.
  const inBloc = new Set(f.figures.units.map((u) => u.id));
  const reported = new Set(f.reports.filter((r) => inBloc.has(r.unitId)).map((r) => r.unitId));
  const answers = { yes: 0, notYet: 0, no: 0, none: 0 };
  for (const c of f.courses.filter((c) => c.status !== "cancelled"))
    for (const [unitId, seats] of Object.entries(c.quotas)) {
      const answer = c.partyCommittee?.[unitId];
      if (seats > 0 || answer) answers[answer ?? "none"]++;
    }
  const proposed = f.needs.rows.filter((r) => r[6] === t("cityReport:yes")).length;
  const lines: [string, Vars][] = [
    ["reports", { reported: reported.size, units: f.figures.units.length, missing: f.missing.rows.length }],
    ["sending", { sent: sumColumn(f.committees.rows, 4), allotted: sumColumn(f.committees.rows, 3), ...answers }],
    ["certificates", { inBot: sumColumn(f.certificates.rows, 3), outside: sumColumn(f.certificates.rows, 4) }],
    ["needsReview", { needs: f.needs.rows.length, proposed }],
  ];
  return [
    { kind: "heading", text: t("cityReport:document.units") },
    ...lines.map(([key, vars]): Block => ({ kind: "paragraph", text: t(`cityReport:document.${key}`, vars) })),
  ];
}

/** The units' own words, from their status reports of the periods: the latest filing of each, once per text. */
function unitWords(t: T, f: CityFigures, field: "difficulties" | "proposals"): Block[] {
  const names = new Map(f.data.units.map((u) => [u.id, u.name]));
  const seen = new Set<string>();
  const lines: Block[] = [];
  const sorted = [...f.reports].sort(
    (a, b) => compareVi(names.get(a.unitId) ?? "", names.get(b.unitId) ?? "") || a.period.localeCompare(b.period),
  );
  for (const r of sorted) {
    const text = r[field].trim();
    const key = `${r.unitId}|${text}`;
    if (!text || seen.has(key)) continue;
    seen.add(key);
    const unit = names.get(r.unitId) ?? r.unitId;
    lines.push({ kind: "paragraph", text: t("cityReport:document.unitSaid", { unit, period: f.periodLabel(r.period), text }) });
  }
  return [
    { kind: "subheading", text: t(`cityReport:document.${field}`) },
    ...(lines.length ? lines : [{ kind: "paragraph", text: t(`cityReport:document.${field}None`) } as Block]),
  ];
}

function needs(t: T, f: CityFigures, vars: Vars): Block[] {
  const p = f.progress.bloc;
  return [
    { kind: "heading", text: t("cityReport:document.next") },
    { kind: "paragraph", text: t("cityReport:document.nextFostered", { count: p.fostered.total - p.fostered.done }) },
    { kind: "paragraph", text: t("cityReport:document.nextSecretaries", { count: p.newSecretaries.total - p.newSecretaries.done }) },
    { kind: "paragraph", text: t("cityReport:document.nextTheory", { ...vars, count: f.needs.rows.length }) },
  ];
}

/**
 * The report's sections: purpose (I), targets (II), audiences and classes held (III), what units did
 * (V), their difficulties and proposals, needs for the next period, and the closing sentence.
 */
export function reportSections(t: T, plan: Plan, f: CityFigures, vars: Vars): Block[] {
  return [
    { kind: "paragraph", text: t("cityReport:document.intro", vars) },
    { kind: "heading", text: t("cityReport:document.purpose") },
    { kind: "paragraph", text: t("cityReport:document.purposeText", vars) },
    ...targets(t, f),
    { kind: "heading", text: t("cityReport:document.classes") },
    ...audiences(t, plan, f),
    ...classes(t, plan, f),
    ...units(t, f),
    { kind: "heading", text: t("cityReport:document.issues") },
    ...unitWords(t, f, "difficulties"),
    ...unitWords(t, f, "proposals"),
    ...needs(t, f, vars),
    { kind: "paragraph", text: t("cityReport:document.closing", vars) },
  ];
}
