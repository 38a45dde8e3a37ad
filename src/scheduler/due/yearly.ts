/** The yearly announcement of the year's classes (plan III.2): to every linked group and the admins. */
import { DAY_MS, dmy, zoned } from "../../domain/zoned-time";
import { admins, type Due, type PlanContext } from "./context";

/** Lines listing the year's classes, or the plan's yearly kinds when none is scheduled yet. */
function classList(ctx: PlanContext, year: number): { vi: string; en: string } {
  const yearly = new Set(ctx.plan.courseKinds.filter((k) => k.yearly).map((k) => k.id));
  const courses = ctx.data.courses.filter((c) => c.year === year && c.status !== "cancelled" && yearly.has(c.kind));
  if (courses.length > 0) {
    const lines = courses.map((c) => `• ${c.title} (${dmy(c.sessions[0]!.date)})`).join("\n");
    return { vi: lines, en: lines };
  }
  const kinds = ctx.plan.courseKinds.filter((k) => k.yearly);
  return { vi: kinds.map((k) => `• ${k.name.vi}`).join("\n"), en: kinds.map((k) => `• ${k.name.en}`).join("\n") };
}

/** Due on the plan's `yearlyAnnouncement` date (MM-DD) at the day time; stale a week later. */
export function yearlyAnnouncements(ctx: PlanContext): Due[] {
  const year = ctx.now.getUTCFullYear();
  const out: Due[] = [];
  for (const y of [year - 1, year]) {
    const at = zoned(`${y}-${ctx.plan.reminders.yearlyAnnouncement}`, ctx.plan.reminders.dayTime, ctx.timeZone);
    const staleAt = new Date(at.getTime() + 7 * DAY_MS);
    if (!ctx.due(at, staleAt)) continue;
    const message = { key: "scheduler:yearly.announcement", vars: { year: y, classes: classList(ctx, y) } };
    for (const recipient of [...ctx.allGroups(), admins]) {
      out.push(ctx.make({ key: `announce:yearly:${y}`, kind: "announce:yearly", recipient, message, essential: true, at, staleAt }));
    }
  }
  return out;
}
