/**
 * Classes left open after their last session ("held means held", III.2): not counted as held until
 * closed with their completers, so the admins are told each week, from the day after the last
 * session, until someone closes the class (`/ketthuc`). One key per class per week.
 */
import { classCode } from "../../domain/courses";
import { isLeftOpen, lastSessionDay } from "../../domain/plans";
import { addDays, DAY_MS, daysBetween, dmy, localParts, zoned } from "../../domain/zoned-time";
import { admins, type Due, type PlanContext } from "./context";

/** Every "class not closed" notice due in the window: week `w` of a class is due 1 + 7·w days after its last session. */
export function unclosedClassNotices(ctx: PlanContext): Due[] {
  const today = localParts(ctx.now, ctx.timeZone).date;
  const out: Due[] = [];
  for (const course of ctx.data.courses) {
    if (!isLeftOpen(course, today)) continue;
    const last = lastSessionDay(course);
    const week = Math.floor(daysBetween(addDays(last, 1), today) / 7);
    const at = zoned(addDays(last, 1 + 7 * week), ctx.plan.reminders.dayTime, ctx.timeZone);
    const staleAt = new Date(at.getTime() + 7 * DAY_MS);
    if (!ctx.due(at, staleAt)) continue;
    const vars = { code: classCode(course), title: course.title, last: dmy(last), year: course.year };
    out.push(
      ctx.make({
        key: `warn:unclosed:${course.id}:w${week}`,
        kind: "warn:unclosed",
        recipient: admins,
        message: { key: "scheduler:unclosed.admins", vars },
        essential: false,
        at,
        staleAt,
      }),
    );
  }
  return out;
}
