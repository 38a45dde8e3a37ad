/**
 * The list for the next title-based class (R4, section IV), derived from the records each time
 * (`waitingForTitleClass`): how a person on it reads, the title class still open for enrolment, and
 * telling those on the list — and their units' officers, who send them (V.2) — that one is open.
 */
import { today, type Deps } from "../../app/deps";
import { unitOfficers } from "../../app/secretary";
import { DomainError } from "../../app/errors";
import { demand } from "../../app/authorize";
import type { Reply } from "../../app/messages";
import type { Ctx } from "../../chat/feature";
import { classCode, type Course } from "../../domain/courses";
import { isTitleKind, waitingForTitleClass } from "../../domain/nomination";
import { noticeKey } from "../../domain/outbox";
import type { Cadre } from "../../domain/records";
import { openUnits } from "../../domain/units";
import type { T } from "../../i18n";
import { deadlineText, getCourse, isUpcoming, pickClass } from "./common";

/** One person on the list: name, post, and the post they are planned for. */
export function waitingLine(t: T, c: Cadre): string {
  const post = t(`classes:positions.${c.position}`);
  return c.plannedFor
    ? t("classes:eligibility.waitingPlanned", { name: c.fullName, position: post, planned: t(`classes:positions.${c.plannedFor}`) })
    : t("classes:eligibility.waitingLine", { name: c.fullName, position: post });
}

/** True while a class is a title-based class people may still enrol in. */
function openTitleClass(deps: Pick<Deps, "plan" | "now" | "config">, c: Course): boolean {
  return isTitleKind(deps.plan, c.kind) && isUpcoming(c, today(deps)) && Date.parse(c.deadline) > deps.now().getTime();
}

/** The title-based class open for enrolment with the soonest deadline, with its code. */
export async function upcomingTitleClass(deps: Deps): Promise<{ course: Course; code: string } | undefined> {
  const course = (await deps.store.courses.all())
    .filter((c) => openTitleClass(deps, c))
    .sort((a, b) => a.deadline.localeCompare(b.deadline))[0];
  return course && { course, code: classCode(course) };
}

/** Everyone on the list in the bloc's open units. */
export async function titleClassList(deps: Deps): Promise<Cadre[]> {
  const open = new Set(openUnits(await deps.store.units.all()).map((u) => u.id));
  const cadres = (await deps.store.cadres.find({ status: "approved" })).filter((c) => open.has(c.unitId));
  return waitingForTitleClass(deps.plan, cadres, await deps.store.certificates.all());
}

/** What the answer to a new title-based class adds: how many wait for it, and a button to tell them. */
export async function offerToTell(ctx: Ctx, course: Course): Promise<Reply | undefined> {
  if (!isTitleKind(ctx.deps.plan, course.kind)) return undefined;
  const waiting = await titleClassList(ctx.deps);
  if (!waiting.length) return undefined;
  return {
    text: ctx.t("classes:eligibility.offer", { count: waiting.length }),
    buttons: [[{ label: ctx.t("classes:eligibility.invite", { count: waiting.length }), data: `/dudieukien moi ${classCode(course)}` }]],
  };
}

/**
 * `/dudieukien moi <lớp>` (admins): tells each person on the list that the title-based class is open
 * (they ask their unit with /ghidanh), and each of their units' officers who of theirs is on it (they
 * send them with /cudi) — one notice each per class, queued in one transaction.
 */
export async function inviteToTitleClass(ctx: Ctx, classWord: string | undefined): Promise<Reply> {
  const { deps, t } = ctx;
  demand(ctx.actor, "newclass");
  if (!classWord || /^(trang|page)$/i.test(classWord)) return pickClass(ctx, "dudieukien moi", (c) => openTitleClass(deps, c));
  const course = await getCourse(deps.store, classWord);
  const code = classCode(course);
  if (!openTitleClass(deps, course)) throw new DomainError("classes:eligibility.notTitleClass", { code });
  const waiting = await titleClassList(deps);
  if (!waiting.length) return { text: t("classes:eligibility.nobodyWaiting") };
  const byUnit = new Map<string, Cadre[]>();
  for (const c of waiting) byUnit.set(c.unitId, [...(byUnit.get(c.unitId) ?? []), c]);
  const vars = { code, title: course.title, deadline: deadlineText(course, deps.config.timeZone, t) };
  // The invitations change nothing else: they are the whole of this transaction, all or none.
  await deps.store.transaction(async (tx) => {
    for (const c of waiting)
      await deps.notify.toPerson(
        c.id,
        noticeKey("title-invite", course.id, c.id),
        (tt) => ({
          text: tt("classes:eligibility.invitePerson", {
            ...vars,
            deadline: deadlineText(course, deps.config.timeZone, tt),
            position: tt(`classes:positions.${c.plannedFor ?? c.position}`),
          }),
          buttons: [[{ label: tt("classes:eligibility.ask"), data: `/ghidanh ${code}` }]],
        }),
        tx,
      );
    for (const [unitId, people] of byUnit)
      for (const officer of await unitOfficers(tx, unitId))
        await deps.notify.toPerson(
          officer.id,
          noticeKey("title-invite-unit", course.id, officer.id),
          (tt) => ({
            text: [
              tt("classes:eligibility.inviteOfficer", {
                ...vars,
                deadline: deadlineText(course, deps.config.timeZone, tt),
                count: people.length,
              }),
              ...people.map((p) => waitingLine(tt, p)),
            ].join("\n"),
            buttons: [[{ label: tt("classes:eligibility.send"), data: `/cudi ${code}` }]],
          }),
          tx,
        );
  });
  deps.log.info({ course: course.id, people: waiting.length, by: ctx.actor.person.id }, "title class list told");
  return { text: t("classes:eligibility.told", { count: waiting.length, units: byUnit.size, code }) };
}
