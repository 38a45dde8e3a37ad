/**
 * Unit status reports, progress against the plan's targets, and the Excel report:
 * `/baocao` (report), `/tinhhinh` (status), `/tiendo` (progress), `/xuat` (export).
 * The period summary is sent by the scheduler once a deadline passes, through the composer
 * `reports.periodSummary` (./summary).
 */
import type { Feature } from "../../chat/feature";
import { composerNames } from "../../domain/composers";
import { runExport } from "./export";
import { checkOpen, factsOf, reportId, resolveTarget } from "./file-report";
import { runProgress } from "./progress";
import { REPORT_WIZARD, reportWizard, type ReportDraft } from "./report-wizard";
import { runStatus } from "./status";
import { periodSummaryComposer } from "./summary";

export { periodSummary } from "./summary";

export const reportsFeature: Feature = {
  name: "reports",
  commands: [
    {
      name: "baocao",
      alias: "report",
      chats: "private",
      run: async (ctx) => {
        const { unit, period } = await resolveTarget(ctx.deps, ctx.actor, ctx.args);
        checkOpen(ctx.deps, await ctx.deps.store.reports.get(reportId(unit.id, period)), period);
        const { candidates } = await factsOf(ctx.deps, unit.id);
        const draft: ReportDraft = { unitId: unit.id, unitName: unit.name, period, candidates: candidates.map((c) => c.cadre.id) };
        return ctx.startWizard(REPORT_WIZARD, draft);
      },
    },
    { name: "tinhhinh", alias: "status", run: runStatus },
    { name: "tiendo", alias: "progress", run: runProgress },
    { name: "xuat", alias: "export", chats: "private", run: runExport },
  ],
  wizards: [reportWizard],
  composers: { [composerNames.periodSummary]: periodSummaryComposer },
};
