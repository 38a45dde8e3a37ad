/**
 * Units send their cadres (plan V.2): `/cudi` (/nominate) — an officer (or an admin, choosing the
 * unit) sends cadres of the unit's roster to a class within its allotted seats, several at once
 * from a numbered checklist that works without buttons, or answers one cadre's request (send or
 * decline); a cadre's own request is told to the unit's officers.
 */
import { z } from "zod";
import { today, type Deps } from "../../app/deps";
import { DomainError } from "../../app/errors";
import type { Reply } from "../../app/messages";
import { demand, ownUnitOf, unitResource } from "../../app/authorize";
import { noticeKey } from "../../domain/outbox";
import type { Answer, Command, Ctx } from "../../chat/feature";
import type { Wizard } from "../../chat/wizard";
import { rosterOrder } from "../../domain/cadres";
import { classCode, type Course } from "../../domain/courses";
import { isEligible, seatsLeftFor, seatsTaken } from "../../domain/enrolment";
import type { Cadre } from "../../domain/records";
import type { T } from "../../i18n";
import type { Collections } from "../../store/store";
import { getCourse, isUpcoming, officersOf, asksPicker, pickClass, words } from "./common";
import { pageArg, pickerPage } from "../../chat/pages";
import { decline, enrol, type EnrolOutcome, QuotaFull } from "./enrol";
import { committeeLine } from "./party-committee";

/** The word that declines a cadre's request: `/cudi L26-03 p-34 khongcu`. */
const DECLINE = /^(khongcu|decline)$/i;

/** Seats the unit can still fill in the class, and its allotment (read from `c`: the store, or a transaction). */
async function unitSeats(c: Pick<Collections, "enrollments">, course: Course, unitId: string): Promise<{ left: number; quota: number }> {
  const seats = seatsTaken(await c.enrollments.find({ courseId: course.id }));
  return { left: seatsLeftFor(course, seats, unitId), quota: course.quotas[unitId] ?? 0 };
}

/**
 * Tells the unit's officers (or, when it has none, nobody but the cadre) that a cadre asks to be
 * sent, in the transaction that stores the request. Resolves how many officers were told.
 */
export async function tellOfficersOfRequest(deps: Deps, tx: Collections, course: Course, cadre: Cadre, at: string): Promise<number> {
  const officers = await officersOf(tx, cadre.unitId);
  const { left, quota } = await unitSeats(tx, course, cadre.unitId);
  // One notice per request (a request made again after a refusal is a new one).
  const key = noticeKey("send-request", course.id, cadre.id, at);
  for (const id of officers) {
    await deps.notify.toPerson(
      id,
      key,
      (t) => ({
        text: t("classes:sending.request", {
          name: cadre.fullName,
          position: t(`classes:positions.${cadre.position}`),
          code: classCode(course),
          title: course.title,
          left,
          quota,
        }),
        buttons: [
          [
            { label: t("classes:sending.send"), data: `/cudi ${classCode(course)} ${cadre.id}` },
            { label: t("classes:sending.decline"), data: `/cudi ${classCode(course)} ${cadre.id} khongcu` },
          ],
        ],
      }),
      tx,
    );
  }
  return officers.length;
}

/** Cadres of the unit the class admits and who hold no seat yet; those who asked first. */
async function candidates(deps: Deps, course: Course, unitId: string): Promise<{ cadre: Cadre; asked: boolean }[]> {
  const mine = await deps.store.enrollments.find({ courseId: course.id, unitId });
  const status = new Map(mine.map((e) => [e.personId, e.status]));
  return (await deps.store.cadres.find({ unitId, status: "approved" }))
    .filter((c) => isEligible(deps.plan, course.kind, c) && ["requested", "withdrawn", undefined].includes(status.get(c.id)))
    .map((c) => ({ cadre: c, asked: status.get(c.id) === "requested" }))
    .sort((a, b) => Number(b.asked) - Number(a.asked) || rosterOrder(a.cadre, b.cadre));
}

const Draft = z.object({ course: z.string().min(1), unit: z.string().min(1), people: z.array(z.string()).max(500) });
type Draft = z.infer<typeof Draft>;

