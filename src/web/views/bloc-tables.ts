/**
 * The Standing Committee's other tables: the reports board of a period (on time, late, missing, each
 * report readable), every class (seats used per unit against its quota, waitlist, attendance,
 * completers), and the needs review and title eligibility across the bloc (R4–R6).
 */
import { today } from "../../app/deps";
import { classCode, type Course, type Enrollment } from "../../domain/courses";
import { ruleFindings } from "../../domain/cadre-rules";
import { attendedShare } from "../../domain/attendance";
import { seatsTaken, waitlist } from "../../domain/enrolment";
import { inNeedsReview, lacksForTitle } from "../../domain/nomination";
import { reportingPeriod } from "../../domain/periods";
import { reportBoard, type BoardRow } from "../../domain/report-rules";
import { compareVi } from "../../domain/text";
import { findingText } from "../../app/findings";
import { checkPeriod, dmy, loadProgressData, periodLabel } from "../../app/progress";
import { formatDateTime } from "../../i18n";
import { requireView } from "../access";
import type { ViewCtx } from "../context";
import { esc, table } from "../html";
import type { PageOut } from "./types";

/** The period asked for (`?period=2026-Q3`), when it is one of the plan's cadence; else the current one. */
function periodOf(ctx: ViewCtx): string {
  const asked = (ctx.query.get("period") ?? "").toUpperCase();
  try {
    if (asked) return checkPeriod(ctx.deps, asked);
  } catch {
    // an unknown period shows the current one
  }
  return reportingPeriod(ctx.deps.now(), ctx.deps.plan.reporting, ctx.deps.config.timeZone);
}

/** `/app/reports?period=…`: who reported for a period, each report readable. */
export async function reportsView(ctx: ViewCtx): Promise<PageOut> {
  requireView(ctx.actor, { kind: "bloc" });
  const { deps, t } = ctx;
  const period = periodOf(ctx);
  const data = await loadProgressData(deps);
  const board = reportBoard(data.units, await deps.store.reports.find({ period }), data.cadres, period);
  const tz = deps.config.timeZone;
  const count = (s: BoardRow["state"]) => board.filter((r) => r.state === s).length;
  const report = (r: BoardRow) => {
    if (!r.report) return "";
    const f = r.report;
    const parts = [
      t("web:unit.factsText", f.facts),
      f.committeeApproved ? t("web:reports.committeeYes") : t("web:reports.committeeNo"),
      f.difficulties && t("web:reports.difficulties", { text: f.difficulties }),
      f.proposals && t("web:reports.proposals", { text: f.proposals }),
    ].filter(Boolean);
    return `<details><summary>${esc(t("web:reports.read"))}</summary>${parts.map((p) => `<p>${esc(p)}</p>`).join("")}</details>`;
  };
  const body = [
    `<form class="filters" method="get" action="/app/reports"><label>${esc(t("web:reports.period"))}<br><input type="text" name="period" value="${esc(period)}" size="8" pattern="\\d{4}-(Q[1-4]|\\d{2})"></label><button type="submit">${esc(t("web:reports.show"))}</button></form>`,
    `<p>${esc(t("web:reports.counts", { onTime: count("onTime"), late: count("late"), missing: count("missing"), total: board.length }))}</p>`,
    table(
      t("web:reports.caption", { period: periodLabel(t, period) }),
      [
        { head: t("web:bloc.unit"), cell: (r: BoardRow) => `<a href="/app/unit?id=${esc(r.unit.id)}">${esc(r.unit.name)}</a>` },
        { head: t("web:bloc.report"), cell: (r) => `<span class="state-${r.state}">${esc(t(`web:reportState.${r.state}`))}</span>` },
        { head: t("web:unit.filed"), cell: (r) => (r.report ? esc(formatDateTime(r.report.submittedAt, tz)) : "") },
        { head: t("web:reports.contacts"), cell: (r) => esc(r.contacts.map((c) => c.fullName).join(", ")) },
        { head: t("web:reports.content"), cell: report, wide: true },
      ],
      board,
      t("web:bloc.noneMatch"),
    ),
    `<p><a class="button" href="/app/download/bloc.xlsx?period=${esc(period)}" download>${esc(t("web:download"))}</a></p>`,
  ].join("\n");
  return { title: t("web:reports.title"), nav: ctx.nav("/app/reports"), body };
}

