/**
 * A unit for its officers (and admins): the roster with posts and what each cadre still lacks, the
 * registrations waiting (approve, or reject with a reason), the unit's seats in open classes and
 * whom it sends (a checklist within the seats), and its reports.
 */
import type { Cadre, Unit } from "../../domain/records";
import { oneSecretaryEach, rosterOrder } from "../../domain/cadres";
import { classCode, type Course, type Enrollment } from "../../domain/courses";
import { isEligible, seatsLeftFor, seatsTaken } from "../../domain/enrolment";
import { certificateIndex, isNewlyElectedSecretary } from "../../domain/progress";
import { meetsTheory } from "../../domain/plan";
import { progressWindow } from "../../domain/progress";
import { ownUnitOf } from "../../app/authorize";
import { today } from "../../app/deps";
import { label } from "../../app/cadre-labels";
import { dmy, periodLabel } from "../../app/progress";
import { formatDateTime } from "../../i18n";
import { requireView, WebForbidden } from "../access";
import type { ViewCtx } from "../context";
import { esc, table } from "../html";
import type { PageOut } from "./types";

/** The unit asked for (`?id=`), or the officer's own. */
async function unitOf(ctx: ViewCtx): Promise<Unit> {
  const id = ctx.query.get("id") ?? ownUnitOf(ctx.actor) ?? ctx.actor.cadre?.unitId;
  const unit = id ? await ctx.deps.store.units.get(id) : undefined;
  if (!unit) throw new WebForbidden();
  requireView(ctx.actor, { kind: "unit", unitId: unit.id });
  return unit;
}

/** `/app/unit?id=…`. */
export async function unitView(ctx: ViewCtx): Promise<PageOut> {
  const unit = await unitOf(ctx);
  const { deps, t } = ctx;
  const cadres = oneSecretaryEach(await deps.store.cadres.find({ unitId: unit.id }));
  const approved = cadres.filter((c) => c.status === "approved").sort(rosterOrder);
  const pending = cadres.filter((c) => c.status === "pending");
  const body = [
    `<p class="hint">${esc(t("web:unit.intro", { count: approved.length }))}</p>`,
    await rosterTable(ctx, approved),
    `<p><a class="button" href="/app/download/unit.xlsx?id=${esc(unit.id)}" download>${esc(t("web:download"))}</a></p>`,
    pendingSection(ctx, pending),
    await classesSection(ctx, unit, approved),
    await reportsSection(ctx, unit),
  ].join("\n");
  return { title: t("web:unit.title", { unit: unit.name }), nav: ctx.nav("/app/unit"), body };
}

/** What a cadre still lacks against the plan: fostering in the window (T1), the title class (T2), the theory standard. */
function lacks(ctx: ViewCtx, c: Cadre, index: ReturnType<typeof certificateIndex>): string[] {
  const plan = ctx.deps.plan;
  const out: string[] = [];
  if (!index.fostered.has(c.id)) out.push(ctx.t("web:unit.lacksFostering"));
  if (isNewlyElectedSecretary(c, plan, today(ctx.deps)) && !index.trained.has(c.id)) out.push(ctx.t("web:unit.lacksTitle"));
  if (!meetsTheory(c.theoryLevel, plan.theoryStandard)) out.push(ctx.t("web:unit.lacksTheory"));
  return out;
}

async function rosterTable(ctx: ViewCtx, approved: readonly Cadre[]): Promise<string> {
  const { t, deps } = ctx;
  const ids = new Set(approved.map((c) => c.id));
  const certificates = (await deps.store.certificates.all()).filter((c) => ids.has(c.personId));
  const index = certificateIndex(certificates, progressWindow(deps.plan.period), deps.plan);
  return table(
    t("web:unit.roster"),
    [
      { head: t("web:unit.name"), cell: (c: Cadre) => esc(c.fullName) },
      { head: t("web:unit.post"), cell: (c) => esc(label(t, "position", c.position)) },
      { head: t("web:unit.theory"), cell: (c) => esc(label(t, "theoryLevel", c.theoryLevel)) },
      { head: t("web:unit.fostered"), cell: (c) => esc(index.fostered.has(c.id) ? t("web:yes") : t("web:no")) },
      { head: t("web:unit.lacks"), cell: (c) => esc(lacks(ctx, c, index).join("; ") || t("web:unit.nothingLacking")), wide: true },
    ],
    approved,
    t("web:unit.noCadres"),
  );
}

