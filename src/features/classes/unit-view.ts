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
        t("classes:unitView.quota", {
          quota: course.quotas[unit.id] ?? 0,
          used: enrolled.length,
          left: seatsLeftFor(course, seats, unit.id),
          deadline: deadlineText(course, tz, t),
        }),
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
