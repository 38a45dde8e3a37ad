/**
 * /lichhoc (/schedule): upcoming classes with the person's standing in each, a detail view with
 * buttons, the unit's view in a linked group, and calendar files (.ics) per class or per person.
 */
import { committeeLine } from "./party-committee";
import { authorize, ownUnitOf, seesBloc } from "../../app/authorize";
import { classCode } from "../../domain/courses";
import { today } from "../../app/deps";
import { excerpt } from "../../domain/text";
import type { Answer, Command, Ctx } from "../../chat/feature";
import type { Button, Reply } from "../../app/messages";
import type { Course, Enrollment } from "../../domain/courses";
import { isEligible, placement, seatsLeftFor, seatsTaken, waitlistPlace } from "../../domain/enrolment";
import { deadlineText, getCourse, isUpcoming, kindName, sessionLine, unitOfChat, words } from "./common";
import { buildIcs } from "./ics";
import { unitView } from "./unit-view";

/** Classes shown per page of the list. */
export const PAGE = 6;

/** The last answer of `upcoming`: records are frozen and replaced on change, so the same records on the same day give the same list. */
let lastUpcoming: { day: string; from: readonly Course[]; list: Course[] } = { day: "", from: [], list: [] };

/** Upcoming classes, first session first. */
export async function upcoming(ctx: Ctx): Promise<Course[]> {
  const day = today(ctx.deps);
  const all = await ctx.deps.store.courses.find({ status: "open" });
  const memo = lastUpcoming;
  if (memo.day === day && memo.from.length === all.length && all.every((c, i) => memo.from[i] === c)) return memo.list;
  const list = all
    .filter((c) => isUpcoming(c, day))
    .map((c) => ({ c, key: c.sessions[0]!.date + c.sessions[0]!.start }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.c);
  lastUpcoming = { day, from: all, list };
  return list;
}

/** The person's standing in a class: enrolled, waitlisted (with place), may enrol, or not eligible. */
function standing(ctx: Ctx, course: Course, mine: Enrollment | undefined, all: readonly Enrollment[]): string {
  const { t, actor } = ctx;
  if (mine?.status === "enrolled") return t("classes:standing.enrolled");
  if (mine?.status === "waitlisted") return t("classes:standing.waitlisted", { place: waitlistPlace(all, mine.id) });
  if (mine?.status === "requested") return t("classes:standing.requested");
  if (actor.cadre?.status === "pending") return t("classes:standing.pending");
  if (actor.cadre?.status !== "approved") return seesBloc(actor) ? "" : t("classes:standing.register");
  if (!isEligible(ctx.deps.plan, course.kind, actor.cadre)) return t("classes:standing.notEligible");
  if (ctx.deps.now().getTime() > Date.parse(course.deadline)) return t("classes:standing.closed");
  const where = placement(course, seatsTaken(all), actor.cadre.unitId);
  return t(
    where === "enrolled"
      ? "classes:standing.eligible"
      : where === "quotaFull"
        ? "classes:standing.quotaFull"
        : "classes:standing.classFull",
  );
}

/** Heading lines of a class in the list, per class record, language and seats left: the same for everyone. */
const headings = new WeakMap<Course, Map<string, string>>();

function heading(ctx: Ctx, course: Course, left: number): string {
  let byKey = headings.get(course);
  if (!byKey) headings.set(course, (byKey = new Map()));
  const key = `${ctx.actor.locale}|${left}`;
  let text = byKey.get(key);
  if (text === undefined) {
    const tz = ctx.deps.config.timeZone;
    const line = ctx.t("classes:schedule.line", {
      first: sessionLine(course.sessions[0]!, tz),
      count: course.sessions.length,
      deadline: deadlineText(course, tz, ctx.t),
      left,
      capacity: course.capacity,
    });
    byKey.set(key, (text = `📚 ${classCode(course)} · ${course.title} — ${kindName(ctx.deps.plan, course.kind, ctx.t)}\n   ${line}`));
  }
  return text;
}

function summary(ctx: Ctx, course: Course, mine: Enrollment | undefined, all: readonly Enrollment[]): string {
  let taken = 0;
  for (const e of all) if (e.status === "enrolled") taken++;
  const where = standing(ctx, course, mine, all);
  const head = heading(ctx, course, Math.max(0, course.capacity - taken));
  return where ? `${head}\n   ${where}` : head;
}

/**
 * A page of the list as someone without a cadre record sees it (a guest: the same page for all),
 * per language and page: kept while the upcoming classes are the same records, the running plan the
 * same, and their seats left the same numbers — a write to a class, a plan or an enrolment changes one.
 */
const guestPages = new Map<string, { courses: readonly Course[]; plan: object; left: string; reply: Reply }>();

/** True when the page is the same for everyone in the actor's place: no cadre record, not an admin, no enrolment. */
const seesGuestPage = (ctx: Ctx, mine: ReadonlyMap<string, Enrollment>) =>
  !ctx.actor.cadre && ctx.actor.role !== "admin" && mine.size === 0;

async function list(ctx: Ctx, page: number): Promise<Reply> {
  const courses = await upcoming(ctx);
  if (courses.length === 0) return { text: ctx.t("classes:schedule.none") };
  const pages = Math.ceil(courses.length / PAGE);
  const p = Math.min(Math.max(1, page), pages);
  const shown = courses.slice((p - 1) * PAGE, p * PAGE);
  const mine = new Map((await ctx.deps.store.enrollments.find({ personId: ctx.actor.person.id })).map((e) => [e.courseId, e]));
  const enrolments: Enrollment[][] = [];
  for (const c of shown) enrolments.push(await ctx.deps.store.enrollments.find({ courseId: c.id }));
  if (!seesGuestPage(ctx, mine)) return render(ctx, shown, enrolments, mine, p, pages);
  const key = `${ctx.actor.locale}|${p}`;
  const left = enrolments.map((all, i) => shown[i]!.capacity - all.filter((e) => e.status === "enrolled").length).join(",");
  const kept = guestPages.get(key);
  if (kept && kept.courses === courses && kept.plan === ctx.deps.plan && kept.left === left) return kept.reply;
  const reply = render(ctx, shown, enrolments, mine, p, pages);
  guestPages.set(key, { courses, plan: ctx.deps.plan, left, reply });
  return reply;
}

/** The page of the list: a block per class shown, a button per class, the page and calendar buttons. */
function render(
  ctx: Ctx,
  shown: readonly Course[],
  enrolments: readonly Enrollment[][],
  mine: ReadonlyMap<string, Enrollment>,
  p: number,
  pages: number,
): Reply {
  const blocks = shown.map((c, i) => summary(ctx, c, mine.get(c.id), enrolments[i]!));
  const buttons: Button[][] = shown.map((c) => [{ label: excerpt(c.title, 48, true), data: `/lichhoc ${classCode(c)}` }]);
  const nav: Button[] = [];
  if (p < pages) nav.push({ label: ctx.t("classes:buttons.more"), data: `/lichhoc ${p + 1}` });
  if ([...mine.values()].some((e) => e.status === "enrolled"))
    nav.push({ label: ctx.t("classes:buttons.myCalendar"), data: "/lichhoc ics" });
  if (nav.length) buttons.push(nav);
  const head = ctx.t("classes:schedule.title", { page: p, pages });
  return { text: [head, ...blocks, ctx.t("classes:schedule.chooseHint")].join("\n\n"), buttons };
}

function detailButtons(ctx: Ctx, course: Course, mine: Enrollment | undefined): Button[][] {
  const { t } = ctx;
  const rows: Button[][] = [];
  if (mine && mine.status !== "withdrawn") rows.push([{ label: t("classes:buttons.withdraw"), data: `/rutten ${classCode(course)}` }]);
  else if (ctx.actor.cadre?.status === "approved" && course.status === "open" && isEligible(ctx.deps.plan, course.kind, ctx.actor.cadre))
    rows.push([{ label: t("classes:buttons.enrol"), data: `/ghidanh ${classCode(course)}` }]);
  rows.push([{ label: t("classes:buttons.calendar"), data: `/lichhoc ${classCode(course)} ics` }]);
  if (ownUnitOf(ctx.actor)) rows.push([{ label: t("classes:buttons.nominate"), data: `/cudi ${classCode(course)}` }]);
  if (authorize(ctx.actor, "quota").allowed) {
    rows.push([
      { label: t("classes:buttons.quota"), data: `/phanbo ${classCode(course)}` },
      { label: t("classes:buttons.attendance"), data: `/bangdiemdanh ${classCode(course)}` },
    ]);
  }
  return rows;
}

async function detail(ctx: Ctx, course: Course): Promise<Reply> {
  const { t } = ctx;
  const tz = ctx.deps.config.timeZone;
  const all = await ctx.deps.store.enrollments.find({ courseId: course.id });
  const mine = all.find((e) => e.personId === ctx.actor.person.id);
  const unitId = ctx.actor.cadre?.unitId;
  const seats = seatsTaken(all);
  const lines = [
    `📚 ${classCode(course)} · ${course.title}`,
    t("classes:detail.kind", { kind: kindName(ctx.deps.plan, course.kind, t), year: course.year }),
    t("classes:detail.sessions"),
    ...course.sessions.map((s, i) => `  ${i + 1}. ${sessionLine(s, tz)}`),
    course.lecturers.length ? t("classes:detail.lecturers", { names: course.lecturers.join(", ") }) : "",
    t("classes:detail.deadline", { deadline: deadlineText(course, tz, ctx.t) }),
    t("classes:detail.seats", {
      taken: seats.total,
      capacity: course.capacity,
      waiting: all.filter((e) => e.status === "waitlisted").length,
    }),
    unitId
      ? t("classes:detail.unitQuota", {
          quota: course.quotas[unitId] ?? 0,
          used: seats.byUnit.get(unitId) ?? 0,
          left: seatsLeftFor(course, seats, unitId),
        })
      : "",
    unitId ? committeeLine(t, course, unitId) : "",
    standing(ctx, course, mine, all),
  ];
  return { text: lines.filter(Boolean).join("\n"), buttons: detailButtons(ctx, course, mine) };
}

async function calendar(ctx: Ctx, course?: Course): Promise<Reply> {
  const { t, deps } = ctx;
  let courses: Course[];
  if (course) courses = [course];
  else {
    const mine = (await deps.store.enrollments.find({ personId: ctx.actor.person.id })).filter((e) => e.status === "enrolled");
    courses = (await Promise.all(mine.map((e) => deps.store.courses.get(e.courseId)))).filter(
      (c): c is Course => !!c && c.status !== "cancelled",
    );
    if (courses.length === 0) return { text: t("classes:schedule.noSessions") };
  }
  const name = course ? course.title : t("classes:schedule.myCalendarName");
  const content = Buffer.from(buildIcs(courses, { name, now: deps.now(), timeZone: deps.config.timeZone }), "utf8");
  const fileName = course ? `lop-${classCode(course)}.ics` : "lich-hoc-cua-toi.ics";
  return { text: t("classes:schedule.calendarFile"), file: { name: fileName, content, mime: "text/calendar" } };
}

/** `/lichhoc [page | L26-03 [ics] | ics]`. */
export const scheduleCommand: Command = {
  name: "lichhoc",
  alias: "schedule",
  run: async (ctx): Promise<Answer> => {
    const [first, second] = words(ctx.args);
    if (ctx.msg.chatType === "group" && !first) {
      const unit = await unitOfChat(ctx.deps, ctx.msg);
      if (unit) return unitView(ctx, unit, await upcoming(ctx));
    }
    if (!first || /^\d+$/.test(first)) return list(ctx, Number(first ?? 1));
    if (first === "ics") return calendar(ctx);
    const course = await getCourse(ctx.deps.store, first);
    return second === "ics" ? calendar(ctx, course) : detail(ctx, course);
  },
};