/** Registrations waiting, each with Approve and a Reject that takes a reason (the chat's /duyet and /tuchoi). */
function pendingSection(ctx: ViewCtx, pending: readonly Cadre[]): string {
  const { t } = ctx;
  const rows = pending.map(
    (c) => `<li><b>${esc(c.fullName)}</b> — ${esc(label(t, "position", c.position))}
<div class="actions"><form method="post" action="/app/approve"><input type="hidden" name="id" value="${esc(c.id)}"><button type="submit">${esc(t("web:unit.approve"))}</button></form>
<form method="post" action="/app/reject" class="actions"><input type="hidden" name="id" value="${esc(c.id)}"><label><span class="sr">${esc(t("web:unit.reason"))}</span><input type="text" name="reason" maxlength="300" placeholder="${esc(t("web:unit.reasonHint"))}"></label><button type="submit" class="secondary">${esc(t("web:unit.reject"))}</button></form></div></li>`,
  );
  return `<h2>${esc(t("web:unit.pending", { count: pending.length }))}</h2>${rows.length ? `<ul class="pending">${rows.join("\n")}</ul>` : `<p class="empty">${esc(t("web:unit.noPending"))}</p>`}`;
}

/** The unit's seats in each open class, whom it sends, and a checklist of the eligible cadres not yet sent. */
async function classesSection(ctx: ViewCtx, unit: Unit, approved: readonly Cadre[]): Promise<string> {
  const { t, deps } = ctx;
  const day = today(deps);
  const now = deps.now().toISOString();
  const open = (await deps.store.courses.find({ status: "open" })).filter((c) => c.sessions.some((s) => s.date >= day));
  const names = new Map(approved.map((c) => [c.id, c.fullName]));
  const parts = await Promise.all(
    open.map(async (course) => {
      const all = await deps.store.enrollments.find({ courseId: course.id });
      return classBlock(ctx, unit, course, all, approved, names, course.deadline >= now);
    }),
  );
  return `<h2>${esc(t("web:unit.classes"))}</h2>${parts.length ? parts.join("\n") : `<p class="empty">${esc(t("web:unit.noClasses"))}</p>`}`;
}

function classBlock(
  ctx: ViewCtx,
  unit: Unit,
  course: Course,
  all: readonly Enrollment[],
  approved: readonly Cadre[],
  names: ReadonlyMap<string, string>,
  registering: boolean,
): string {
  const { t, deps } = ctx;
  const ours = all.filter((e) => e.unitId === unit.id && e.status !== "withdrawn");
  const taken = new Set(all.filter((e) => e.status !== "withdrawn").map((e) => e.personId));
  const left = seatsLeftFor(course, seatsTaken(all), unit.id);
  const sent = ours.map(
    (e) => `${names.get(e.personId) ?? e.personId}${e.status === "waitlisted" ? ` (${t("web:unit.waitlisted")})` : ""}`,
  );
  const head = t("web:unit.seats", {
    code: classCode(course),
    title: course.title,
    quota: course.quotas[unit.id] ?? 0,
    used: ours.filter((e) => e.status === "enrolled").length,
    left,
  });
  const candidates = approved.filter((c) => !taken.has(c.id) && isEligible(deps.plan, course.kind, c));
  const checklist =
    registering && candidates.length && left > 0
      ? `<form method="post" action="/app/send"><input type="hidden" name="course" value="${esc(classCode(course))}"><fieldset><legend>${esc(t("web:unit.sendLegend", { left }))}</legend>${candidates
          .map((c) => `<label><input type="checkbox" name="cadre" value="${esc(c.id)}"> ${esc(c.fullName)}</label>`)
          .join("")}</fieldset><button type="submit">${esc(t("web:unit.send"))}</button></form>`
      : "";
  return `<section><h3>${esc(head)}</h3><p>${esc(sent.length ? t("web:unit.sent", { names: sent.join(", ") }) : t("web:unit.noneSent"))}</p>${checklist}</section>`;
}

async function reportsSection(ctx: ViewCtx, unit: Unit): Promise<string> {
  const { t, deps } = ctx;
  const reports = (await deps.store.reports.find({ unitId: unit.id })).sort((a, b) => b.period.localeCompare(a.period));
  return `<h2>${esc(t("web:unit.reports"))}</h2>${table(
    t("web:unit.reports"),
    [
      { head: t("web:unit.period"), cell: (r: (typeof reports)[number]) => esc(periodLabel(t, r.period)) },
      { head: t("web:unit.filed"), cell: (r) => esc(formatDateTime(r.submittedAt, deps.config.timeZone)) },
      { head: t("web:unit.onTime"), cell: (r) => esc(r.late ? t("web:reportState.late") : t("web:reportState.onTime")) },
      { head: t("web:unit.facts"), cell: (r) => esc(t("web:unit.factsText", r.facts)) },
    ],
    reports,
    t("web:unit.noReports"),
  )}<p class="hint">${esc(t("web:unit.fileInChat", { date: dmy(today(deps)) }))}</p>`;
}
