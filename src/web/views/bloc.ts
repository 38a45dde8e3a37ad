/**
 * The bloc's progress for the Standing Committee (admins): every open unit in one table, sortable
 * and filterable (kind, behind a target, no report this period), a bar per target, the plan's period
 * and yearly breakdown, the 1+1+1 state of the year, and the chart `/tiendo` draws.
 */
import { planRunsToday } from "../../app/plans";
import { targetPercent } from "../../domain/counting";
import { reportingPeriod } from "../../domain/periods";
import { fosteredByYear, type Ratio, type UnitProgress } from "../../domain/progress";
import { reportBoard, type ReportState } from "../../domain/report-rules";
import { barChartSvg } from "../../features/reports/chart";
import { dmy, loadProgressData, periodLabel, progressNow, yearlyClassLines } from "../../app/progress";
import { progressChart } from "../../features/reports/progress-chart";
import { percent, planName } from "../../i18n";
import { requireView } from "../access";
import type { ViewCtx } from "../context";
import { bar, esc, table, type Column } from "../html";
import type { PageOut } from "./types";

/** A unit's row: its progress, kind and report state this period. */
interface Row extends UnitProgress {
  kind: string;
  report: ReportState;
}

const SORTS = ["behind", "name", "cadres", "t1", "t2", "theory"] as const;
type Sort = (typeof SORTS)[number];

const byPercent = (r: Ratio) => r.percent ?? -1;
const compare: Record<Sort, (a: Row, b: Row) => number> = {
  behind: (a, b) => b.shortfall - a.shortfall,
  name: (a, b) => a.unitName.localeCompare(b.unitName, "vi"),
  cadres: (a, b) => a.cadres - b.cadres,
  t1: (a, b) => byPercent(a.fostered) - byPercent(b.fostered),
  t2: (a, b) => byPercent(a.newSecretaries) - byPercent(b.newSecretaries),
  theory: (a, b) => byPercent(a.theory) - byPercent(b.theory),
};

/** The query as read: sort, direction and filters (anything else is ignored). */
function filtersOf(query: URLSearchParams) {
  const sort = (SORTS as readonly string[]).includes(query.get("sort") ?? "") ? (query.get("sort") as Sort) : "behind";
  return {
    sort,
    desc: query.get("dir") === "desc",
    kind: query.get("kind") ?? "",
    lagging: query.get("lagging") === "1",
    noReport: query.get("noreport") === "1",
  };
}

type Targets = { t1: number; t2: number; theory: number };
type Filters = ReturnType<typeof filtersOf>;

/** `/app/bloc`. */
export async function blocView(ctx: ViewCtx): Promise<PageOut> {
  requireView(ctx.actor, { kind: "bloc" });
  const { deps, t, actor } = ctx;
  const locale = actor.locale;
  const title = t("web:bloc.title");
  const nav = ctx.nav("/app/bloc");
  if (!planRunsToday(deps)) return { title, nav, body: `<p>${esc(t("reports:progress.noPlan"))}</p>` };
  const data = await loadProgressData(deps);
  const progress = progressNow(deps, data);
  const period = reportingPeriod(deps.now(), deps.plan.reporting, deps.config.timeZone);
  const board = reportBoard(data.units, await deps.store.reports.find({ period }), data.cadres, period);
  const stateOf = new Map(board.map((b) => [b.unit.id, b.state]));
  const kindOf = new Map(data.units.map((u) => [u.id, u.type]));
  const f = filtersOf(ctx.query);
  const targets: Targets = {
    t1: targetPercent(deps.plan, "fostered"),
    t2: targetPercent(deps.plan, "newlyElected"),
    theory: targetPercent(deps.plan, "theory"),
  };
  let rows: Row[] = progress.units.map((u) => ({ ...u, kind: kindOf.get(u.unitId) ?? "", report: stateOf.get(u.unitId) ?? "missing" }));
  if (f.kind) rows = rows.filter((r) => r.kind === f.kind);
  if (f.lagging) rows = rows.filter((r) => r.shortfall > 0);
  if (f.noReport) rows = rows.filter((r) => r.report === "missing");
  rows.sort((a, b) => (f.desc ? -1 : 1) * compare[f.sort](a, b) || a.unitName.localeCompare(b.unitName, "vi"));
  const kinds = [...new Set(data.units.map((u) => u.type))].sort();
  const chart = barChartSvg(progressChart(t, progress, progress.units, locale, deps.plan.theoryStandard));
  const body = [
    summary(ctx, progress, targets),
    filterForm(ctx, kinds, f, periodLabel(t, period)),
    table(
      t("web:bloc.tableCaption", { shown: rows.length, total: progress.units.length, period: periodLabel(t, period) }),
      unitColumns(ctx, f, targets),
      rows,
      t("web:bloc.noneMatch"),
    ),
    `<p><a class="button" href="/app/download/bloc.xlsx" download>${esc(t("web:download"))}</a></p>`,
    await yearly(ctx, data, progress),
    `<details class="chart"><summary>${esc(t("web:bloc.chart"))}</summary>${chart.replace(/^<svg /, `<svg role="img" aria-label="${esc(t("web:bloc.chart"))}" `)}</details>`,
  ].join("\n");
  return { title, nav, body };
}

