/**
 * `/tinhhinh [period]`: for admins, who has reported for a period (on time, late, missing, with
 * the officer to contact); for an officer, their own unit's reports.
 */
import { seesBloc } from "../../app/authorize";
import type { Ctx } from "../../chat/feature";
import type { Reply } from "../../app/messages";
import { deadlineOf, reportingPeriod } from "../../domain/periods";
import type { Cadre } from "../../domain/records";
import { reportBoard, unitsOwingReport, type BoardRow } from "../../domain/report-rules";
import type { StatusReport } from "../../domain/reports";
import type { T } from "../../i18n";
import { formatDateTime } from "../../i18n";
import { checkPeriod, dmy, periodLabel } from "../../app/progress";
import { today } from "../../app/deps";
import { pageArg, pageOf } from "../../chat/pages";

/** `Bí thư Nguyễn Văn A (0901234567)`; the phone only when asked for (the unit must be called). */
export function contactText(t: T, contacts: readonly Cadre[], withPhone: boolean): string {
  if (contacts.length === 0) return t("reports:status.noContact");
  return contacts
    .map((c) => {
      const who = `${t(`reports:positions.${c.position}`)} ${c.fullName}`;
      return withPhone && c.phone ? `${who} (${c.phone})` : who;
    })
    .join("; ");
}

export interface BoardOptions {
  /** List the units that reported on time (the summary gives only their count). */
  listOnTime: boolean;
  /** Show the phone of the officers of units that have not reported (only in a private chat). */
  phones: boolean;
}

/** The board's lines for a period: counts, then missing, late and (if asked) on-time units. */
export function boardLines(ctx: Pick<Ctx, "t" | "deps">, rows: readonly BoardRow[], period: string, options: BoardOptions): string[] {
  const { t, deps } = ctx;
  const tz = deps.config.timeZone;
  const count = (s: BoardRow["state"]) => rows.filter((r) => r.state === s).length;
  const lines = [
    t("reports:status.title", {
      period: periodLabel(t, period),
      due: dmy(deadlineOf(period, deps.plan.reporting, tz).dueDate),
      onTime: count("onTime"),
      late: count("late"),
      missing: count("missing"),
      total: rows.length,
    }),
  ];
  const section = (state: BoardRow["state"], line: (r: BoardRow) => string) => {
    const part = rows.filter((r) => r.state === state);
    if (part.length) lines.push("", t(`reports:status.heading.${state}`), ...part.map(line));
  };
  section("missing", (r) => t("reports:status.missingLine", { unit: r.unit.name, contact: contactText(t, r.contacts, options.phones) }));
  const filed = (r: BoardRow) =>
    t("reports:status.filedLine", {
      unit: r.unit.name,
      at: formatDateTime(r.report!.submittedAt, tz),
      contact: contactText(t, r.contacts, false),
    });
  section("late", filed);
  if (options.listOnTime) section("onTime", filed);
  return lines;
}

async function adminBoard(ctx: Ctx, period: string, page: number): Promise<Reply[]> {
  const { deps } = ctx;
  // A past period's board lists the units in the bloc at its end: one closed since still owed it, one joined since did not.
  const [units, reports, cadres] = await Promise.all([
    deps.store.units.all().then((all) => unitsOwingReport(all, period, deps.plan.reporting.cadence, today(deps), deps.config.timeZone)),
    deps.store.reports.find({ period }),
    deps.store.cadres.all(),
  ]);
  const options = { listOnTime: true, phones: ctx.msg.chatType === "private" };
  // A page at a time on a phone: the counts head every page, the units follow.
  const [head, ...lines] = boardLines(ctx, reportBoard(units, reports, cadres, period), period, options);
  return [pageOf(ctx.t, { head: head!, lines, page, command: `/tinhhinh ${period}` })];
}

function reportLine(t: T, r: StatusReport, tz: string): string {
  return t("reports:status.ownLine", {
    period: periodLabel(t, r.period),
    at: formatDateTime(r.submittedAt, tz),
    state: t(r.late ? "reports:status.state.late" : "reports:status.state.onTime"),
    edits: r.history.length,
  });
}

async function ownReports(ctx: Ctx, period: string): Promise<Reply[]> {
  const { t, deps, actor } = ctx;
  const unitId = actor.cadre!.unitId;
  const unit = await deps.store.units.get(unitId);
  const reports = (await deps.store.reports.find({ unitId })).slice().sort((a, b) => b.period.localeCompare(a.period));
  const tz = deps.config.timeZone;
  const lines = [t("reports:status.ownTitle", { unit: unit?.name ?? unitId })];
  if (!reports.some((r) => r.period === period)) {
    lines.push(
      t("reports:status.ownMissing", { period: periodLabel(t, period), due: dmy(deadlineOf(period, deps.plan.reporting, tz).dueDate) }),
    );
  }
  lines.push(...reports.map((r) => reportLine(t, r, tz)));
  if (reports.length === 0) lines.push(t("reports:status.ownNone"));
  return [{ text: lines.join("\n") }];
}

/** Runs `/tinhhinh`. */
export async function runStatus(ctx: Ctx): Promise<Reply[]> {
  const { deps, actor } = ctx;
  const { rest: args, page } = pageArg(ctx.args);
  const period = args ? checkPeriod(deps, args) : reportingPeriod(deps.now(), deps.plan.reporting, deps.config.timeZone);
  if (seesBloc(actor)) return adminBoard(ctx, period, page);
  return ownReports(ctx, period);
}
