/**
 * Localised text: i18next with one namespace per feature, read from `locales/<lng>/<feature>.json`.
 * Keys are written `feature:key.sub`; `common` holds the shared ones.
 */
import i18next, { type TFunction } from "i18next";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plan } from "./domain/plan";
import { newlyElectedSpan, type ProgressRow, type Ratio } from "./domain/progress";
import type { Locale } from "./domain/records";
import { dmy, wallClock } from "./domain/zoned-time";

export type T = TFunction;
export const locales: Locale[] = ["vi", "en"];
const root = join(import.meta.dirname, "..", "locales");

/** Every locale's resources, read from disk once: `{ vi: { common: {...}, start: {...} }, en: {...} }`. */
export function readResources(dir = root): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    locales.map((lng) => [
      lng,
      Object.fromEntries(
        readdirSync(join(dir, lng))
          .filter((f) => f.endsWith(".json"))
          .map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(join(dir, lng, f), "utf8"))]),
      ),
    ]),
  );
}

const resources = readResources();
const instance = i18next.createInstance();
await instance.init({
  resources,
  lng: "vi",
  fallbackLng: "vi",
  defaultNS: "common",
  ns: Object.keys(resources.vi ?? {}),
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  showSupportNotice: false,
} as Parameters<typeof instance.init>[0]);

const fixed = new Map<string, T>();

/**
 * The translate function of a locale.
 * @example translator("vi")("start:welcomeBack", { name })
 */
export function translator(locale: Locale): T {
  let t = fixed.get(locale);
  if (!t) {
    t = instance.getFixedT(locale);
    fixed.set(locale, t);
    spoken.set(t, locale);
  }
  return t;
}

/** The locale of each translate function `translator` made. */
const spoken = new Map<T, Locale>();

/**
 * The language a translate function speaks (one made by `translator`; any other reads as Vietnamese).
 * @example localeOfT(translator("en")) // "en"
 */
export function localeOfT(t: T): Locale {
  return spoken.get(t) ?? "vi";
}

/** Formats a moment as `HH:mm dd/mm/yyyy` in the given time zone (the date by the domain's one formatter). */
export function formatDateTime(d: Date | string, timeZone: string): string {
  const { date, time } = wallClock(typeof d === "string" ? new Date(d) : d, timeZone);
  return `${time} ${dmy(date)}`;
}

/** `66,7%` (vi) or `66.7%` (en); `—` when there is nothing to count. */
export function percent(r: Ratio, locale: Locale): string {
  if (r.percent === null) return "—";
  return `${numberFormat(locale).format(r.percent)}%`;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A cached number format with at most one decimal (Intl constructors are slow); `signed` shows `+`. */
export function numberFormat(locale: Locale, signed = false): Intl.NumberFormat {
  const key = `${locale}:${signed}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 1, signDisplay: signed ? "always" : "auto" });
    numberFormats.set(key, f);
  }
  return f;
}

/** `12/20 (60%)`. */
export function ratioText(r: Ratio, locale: Locale): string {
  return `${r.done}/${r.total} (${percent(r, locale)})`;
}

/** One unit's line of progress, numbered: in `/tiendo` and in the admins' weekly digest. */
export function unitProgressLine(t: T, u: ProgressRow & { unitName: string }, n: number, locale: Locale): string {
  return t("reports:progress.unitLine", {
    n,
    unit: u.unitName,
    t1: percent(u.fostered, locale),
    t2: percent(u.newSecretaries, locale),
    theory: percent(u.theory, locale),
  });
}

/**
 * T2's rule in one line (R3), written under the figure wherever it is shown: who is in the
 * denominator (elected Secretary from the lead-in before the plan to its end) and until when.
 * Today's figures count "to date"; a report counted as of a day (`asOf`, local date) names that day,
 * so a 2025 report made in 2027 does not say "to date".
 * @example t2Rule(t, plan) // "Bí thư mới được bầu: mọi người được bầu làm Bí thư từ 01/07/2025 (…) đến nay, …"
 * @example t2Rule(t, plan, "2025-12-31") // "… đến ngày 31/12/2025, …"
 */
export function t2Rule(t: T, plan: Pick<Plan, "period" | "newlyElectedLeadInMonths">, asOf?: string): string {
  const span = newlyElectedSpan(plan);
  return t(asOf ? "reports:t2RuleAsOf" : "reports:t2Rule", {
    from: dmy(span.from),
    start: dmy(plan.period.from),
    to: dmy(span.to),
    months: plan.newlyElectedLeadInMonths,
    asOf: asOf && dmy(asOf),
  });
}

/**
 * A reporting period as people read it, never its id: "Quý 4/2026" or "Tháng 11/2026".
 * @example periodLabel(translator("vi"), "2026-Q4") // "Quý 4/2026"
 */
export function periodLabel(t: T, period: string): string {
  const [year, rest] = period.split("-") as [string, string];
  return rest.startsWith("Q")
    ? t("reports:period.quarter", { n: Number(rest.slice(1)), year })
    : t("reports:period.month", { n: Number(rest), year });
}

/** A plan's short name, marked "(mẫu)" when it is the demo's sample plan: `49-KH/ĐTN`, `MẪU-2026 (mẫu)`. */
export function planName(t: T, plan: Pick<Plan, "id" | "sample">): string {
  return plan.sample ? `${plan.id} ${t("common:sampleMark")}` : plan.id;
}
