/** /ghidanh (/enroll), /cudi (/nominate) and /rutten (/withdraw): the chat side of enrolment. */
import { noticeKey } from "../../domain/outbox";
import { classCode } from "../../domain/courses";
import { excerpt } from "../../domain/text";
import { demand, personResource, unitResource } from "../../app/authorize";
import { DomainError } from "../../app/errors";
import { today } from "../../app/deps";
import type { Answer, Command, Ctx } from "../../chat/feature";
import type { Reply } from "../../app/messages";
import { isEligible, seatsLeftFor, seatsTaken } from "../../domain/enrolment";
import { audiencesOf } from "../../domain/counting";
import type { Course } from "../../domain/courses";
import type { Audience } from "../../domain/plan";
import type { Cadre } from "../../domain/records";
import type { T } from "../../i18n";
import { deadlineText, getCourse, isUpcoming, pickClass, requireCadre, sessionLine, words } from "./common";
import { enrol, enrollmentId, NotEligible, QuotaFull, withdraw, type EnrolOutcome } from "./enrol";

/** Who the audiences admit, in words: the posts, the cadres planned for posts, the bloc's lecturers. */
export function audienceWho(t: T, audiences: readonly Audience[]): string {
  const positions = [...new Set(audiences.flatMap((a) => a.positions))].map((p) => t(`classes:positions.${p}`));
  const planned = [...new Set(audiences.flatMap((a) => a.plannedFor))].map((p) => t(`classes:positions.${p}`));
  const parts = [...positions];
  if (planned.length) parts.push(t("classes:audience.planned", { posts: planned.join(", ") }));
  if (audiences.some((a) => a.lecturers)) parts.push(t("classes:audience.lecturers"));
  return parts.join(", ");
}

/** Turns a refusal of R1 into a sentence naming the audiences the class is for; an officer nominating past the unit's seats is told whom to ask. */
function explain(ctx: Ctx, e: unknown, nominating = false): Reply {
  if (nominating && e instanceof QuotaFull) return { text: ctx.t("classes:errors.quotaFullOfficer", e.vars) };
  if (e instanceof NotEligible) {
    return { text: ctx.t(e.key, { ...e.vars, audiences: audienceWho(ctx.t, e.audiences) }) };
  }
  throw e;
}

function outcomeReply(ctx: Ctx, o: EnrolOutcome, subject?: string): Reply {
  const { t } = ctx;
  const vars = { title: o.course.title, name: subject ?? "", place: o.place ?? 0 };
  const key = o.already
    ? o.enrollment.status === "enrolled"
      ? "alreadyEnrolled"
      : "alreadyWaitlisted"
    : o.enrollment.status === "enrolled"
      ? "enrolled"
      : "waitlisted";
  const first = sessionLine(o.course.sessions[0]!, ctx.deps.config.timeZone);
  return {
    text: t(`classes:${subject ? "nominate" : "enrol"}.${key}`, { ...vars, first }),
    buttons: [
      [{ label: t("classes:buttons.details"), data: `/lichhoc ${classCode(o.course)}` }],
      ...(subject ? [] : [[{ label: t("classes:buttons.withdraw"), data: `/rutten ${classCode(o.course)}` }]]),
    ],
  };
}

async function openForMe(ctx: Ctx): Promise<Reply> {
  const cadre = requireCadre(ctx.actor);
  const now = ctx.deps.now();
  const day = today(ctx.deps);
  const joined = new Set(
    (await ctx.deps.store.enrollments.find({ personId: ctx.actor.person.id }))
      .filter((e) => e.status !== "withdrawn")
      .map((e) => e.courseId),
  );
  const open = (await ctx.deps.store.courses.all()).filter((c) => isUpcoming(c, day) && Date.parse(c.deadline) >= now.getTime());
  const courses = open.filter((c) => isEligible(ctx.deps.plan, c.kind, cadre) && !joined.has(c.id));
  if (courses.length === 0) return noneOpenFor(ctx, cadre, open, joined);
  const tz = ctx.deps.config.timeZone;
  return {
    text: ctx.t("classes:enrol.choose"),
    buttons: courses.slice(0, 20).map((c) => [
      {
        label: ctx.t("classes:enrol.option", {
          title: `${classCode(c)} · ${excerpt(c.title, 40, true)}`,
          deadline: deadlineText(c, tz, ctx.t),
        }),
        data: `/ghidanh ${classCode(c)}`,
      },
    ]),
  };
}

