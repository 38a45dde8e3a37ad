/** /phanbo (/quota): see and edit a class's per-unit quotas; /thuhoi (/reclaim): take back unused seats before the deadline. */
import { noticeKey } from "../../domain/outbox";
import { classCode } from "../../domain/courses";
import type { Deps } from "../../app/deps";
import { audit } from "../../app/audit";
import { DomainError } from "../../app/errors";
import type { Answer, Command, Ctx } from "../../chat/feature";
import type { Course, Enrollment } from "../../domain/courses";
import { openPool, reclaim, seatsTaken } from "../../domain/enrolment";
import { deadlineText, getCourse, officersOf, asksPicker, pickClass, words } from "./common";
import { promoteWaitlist, tellPromoted } from "./enrol";
import type { Collections } from "../../store/store";

async function quotaSheet(ctx: Ctx, course: Course): Promise<string> {
  const seats = seatsTaken(await ctx.deps.store.enrollments.find({ courseId: course.id }));
  const units = await ctx.deps.store.units.all();
  const lines = units
    .filter((u) => (course.quotas[u.id] ?? 0) > 0 || seats.byUnit.has(u.id))
    .map((u) =>
      ctx.t("classes:quota.line", { id: u.id, name: u.name, quota: course.quotas[u.id] ?? 0, used: seats.byUnit.get(u.id) ?? 0 }),
    );
  const head = ctx.t("classes:quota.title", { title: course.title, capacity: course.capacity, taken: seats.total, pool: openPool(course) });
  return [head, ...lines, "", ctx.t("classes:quota.hint", { id: classCode(course) })].join("\n");
}

/** Sets one unit's quota; the total may not pass the capacity nor drop below the seats the unit filled. */
export async function setQuota(
  deps: Deps,
  courseId: string,
  unitId: string,
  seats: number,
  actorId: string,
): Promise<{ course: Course; promoted: Enrollment[] }> {
  const at = deps.now().toISOString();
  const result = await deps.store.transaction(async (tx) => {
    const course = await getCourse(tx, courseId);
    if (!(await tx.units.get(unitId))) throw new DomainError("classes:errors.noSuchUnit", { id: unitId });
    const used = seatsTaken(await tx.enrollments.find({ courseId: course.id })).byUnit.get(unitId) ?? 0;
    if (seats < used) throw new DomainError("classes:errors.quotaBelowUsed", { used });
    const quotas = { ...course.quotas, [unitId]: seats };
    const allotted = Object.values(quotas).reduce((a, b) => a + b, 0);
    if (allotted > course.capacity) throw new DomainError("classes:errors.quotasOverCapacity", { allotted, capacity: course.capacity });
    const updated = await tx.courses.put({ ...course, quotas });
    await audit(deps, tx, { actorId, action: "class.quota", subjectId: course.id, details: { unitId, seats } });
    const promoted = await promoteWaitlist(tx, updated, at);
    await tellPromoted(deps, updated, promoted, tx);
    return { course: updated, promoted };
  });
  return result;
}

/** `/phanbo L26-03 [unitId seats]`: seats are "số lượng phân bổ", never "chỉ tiêu" (the plan's targets); `/chitieu` still answers. */
export const quotaCommand: Command = {
  name: "phanbo",
  alias: "quota",
  formerNames: ["chitieu"],
  run: async (ctx): Promise<Answer> => {
    const [courseId, typedUnit, n] = words(ctx.args);
    const unitId = typedUnit?.toLowerCase(); // unit ids are lower case; `U01` is u01
    if (!courseId || asksPicker(ctx.args)) return pickClass(ctx, "phanbo", (c) => c.status === "open");
    if (!unitId) return { text: await quotaSheet(ctx, await getCourse(ctx.deps.store, courseId)) };
    const seats = Number(n);
    if (!/^\d{1,5}$/.test(n ?? "")) return { text: ctx.t("classes:quota.usage") };
    const { course } = await setQuota(ctx.deps, courseId, unitId, seats, ctx.actor.person.id);
    return { text: `${ctx.t("classes:quota.saved", { id: unitId, seats })}\n\n${await quotaSheet(ctx, course)}` };
  },
};

