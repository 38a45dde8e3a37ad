/**
 * A newly elected Secretary without the title certificate and not enrolled in an upcoming
 * title-based class (R3, target T2): nudged `afterDays` after the election, then every `everyDays`
 * while newly elected — elected within the plan or its lead-in, until trained or the plan's last
 * day; the admins get a copy naming the unit (never the person's name).
 */
import { classCode, type Course } from "../../domain/courses";
import { newlyElectedSpan } from "../../domain/progress";
import { addDays, DAY_MS, daysBetween, localDmy, localParts, zoned } from "../../domain/zoned-time";
import { admins, person, type Due, type PlanContext } from "./context";

/** Open title-based classes still to be held, soonest deadline first. */
function upcomingTitleClasses(ctx: PlanContext, today: string): Course[] {
  const kinds = new Set(ctx.plan.courseKinds.filter((k) => k.titleCertificate).map((k) => k.id));
  return ctx.data.courses
    .filter((c) => c.status === "open" && kinds.has(c.kind) && c.sessions.some((s) => s.date >= today))
    .sort((a, b) => a.deadline.localeCompare(b.deadline));
}

/** Every title nudge due in the window. */
export function secretaryTitleNudges(ctx: PlanContext): Due[] {
  const { afterDays, everyDays } = ctx.plan.reminders.secretaryTitle;
  const today = localParts(ctx.now, ctx.timeZone).date;
  const fromDay = localParts(new Date(Math.max(ctx.from, 0)), ctx.timeZone).date;
  const upcoming = upcomingTitleClasses(ctx, today);
  const taking = new Set(upcoming.flatMap((c) => [...ctx.takersOf(c.id)]));
  const open = upcoming.find((c) => Date.parse(c.deadline) > ctx.now.getTime());
  const vars: Record<string, string> = open
    ? { title: open.title, code: classCode(open), deadline: localDmy(new Date(open.deadline), ctx.timeZone) }
    : {};
  const personKey = open ? "scheduler:title.person" : "scheduler:title.personNoClass";
  const out: Due[] = [];
  const span = newlyElectedSpan(ctx.plan);
  for (const c of ctx.approved) {
    if (c.position !== "secretary" || !c.electedOn || ctx.trainedSecretaries.has(c.id) || taking.has(c.id)) continue;
    if (c.electedOn < span.from || c.electedOn > span.to) continue;
    const newlyUntil = span.to;
    const start = addDays(c.electedOn, afterDays);
    const last = Math.floor(daysBetween(start, today) / everyDays);
    for (let k = Math.max(0, Math.floor(daysBetween(start, fromDay) / everyDays)); k <= last; k++) {
      const day = addDays(start, k * everyDays);
      if (day > newlyUntil) break;
      const at = zoned(day, ctx.plan.reminders.dayTime, ctx.timeZone);
      const staleAt = new Date(at.getTime() + Math.min(everyDays, 7) * DAY_MS);
      if (!ctx.due(at, staleAt)) continue;
      const key = `nudge:title:${c.id}:n${k}`;
      const unit = ctx.unitById.get(c.unitId)?.name ?? c.unitId;
      const adminVars = { ...vars, unit, since: localDmy(zoned(c.electedOn, "12:00", ctx.timeZone), ctx.timeZone) };
      out.push(
        ctx.make({ key, kind: "nudge:title", recipient: person(c.id), message: { key: personKey, vars }, essential: false, at, staleAt }),
        ctx.make({
          key,
          kind: "nudge:title",
          recipient: admins,
          message: { key: "scheduler:title.admins", vars: adminVars },
          essential: false,
          at,
          staleAt,
        }),
      );
    }
  }
  return out;
}
