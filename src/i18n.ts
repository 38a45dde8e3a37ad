/**
 * Localised text: i18next with one namespace per feature, read from `locales/<lng>/<feature>.json`.
 * Keys are written `feature:key.sub`; `common` holds the shared ones.
 */
import i18next, { type TFunction } from "i18next";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locale } from "./domain/records";

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

const instance = i18next.createInstance();
await instance.init({
  resources: readResources(),
  lng: "vi",
  fallbackLng: "vi",
  defaultNS: "common",
  ns: Object.keys(readResources().vi ?? {}),
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
  if (!t) fixed.set(locale, (t = instance.getFixedT(locale)));
  return t;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Formats a date as dd/mm/yyyy in the given time zone. */
export function formatDate(d: Date | string, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) dateFormats.set(timeZone, (format = new Intl.DateTimeFormat("vi-VN", { timeZone, day: "2-digit", month: "2-digit", year: "numeric" })));
  return format.format(typeof d === "string" ? new Date(d) : d);
}

/** Formats a moment as `HH:mm dd/mm/yyyy` in the given time zone. */
export function formatDateTime(d: Date | string, timeZone: string): string {
  const date = typeof d === "string" ? new Date(d) : d;
  const time = new Intl.DateTimeFormat("vi-VN", { timeZone, hour: "2-digit", minute: "2-digit", hour12: false }).format(date);
  return `${time} ${formatDate(date, timeZone)}`;
}