/** R2: before the deadline, cuts units' quotas to the seats they filled and opens the rest to every unit. */
export async function reclaimSeats(deps: Deps, courseId: string, unitIds: string[] | undefined, actorId: string) {
  const at = deps.now();
  const result = await deps.store.transaction(async (tx) => {
    const course = await getCourse(tx, courseId);
    mayReclaim(course, at);
    const seats = seatsTaken(await tx.enrollments.find({ courseId: course.id }));
    const targets = unitIds ?? Object.keys(course.quotas);
    const { quotas, reclaimed } = reclaim(course, seats, targets);
    const updated = await tx.courses.put({ ...course, quotas });
    await audit(deps, tx, {
      actorId,
      action: "class.reclaim",
      subjectId: course.id,
      details: { seats: Object.values(reclaimed).reduce((a, b) => a + b, 0) },
    });
    const promoted = await promoteWaitlist(tx, updated, at.toISOString());
    await tellPromoted(deps, updated, promoted, tx);
    await tellReclaimed(deps, tx, updated, reclaimed, at.toISOString());
    return { course: updated, reclaimed, promoted };
  });
  return result;
}

/** Tells each unit's officers how many of its seats were taken back, in the transaction that reclaims them. */
async function tellReclaimed(deps: Deps, tx: Collections, course: Course, reclaimed: Record<string, number>, at: string): Promise<void> {
  for (const [unitId, n] of Object.entries(reclaimed)) {
    for (const officer of await officersOf(tx, unitId)) {
      await deps.notify.toPerson(
        officer,
        noticeKey("seats-reclaimed", course.id, unitId, at),
        (t) => ({
          text: t("classes:reclaim.told", { title: course.title, seats: n, quota: course.quotas[unitId] ?? 0 }),
          buttons: [[{ label: t("classes:buttons.details"), data: `/lichhoc ${classCode(course)}` }]],
        }),
        tx,
      );
    }
  }
}

/** The check both the question and the reclaim make: the class open and its deadline still ahead. */
function mayReclaim(course: Course, at: Date): void {
  if (course.status !== "open" || at.getTime() > Date.parse(course.deadline))
    throw new DomainError("classes:errors.reclaimTooLate", { title: course.title });
}

/** What `/thuhoi` would take back, asked before it is done: the seats, the units, Thu hồi or Thôi, giữ nguyên. */
async function askToReclaim(ctx: Ctx, courseId: string, unitIds: string[]): Promise<Answer> {
  const course = await getCourse(ctx.deps.store, courseId);
  mayReclaim(course, ctx.deps.now());
  const seats = seatsTaken(await ctx.deps.store.enrollments.find({ courseId: course.id }));
  const { reclaimed } = reclaim(course, seats, unitIds.length ? unitIds : Object.keys(course.quotas));
  const total = Object.values(reclaimed).reduce((a, b) => a + b, 0);
  if (total === 0) return { text: ctx.t("classes:reclaim.nothing", { title: course.title }) };
  const line = ["/thuhoi", classCode(course), ...unitIds].join(" ");
  const { t } = ctx;
  return {
    text: t("classes:reclaim.confirm", {
      title: course.title,
      seats: total,
      units: Object.keys(reclaimed).length,
      deadline: deadlineText(course, ctx.deps.config.timeZone, t),
    }),
    buttons: [
      [
        { label: t("classes:reclaim.yes", { seats: total }), data: `${line} xacnhan` },
        { label: t("common:keep"), data: `${line} giulai` },
      ],
    ],
  };
}

/** `/thuhoi L26-03 [unitId…]` asks first; `… xacnhan` reclaims unused seats of the named units, or of every unit. */
export const reclaimCommand: Command = {
  name: "thuhoi",
  alias: "reclaim",
  run: async (ctx): Promise<Answer> => {
    const [courseId, ...rest] = words(ctx.args);
    if (!courseId || asksPicker(ctx.args)) {
      const now = ctx.deps.now().getTime();
      return pickClass(ctx, "thuhoi", (c) => c.status === "open" && Date.parse(c.deadline) >= now);
    }
    const last = rest.at(-1) ?? "";
    if (/^(giulai|keep)$/i.test(last)) return { text: ctx.t("common:kept") };
    if (!/^(xacnhan|confirm)$/i.test(last)) return askToReclaim(ctx, courseId, rest);
    const unitIds = rest.slice(0, -1);
    const { course, reclaimed, promoted } = await reclaimSeats(
      ctx.deps,
      courseId,
      unitIds.length ? unitIds : undefined,
      ctx.actor.person.id,
    );
    const total = Object.values(reclaimed).reduce((a, b) => a + b, 0);
    if (total === 0) return { text: ctx.t("classes:reclaim.nothing", { title: course.title }) };
    return {
      text: ctx.t("classes:reclaim.done", {
        title: course.title,
        seats: total,
        units: Object.keys(reclaimed).length,
        pool: openPool(course),
        promoted: promoted.length,
        deadline: deadlineText(course, ctx.deps.config.timeZone, ctx.t),
      }),
    };
  },
};
