/**
 * Attendance: /modiemdanh (/opencheckin) gives a short code valid during the session's window,
 * /diemdanh CODE (/checkin) records it, /danhdau (/mark) marks by hand, /bangdiemdanh (/attendance) shows the sheet.
 */
import { classCode } from "../../domain/courses";
import { randomInt } from "node:crypto";
import { authorize, classResource, demand } from "../../app/authorize";
import { DomainError } from "../../app/errors";
import { today } from "../../app/deps";
import type { Answer, Command, Ctx } from "../../chat/feature";
import { AttendanceMark, type CheckIn, type Course, type Session } from "../../domain/courses";
import { attendedShare, checkInProblem, checkInWindow, makeCode, markFor } from "../../domain/attendance";
import { formatDateTime } from "../../i18n";
import { getCourse, isUpcoming, asksPicker, pickClass, sessionLine, words } from "./common";
import { enrollmentId } from "./enrol";

/** The session a code names (`s1`, `S1`), or the one whose check-in window is open now. */
function sessionOf(course: Course, id: string | undefined, ctx: Ctx): Session | undefined {
  if (id) return course.sessions.find((s) => s.id === id.toLowerCase());
  const now = ctx.deps.now().getTime();
  return course.sessions.find((s) => {
    const w = checkInWindow(ctx.deps.plan, s, ctx.deps.config.timeZone);
    return w.opensAt.getTime() <= now && now <= w.closesAt.getTime();
  });
}

async function freshCode(ctx: Ctx): Promise<string> {
  const now = ctx.deps.now().getTime();
  for (;;) {
    const code = makeCode(randomInt);
    const clash = (await ctx.deps.store.checkins.find({ code })).some((c) => Date.parse(c.closesAt) >= now);
    if (!clash) return code;
  }
}

/** `/modiemdanh L26-03 [s1]`: admins, or the lecturers assigned to the class. */
export const openCheckInCommand: Command = {
  name: "modiemdanh",
  alias: "opencheckin",
  run: async (ctx): Promise<Answer> => {
    const [courseId, sessionId] = words(ctx.args);
    // A lecturer is offered the classes he teaches, an admin every class still to come.
    const mayOpen = (c: Course) => authorize(ctx.actor, "opencheckin", classResource(c)).allowed;
    if (!courseId || asksPicker(ctx.args)) return pickClass(ctx, "modiemdanh", (c) => isUpcoming(c, today(ctx.deps)) && mayOpen(c));
    const course = await getCourse(ctx.deps.store, courseId);
    demand(ctx.actor, "opencheckin", classResource(course));
    const session = sessionOf(course, sessionId, ctx);
    if (sessionId && !session) throw new DomainError("classes:errors.noSuchSession", { id: sessionId });
    if (!session) return pickSession(ctx, course, "modiemdanh", "classes:checkin.noSessionNow");
    const window = checkInWindow(ctx.deps.plan, session, ctx.deps.config.timeZone);
    const now = ctx.deps.now();
    if (now < window.opensAt || now > window.closesAt) {
      return {
        text: ctx.t("classes:checkin.outsideWindow", {
          session: sessionLine(session, ctx.deps.config.timeZone),
          opens: formatDateTime(window.opensAt, ctx.deps.config.timeZone),
        }),
      };
    }
    const checkIn: CheckIn = {
      id: `${course.id}:${session.id}`,
      courseId: course.id,
      sessionId: session.id,
      code: await freshCode(ctx),
      opensAt: now.toISOString(),
      closesAt: window.closesAt.toISOString(),
      openedBy: ctx.actor.person.id,
    };
    await ctx.deps.store.checkins.put(checkIn);
    return {
      text: ctx.t("classes:checkin.opened", {
        title: course.title,
        session: sessionLine(session, ctx.deps.config.timeZone),
        code: checkIn.code,
        until: formatDateTime(checkIn.closesAt, ctx.deps.config.timeZone),
      }),
    };
  },
};

/** `/diemdanh CODE`: an enrolled cadre checks in to the session whose code it is. */
export const checkInCommand: Command = {
  name: "diemdanh",
  alias: "checkin",
  run: async (ctx): Promise<Answer> => {
    const code = ctx.args.trim().toUpperCase();
    if (!code) return { text: ctx.t("classes:checkin.usage") };
    const now = ctx.deps.now();
    const candidates = /^[A-Z0-9]{4,8}$/.test(code) ? await ctx.deps.store.checkins.find({ code }) : [];
    const checkIn = [...candidates].sort((a, b) => b.closesAt.localeCompare(a.closesAt))[0];
    const enrollment = checkIn && (await ctx.deps.store.enrollments.get(enrollmentId(checkIn.courseId, ctx.actor.person.id)));
    const problem = checkInProblem(checkIn, enrollment, now);
    if (problem) return { text: ctx.t(`classes:checkin.refused.${problem}`) };
    const course = await getCourse(ctx.deps.store, checkIn!.courseId);
    const session = course.sessions.find((s) => s.id === checkIn!.sessionId)!;
    if (enrollment!.attendance[session.id])
      return { text: ctx.t("classes:checkin.already", { session: sessionLine(session, ctx.deps.config.timeZone) }) };
    const mark = markFor(ctx.deps.plan, session, ctx.deps.config.timeZone, now);
    await ctx.deps.store.enrollments.put({ ...enrollment!, attendance: { ...enrollment!.attendance, [session.id]: mark } });
    return {
      text: ctx.t(`classes:checkin.recorded.${mark}`, { title: course.title, session: sessionLine(session, ctx.deps.config.timeZone) }),
    };
  },
};

