/**
 * The report to the city Youth Union (Thành đoàn), admins: `/baocaonam [năm]` (yearreport) for one
 * year of the running plan, `/baocaoketthuc` (planreport) for its whole period. A workbook —
 * classes per kind per year with dates and participants per audience, targets reached,
 * certificates by origin, the needs review, units that did not report, units sending cadres and their
 * party committees' answers — a draft report to sign (.docx, `document.ts`) and a short summary in chat.
 */
import ExcelJS from "exceljs";
import { today, type Deps } from "../../app/deps";
import { DomainError } from "../../app/errors";
import type { Reply } from "../../app/messages";
import type { Command, Ctx, Feature } from "../../chat/feature";
import { planYears } from "../../domain/plans";
import { dmy } from "../../domain/zoned-time";
import { percent, planName, translator } from "../../i18n";
import { addTableSheet } from "../../app/xlsx-table";
import { DOCX_MIME, reportDocument } from "./document";
import { type CityFigures, cityFigures } from "./figures";
import { sumColumn } from "./sheets";

/**
 * Builds the city workbook for the years, and the chat summary.
 * @example const { workbook, summary } = await cityReport(deps, [2026], "năm 2026");
 */
export async function cityReport(
  deps: Deps,
  years: number[],
  scope: string,
): Promise<{ workbook: ExcelJS.Workbook; summary: string; figures: CityFigures }> {
  const t = translator("vi");
  const figures = await cityFigures(deps, years);
  const { classes, certificates: certs, needs, missing, progress } = figures;
  const bloc = deps.plan.bloc;
  const subtitle = t("cityReport:subtitle", { plan: planName(t, deps.plan), scope, date: dmy(today(deps)) });
  const wb = new ExcelJS.Workbook();
  wb.creator = bloc;
  wb.created = deps.now();
  const add = (
    key: string,
    sheet: { columns: Parameters<typeof addTableSheet>[1]["columns"]; rows: Parameters<typeof addTableSheet>[1]["rows"] },
  ) => addTableSheet(wb, { name: t(`cityReport:sheet.${key}`), bloc, title: t(`cityReport:title.${key}`), subtitle, ...sheet });
  add("classes", classes);
  add("targets", figures.targets);
  add("certificates", certs);
  add("needs", needs);
  add("missing", missing);
  add("committees", figures.committees);
  const summary = t("cityReport:summary", {
    scope,
    plan: planName(t, deps.plan),
    classes: classes.rows.length,
    participants: sumColumn(classes.rows, classes.columns.length - 1),
    fostered: percent(progress.bloc.fostered, "vi"),
    newlyElected: percent(progress.bloc.newSecretaries, "vi"),
    theory: percent(progress.bloc.theory, "vi"),
    inBot: sumColumn(certs.rows, 3),
    outside: sumColumn(certs.rows, 4),
    needs: needs.rows.length,
    missing: missing.rows.length,
  });
  return { workbook: wb, summary, figures };
}

/** What goes to the city (the workbook, the document) is in Vietnamese, whatever the admin's language. */
const toCity = translator("vi");

async function send(ctx: Ctx, years: number[], scope: string, file: string): Promise<Reply[]> {
  const { workbook, summary, figures } = await cityReport(ctx.deps, years, scope);
  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  const document = await reportDocument(ctx.deps, figures, scope);
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
    return send(ctx, [year], toCity("cityReport:scopeYear", { year }), `bao-cao-nam-${year}`);
  },
};

export const planReportCommand: Command = {
  name: "baocaoketthuc",
  alias: "planreport",
  chats: "private",
  run: async (ctx) => {
    const years = planYears(ctx.deps.plan);
    return send(ctx, years, toCity("cityReport:scopePlan", { from: years[0]!, to: years.at(-1)! }), "bao-cao-ket-thuc-ke-hoach");
  },
};

export const cityReportFeature: Feature = { name: "cityReport", commands: [yearReportCommand, planReportCommand] };
