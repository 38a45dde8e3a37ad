/**
 * The report to the city Youth Union (Thành đoàn), admins: `/baocaonam <năm>` (yearreport) for any
 * stored year, `/baocaoketthuc <mã kế hoạch>` (planreport) for any stored plan, running or ended;
 * typed bare, each offers a choice. Figures are as of the period's end (`domain/city-report.ts`):
 * a 2025 report made in 2027 counts what stood on 31/12/2025. A workbook in Vietnamese (it goes to
 * the city), a draft report to sign (.docx, `document.ts`) and a short summary in the person's language.
 */
import ExcelJS from "exceljs";
import { today, type Deps } from "../../app/deps";
import { DomainError } from "../../app/errors";
import type { Reply } from "../../app/messages";
import type { Command, Ctx, Feature } from "../../chat/feature";
import { planScope, yearScope, type ReportScope } from "../../domain/city-report";
import type { Plan } from "../../domain/plan";
import type { Locale } from "../../domain/records";
import { planYears } from "../../domain/plans";
import { fold } from "../../domain/text";
import { dmy } from "../../domain/zoned-time";
import { percent, planName, t2Rule, translator, type T } from "../../i18n";
import { addTableSheet } from "../../app/xlsx-table";
import { DOCX_MIME, reportDocument } from "./document";
import { reportFigures, scopeText, sharedYearRule, type CityFigures } from "./figures";
import { sumColumn } from "./sheets";

/**
 * Builds the city workbook of a scope (Vietnamese) and the chat summary (in `chat`'s language).
 * @example const { workbook, summary } = await cityReport(deps, yearScope(plans, 2025, "2027-01-10")!, ctx.t, "vi");
 */
export async function cityReport(
  deps: Deps,
  scope: ReportScope,
  chat: T,
  locale: Locale,
): Promise<{ workbook: ExcelJS.Workbook; summary: string; figures: CityFigures }> {
  const t = translator("vi");
  const f = await reportFigures(deps, scope);
  const { plan } = scope;
  const bloc = plan.bloc;
  const shared = sharedYearRule(t, scope);
  const subtitle = `${t("cityReport:subtitle", {
    plan: planName(t, plan),
    scope: scopeText(t, scope),
    asOf: dmy(scope.asOf),
    date: dmy(today(deps)),
  })}${shared ? ` ${shared}` : ""}`;
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
  add("classes", f.classes);
  add("targets", f.targets, ` ${t2Rule(t, plan, scope.asOf)}`);
  add("certificates", f.certificates);
  add("needs", f.needs);
  add("notes", f.notes);
  add("missing", f.missing);
  add("committees", f.committees);
  const { bloc: row } = f.progress;
  const lines = [
    chat("cityReport:summary", {
      scope: scopeText(chat, scope),
      plan: planName(chat, plan),
      asOf: dmy(scope.asOf),
      classes: f.figures.held.length,
      participants: sumColumn(f.classes.rows, f.classes.columns.length - 1),
      fostered: percent(row.fostered, locale),
      newlyElected: percent(row.newSecretaries, locale),
      theory: percent(row.theory, locale),
      inBot: sumColumn(f.certificates.rows, 3),
      outside: sumColumn(f.certificates.rows, 4),
      needs: f.needs.rows.length,
      missing: f.missing.rows.length,
    }),
  ];
  lines.push(`  ${t2Rule(chat, plan, scope.asOf)}`);
  const sharedLine = sharedYearRule(chat, scope);
  if (sharedLine) lines.push(`  ${sharedLine}`);
  // Classes not closed by the report's day are not counted; those still open today are the admins' to close.
  const stillOpen = f.figures.leftOpen.filter((c) => c.status === "open").length;
  if (stillOpen) lines.push(chat("cityReport:leftOpen", { count: stillOpen }));
  lines.push(chat("cityReport:details"));
  return { workbook: wb, summary: lines.join("\n"), figures: f };
}

async function send(ctx: Ctx, scope: ReportScope, file: string): Promise<Reply[]> {
  const { workbook, summary, figures } = await cityReport(ctx.deps, scope, ctx.t, ctx.actor.locale);
  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  const document = await reportDocument(ctx.deps, figures, scopeText(translator("vi"), scope));
  return [
    {
      text: summary,
      file: { name: `${file}-${today(ctx.deps)}.xlsx`, content, mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    },
    {
      text: ctx.t("cityReport:document.caption"),
      file: { name: `${file}-${today(ctx.deps)}.docx`, content: document, mime: DOCX_MIME },
    },
  ];
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
    const listed = [...years].reverse().join(", ");
    if (!/^\d{4}$/.test(word))
      throw new DomainError("cityReport:errors.notYear", { word: word.slice(0, 10), example: years[0] ?? day.slice(0, 4), years: listed });
    const year = Number(word);
    const scope = years.includes(year) ? yearScope(plans, year, day) : undefined;
    if (!scope) throw new DomainError("cityReport:errors.year", { year, years: listed });
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
    return send(ctx, planScope(plans, plan, day), "bao-cao-ket-thuc-ke-hoach");
  },
};

export const cityReportFeature: Feature = { name: "cityReport", commands: [yearReportCommand, planReportCommand] };
