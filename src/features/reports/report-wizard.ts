/**
 * The `/baocao` wizard: shows the facts the data knows, then asks the needs review (who to propose
 * for political theory study), the party committee's approval, difficulties, proposals, and a
 * summary to confirm. The use case re-checks everything when it files.
 */
import { PeriodId, ReportContent } from "../../domain/reports";
import { lengthLimits } from "../../domain/limits";
import { Id } from "../../domain/fields";
import { z } from "zod";
import type { Ctx } from "../../chat/feature";
import type { Reply } from "../../app/messages";
import type { Wizard } from "../../chat/wizard";
import { deadlineOf } from "../../domain/periods";
import { fold } from "../../domain/text";
import { formatDateTime } from "../../i18n";
import { planRunsToday } from "../../app/plans";
import { dmy, periodLabel } from "../../app/progress";
import { findingLine } from "../../app/findings";
import { factsOf, fileReport, reportId } from "./file-report";

/** What the report wizard keeps between steps. */
const ReportDraftSchema = z
  .object({
    unitId: Id,
    unitName: z.string().min(1),
    period: PeriodId,
    candidates: z.array(Id),
    proposed: z.array(Id).optional(),
    committee: z.boolean().optional(),
    difficulties: ReportContent.shape.difficulties.unwrap().optional(),
    proposals: ReportContent.shape.proposals.unwrap().optional(),
  })
  .strict();

export interface ReportDraft extends Record<string, unknown> {
  unitId: string;
  unitName: string;
  period: string;
  /** Needs review candidates, in the order shown (numbered from 1). */
  candidates: string[];
  proposed?: string[];
  committee?: boolean;
  difficulties?: string;
  proposals?: string;
}

export const REPORT_WIZARD = "report";
/** Longest free text, from the record's schema. */
const MAX_FREE_TEXT = lengthLimits(ReportContent.shape.difficulties).max;

async function names(ctx: Ctx, ids: readonly string[]): Promise<string[]> {
  return Promise.all(ids.map(async (id) => (await ctx.deps.store.cadres.get(id))?.fullName ?? id));
}

async function askNeeds(ctx: Ctx, d: ReportDraft): Promise<Reply> {
  const { t, deps } = ctx;
  const { facts, window } = await factsOf(deps, d.unitId);
  const existing = await deps.store.reports.get(reportId(d.unitId, d.period));
  const due = dmy(deadlineOf(d.period, deps.plan.reporting, deps.config.timeZone).dueDate);
  const lines = [
    t("reports:wizard.title", { unit: d.unitName, period: periodLabel(t, d.period), due }),
    ...(existing ? [t("reports:wizard.refiling", { at: formatDateTime(existing.submittedAt, deps.config.timeZone) })] : []),
    // Outside every plan's period the facts count against nothing: they are not shown.
    planRunsToday(deps)
      ? t("reports:wizard.facts", {
          ...facts,
          from: dmy(window.from),
          to: dmy(window.to),
          standard: t(`reports:levelNames.${deps.plan.theoryStandard}`),
        })
      : t("reports:wizard.noPlanFacts"),
    "",
  ];
  return { text: [...lines, (await needsQuestion(ctx, d)).text].join("\n") };
}

/**
 * The needs-review question and the numbered candidates, without the report's header; under each
 * name, the rules of the cadre regulation (R6) they fall short of, with each rule's source.
 */
async function needsQuestion(ctx: Ctx, d: ReportDraft): Promise<Reply> {
  const { t } = ctx;
  if (d.candidates.length === 0) return { text: t("reports:wizard.noCandidates") };
  const { candidates } = await factsOf(ctx.deps, d.unitId);
  const findings = new Map(candidates.map((c) => [c.cadre.id, c.findings]));
  const shown = await names(ctx, d.candidates);
  const list = d.candidates.flatMap((id, i) => [`${i + 1}. ${shown[i]}`, ...(findings.get(id) ?? []).map((f) => findingLine(t, f))]);
  return { text: [t("reports:wizard.askNeeds"), ...list].join("\n") };
}

/** Reads `1, 3` or `1 3` into candidate ids; `0` or none means nobody. */
function pickNeeds(input: string, candidates: string[]): string[] | undefined {
  const words = fold(input)
    .split(/[\s,;.]+/)
    .filter(Boolean);
  if (words.length === 0 || (words.length === 1 && ["0", "khong", "none", "no"].includes(words[0]!))) return [];
  const picked = new Set<string>();
  for (const w of words) {
    const id = /^\d{1,3}$/.test(w) ? candidates[Number(w) - 1] : undefined;
    if (!id) return undefined;
    picked.add(id);
  }
  return [...picked];
}

