/** /ketthuc (/complete): an admin completes a class and certificates are issued; /chungchi (/certificates) shows one's own. */
import { noticeKey } from "../../domain/outbox";
import { classCode } from "../../domain/courses";
import type { Deps } from "../../app/deps";
import type { Answer, Command } from "../../chat/feature";
import type { Certificate, Course } from "../../domain/courses";
import { completes } from "../../domain/attendance";
import { meetsTheory, OTHER_KIND } from "../../domain/plan";
import type { TheoryLevel } from "../../domain/records";
import { changeTheory } from "../../domain/theory";
import type { T } from "../../i18n";
import type { Collections } from "../../store/store";
import { audit } from "../../app/audit";
import { wallClock } from "../../domain/zoned-time";
import { sessionSpan } from "../../domain/attendance";
import { ClassClosed, dayText, getCourse, kindName, asksPicker, pickClass, words } from "./common";

/**
 * Completes a class: everyone enrolled whose attendance reaches the plan's threshold gets a
 * certificate (the title certificate when the kind yields it, R4). A political-theory study raises
 * the person's recorded theory level to the level it leads to (audited). Returns the certificates issued.
 */
export async function completeCourse(
  deps: Deps,
  courseId: string,
  actorId: string,
): Promise<{ course: Course; issued: Certificate[]; enrolled: number }> {
  const now = deps.now();
  const issuedOn = wallClock(now, deps.config.timeZone).date;
  const result = await deps.store.transaction(async (tx) => {
    const course = await getCourse(tx, courseId);
    if (course.status !== "open") throw new ClassClosed(course.title);
    const kind = deps.plan.courseKinds.find((k) => k.id === course.kind);
    const enrolled = (await tx.enrollments.find({ courseId: course.id }))
      .filter((e) => e.status === "enrolled")
      .sort((a, b) => a.seq - b.seq);
    const issued: Certificate[] = [];
    for (const e of enrolled.filter((x) => completes(deps.plan, course, x))) {
      issued.push(
        await tx.certificates.put({
          id: `${course.id}:${e.personId}`,
          // A class's code already names its year (L26-03-001); a class from before codes keeps the old form (2026-C-1-001).
          number: `${course.code ?? `${course.year}-${course.id.toUpperCase()}`}-${String(issued.length + 1).padStart(3, "0")}`,
          personId: e.personId,
          courseId: course.id,
          kind: course.kind,
          title: kind?.titleCertificate ?? false,
          issuedOn,
        }),
      );
    }
    if (kind?.theoryLevel) await raiseTheoryLevels(deps, tx, issued, kind.theoryLevel, actorId);
    const done = await tx.courses.put({ ...course, status: "completed", completedAt: now.toISOString() });
    await audit(deps, tx, {
      actorId,
      action: "class.complete",
      subjectId: course.id,
      details: { issued: issued.length, enrolled: enrolled.length },
    });
    await tellCompleted(
      deps,
      tx,
      done,
      issued,
      enrolled.map((e) => e.personId),
    );
    return { course: done, issued, enrolled: enrolled.length };
  });
  return result;
}

/** Tells everyone enrolled that the class is completed, with their certificate's number or without one, in the completing transaction. */
async function tellCompleted(deps: Deps, tx: Collections, course: Course, issued: Certificate[], enrolled: string[]): Promise<void> {
  const certified = new Map(issued.map((c) => [c.personId, c.number]));
  for (const personId of enrolled) {
    const number = certified.get(personId);
    const told = (t: T) => ({
      text: number
        ? t("classes:certificates.told", { title: course.title, number })
        : t("classes:complete.toldNoCertificate", { title: course.title }),
    });
    await deps.notify.toPerson(personId, noticeKey("class-completed", course.id), told, tx);
  }
}

/** Sets the theory level of each certified person to `level` where it was lower, held from the certificate's issue date. */
async function raiseTheoryLevels(deps: Deps, tx: Collections, issued: Certificate[], level: TheoryLevel, actorId: string): Promise<void> {
  for (const c of issued) {
    const cadre = await tx.cadres.get(c.personId);
    if (!cadre || meetsTheory(cadre.theoryLevel, level)) continue;
    await tx.cadres.put(changeTheory(cadre, level, c.issuedOn));
    await audit(deps, tx, { actorId, action: "cadre.edit", subjectId: cadre.id, details: { field: "theoryLevel", by: "certificate" } });
  }
}

/** `/ketthuc L26-03`. */
export const completeCommand: Command = {
  name: "ketthuc",
  alias: "complete",
  run: async (ctx): Promise<Answer> => {
    const [courseId, confirm] = words(ctx.args);
    if (!courseId || asksPicker(ctx.args)) return pickClass(ctx, "ketthuc", (c) => c.status === "open");
    const before = await getCourse(ctx.deps.store, courseId);
    if (before.status !== "open") throw new ClassClosed(before.title);
    const started = before.sessions.some((s) => sessionSpan(s, ctx.deps.config.timeZone).start <= ctx.deps.now());
    if (/^(giulai|keep)$/i.test(confirm ?? "")) return { text: ctx.t("common:kept") };
    if (!started && !/^(xacnhan|confirm)$/i.test(confirm ?? "")) {
      return {
        text: ctx.t("classes:complete.notStarted", { title: before.title }),
        buttons: [
          [
            { label: ctx.t("classes:complete.yes"), data: `/ketthuc ${classCode(before)} xacnhan` },
            { label: ctx.t("classes:buttons.cancelClass"), data: `/huylop ${classCode(before)}` },
          ],
          [{ label: ctx.t("common:keep"), data: `/ketthuc ${classCode(before)} giulai` }],
        ],
      };
    }
    const { course, issued, enrolled } = await completeCourse(ctx.deps, courseId, ctx.actor.person.id);
    const threshold = Math.round(ctx.deps.plan.attendanceThreshold * 100);
    if (issued.length === 0) return { text: ctx.t("classes:complete.doneNone", { title: course.title, count: enrolled, threshold }) };
    return { text: ctx.t("classes:complete.done", { title: course.title, issued: issued.length, enrolled, threshold }) };
  },
};

/** `/chungchi`: the person's certificates. */
export const certificatesCommand: Command = {
  name: "chungchi",
  alias: "certificates",
  run: async (ctx): Promise<Answer> => {
    const mine = await ctx.deps.store.certificates.find({ personId: ctx.actor.person.id });
    if (mine.length === 0) return { text: ctx.t("classes:certificates.none") };
    const lines = await Promise.all(
      [...mine]
        .sort((a, b) => a.issuedOn.localeCompare(b.issuedOn))
        .map(async (c) => {
          const course = c.courseId ? await ctx.deps.store.courses.get(c.courseId) : undefined;
          const title = c.title ? ` — ${ctx.t("classes:certificates.titleCertificate")}` : "";
          const known = ctx.deps.plan.courseKinds.some((k) => k.id === c.kind);
          const kind =
            c.kind === OTHER_KIND
              ? ctx.t("classes:certificates.otherKind")
              : !known && c.theoryLevel
                ? ctx.t(`classes:theory.${c.theoryLevel}`)
                : kindName(ctx.deps.plan, c.kind, ctx.t);
          const origin =
            c.origin === "outside"
              ? ctx.t("classes:certificates.outside", { issuer: c.issuer ?? "" })
              : ctx.t("classes:certificates.inBot");
          return `🎓 ${c.number}: ${course ? `${course.title} (${kind})` : kind}, ${dayText(c.issuedOn)}${title} — ${origin}`;
        }),
    );
    return { text: [ctx.t("classes:certificates.title"), ...lines].join("\n") };
  },
};
