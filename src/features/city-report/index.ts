/**
 * The report to the city Youth Union (Thành đoàn), admins: `/baocaonam [năm]` (yearreport) for one
 * year of the running plan, `/baocaoketthuc` (planreport) for its whole period. A workbook —
 * classes per kind per year with dates and participants per audience, targets reached,
 * certificates by origin, the needs review, units that did not report — and a short summary in chat.
 */
import ExcelJS from "exceljs";
import { today, type Deps } from "../../app/deps";
import { DomainError } from "../../app/errors";
import type { Reply } from "../../app/messages";
import type { Command, Ctx, Feature } from "../../chat/feature";
import { isFuture, isLate } from "../../domain/periods";
import { planYears } from "../../domain/plans";
import { dmy } from "../../domain/zoned-time";
import { percent, planName, translator } from "../../i18n";
import { loadProgressData, progressNow } from "../../app/progress";
import { addTableSheet } from "../../app/xlsx-table";
import { certificateSheet, classSheet, missingSheet, needsSheet, targetSheet } from "./sheets";

/** The reporting periods of the years, up to the current one. */
function periodsOf(deps: Deps, years: readonly number[]): string[] {
  const { cadence } = deps.plan.reporting;
  const all = years.flatMap((y) =>
    cadence === "quarterly"
      ? [1, 2, 3, 4].map((q) => `${y}-Q${q}`)
      : Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, "0")}`),
  );
  return all.filter((p) => !isFuture(p, deps.now(), deps.plan.reporting, deps.config.timeZone));
}

/**
 * Builds the city workbook for the years, and the chat summary.
 * @example const { workbook, summary } = await cityReport(deps, [2026], "năm 2026");
 */
export async function cityReport(deps: Deps, years: number[], scope: string): Promise<{ workbook: ExcelJS.Workbook; summary: string }> {
  const t = translator("vi");
  const data = await loadProgressData(deps);
  const [courses, enrollments, reports] = await Promise.all([
    deps.store.courses.all(),
    deps.store.enrollments.all(),
    deps.store.reports.all(),
  ]);
  const periods = periodsOf(deps, years);
  const inYears = reports.filter((r) => periods.includes(r.period));
  const progress = progressNow(deps, data);
  const cadres = new Map(data.cadres.map((c) => [c.id, c]));
  const approved = data.cadres.filter((c) => c.status === "approved");
  const bloc = deps.plan.bloc;
  const subtitle = t("cityReport:subtitle", { plan: planName(t, deps.plan), scope, date: dmy(today(deps)) });
  const wb = new ExcelJS.Workbook();
  wb.creator = bloc;
  wb.created = deps.now();
  const add = (
    key: string,
    sheet: { columns: Parameters<typeof addTableSheet>[1]["columns"]; rows: Parameters<typeof addTableSheet>[1]["rows"] },
  ) => addTableSheet(wb, { name: t(`cityReport:sheet.${key}`), bloc, title: t(`cityReport:title.${key}`), subtitle, ...sheet });
  const classes = classSheet(t, deps.plan, courses, enrollments, data.certificates, cadres, years);
  add("classes", classes);
  add("targets", targetSheet(t, deps.plan, progress));
  const certs = certificateSheet(t, deps.plan, data.certificates, years);
  add("certificates", certs);
  const needs = needsSheet(t, deps.plan, data.units, approved, inYears, today(deps));
  add("needs", needs);
  // Units that did not report: only periods whose deadline has passed.
  const closed = periods.filter((p) => isLate(p, deps.now(), deps.plan.reporting, deps.config.timeZone));
  const missing = missingSheet(t, data.units, inYears, approved, closed);
  add("missing", missing);
  const sum = (rows: unknown[][], col: number) => rows.reduce((a, r) => a + (Number(r[col]) || 0), 0);
  const summary = t("cityReport:summary", {
    scope,
    plan: planName(t, deps.plan),
    classes: classes.rows.length,
    participants: sum(classes.rows, classes.columns.length - 1),
    fostered: percent(progress.bloc.fostered, "vi"),
    newlyElected: percent(progress.bloc.newSecretaries, "vi"),
    theory: percent(progress.bloc.theory, "vi"),
    inBot: sum(certs.rows, 3),
    outside: sum(certs.rows, 4),
    needs: needs.rows.length,
    missing: missing.rows.length,
  });
  return { workbook: wb, summary };
}

async function send(ctx: Ctx, years: number[], scope: string, file: string): Promise<Reply> {
  const { workbook, summary } = await cityReport(ctx.deps, years, scope);
  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    text: summary,
    file: { name: `${file}-${today(ctx.deps)}.xlsx`, content, mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  };
}

export const yearReportCommand: Command = {
  name: "baocaonam",
  alias: "yearreport",
  chats: "private",
  run: async (ctx) => {
    const years = planYears(ctx.deps.plan);
    const word = ctx.args.trim();
    const year = word ? Number(word) : Number(today(ctx.deps).slice(0, 4));
    if (!years.includes(year))
      throw new DomainError("cityReport:errors.year", { year: word.slice(0, 10) || year, from: years[0]!, to: years.at(-1)! });
    return send(ctx, [year], ctx.t("cityReport:scopeYear", { year }), `bao-cao-nam-${year}`);
  },
};

export const planReportCommand: Command = {
  name: "baocaoketthuc",
  alias: "planreport",
  chats: "private",
  run: async (ctx) => {
    const years = planYears(ctx.deps.plan);
    return send(ctx, years, ctx.t("cityReport:scopePlan", { from: years[0]!, to: years.at(-1)! }), "bao-cao-ket-thuc-ke-hoach");
  },
};

export const cityReportFeature: Feature = { name: "cityReport", commands: [yearReportCommand, planReportCommand] };
