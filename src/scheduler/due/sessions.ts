/** Session reminders to the enrolled: the day before, and shortly before (minutes from the plan). */
import { dmy, zoned } from "../../domain/zoned-time";
import { person, type Due, type PlanContext } from "./context";

/** Due `m` minutes before each session of an open class; stale when the session starts. */
export function sessionReminders(ctx: PlanContext): Due[] {
  const out: Due[] = [];
  for (const course of ctx.data.courses) {
    if (course.status !== "open") continue;
    for (const session of course.sessions) {
      const staleAt = zoned(session.date, session.start, ctx.timeZone);
      if (staleAt.getTime() <= ctx.now.getTime()) continue;
      for (const m of ctx.plan.reminders.sessionReminderMinutes) {
        const at = new Date(staleAt.getTime() - m * 60_000);
        if (!ctx.due(at, staleAt)) continue;
        const key = `reminder:session:${course.id}:${session.id}:m${m}`;
        const message = {
          key: m >= 12 * 60 ? "scheduler:session.dayBefore" : "scheduler:session.soon",
          vars: { title: course.title, date: dmy(session.date), start: session.start, end: session.end, place: session.place },
        };
        for (const p of ctx.enrolledIn(course.id)) {
          out.push(ctx.make({ key, kind: "reminder:session", recipient: person(p), message, essential: true, at, staleAt }));
        }
      }
    }
  }
  return out;
}
