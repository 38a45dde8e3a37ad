/**
 * The weekly digest of progress to the admins: counts only. The reports feature owns the real
 * progress measures (T1, T2); this digest computes simple ones of its own from the same records.
 */
import { addDays, DAY_MS, dmy, localParts, zoned } from "../time";
import { admins, type Due, type PlanContext } from "./context";
import { periodOf, previousPeriod } from "../../domain/periods";

/** Simple counts for the digest. */
export function digestCounts(ctx: PlanContext, today: string) {
  const certified = new Set(ctx.data.certificates.map((c) => c.personId));
  const newlySince = new Date(`${today}T00:00:00Z`);
  newlySince.setUTCMonth(newlySince.getUTCMonth() - ctx.plan.newlyElectedMonths);
  const since = newlySince.toISOString().slice(0, 10);
  const newly = ctx.approved.filter((c) => c.position === "secretary" && c.electedOn && c.electedOn >= since);
  const { cadence } = ctx.plan.reporting;
  const last = previousPeriod(periodOf(zoned(today, "12:00", ctx.timeZone), cadence, ctx.timeZone), cadence);
  const reported = ctx.data.units.filter((u) => ctx.reported.has(`${u.id}:${last}`)).length;
  const fostered = ctx.approved.filter((c) => certified.has(c.id)).length;
  return {
    units: ctx.data.units.length,
    cadres: ctx.approved.length,
    pending: ctx.data.cadres.filter((c) => c.status === "pending").length,
    fostered,
    fosteredPct: ctx.approved.length ? Math.round((100 * fostered) / ctx.approved.length) : 0,
    newlyElected: newly.length,
    newlyTrained: newly.filter((c) => ctx.titleHolders.has(c.id)).length,
    period: last,
    reported,
    openClasses: ctx.data.courses.filter((c) => c.status === "open").length,
  };
}

/** Due on the plan's weekday at its time; stale a day later. */
export function weeklyDigest(ctx: PlanContext): Due[] {
  const { weekday, time } = ctx.plan.reminders.weeklyDigest;
  const today = localParts(ctx.now, ctx.timeZone);
  let day = addDays(today.date, -((today.weekday - weekday + 7) % 7));
  let at = zoned(day, time, ctx.timeZone);
  if (at.getTime() > ctx.now.getTime()) at = zoned((day = addDays(day, -7)), time, ctx.timeZone);
  const staleAt = new Date(at.getTime() + DAY_MS);
  if (!ctx.due(at, staleAt)) return [];
  const message = { key: "scheduler:digest.weekly", vars: { date: dmy(day), ...digestCounts(ctx, day) } };
  return [ctx.make({ key: `digest:weekly:${day}`, kind: "digest:weekly", recipient: admins, message, essential: false, at, staleAt })];
}
