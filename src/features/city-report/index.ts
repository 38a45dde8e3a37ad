/**
 * The report to the city Youth Union (Thành đoàn), admins: `/baocaonam <năm>` (yearreport) for any
 * stored year, `/baocaoketthuc <mã kế hoạch>` (planreport) for any stored plan, running or ended;
 * typed bare, each offers a choice. Figures are as of the period's end (`domain/city-report.ts`):
 * a 2025 report made in 2027 counts what stood on 31/12/2025. A workbook in Vietnamese (it goes to
 * the city) and a short summary in the person's language.
 */
import ExcelJS from "exceljs";
import { today, type Deps } from "../../app/deps";
import { DomainError } from "../../app/errors";
import type { Reply } from "../../app/messages";
import type { Command, Ctx, Feature } from "../../chat/feature";
import { cityFigures, planScope, yearScope, type CityData, type ReportScope } from "../../domain/city-report";
import { periodDates, isLate } from "../../domain/periods";
import type { Plan } from "../../domain/plan";
import type { Locale } from "../../domain/records";
import { planYears } from "../../domain/plans";
import { fold } from "../../domain/text";
import { dmy } from "../../domain/zoned-time";
import { percent, planName, t2Rule, translator, type T } from "../../i18n";
import { addTableSheet } from "../../app/xlsx-table";
import { certificateSheet, classSheet, missingSheet, needsSheet, notesSheet, targetSheet } from "./sheets";

/** Every record the report reads, from the store once. */
async function loadCityData(deps: Deps): Promise<CityData> {
  const s = deps.store;
  const [units, cadres, certificates, courses, enrollments, reports] = await Promise.all([
    s.units.all(),
    s.cadres.all(),
    s.certificates.all(),
    s.courses.all(),
    s.enrollments.all(),
    s.reports.all(),
  ]);
  return { units, cadres, certificates, courses, enrollments, reports };
}