/**
 * A check-in code typed alone (`7zjhfe`), as the lecturer shows it: taken as `/diemdanh 7ZJHFE`
 * when a check-in holds that code; any other text is left to the next feature.
 */
export async function checkInByCode(ctx: Ctx): Promise<Answer> {
  const code = ctx.msg.text.trim().toUpperCase();
  if (!/^[A-Z0-9]{4,8}$/.test(code) || !authorize(ctx.actor, "checkin").allowed) return undefined;
  if ((await ctx.deps.store.checkins.find({ code })).length === 0) return undefined;
  return checkInCommand.run({ ...ctx, args: code });
}

/** The sessions of a class, as options of `/command CODE s1`. */
function pickSession(ctx: Ctx, course: Course, command: string, question = "classes:picker.chooseSession"): Answer {
  const tz = ctx.deps.config.timeZone;
  return {
    text: ctx.t(question, { title: course.title }),
    buttons: course.sessions.map((s) => [{ label: sessionLine(s, tz), data: `/${command} ${classCode(course)} ${s.id}` }]),
  };
}

async function markChoices(ctx: Ctx, course: Course, session: Session, personId?: string, saved?: string): Promise<Answer> {
  const enrolled = (await ctx.deps.store.enrollments.find({ courseId: course.id })).filter((e) => e.status === "enrolled");
  if (!personId) {
    const cadres = await Promise.all(enrolled.map((e) => ctx.deps.store.cadres.get(e.personId)));
    const question = ctx.t("classes:mark.choosePerson", { session: sessionLine(session, ctx.deps.config.timeZone) });
    return {
      // After a mark, the list again with each person's mark: the next person is one choice away.
      text: saved ? `${saved}\n\n${question}` : question,
      buttons: enrolled.map((e, i) => [
        {
          label:
            `${cadres[i]?.fullName ?? e.personId} ${e.attendance[session.id] ? `(${ctx.t(`classes:marks.${e.attendance[session.id]}`)})` : ""}`.trim(),
          data: `/danhdau ${classCode(course)} ${session.id} ${e.personId}`,
        },
      ]),
    };
  }
  return {
    text: ctx.t("classes:mark.chooseMark"),
    buttons: [
      AttendanceMark.options.map((m) => ({
        label: ctx.t(`classes:marks.${m}`),
        data: `/danhdau ${classCode(course)} ${session.id} ${personId} ${m}`,
      })),
    ],
  };
}

/** `/danhdau L26-03 s1 p-34 present|late|excused|absent`, step by step with buttons. */
export const markCommand: Command = {
  name: "danhdau",
  alias: "mark",
  run: async (ctx): Promise<Answer> => {
    const [courseId, sessionId, personId, mark] = words(ctx.args);
    if (!courseId || asksPicker(ctx.args)) return pickClass(ctx, "danhdau", (c) => c.status === "open");
    const course = await getCourse(ctx.deps.store, courseId);
    if (!sessionId) return pickSession(ctx, course, "danhdau");
    const session = course.sessions.find((s) => s.id === sessionId.toLowerCase());
    if (!session) throw new DomainError("classes:errors.noSuchSession", { id: sessionId });
    if (!mark) return markChoices(ctx, course, session, personId);
    const parsed = AttendanceMark.safeParse(mark);
    if (!parsed.success) return markChoices(ctx, course, session, personId);
    const enrollment = await ctx.deps.store.enrollments.get(enrollmentId(course.id, personId!));
    if (!enrollment || enrollment.status !== "enrolled") throw new DomainError("classes:errors.personNotEnrolled", { id: personId });
    await ctx.deps.store.enrollments.put({ ...enrollment, attendance: { ...enrollment.attendance, [session.id]: parsed.data } });
    const name = (await ctx.deps.store.cadres.get(enrollment.personId))?.fullName ?? enrollment.personId;
    return markChoices(ctx, course, session, undefined, ctx.t("classes:mark.saved", { mark: ctx.t(`classes:marks.${parsed.data}`), name }));
  },
};

/** `/bangdiemdanh L26-03`: each enrolled person's marks per session and share attended. */
export const attendanceCommand: Command = {
  name: "bangdiemdanh",
  alias: "attendance",
  run: async (ctx): Promise<Answer> => {
    const [courseId] = words(ctx.args);
    if (!courseId || asksPicker(ctx.args)) return pickClass(ctx, "bangdiemdanh", (c) => c.status !== "cancelled", { newestFirst: true });
    const course = await getCourse(ctx.deps.store, courseId);
    const enrolled = (await ctx.deps.store.enrollments.find({ courseId: course.id })).filter((e) => e.status === "enrolled");
    const symbols: Record<string, string> = { present: "✓", late: "L", excused: "P", absent: "✗" };
    const rows = await Promise.all(
      enrolled.map(async (e, i) => {
        const name = (await ctx.deps.store.cadres.get(e.personId))?.fullName ?? e.personId;
        const marks = course.sessions.map((s) => symbols[e.attendance[s.id] ?? ""] ?? "·").join(" ");
        return `${i + 1}. ${name} (${e.unitId}): ${marks} — ${Math.round(attendedShare(course, e) * 100)}%`;
      }),
    );
    const head = ctx.t("classes:sheet.title", {
      title: course.title,
      count: course.sessions.length,
      threshold: Math.round(ctx.deps.plan.attendanceThreshold * 100),
    });
    return {
      text: [head, ctx.t("classes:sheet.legend"), ...(rows.length ? rows : [ctx.t("classes:sheet.empty")])].join("\n"),
    };
  },
};
