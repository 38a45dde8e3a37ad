/**
 * The weekly digest of progress to the admins: the numbers /tiendo shows (T1, T2, the theory
 * share and the units furthest behind, from `src/domain/progress.ts`), plus this week's counts
 * (registrations waiting, reports of the last period, classes open). Computed only when due. When
 * no plan covers the week's day, the admins get no numbers but a request to start a plan.
 */
import { periodOf, previousPeriod } from "../../domain/periods";
import { covers, isLeftOpen } from "../../domain/plans";
import { computeProgress, openProgressData, progressWindow, type Progress } from "../../domain/progress";
import type { Locale } from "../../domain/records";
import { locales, periodLabel, planName, ratioText, t2Rule, translator, unitProgressLine } from "../../i18n";
import { addDays, DAY_MS, dmy, localParts, zoned } from "../../domain/zoned-time";
import { admins, type Due, type PlanContext } from "./context";

/** How many of the units furthest behind the digest names. */
export const DIGEST_UNITS_BEHIND = 5;

/** A message variable written once per language. */
function perLocale(text: (locale: Locale) => string): { vi: string; en: string } {
  return Object.fromEntries(locales.map((l) => [l, text(l)])) as { vi: string; en: string };
}

/** The units furthest behind, one `/tiendo` line each; a short note when none is behind. */
function behindLines(progress: Progress, locale: Locale): string {
  const t = translator(locale);
  const behind = progress.units.filter((u) => u.shortfall > 0).slice(0, DIGEST_UNITS_BEHIND);
  if (behind.length === 0) return t("scheduler:digest.noneBehind");
  return behind.map((u, i) => unitProgressLine(t, u, i + 1, locale)).join("\n");
}

/** Classes open, naming those past their last session but never closed (not held: "held means held"). */
function openClassesText(ctx: PlanContext, day: string, locale: Locale): string {
  const open = ctx.data.courses.filter((c) => c.status === "open");
  const left = open.filter((c) => isLeftOpen(c, day)).length;
  return left ? translator(locale)("scheduler:digest.openClasses", { count: open.length, left }) : String(open.length);
}

/** The digest's variables for the week starting on local date `day`. */
export function digestVars(ctx: PlanContext, day: string) {
  const window = progressWindow(ctx.plan.period);
  const { cadres, units } = ctx.data;
  // The same data as /tiendo: a closed unit's cadres leave the figures.
  const progress = computeProgress(openProgressData(ctx.data), { plan: ctx.plan, today: day, window });
  const { cadence } = ctx.plan.reporting;
  const period = previousPeriod(periodOf(zoned(day, "12:00", ctx.timeZone), cadence, ctx.timeZone), cadence);
  return {
    date: dmy(day),
    units: units.length,
    cadres: progress.bloc.cadres,
    pending: cadres.filter((c) => c.status === "pending").length,
    from: dmy(window.from),
    to: dmy(window.to),
    t1: perLocale((l) => ratioText(progress.bloc.fostered, l)),
    t2: perLocale((l) => ratioText(progress.bloc.newSecretaries, l)),
    t2Rule: perLocale((l) => t2Rule(translator(l), ctx.plan)),
    theory: perLocale((l) => ratioText(progress.bloc.theory, l)),
    standard: perLocale((l) => translator(l)(`reports:levelNames.${ctx.plan.theoryStandard}`)),
    behind: perLocale((l) => behindLines(progress, l)),
    period: perLocale((l) => periodLabel(translator(l), period)),
    reported: units.filter((u) => ctx.reported.has(`${u.id}:${period}`)).length,
    openClasses: perLocale((l) => openClassesText(ctx, day, l)),
  };
}

/** The variables of the week's "no plan runs" notice: the latest plan and its period. */
function noPlanVars(ctx: PlanContext, day: string) {
  return {
    date: dmy(day),
    plan: perLocale((l) => planName(translator(l), ctx.plan)),
    from: dmy(ctx.plan.period.from),
    to: dmy(ctx.plan.period.to),
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
  // Outside every plan's period the numbers count against nothing: the admins are asked to start a plan instead.
  const message = covers(ctx.plan, day)
    ? { key: "scheduler:digest.weekly", vars: digestVars(ctx, day) }
    : { key: "scheduler:digest.noPlan", vars: noPlanVars(ctx, day) };
  return [ctx.make({ key: `digest:weekly:${day}`, kind: "digest:weekly", recipient: admins, message, essential: false, at, staleAt })];
}