/** The unit's checklist: numbered people, chosen by typing their numbers (no buttons: Zalo and the console have none). */
export const sendWizard: Wizard<Draft> = {
  name: "classes.send",
  draft: Draft,
  steps: [
    {
      id: "pick",
      ask: async (ctx, d) => {
        const course = await getCourse(ctx.deps.store, d.course);
        const unit = await ctx.deps.store.units.get(d.unit);
        const { left, quota } = await unitSeats(ctx.deps.store, course, d.unit);
        const people = await Promise.all(d.people.map((id) => ctx.deps.store.cadres.get(id)));
        const requested = new Set(
          (await ctx.deps.store.enrollments.find({ courseId: course.id, unitId: d.unit }))
            .filter((e) => e.status === "requested")
            .map((e) => e.personId),
        );
        const lines = people.map((c, i) =>
          ctx.t(requested.has(c?.id ?? "") ? "classes:sending.lineAsked" : "classes:sending.line", {
            n: i + 1,
            name: c?.fullName ?? "",
            position: c ? ctx.t(`classes:positions.${c.position}`) : "",
          }),
        );
        return {
          text: [
            ctx.t("classes:sending.checklist", { code: classCode(course), title: course.title, unit: unit?.name ?? d.unit, left, quota }),
            committeeLine(ctx.t, course, d.unit),
            "",
            ...lines,
            "",
            ctx.t("classes:sending.howToPick"),
          ].join("\n"),
          // The people are picked by typing their numbers: a request waiting in the chat must not take them.
          takesNumbers: lines.length,
        };
      },
      answer: async (ctx, input, d) => {
        const picked = parsePicks(input, d.people.length);
        if (!picked) return { retry: ctx.t("classes:sending.pickRetry", { max: d.people.length }) };
        const course = await getCourse(ctx.deps.store, d.course);
        const { left } = await unitSeats(ctx.deps.store, course, d.unit);
        const all = seatsTaken(await ctx.deps.store.enrollments.find({ courseId: course.id }));
        if (all.total < course.capacity && picked.length > left) return { retry: ctx.t("classes:sending.tooMany", { left }) };
        return { data: { ...d, people: picked.map((n) => d.people[n - 1]!) } };
      },
    },
  ],
  finish: async (ctx, d) => {
    const lines: string[] = [];
    for (const id of d.people) {
      const cadre = await ctx.deps.store.cadres.get(id);
      if (!cadre) continue;
      lines.push(await sendOne(ctx, d.course, cadre));
    }
    // A person sent from the checklist who had asked to go: their request, still offered in the officers' chats, is answered.
    const code = classCode(await getCourse(ctx.deps.store, d.course));
    return [{ text: lines.join("\n"), settles: d.people.map((id) => `/cudi ${code} ${id}`) }];
  },
};

/** `1, 3 5` → [1, 3, 5] when every number is on the list; undefined otherwise. */
function parsePicks(input: string, max: number): number[] | undefined {
  if (!/^[\d,;\s.]+$/.test(input.trim())) return undefined;
  const numbers = [
    ...new Set(
      input
        .split(/[\s,;.]+/)
        .filter(Boolean)
        .map(Number),
    ),
  ];
  if (numbers.length === 0 || numbers.some((n) => !Number.isInteger(n) || n < 1 || n > max)) return undefined;
  return numbers;
}

/** Tells a cadre they were sent to a class (a seat or a waitlist place), in the transaction that enrols them. */
async function tellNominated(deps: Deps, tx: Collections, cadre: Cadre, outcome: EnrolOutcome): Promise<void> {
  const { course, enrollment, place } = outcome;
  if (outcome.already) return;
  await deps.notify.toPerson(
    cadre.id,
    noticeKey("nominated", course.id, enrollment.at),
    (t) => ({
      text: t(`classes:nominate.told.${enrollment.status}`, { title: course.title, place: place ?? 0 }),
      buttons: [[{ label: t("classes:buttons.details"), data: `/lichhoc ${classCode(course)}` }]],
    }),
    tx,
  );
}