const yesWords = new Set(["yes", "co", "dong y", "y", "da duyet"]);
const noWords = new Set(["no", "khong", "chua", "n"]);

/** Free text of at most the schema's length; `-` leaves it empty. */
function freeText(ctx: Ctx, input: string): { value: string } | { retry: string } {
  const value = input.normalize("NFC").trim();
  if (value.length > MAX_FREE_TEXT) return { retry: ctx.t("reports:wizard.tooLong", { max: MAX_FREE_TEXT, length: value.length }) };
  return { value: value === "-" ? "" : value };
}

async function summary(ctx: Ctx, d: ReportDraft): Promise<Reply> {
  const { t } = ctx;
  const proposed = await names(ctx, d.proposed ?? []);
  const none = t("reports:wizard.none");
  return {
    text: t("reports:wizard.summary", {
      unit: d.unitName,
      period: periodLabel(t, d.period),
      proposed: proposed.length ? proposed.join(", ") : none,
      committee: t(d.committee ? "reports:committee.yes" : "reports:committee.no"),
      difficulties: d.difficulties || none,
      proposals: d.proposals || none,
    }),
    buttons: [[{ label: t("reports:wizard.send"), data: "ok" }], [{ label: t("common:cancel"), data: "/huy" }]],
  };
}

export const reportWizard: Wizard<ReportDraft> = {
  draft: ReportDraftSchema,
  name: REPORT_WIZARD,
  steps: [
    {
      id: "needs",
      ask: askNeeds,
      reask: needsQuestion,
      answer: (ctx, input, d) => {
        const proposed = pickNeeds(input, d.candidates);
        return proposed ? { data: { ...d, proposed } } : { retry: ctx.t("reports:wizard.badPick", { max: d.candidates.length }) };
      },
    },
    {
      id: "committee",
      ask: ({ t }) => ({
        text: t("reports:wizard.askCommittee"),
        buttons: [
          [
            { label: t("reports:committee.yes"), data: "yes" },
            { label: t("reports:committee.no"), data: "no" },
          ],
        ],
      }),
      answer: (ctx, input, d) => {
        const word = fold(input);
        if (yesWords.has(word) || word === fold(ctx.t("reports:committee.yes"))) return { data: { ...d, committee: true } };
        if (noWords.has(word) || word === fold(ctx.t("reports:committee.no"))) return { data: { ...d, committee: false } };
        return { retry: ctx.t("reports:wizard.yesOrNo") };
      },
    },
    {
      id: "difficulties",
      ask: ({ t }) => ({ text: t("reports:wizard.askDifficulties", { max: MAX_FREE_TEXT }) }),
      answer: (ctx, input, d) => {
        const r = freeText(ctx, input);
        return "retry" in r ? r : { data: { ...d, difficulties: r.value } };
      },
    },
    {
      id: "proposals",
      ask: ({ t }) => ({ text: t("reports:wizard.askProposals", { max: MAX_FREE_TEXT }) }),
      answer: (ctx, input, d) => {
        const r = freeText(ctx, input);
        return "retry" in r ? r : { data: { ...d, proposals: r.value } };
      },
    },
    {
      id: "confirm",
      ask: summary,
      answer: (ctx, input, d) =>
        fold(input) === "ok" || fold(input) === fold(ctx.t("reports:wizard.send"))
          ? { data: d }
          : { retry: ctx.t("reports:wizard.confirmOrCancel") },
    },
  ],
  finish: async (ctx, d) => {
    const { t, deps } = ctx;
    const saved = await fileReport(deps, ctx.actor, {
      unitId: d.unitId,
      period: d.period,
      proposedForTheory: d.proposed ?? [],
      committeeApproved: d.committee ?? false,
      difficulties: d.difficulties ?? "",
      proposals: d.proposals ?? "",
    });
    const vars = { unit: d.unitName, period: periodLabel(t, d.period), version: saved.history.length + 1 };
    if (saved.late) return [{ text: t("reports:filed.late", vars) }];
    const due = dmy(deadlineOf(d.period, deps.plan.reporting, deps.config.timeZone).dueDate);
    return [{ text: t("reports:filed.onTime", { ...vars, due }) }];
  },
};