/** `/app/classes`: every class with its seats by unit, waitlist, attendance and completers; then the needs review and title eligibility. */
export async function classesView(ctx: ViewCtx): Promise<PageOut> {
  requireView(ctx.actor, { kind: "bloc" });
  const { deps, t, actor } = ctx;
  const [courses, enrollments, certificates, units] = await Promise.all([
    deps.store.courses.all(),
    deps.store.enrollments.all(),
    deps.store.certificates.all(),
    deps.store.units.all(),
  ]);
  const byCourse = new Map<string, Enrollment[]>();
  for (const e of enrollments) byCourse.set(e.courseId, [...(byCourse.get(e.courseId) ?? []), e]);
  const completers = new Map<string, number>();
  for (const c of certificates) if (c.courseId) completers.set(c.courseId, (completers.get(c.courseId) ?? 0) + 1);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const kindName = (id: string) => deps.plan.courseKinds.find((k) => k.id === id)?.name[actor.locale] ?? id;
  const sorted = [...courses].sort((a, b) => b.year - a.year || classCode(b).localeCompare(classCode(a)));
  const seatsOf = (c: Course) => {
    const all = byCourse.get(c.id) ?? [];
    const taken = seatsTaken(all);
    const rows = Object.entries(c.quotas)
      .filter(([, q]) => q > 0)
      .map(([unitId, quota]) => ({ unit: unitName.get(unitId) ?? unitId, quota, used: taken.byUnit.get(unitId) ?? 0 }))
      .sort((a, b) => compareVi(a.unit, b.unit));
    const lines = rows.map((r) => `<li>${esc(`${r.unit}: ${r.used}/${r.quota}`)}</li>`).join("");
    return `${esc(`${taken.total}/${c.capacity}`)}${rows.length ? `<details><summary>${esc(t("web:classes.byUnit"))}</summary><ul>${lines}</ul></details>` : ""}`;
  };
  const attendance = (c: Course) => {
    const seated = (byCourse.get(c.id) ?? []).filter((e) => e.status === "enrolled");
    if (!seated.length) return "—";
    const share = seated.reduce((s, e) => s + attendedShare(c, e), 0) / seated.length;
    return `${Math.round(share * 100)}%`;
  };
  const classTable = table(
    t("web:classes.caption", { count: courses.length }),
    [
      { head: t("web:me.class"), cell: (c: Course) => esc(`${classCode(c)} · ${c.title}`) },
      { head: t("web:classes.kind"), cell: (c) => esc(kindName(c.kind)) },
      { head: t("web:me.sessions"), cell: (c) => esc(`${c.sessions.length} · ${dmy(c.sessions[0]!.date)}`), numeric: true },
      { head: t("web:classes.seats"), cell: seatsOf },
      { head: t("web:classes.waitlist"), cell: (c) => esc(waitlist(byCourse.get(c.id) ?? []).length), numeric: true },
      { head: t("web:classes.attendance"), cell: attendance, numeric: true },
      { head: t("web:classes.completers"), cell: (c) => esc(completers.get(c.id) ?? 0), numeric: true },
      { head: t("web:classes.status"), cell: (c) => esc(t(`web:classes.state.${c.status}`)) },
    ],
    sorted,
    t("web:classes.none"),
  );
  const download = `<p><a class="button" href="/app/download/bloc.xlsx" download>${esc(t("web:download"))}</a></p>`;
  const body = [classTable, download, await eligibilitySection(ctx, certificates, unitName)].join("\n");
  return { title: t("web:classes.title"), nav: ctx.nav("/app/classes"), body };
}

/** The needs review (R5) and who may stand for a title and what each lacks (R4), with the regulation's findings (R6). */
async function eligibilitySection(
  ctx: ViewCtx,
  certificates: Awaited<ReturnType<ViewCtx["deps"]["store"]["certificates"]["all"]>>,
  unitName: ReadonlyMap<string, string>,
): Promise<string> {
  const { deps, t } = ctx;
  const plan = deps.plan;
  const units = new Map((await deps.store.units.all()).map((u) => [u.id, u]));
  const officers = (await deps.store.cadres.find({ status: "approved" })).filter(
    (c) => c.position === "secretary" || c.position === "deputy",
  );
  const certsOf = new Map<string, typeof certificates>();
  for (const c of certificates) certsOf.set(c.personId, [...(certsOf.get(c.personId) ?? []), c]);
  const day = today(deps);
  const rows = officers
    .map((c) => ({
      c,
      lacks: lacksForTitle(plan, c, certsOf.get(c.id) ?? []),
      review: inNeedsReview(plan, c),
      findings: ruleFindings(plan, c, units.get(c.unitId)?.type ?? "agency", day),
    }))
    .filter((r) => r.lacks.length || r.review || r.findings.length)
    .sort((a, b) => compareVi(unitName.get(a.c.unitId) ?? "", unitName.get(b.c.unitId) ?? "") || compareVi(a.c.fullName, b.c.fullName));
  const standard = t(`classes:theory.${plan.theoryStandard}`);
  return `<h2>${esc(t("web:classes.eligibility"))}</h2>${table(
    t("web:classes.eligibilityCaption", { count: rows.length }),
    [
      { head: t("web:unit.name"), cell: (r: (typeof rows)[number]) => esc(r.c.fullName) },
      { head: t("web:bloc.unit"), cell: (r) => esc(unitName.get(r.c.unitId) ?? r.c.unitId) },
      { head: t("web:unit.post"), cell: (r) => esc(t(`classes:positions.${r.c.position}`)) },
      {
        head: t("web:unit.lacks"),
        cell: (r) =>
          esc(
            [
              ...r.lacks.map((l) => t(`classes:eligibility.lack.${l}`, { standard })),
              ...(r.review ? [t("web:classes.needsReview")] : []),
              ...r.findings.map((f) => findingText(t, f)),
            ].join("; "),
          ),
        wide: true,
      },
    ],
    rows,
    t("web:classes.allEligible"),
  )}`;
}
