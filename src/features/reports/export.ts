/**
 * `/xuat [period]` (admins): one Excel workbook for the bloc's clerks — unit summary, cadres and
 * their training, classes and enrolments, the period's reports. Always in Vietnamese: it is a
 * document of the bloc, filed and printed as such.
 */
import ExcelJS from "exceljs";
import type { Deps } from "../../app/deps";
import type { Ctx } from "../../chat/feature";
import type { Reply } from "../../app/messages";
import { reportingPeriod } from "../../domain/periods";
import { reportBoard, unitsOwingReport } from "../../domain/report-rules";
import { t2Rule, translator } from "../../i18n";
import { today } from "../../app/deps";
import { checkPeriod, dmy, loadProgressData, periodLabel, progressNow } from "../../app/progress";
import { cadreSheet, classSheet, reportSheet, unitSheet } from "./export-sheets";
import { addTableSheet } from "../../app/xlsx-table";

/** Builds the workbook of the bloc for a period. */
export async function buildWorkbook(deps: Deps, period: string): Promise<ExcelJS.Workbook> {
  const t = translator("vi");
  const [data, reports, courses, enrollments, units, cadres] = await Promise.all([
    loadProgressData(deps),
    deps.store.reports.find({ period }),
    deps.store.courses.all(),
    deps.store.enrollments.all(),
    deps.store.units.all(),
    deps.store.cadres.all(),
  ]);
  const progress = progressNow(deps, data);
  // The period's reports: the units that owed it (in the bloc at its end), not those open today.
  const owing = unitsOwingReport(units, period, deps.plan.reporting.cadence, today(deps), deps.config.timeZone);
  const board = reportBoard(owing, reports, cadres, period);
  const date = dmy(today(deps));
  const bloc = deps.plan.bloc;
  const label = periodLabel(t, period);
  const kindName = (id: string) => deps.plan.courseKinds.find((k) => k.id === id)?.name.vi ?? id;
  const wb = new ExcelJS.Workbook();
  wb.creator = bloc;
  wb.created = deps.now();
  const subtitle = (extra: string) => t("reports:xlsx.subtitle", { date, extra });
  const windowText = `${t("reports:xlsx.window", { from: dmy(progress.window.from), to: dmy(progress.window.to) })} ${t2Rule(t, deps.plan)}`;
  addTableSheet(wb, {
    name: t("reports:xlsx.sheet.units"),
    bloc,
    title: t("reports:xlsx.title.units"),
    subtitle: subtitle(windowText),
    ...unitSheet(t, progress, board),
  });
  addTableSheet(wb, {
    name: t("reports:xlsx.sheet.cadres"),
    bloc,
    title: t("reports:xlsx.title.cadres"),
    subtitle: subtitle(windowText),
    ...cadreSheet(t, data, deps.plan, progress.window),
  });
  addTableSheet(wb, {
    name: t("reports:xlsx.sheet.classes"),
    bloc,
    title: t("reports:xlsx.title.classes"),
    subtitle: subtitle(""),
    ...classSheet(t, courses, enrollments, data, kindName),
  });
  const names = new Map(data.cadres.map((c) => [c.id, c.fullName]));
  addTableSheet(wb, {
    // The period as people read it (Quý 4/2026); Excel forbids "/" in a sheet name.
    name: t("reports:xlsx.sheet.reports", { period: label.replace(/\//g, "-") }),
    bloc,
    title: t("reports:xlsx.title.reports", { period: label }),
    subtitle: subtitle(""),
    ...reportSheet(t, board, names, deps.config.timeZone),
  });
  return wb;
}

/** Runs `/xuat`: the workbook as a file. */
export async function runExport(ctx: Ctx): Promise<Reply> {
  const { deps, t, args } = ctx;
  const period = args ? checkPeriod(deps, args) : reportingPeriod(deps.now(), deps.plan.reporting, deps.config.timeZone);
  const wb = await buildWorkbook(deps, period);
  const content = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    text: t("reports:export.done", { period: periodLabel(t, period) }),
    file: {
      name: `bao-cao-doan-khoi-${period}-${today(deps)}.xlsx`,
      content,
      mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    },
  };
}
