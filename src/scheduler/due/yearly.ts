/** The yearly announcement of the year's classes (plan III.2): to every linked group and the admins. */
import { classCode } from "../../domain/courses";
import { covers, missingYearlyKinds } from "../../domain/plans";
import type { Locale } from "../../domain/records";
import { addDays, addMonths, DAY_MS, dmy, localParts, zoned } from "../../domain/zoned-time";
import { planName, translator } from "../../i18n";
import { admins, type Due, type PlanContext } from "./context";

/** Lines listing the year's classes, then the yearly kinds still to come (all of them when none is scheduled yet). */
function classList(ctx: PlanContext, year: number, day: string): { vi: string; en: string } {
  const yearly = new Set(ctx.plan.courseKinds.filter((k) => k.yearly).map((k) => k.id));
  const courses = ctx.data.courses.filter((c) => c.year === year && c.status !== "cancelled" && yearly.has(c.kind));
  const missing = missingYearlyKinds(ctx.plan, ctx.data.courses, year, day, ctx.timeZone);
  const held = courses.map((c) => `• ${classCode(c)} · ${c.title} (${dmy(c.sessions[0]!.date)})`).join("\n");
  const text = (l: Locale) => {
    const toCome = missing.map((k) => `• ${k.name[l]}`).join("\n");
    if (!held) return toCome;
    return missing.length ? `${held}\n${translator(l)("scheduler:yearly.toCome")}\n${toCome}` : held;
  };
  return { vi: text("vi"), en: text("en") };
}

/** Days after each monthly warning date during which that warning may still be planned. */
const WARNING_DAYS = 28;

/**
 * From the plan's `yearlyClassesWarning` date (MM-DD) on, the admins are warned of the yearly kinds
 * with no class held or scheduled, again every month (same day of the month) until there are none
 * or the year ends: each warning is due each morning while kinds are missing, under one key per
 * month (the outbox takes a key once), for `WARNING_DAYS` days — a bot down on the date still warns.
 */
export function yearlyClassWarnings(ctx: PlanContext): Due[] {
  const today = localParts(ctx.now, ctx.timeZone).date;
  const year = Number(today.slice(0, 4));
  const first = `${year}-${ctx.plan.reminders.yearlyClassesWarning}`;
  if (today < first) return [];
  let k = 0;
  while (addMonths(first, k + 1) <= today) k++;
  const from = addMonths(first, k);
  // Re-planned daily only for four weeks, well inside the 30 days the outbox keeps a sent key: once a month.
  if (today > addDays(from, WARNING_DAYS)) return [];
  // Kinds missing from a plan that has ended mean nothing; the weekly digest asks for a new plan.
  if (!covers(ctx.plan, today)) return [];
  const missing = missingYearlyKinds(ctx.plan, ctx.data.courses, year, today, ctx.timeZone);
  if (missing.length === 0) return [];
  const at = zoned(today, ctx.plan.reminders.dayTime, ctx.timeZone);
  const staleAt = new Date(at.getTime() + DAY_MS);
  if (!ctx.due(at, staleAt)) return [];
  const kinds = { vi: missing.map((k) => `• ${k.name.vi}`).join("\n"), en: missing.map((k) => `• ${k.name.en}`).join("\n") };
  const message = { key: "scheduler:yearly.missing", vars: { year, kinds } };
  return [
    ctx.make({
      key: k === 0 ? `warn:yearly-classes:${year}` : `warn:yearly-classes:${year}:m${k}`,
      kind: "warn:yearly-classes",
      recipient: admins,
      message,
      essential: false,
      at,
      staleAt,
    }),
  ];
}

/**
 * Due on the plan's `yearlyAnnouncement` date (MM-DD) at the day time; stale a week later. When no
 * plan covers that date, the groups get nothing (the classes of an ended plan are not the year's)
 * and the admins are asked to start a plan.
 */
export function yearlyAnnouncements(ctx: PlanContext): Due[] {
  const year = ctx.now.getUTCFullYear();
  const out: Due[] = [];
  for (const y of [year - 1, year]) {
    const at = zoned(`${y}-${ctx.plan.reminders.yearlyAnnouncement}`, ctx.plan.reminders.dayTime, ctx.timeZone);
    const staleAt = new Date(at.getTime() + 7 * DAY_MS);
    if (!ctx.due(at, staleAt)) continue;
    const day = `${y}-${ctx.plan.reminders.yearlyAnnouncement}`;
    if (!covers(ctx.plan, day)) {
      const plan = { vi: planName(translator("vi"), ctx.plan), en: planName(translator("en"), ctx.plan) };
      const message = { key: "scheduler:yearly.noPlan", vars: { year: y, plan, to: dmy(ctx.plan.period.to) } };
      out.push(
        ctx.make({ key: `announce:yearly:${y}`, kind: "announce:yearly", recipient: admins, message, essential: true, at, staleAt }),
      );
      continue;
    }
    const message = { key: "scheduler:yearly.announcement", vars: { year: y, classes: classList(ctx, y, day) } };
    for (const recipient of [...ctx.allGroups(), admins]) {
      out.push(ctx.make({ key: `announce:yearly:${y}`, kind: "announce:yearly", recipient, message, essential: true, at, staleAt }));
    }
  }
  return out;
}
