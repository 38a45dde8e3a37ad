/** The unit's view of the schedule, shown in its linked group: each class, the unit's quota and who goes. */
import type { Ctx } from "../../chat/feature";
import type { Reply } from "../../app/messages";
import { classCode, type Course } from "../../domain/courses";
import type { Unit } from "../../domain/records";
import { seatsLeftFor, seatsTaken, waitlist } from "../../domain/enrolment";
import { deadlineText, sessionLine } from "./common";

async function names(ctx: Ctx, personIds: string[]): Promise<string> {
  const cadres = await Promise.all(personIds.map((id) => ctx.deps.store.cadres.get(id)));
  return cadres.map((c, i) => c?.fullName ?? personIds[i]).join(", ");
}

/** The unit's seats: its quota, used and left; "left" names the unallotted seats it may also fill. */
function quotaLine(ctx: Ctx, course: Course, unit: Unit, left: number, used: number): string {
  const quota = course.quotas[unit.id] ?? 0;
  const open = left - Math.max(0, quota - used);
  const vars = { quota, used, left, open, deadline: deadlineText(course, ctx.deps.config.timeZone, ctx.t) };
  return ctx.t(open > 0 ? "classes:unitView.quotaWithPool" : "classes:unitView.quota", vars);
}

/** One block per upcoming class: quota, seats used and left, the unit's enrolled and waitlisted cadres. */
export async function unitView(ctx: Ctx, unit: Unit, courses: readonly Course[]): Promise<Reply> {
  const { t } = ctx;
  const tz = ctx.deps.config.timeZone;
  if (courses.length === 0) return { text: t("classes:schedule.none") };
  const blocks: string[] = [];
  for (const course of courses.slice(0, 10)) {
    const all = await ctx.deps.store.enrollments.find({ courseId: course.id });
    const seats = seatsTaken(all);
    const ours = all.filter((e) => e.unitId === unit.id);
    const enrolled = ours.filter((e) => e.status === "enrolled").map((e) => e.personId);
    const waiting = waitlist(ours).map((e) => e.personId);
    blocks.push(
      [
        `📚 ${classCode(course)} · ${course.title} — ${sessionLine(course.sessions[0]!, tz)}`,
        quotaLine(ctx, course, unit, seatsLeftFor(course, seats, unit.id), enrolled.length),
        enrolled.length ? t("classes:unitView.enrolled", { names: await names(ctx, enrolled) }) : t("classes:unitView.nobody"),
        waiting.length ? t("classes:unitView.waiting", { names: await names(ctx, waiting) }) : "",
      ]
        .filter(Boolean)
        .join("\n"),
    );
  }
  return {
    text: [t("classes:unitView.title", { unit: unit.name }), ...blocks].join("\n\n"),
    buttons: courses.slice(0, 10).map((c) => [{ label: c.title.slice(0, 60), data: `/lichhoc ${classCode(c)}` }]),
  };
}
