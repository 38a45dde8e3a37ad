/**
 * Use case: a unit's Secretary or Deputy (or an admin) files the unit's status report for a period.
 * Editable until the deadline, each earlier filing kept in `history`; after the deadline a unit that
 * has not filed may still file, marked late, and may correct that late report; an on-time report
 * is then closed.
 */
import type { Actor } from "../../app/actor";
import type { Deps } from "../../app/deps";
import { DomainError } from "../../app/errors";
import { authorize, seesBloc, unitResource } from "../../app/authorize";
import type { Certificate } from "../../domain/courses";
import { deadlineOf, isFuture, isLate, readPeriod, reportingPeriod } from "../../domain/periods";
import { progressWindow, type ProgressWindow } from "../../domain/progress";
import type { Cadre, Unit } from "../../domain/records";
import { needsReview, unitFacts, type NeedsCandidate, type ReportFacts } from "../../domain/report-rules";
import type { ReportContent, StatusReport } from "../../domain/reports";
import { today } from "../../app/deps";
import { checkPeriod, dmy } from "../../app/progress";

/** What the officer adds to the facts. */
export interface ReportInput {
  unitId: string;
  period: string;
  proposedForTheory: string[];
  committeeApproved: boolean;
  difficulties: string;
  proposals: string;
}

/** The unit filed on time and the deadline has passed: the report can no longer change. */
export class ReportClosed extends DomainError {
  constructor(period: string, dueDate: string) {
    super("reports:errors.closed", { period, dueDate });
    this.name = "ReportClosed";
  }
}

/** The actor is an officer of another unit (or an admin who named no unit). */
export class NotYourUnit extends DomainError {
  constructor(unitId: string) {
    super("reports:errors.otherUnit", { unit: unitId });
    this.name = "NotYourUnit";
  }
}

/** The report's id: `unitId:period`. */
export const reportId = (unitId: string, period: string) => `${unitId}:${period}`;

/**
 * Reads `/baocao [unit] [period]`: an officer's own unit by default, the period being collected by
 * default (see `reportingPeriod`). Refuses another unit, an unknown unit and a future period.
 */
export async function resolveTarget(deps: Deps, actor: Actor, args: string): Promise<{ unit: Unit; period: string }> {
  const words = args.split(/\s+/).filter(Boolean);
  const { reporting } = deps.plan;
  // A period in any form people type (`Q4/2026`, `2026-Q4`), or a word that tries to be one (refused by name).
  const typedPeriod = words.find((w) => readPeriod(w, reporting.cadence) || /^\d{4}-|^q\d|\/\d{4}$/i.test(w));
  const typedUnit = words.find((w) => w !== typedPeriod);
  const period = typedPeriod ? checkPeriod(deps, typedPeriod) : reportingPeriod(deps.now(), reporting, deps.config.timeZone);
  if (isFuture(period, deps.now(), reporting, deps.config.timeZone)) throw new DomainError("reports:errors.futurePeriod", { period });
  const unitId = typedUnit ?? (seesBloc(actor) ? undefined : actor.cadre?.unitId);
  if (!unitId) throw new DomainError("reports:errors.whichUnit");
  if (!authorize(actor, "report", unitResource(unitId)).allowed) throw new NotYourUnit(unitId);
  const unit = await deps.store.units.get(unitId);
  if (!unit) throw new DomainError("reports:errors.noSuchUnit", { unit: unitId });
  return { unit, period };
}

/** Throws ReportClosed when the period's on-time report can no longer change. */
export function checkOpen(deps: Deps, existing: StatusReport | undefined, period: string): void {
  const { reporting } = deps.plan;
  if (existing && !existing.late && isLate(period, deps.now(), reporting, deps.config.timeZone)) {
    throw new ReportClosed(period, dmy(deadlineOf(period, reporting, deps.config.timeZone).dueDate));
  }
}

/** A unit's approved cadres and their certificates. */
export async function unitRoster(deps: Deps, unitId: string): Promise<{ cadres: Cadre[]; certificates: Certificate[] }> {
  const cadres = (await deps.store.cadres.find({ unitId })).filter((c) => c.status === "approved");
  const certificates = (await Promise.all(cadres.map((c) => deps.store.certificates.find({ personId: c.id })))).flat();
  return { cadres, certificates };
}

/** The facts shown in the report and the needs review candidates (with their R6 findings), from the data now. */
export async function factsOf(
  deps: Deps,
  unitId: string,
): Promise<{ facts: ReportFacts; candidates: NeedsCandidate[]; window: ProgressWindow }> {
  const [{ cadres, certificates }, unit] = await Promise.all([unitRoster(deps, unitId), deps.store.units.get(unitId)]);
  const day = today(deps);
  const window = progressWindow(deps.plan.period);
  const facts = unitFacts(cadres, certificates, { plan: deps.plan, today: day, window });
  return { facts, candidates: needsReview(cadres, deps.plan, unit?.type ?? "agency", day), window };
}

function contentOf(report: StatusReport): ReportContent {
  const { id: _id, unitId: _u, period: _p, history: _h, ...content } = report;
  return content;
}

/**
 * Files (or re-files) a unit's report; the previous filing goes to `history`.
 * @example await fileReport(deps, actor, { unitId: "u01", period: "2026-Q4", proposedForTheory: [], committeeApproved: true, difficulties: "", proposals: "" })
 */
export async function fileReport(deps: Deps, actor: Actor, input: ReportInput): Promise<StatusReport> {
  if (!authorize(actor, "report", unitResource(input.unitId)).allowed) throw new NotYourUnit(input.unitId);
  const { facts, candidates } = await factsOf(deps, input.unitId);
  const allowed = new Set(candidates.map((c) => c.cadre.id));
  const proposed = input.proposedForTheory.filter((id) => allowed.has(id));
  const now = deps.now();
  const id = reportId(input.unitId, input.period);
  return deps.store.transaction(async (tx) => {
    const existing = await tx.reports.get(id);
    checkOpen(deps, existing, input.period);
    const content: ReportContent = {
      submittedAt: now.toISOString(),
      submittedBy: actor.person.id,
      late: isLate(input.period, now, deps.plan.reporting, deps.config.timeZone),
      facts,
      proposedForTheory: proposed,
      committeeApproved: input.committeeApproved,
      difficulties: input.difficulties,
      proposals: input.proposals,
    };
    const history = existing ? [...existing.history, contentOf(existing)] : [];
    const saved = await tx.reports.put({ ...content, id, unitId: input.unitId, period: input.period, history });
    await tx.audit.put({
      id: deps.newId("a"),
      at: now.toISOString(),
      actorId: actor.person.id,
      action: existing ? "report.edit" : "report.file",
      subjectId: id,
      details: { late: content.late, version: history.length + 1 },
    });
    return saved;
  });
}