/** Why no class is open to this cadre, and what is open to whom. */
function noneOpenFor(ctx: Ctx, cadre: Cadre, open: readonly Course[], joined: ReadonlySet<string>): Reply {
  const { t } = ctx;
  if (open.length === 0) return { text: t("classes:enrol.noneUpcoming") };
  const others = open.filter((c) => !joined.has(c.id));
  if (others.length === 0)
    return { text: t("classes:enrol.allJoined"), buttons: [[{ label: t("classes:buttons.schedule"), data: "/lichhoc" }]] };
  const lines = others.slice(0, 10).map((c) => {
    return t("classes:enrol.openTo", { title: c.title, positions: audienceWho(t, audiencesOf(ctx.deps.plan, c.kind)) });
  });
  return {
    text: [
      t("classes:enrol.notYours", { position: t(`classes:positions.${cadre.position}`) }),
      ...lines,
      "",
      t("classes:enrol.whatNext", { position: t(`classes:positions.${cadre.position}`) }),
    ].join("\n"),
  };
}

/** `/ghidanh L26-03`: enrol oneself; without an argument, the classes one may join as buttons. */
export const enrolCommand: Command = {
  name: "ghidanh",
  alias: "enroll",
  run: async (ctx): Promise<Answer> => {
    const [courseId] = words(ctx.args);
    if (!courseId) return openForMe(ctx);
    const cadre = requireCadre(ctx.actor);
    try {
      return outcomeReply(ctx, await enrol(ctx.deps, { courseId, cadre }));
    } catch (e) {
      return explain(ctx, e);
    }
  },
};

async function nominees(ctx: Ctx, courseId: string): Promise<Reply> {
  const course = await getCourse(ctx.deps.store, courseId);
  const unitId = ctx.actor.cadre?.unitId;
  if (!unitId) throw new DomainError("classes:errors.noUnit");
  const taken = new Set(
    (await ctx.deps.store.enrollments.find({ courseId: course.id })).filter((e) => e.status !== "withdrawn").map((e) => e.personId),
  );
  const cadres = (await ctx.deps.store.cadres.find({ unitId, status: "approved" })).filter(
    (c) => !taken.has(c.id) && isEligible(ctx.deps.plan, course.kind, c),
  );
  const all = await ctx.deps.store.enrollments.find({ courseId: course.id });
  const seats = seatsTaken(all);
  if (seats.total < course.capacity && seatsLeftFor(course, seats, unitId) === 0) {
    return { text: ctx.t("classes:errors.quotaFullOfficer", { title: course.title, quota: course.quotas[unitId] ?? 0 }) };
  }
  if (cadres.length === 0) return { text: ctx.t("classes:nominate.nobody", { title: course.title }) };
  return {
    text: ctx.t("classes:nominate.choose", { title: course.title, quota: course.quotas[unitId] ?? 0 }),
    buttons: cadres.slice(0, 30).map((c) => [{ label: c.fullName, data: `/cudi ${classCode(course)} ${c.id}` }]),
  };
}

