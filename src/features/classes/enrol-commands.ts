/** /ghidanh (/enroll) and /rutten (/withdraw): the chat side of enrolment (the unit's side, /cudi, is in sending.ts). */
import { noticeKey } from "../../domain/outbox";
import { classCode } from "../../domain/courses";
import { excerpt } from "../../domain/text";
import { demand, personResource, seesBloc } from "../../app/authorize";
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
import { deadlineText, getCourse, isUpcoming, asksPicker, pickClass, requireCadre, sessionLine, words } from "./common";
import { enrol, enrollmentId, NotEligible, QuotaFull, withdraw, type EnrolOutcome, type InSameTransaction } from "./enrol";
import { tellOfficersOfRequest } from "./sending";

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
  const status = o.enrollment.status === "enrolled" ? "Enrolled" : o.enrollment.status === "requested" ? "Requested" : "Waitlisted";
  const key = o.already ? `already${status}` : status.charAt(0).toLowerCase() + status.slice(1);
  const first = sessionLine(o.course.sessions[0]!, ctx.deps.config.timeZone);
  return {
    text: t(`classes:${subject ? "nominate" : "enrol"}.${key}`, { ...vars, first }),
    buttons: [
      [{ label: t("classes:buttons.details"), data: `/lichhoc ${classCode(o.course)}` }],
      ...(subject ? [] : [[{ label: t("classes:buttons.withdraw"), data: `/rutten ${classCode(o.course)}` }]]),
    ],
  };
}

/** Open classes a cadre could join, and those left out because their unit's allotted seats are used up (R2). */
async function openClassesFor(
  ctx: Ctx,
  cadre: Cadre,
): Promise<{ open: Course[]; joined: Set<string>; offered: Course[]; noSeats: Course[] }> {
  const now = ctx.deps.now();
  const day = today(ctx.deps);
  const joined = new Set(
    (await ctx.deps.store.enrollments.find({ personId: cadre.id })).filter((e) => e.status !== "withdrawn").map((e) => e.courseId),
  );
  const open = (await ctx.deps.store.courses.all()).filter((c) => isUpcoming(c, day) && Date.parse(c.deadline) >= now.getTime());
  const offered: Course[] = [];
  const noSeats: Course[] = [];
  for (const c of open.filter((c) => isEligible(ctx.deps.plan, c.kind, cadre) && !joined.has(c.id))) {
    const seats = seatsTaken(await ctx.deps.store.enrollments.find({ courseId: c.id }));
    const full = seats.total >= c.capacity;
    (full || seatsLeftFor(c, seats, cadre.unitId) > 0 ? offered : noSeats).push(c);
  }
  return { open, joined, offered, noSeats };
}

async function openForMe(ctx: Ctx): Promise<Reply> {
  if (seesBloc(ctx.actor) && !ctx.actor.cadre) {
    const picker = await pickClass(
      ctx,
      "cudi",
      (c) => isUpcoming(c, today(ctx.deps)) && Date.parse(c.deadline) >= ctx.deps.now().getTime(),
    );
    return { ...picker, text: [ctx.t("classes:sending.adminEnrol"), picker.text].join("\n") };
  }
  const cadre = requireCadre(ctx.actor);
  const { open, joined, offered, noSeats } = await openClassesFor(ctx, cadre);
  const missing = noSeats.length
    ? ctx.t("classes:enrol.noSeatsLeft", { classes: noSeats.map((c) => `${classCode(c)} “${excerpt(c.title, 40, true)}”`).join(", ") })
    : "";
  if (offered.length === 0) {
    if (noSeats.length) return { text: missing };
    return noneOpenFor(ctx, cadre, open, joined);
  }
  const tz = ctx.deps.config.timeZone;
  return {
    text: [ctx.t("classes:enrol.choose"), missing].filter(Boolean).join("\n"),
    buttons: offered.slice(0, 20).map((c) => [
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
      // A request (V.2) is told to the unit's officers in the transaction that stores it.
      let officers = 0;
      const outcome = await enrol(ctx.deps, { courseId, cadre }, async (tx, o) => {
        if (!o.already && o.enrollment.status === "requested")
          officers = await tellOfficersOfRequest(ctx.deps, tx, o.course, cadre, o.enrollment.at);
      });
      const reply = outcomeReply(ctx, outcome);
      if (outcome.already || outcome.enrollment.status !== "requested") return reply;
      return officers ? reply : { ...reply, text: `${reply.text}\n${ctx.t("classes:sending.noOfficers")}` };
    } catch (e) {
      return explain(ctx, e);
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
    if (!courseId || asksPicker(ctx.args)) {
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
    // A cadre withdrawn by an officer is told in the transaction that frees the seat.
    const key = noticeKey("withdrawn", id, ctx.deps.now().toISOString());
    const tell: InSameTransaction<Course> = (tx, course) =>
      ctx.deps.notify.toPerson(personId, key, (t) => ({ text: t("classes:withdraw.told", { title: course.title }) }), tx);
    const { course, promoted } = await withdraw(ctx.deps, { courseId: id, personId }, cadre ? tell : undefined);
    let text: string;
    if (cadre) {
      text = ctx.t("classes:withdraw.doneFor", { name: cadre.fullName, title: course.title });
    } else
      text = ctx.t(before?.status === "waitlisted" ? "classes:withdraw.leftWaitlist" : "classes:withdraw.done", { title: course.title });
    return { text: [text, promoted.length ? ctx.t("classes:withdraw.promoted") : ""].filter(Boolean).join("\n") };
  },
};