/** The reporting periods of the scope's years that began by its day. */
function periodsOf(scope: ReportScope): string[] {
  const { cadence } = scope.plan.reporting;
  return scope.years
    .flatMap((y) =>
      cadence === "quarterly"
        ? [1, 2, 3, 4].map((q) => `${y}-Q${q}`)
        : Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, "0")}`),
    )
    .filter((p) => periodDates(p, cadence).from <= scope.asOf);
}

/** The scope's name in a language: "năm 2025", "giai đoạn 2020 – 2022". */
function scopeText(t: T, scope: ReportScope): string {
  return scope.kind === "year"
    ? t("cityReport:scopeYear", { year: scope.years[0] })
    : t("cityReport:scopePlan", { from: scope.years[0], to: scope.years.at(-1) });
}

/**
 * Builds the city workbook of a scope (Vietnamese) and the chat summary (in `chat`'s language).
 * @example const { workbook, summary } = await cityReport(deps, yearScope(plans, 2025, "2027-01-10")!, ctx.t, "vi");
 */
export async function cityReport(
  deps: Deps,
  scope: ReportScope,
  chat: T,
  locale: Locale,
): Promise<{ workbook: ExcelJS.Workbook; summary: string }> {
  const t = translator("vi");
  const data = await loadCityData(deps);
  const tz = deps.config.timeZone;
  const figures = cityFigures(data, scope, tz);
  const periods = periodsOf(scope);
  const inScope = data.reports.filter((r) => periods.includes(r.period));
  const { plan } = scope;
  const bloc = plan.bloc;
  const subtitle = t("cityReport:subtitle", {
    plan: planName(t, plan),
    scope: scopeText(t, scope),
    asOf: dmy(scope.asOf),
    date: dmy(today(deps)),
  });
  const wb = new ExcelJS.Workbook();
  wb.creator = bloc;
  wb.created = deps.now();
  const add = (key: string, sheet: Pick<Parameters<typeof addTableSheet>[1], "columns" | "rows" | "footer">, extra = "") =>
    addTableSheet(wb, {
      name: t(`cityReport:sheet.${key}`),
      bloc,
      title: t(`cityReport:title.${key}`),
      subtitle: `${subtitle}${extra}`,
      ...sheet,
    });
  const classes = classSheet(t, figures);
  add("classes", classes);
  add("targets", targetSheet(t, figures), ` ${t2Rule(t, plan)}`);
  const certs = certificateSheet(t, figures);
  add("certificates", certs);
  const needs = needsSheet(t, figures, inScope);
  add("needs", needs);
  add("notes", notesSheet(t, figures));
  // Units that did not report: only periods whose deadline has passed.
  const closed = periods.filter((p) => isLate(p, deps.now(), plan.reporting, tz));
  const missing = missingSheet(t, figures.units, inScope, figures.cadres, closed);
  add("missing", missing);
  const sum = (rows: unknown[][], col: number) => rows.reduce((a, r) => a + (Number(r[col]) || 0), 0);
  const { bloc: row } = figures.progress;
  const lines = [
    chat("cityReport:summary", {
      scope: scopeText(chat, scope),
      plan: planName(chat, plan),
      asOf: dmy(scope.asOf),
      classes: figures.held.length,
      participants: sum(classes.rows, classes.columns.length - 1),
      fostered: percent(row.fostered, locale),
      newlyElected: percent(row.newSecretaries, locale),
      theory: percent(row.theory, locale),
      inBot: sum(certs.rows, 3),
      outside: sum(certs.rows, 4),
      needs: needs.rows.length,
      missing: missing.rows.length,
    }),
  ];
  lines.push(`  ${t2Rule(chat, plan)}`);
  // Classes not closed by the report's day are not counted; those still open today are the admins' to close.
  const stillOpen = figures.leftOpen.filter((c) => c.status === "open").length;
  if (stillOpen) lines.push(chat("cityReport:leftOpen", { count: stillOpen }));
  lines.push(chat("cityReport:details"));
  return { workbook: wb, summary: lines.join("\n") };
}

async function send(ctx: Ctx, scope: ReportScope, file: string): Promise<Reply> {
  const { workbook, summary } = await cityReport(ctx.deps, scope, ctx.t, ctx.actor.locale);
  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    text: summary,
    file: { name: `${file}-${today(ctx.deps)}.xlsx`, content, mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  };
}

/** The years a report can be made for: every stored plan's years up to this one, newest first. */
function reportableYears(plans: readonly Plan[], day: string): number[] {
  const now = Number(day.slice(0, 4));
  return [...new Set(plans.flatMap(planYears))].filter((y) => y <= now).sort((a, b) => b - a);
}

export const yearReportCommand: Command = {
  name: "baocaonam",
  alias: "yearreport",
  chats: "private",
  run: async (ctx) => {
    const plans = await ctx.deps.store.plans.all();
    const day = today(ctx.deps);
    const years = reportableYears(plans, day);
    const word = ctx.args.trim();
    if (!word) {
      const buttons = years.map((y) => [{ label: String(y), data: `/baocaonam ${y}` }]);
      return { text: ctx.t("cityReport:pickYear"), buttons };
    }
    const year = /^\d{4}$/.test(word) ? Number(word) : Number.NaN;
    const scope = years.includes(year) ? yearScope(plans, year, day) : undefined;
    if (!scope) throw new DomainError("cityReport:errors.year", { year: word.slice(0, 10), years: [...years].reverse().join(", ") });
    return send(ctx, scope, `bao-cao-nam-${year}`);
  },
};

export const planReportCommand: Command = {
  name: "baocaoketthuc",
  alias: "planreport",
  chats: "private",
  run: async (ctx) => {
    const plans = [...(await ctx.deps.store.plans.all())].sort((a, b) => b.period.from.localeCompare(a.period.from));
    const day = today(ctx.deps);
    const started = plans.filter((p) => p.period.from <= day);
    const word = ctx.args.trim();
    if (!word) {
      const buttons = started.map((p) => [
        { label: `${planName(ctx.t, p)} (${dmy(p.period.from)} – ${dmy(p.period.to)})`, data: `/baocaoketthuc ${p.id}` },
      ]);
      return { text: ctx.t("cityReport:pickPlan"), buttons };
    }
    const plan = started.find((p) => fold(p.id) === fold(word));
    if (!plan) throw new DomainError("cityReport:errors.plan", { plan: word.slice(0, 40), plans: started.map((p) => p.id).join(", ") });
    return send(ctx, planScope(plan, day), "bao-cao-ket-thuc-ke-hoach");
  },
};

export const cityReportFeature: Feature = { name: "cityReport", commands: [yearReportCommand, planReportCommand] };