/** `/cudi L26-03 p-34`: an officer sends a cadre of their unit, within the unit's quota. */
export const nominateCommand: Command = {
  name: "cudi",
  alias: "nominate",
  run: async (ctx): Promise<Answer> => {
    const [courseId, personId] = words(ctx.args);
    if (!courseId) {
      const now = ctx.deps.now().getTime();
      return pickClass(ctx, "cudi", (c) => isUpcoming(c, today(ctx.deps)) && Date.parse(c.deadline) >= now);
    }
    if (!personId) return nominees(ctx, courseId);
    const cadre = await ctx.deps.store.cadres.get(personId);
    if (!cadre || cadre.status !== "approved") throw new DomainError("classes:errors.noSuchCadre", { id: personId });
    demand(ctx.actor, "nominate", unitResource(cadre.unitId));
    try {
      const outcome = await enrol(ctx.deps, { courseId, cadre, nominatedBy: ctx.actor.person.id });
      if (!outcome.already) {
        const key = noticeKey("nominated", outcome.course.id, outcome.enrollment.at);
        await ctx.deps.notify.toPerson(cadre.id, key, (t) => ({
          text: t(`classes:nominate.told.${outcome.enrollment.status}`, { title: outcome.course.title, place: outcome.place ?? 0 }),
          buttons: [[{ label: t("classes:buttons.details"), data: `/lichhoc ${classCode(outcome.course)}` }]],
        }));
      }
      return outcomeReply(ctx, outcome, cadre.fullName);
    } catch (e) {
      return explain(ctx, e, true);
    }
  },
};

/** Confirmation words a command takes as its last argument: go ahead, or keep things as they are. */
const CONFIRM = /^(xacnhan|confirm)$/i;
const KEEP = /^(giulai|keep)$/i;

/** `/rutten L26-03 [p-34] xacnhan`: asks first, then gives up one's seat or waitlist place; an officer may withdraw a cadre of their unit. */
export const withdrawCommand: Command = {
  name: "rutten",
  alias: "withdraw",
  run: async (ctx): Promise<Answer> => {
    const [courseId, ...rest] = words(ctx.args);
    const other = rest.find((w) => !CONFIRM.test(w) && !KEEP.test(w));
    if (!courseId) {
      const mine = (await ctx.deps.store.enrollments.find({ personId: ctx.actor.person.id })).filter((e) => e.status !== "withdrawn");
      const ids = new Set(mine.map((e) => e.courseId));
      return pickClass(ctx, "rutten", (c) => ids.has(c.id) && c.status === "open");
    }
    const cadre = other && other !== ctx.actor.person.id ? await ctx.deps.store.cadres.get(other) : undefined;
    if (other && other !== ctx.actor.person.id) {
      if (!cadre) throw new DomainError("classes:errors.otherUnit");
      demand(ctx.actor, "withdraw", personResource(cadre.id, cadre.unitId));
    }
    const personId = cadre?.id ?? ctx.actor.person.id;
    if (rest.some((w) => KEEP.test(w))) return { text: ctx.t("common:kept") };
    if (!rest.some((w) => CONFIRM.test(w))) {
      const course = await getCourse(ctx.deps.store, courseId);
      const target = [classCode(course), cadre?.id].filter(Boolean).join(" ");
      return {
        text: ctx.t(cadre ? "classes:withdraw.confirmFor" : "classes:withdraw.confirm", {
          title: course.title,
          name: cadre?.fullName ?? "",
        }),
        buttons: [
          [
            { label: ctx.t("classes:buttons.withdraw"), data: `/rutten ${target} xacnhan` },
            { label: ctx.t("common:keep"), data: `/rutten ${target} giulai` },
          ],
        ],
      };
    }
    const { id } = await getCourse(ctx.deps.store, courseId);
    const before = await ctx.deps.store.enrollments.get(enrollmentId(id, personId));
    const { course, promoted } = await withdraw(ctx.deps, { courseId: id, personId });
    let text: string;
    if (cadre) {
      const key = noticeKey("withdrawn", course.id, ctx.deps.now().toISOString());
      await ctx.deps.notify.toPerson(personId, key, (t) => ({ text: t("classes:withdraw.told", { title: course.title }) }));
      text = ctx.t("classes:withdraw.doneFor", { name: cadre.fullName, title: course.title });
    } else
      text = ctx.t(before?.status === "waitlisted" ? "classes:withdraw.leftWaitlist" : "classes:withdraw.done", { title: course.title });
    return { text: [text, promoted.length ? ctx.t("classes:withdraw.promoted") : ""].filter(Boolean).join("\n") };
  },
};