/** Sends one cadre and tells them; the line the officer reads back. */
async function sendOne(ctx: Ctx, courseId: string, cadre: Cadre): Promise<string> {
  let outcome: EnrolOutcome;
  try {
    outcome = await enrol(ctx.deps, { courseId, cadre, nominatedBy: ctx.actor.person.id }, (tx, o) =>
      tellNominated(ctx.deps, tx, cadre, o),
    );
  } catch (e) {
    if (e instanceof DomainError) return ctx.t(e instanceof QuotaFull ? "classes:errors.quotaFullOfficer" : e.key, e.vars);
    throw e;
  }
  const { course, enrollment, place } = outcome;
  const vars = { name: cadre.fullName, title: course.title, place: place ?? 0 };
  if (outcome.already) return ctx.t(`classes:nominate.already${enrollment.status === "enrolled" ? "Enrolled" : "Waitlisted"}`, vars);
  return ctx.t(`classes:nominate.${enrollment.status === "enrolled" ? "enrolled" : "waitlisted"}`, vars);
}

/** Opens the checklist of a unit for a class, or says why there is nothing to choose. */
async function checklist(ctx: Ctx, course: Course, unitId: string): Promise<Answer> {
  demand(ctx.actor, "nominate", unitResource(unitId));
  const { left, quota } = await unitSeats(ctx.deps.store, course, unitId);
  const full = seatsTaken(await ctx.deps.store.enrollments.find({ courseId: course.id })).total >= course.capacity;
  if (!full && left === 0) return { text: ctx.t("classes:errors.quotaFullOfficer", { title: course.title, quota }) };
  const people = await candidates(ctx.deps, course, unitId);
  if (people.length === 0) return { text: ctx.t("classes:nominate.nobody", { title: course.title }) };
  return ctx.startWizard(sendWizard.name, { course: course.id, unit: unitId, people: people.map((p) => p.cadre.id) });
}

/** An admin chooses the unit whose cadres to send: the units with seats in the class, 15 a page with "Xem thêm". */
async function pickUnit(ctx: Ctx, course: Course, page: number): Promise<Reply> {
  const units = (await ctx.deps.store.units.all()).filter((u) => (course.quotas[u.id] ?? 0) > 0 && (!u.status || u.status === "active"));
  if (units.length === 0) return { text: ctx.t("classes:sending.noUnits", { title: course.title }) };
  const code = classCode(course);
  const choices = units.map((u) => ({ label: u.name, data: `/cudi ${code} ${u.id}` }));
  return pickerPage(ctx.t, {
    head: ctx.t("classes:sending.pickUnit", { code, title: course.title }),
    choices,
    page,
    command: `/cudi ${code}`,
  });
}

/** `/cudi L26-03 [u01 | p-34 [khongcu]]`: the unit sends its cadres to a class (V.2). */
export const nominateCommand: Command = {
  name: "cudi",
  alias: "nominate",
  run: async (ctx): Promise<Answer> => {
    const [courseId, target, word] = words(ctx.args);
    if (!courseId || asksPicker(ctx.args)) {
      const now = ctx.deps.now().getTime();
      return pickClass(ctx, "cudi", (c) => isUpcoming(c, today(ctx.deps)) && Date.parse(c.deadline) >= now);
    }
    const course = await getCourse(ctx.deps.store, courseId);
    if (!target || /^(trang|page)$/i.test(target)) {
      const own = ownUnitOf(ctx.actor);
      return own ? checklist(ctx, course, own) : pickUnit(ctx, course, pageArg(ctx.args).page);
    }
    if (await ctx.deps.store.units.get(target)) return checklist(ctx, course, target);
    const cadre = await ctx.deps.store.cadres.get(target);
    if (cadre?.status !== "approved") throw new DomainError("classes:errors.noSuchCadre", { id: target });
    demand(ctx.actor, "nominate", unitResource(cadre.unitId));
    if (word && DECLINE.test(word)) {
      const at = ctx.deps.now().toISOString();
      const told = (t: T) => ({ text: t("classes:sending.declinedTold", { title: course.title }) });
      await decline(ctx.deps, { courseId: course.id, cadre, by: ctx.actor.person.id }, (tx) =>
        ctx.deps.notify.toPerson(cadre.id, noticeKey("send-declined", course.id, at), told, tx),
      );
      return { text: ctx.t("classes:sending.declined", { name: cadre.fullName, title: course.title }) };
    }
    return { text: await sendOne(ctx, course.id, cadre) };
  },
};
