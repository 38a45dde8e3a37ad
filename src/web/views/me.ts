/** One's own record (every member): the record, classes with their sessions and calendar files, certificates, what is still needed. */
import { classCode, type Course } from "../../domain/courses";
import { certificateIndex, isNewlyElectedSecretary, progressWindow } from "../../domain/progress";
import { meetsTheory } from "../../domain/plan";
import { today } from "../../app/deps";
import { cadreRows } from "../../app/cadre-labels";
import { dmy } from "../../app/progress";
import { requireView } from "../access";
import type { ViewCtx } from "../context";
import { esc, table } from "../html";
import type { PageOut } from "./types";

/** `/app/me`. */
export async function meView(ctx: ViewCtx): Promise<PageOut> {
  requireView(ctx.actor, { kind: "self" });
  const { deps, t, actor } = ctx;
  const title = t("web:me.title");
  const nav = ctx.nav("/app/me");
  const cadre = actor.cadre;
  if (!cadre) return { title, nav, body: `<p>${esc(t("web:me.noRecord"))}</p>` };
  const unit = await deps.store.units.get(cadre.unitId);
  const record = cadreRows(t, cadre, unit)
    .map(([l, v]) => `<tr><th scope="row">${esc(l)}</th><td>${esc(v)}</td></tr>`)
    .join("");
  const enrollments = (await deps.store.enrollments.find({ personId: cadre.id })).filter((e) => e.status !== "withdrawn");
  const courses = new Map<string, Course>();
  for (const e of enrollments) {
    const c = await deps.store.courses.get(e.courseId);
    if (c) courses.set(e.id, c);
  }
  const certificates = (await deps.store.certificates.find({ personId: cadre.id })).sort((a, b) => b.issuedOn.localeCompare(a.issuedOn));
  const index = certificateIndex(certificates, progressWindow(deps.plan.period), deps.plan);
  const needs: string[] = [];
  if (!index.fostered.has(cadre.id)) needs.push(t("web:unit.lacksFostering"));
  if (isNewlyElectedSecretary(cadre, deps.plan, today(deps)) && !index.trained.has(cadre.id)) needs.push(t("web:unit.lacksTitle"));
  if (!meetsTheory(cadre.theoryLevel, deps.plan.theoryStandard)) needs.push(t("web:unit.lacksTheory"));
  const kindName = (id: string) => deps.plan.courseKinds.find((k) => k.id === id)?.name[actor.locale] ?? id;
  const body = [
    `<div class="scroll"><table><caption>${esc(t("web:me.record"))}</caption><tbody>${record}</tbody></table></div>`,
    `<h2>${esc(t("web:me.needs"))}</h2>`,
    needs.length ? `<ul>${needs.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>` : `<p>${esc(t("web:unit.nothingLacking"))}</p>`,
    `<h2>${esc(t("web:me.classes"))}</h2>`,
    table(
      t("web:me.classes"),
      [
        {
          head: t("web:me.class"),
          cell: (e: (typeof enrollments)[number]) => esc(`${classCode(courses.get(e.id)!)} · ${courses.get(e.id)!.title}`),
        },
        { head: t("web:me.state"), cell: (e) => esc(t(`web:me.enrolment.${e.status}`)) },
        {
          head: t("web:me.sessions"),
          cell: (e) =>
            courses
              .get(e.id)!
              .sessions.map((s) => esc(`${dmy(s.date)} ${s.start}–${s.end}, ${s.place}`))
              .join("<br>"),
        },
        {
          head: t("web:me.calendar"),
          cell: (e) => `<a href="/app/download/class.ics?code=${esc(classCode(courses.get(e.id)!))}" download>${esc(t("web:me.ics"))}</a>`,
        },
      ],
      enrollments.filter((e) => courses.has(e.id)),
      t("web:me.noClasses"),
    ),
    enrollments.length ? `<p><a href="/app/download/calendar.ics" download>${esc(t("web:me.allIcs"))}</a></p>` : "",
    `<h2>${esc(t("web:me.certificates"))}</h2>`,
    table(
      t("web:me.certificates"),
      [
        {
          head: t("web:me.certificate"),
          cell: (c: (typeof certificates)[number]) => esc(`${kindName(c.kind)}${c.title ? ` (${t("web:me.titleCert")})` : ""}`),
        },
        { head: t("web:me.number"), cell: (c) => esc(c.number) },
        { head: t("web:me.issued"), cell: (c) => esc(dmy(c.issuedOn)) },
      ],
      certificates,
      t("web:me.noCertificates"),
    ),
    `<p class="hint">${esc(t("web:me.editInChat"))}</p>`,
  ].join("\n");
  return { title, nav, body };
}