/** The units table's columns: each sortable one a header link that sorts by it (again: the other way). */
function unitColumns(ctx: ViewCtx, f: Filters, targets: Targets): Column<Row>[] {
  const { t } = ctx;
  const locale = ctx.actor.locale;
  const sortHref = (s: Sort) => {
    const q = new URLSearchParams(ctx.query);
    q.set("sort", s);
    q.set("dir", f.sort === s && !f.desc ? "desc" : "asc");
    return `/app/bloc?${q}`;
  };
  const col = (s: Sort, head: string, cell: (r: Row) => string, numeric = true): Column<Row> => ({
    head,
    cell,
    numeric,
    sortHref: sortHref(s),
    sorted: f.sort === s ? (f.desc ? "descending" : "ascending") : undefined,
  });
  const kind = (r: Row) => (r.kind ? `<br><span class="hint">${esc(t(`units:kinds.${r.kind}`, { defaultValue: r.kind }))}</span>` : "");
  return [
    col("name", t("web:bloc.unit"), (r) => `<a href="/app/unit?id=${esc(r.unitId)}">${esc(r.unitName)}</a>${kind(r)}`, false),
    col("cadres", t("web:bloc.cadres"), (r) => esc(r.cadres)),
    col("t1", t("web:bloc.t1"), (r) => bar(r.fostered.percent, percent(r.fostered, locale), targets.t1)),
    col("t2", t("web:bloc.t2"), (r) => bar(r.newSecretaries.percent, percent(r.newSecretaries, locale), targets.t2)),
    col("theory", t("web:bloc.theory"), (r) => bar(r.theory.percent, percent(r.theory, locale), targets.theory)),
    { head: t("web:bloc.report"), cell: (r) => `<span class="state-${r.report}">${esc(t(`web:reportState.${r.report}`))}</span>` },
  ];
}

/** The plan, its window, and the bloc's three figures against their targets. */
function summary(ctx: ViewCtx, progress: ReturnType<typeof progressNow>, targets: Targets): string {
  const { t, deps } = ctx;
  const locale = ctx.actor.locale;
  const figure = (key: string, target: number, r: Ratio) => card(t(key, { target }), percent(r, locale), `${r.done}/${r.total}`);
  return [
    `<p>${esc(t("web:bloc.plan", { plan: planName(t, deps.plan), from: dmy(progress.window.from), to: dmy(progress.window.to) }))}</p>`,
    `<div class="cards">`,
    figure("web:bloc.t1Card", targets.t1, progress.bloc.fostered),
    figure("web:bloc.t2Card", targets.t2, progress.bloc.newSecretaries),
    figure("web:bloc.theoryCard", targets.theory, progress.bloc.theory),
    `</div>`,
  ].join("\n");
}

/** The year's 1+1+1 classes (plan III.2) and the cadres fostered in each year of the plan. */
async function yearly(
  ctx: ViewCtx,
  data: Awaited<ReturnType<typeof loadProgressData>>,
  progress: ReturnType<typeof progressNow>,
): Promise<string> {
  const { t, deps } = ctx;
  const locale = ctx.actor.locale;
  const years = fosteredByYear(data, { plan: deps.plan, window: progress.window });
  return [
    ...(await yearlyClassLines(deps, t, locale)).map((line) => `<p>${esc(line)}</p>`),
    table(
      t("web:bloc.byYear"),
      [
        { head: t("web:bloc.year"), cell: (y) => esc(y.year) },
        { head: t("web:bloc.fosteredYear"), cell: (y) => esc(y.fostered), numeric: true },
        { head: t("web:bloc.cumulative"), cell: (y) => esc(y.cumulative), numeric: true },
      ],
      years,
      "",
    ),
  ].join("\n");
}

function card(label: string, value: string, detail: string): string {
  return `<div class="card">${esc(label)}<b>${esc(value)}</b><span class="hint">${esc(detail)}</span></div>`;
}

/** The filter form (GET): kind, behind a target, no report this period; Enter or the button applies it. */
function filterForm(ctx: ViewCtx, kinds: readonly string[], f: Filters, period: string): string {
  const { t } = ctx;
  const options = [`<option value="">${esc(t("web:bloc.allKinds"))}</option>`]
    .concat(
      kinds.map(
        (k) => `<option value="${esc(k)}"${f.kind === k ? " selected" : ""}>${esc(t(`units:kinds.${k}`, { defaultValue: k }))}</option>`,
      ),
    )
    .join("");
  const check = (name: string, on: boolean, label: string) =>
    `<label><input type="checkbox" name="${name}" value="1"${on ? " checked" : ""}> ${esc(label)}</label>`;
  return `<form class="filters" method="get" action="/app/bloc" aria-label="${esc(t("web:bloc.filters"))}">
<input type="hidden" name="sort" value="${esc(f.sort)}"><input type="hidden" name="dir" value="${f.desc ? "desc" : "asc"}">
<label>${esc(t("web:bloc.kind"))}<br><select name="kind">${options}</select></label>
${check("lagging", f.lagging, t("web:bloc.lagging"))}
${check("noreport", f.noReport, t("web:bloc.noReport", { period }))}
<button type="submit">${esc(t("web:bloc.apply"))}</button></form>`;
}
