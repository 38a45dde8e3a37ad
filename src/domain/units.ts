/**
 * Units as the bloc's own data: which are open, the short code derived from a name, the id made
 * from a code, and names compared ignoring diacritics and case (two units may not share one).
 */
import { UnitName } from "./fields";
import type { Unit } from "./records";
import { fold, matches } from "./text";

/** True for a unit still in the bloc: closed and merged units leave lists, quotas and targets. */
export function isOpen(unit: Pick<Unit, "status">): boolean {
  return (unit.status ?? "active") === "active";
}

/** The open units, in the order given. */
export function openUnits<U extends Pick<Unit, "status">>(units: readonly U[]): U[] {
  return units.filter(isOpen);
}

/** Words that start most unit names and say nothing about which unit it is. */
const LEADING = ["doan co so", "doan thanh nien", "doan tn", "chi doan co so", "chi doan", "doan"];
/** Small words left out of initials. */
const SMALL = new Set(["va", "cua", "tp", "thanh pho", "can tho"]);

/**
 * A short code made of the initials of a unit's name, without "Đoàn cơ sở" and accents:
 * `Đoàn cơ sở Sở Tư pháp` → `STP`, `Đoàn cơ sở Bệnh viện Đa khoa` → `BVDK`.
 * @example codeFromName("Đoàn cơ sở Sở Y tế") // "SYT"
 */
export function codeFromName(name: string): string {
  let f = fold(name)
    .replace(/\(.*?\)/g, " ")
    .replace(/[^a-z0-9 ]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  for (const lead of LEADING) {
    if (f.startsWith(`${lead} `)) {
      f = f.slice(lead.length + 1);
      break;
    }
  }
  const words = f.split(" ").filter((w) => w && !SMALL.has(w));
  const initials = words
    .map((w) => (/^\d+$/.test(w) ? w : w[0]))
    .join("")
    .toUpperCase();
  return (initials || "DV").slice(0, 12);
}

/**
 * The unit id for a code, unique among `taken` (lower case, `-2`, `-3`… when used): it is also
 * the deep link's payload (`/start u-stp`), so only `a-z0-9-`.
 */
export function unitIdFor(code: string, taken: ReadonlySet<string>): string {
  const base =
    fold(code)
      .replace(/[^a-z0-9-]/g, "")
      .slice(0, 20) || "dv";
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** A name people can read: as long as `UnitName` allows, holding at least two letters (not "🌭", not "12"). */
export function isPlausibleName(name: string): boolean {
  return UnitName.safeParse(name).success && (name.match(/\p{L}/gu)?.length ?? 0) >= 2;
}

/** True when two unit names are the same ignoring diacritics, case and spacing. */
export function sameUnitName(a: string, b: string): boolean {
  return fold(a) === fold(b);
}

/** The unit (any status but merged) already bearing this name, if any. */
export function unitNamed<U extends Pick<Unit, "name" | "status" | "id">>(
  units: readonly U[],
  name: string,
  except?: string,
): U | undefined {
  return units.find((u) => u.id !== except && u.status !== "merged" && sameUnitName(u.name, name));
}

/** The unit whose code or id is `code`, ignoring case. */
export function unitCoded<U extends Pick<Unit, "code" | "id">>(units: readonly U[], code: string): U | undefined {
  const f = fold(code);
  return units.find((u) => (u.code && fold(u.code) === f) || u.id === f);
}

/** The unit a merged one ended in, following merges one after another. */
export function survivorOf(units: ReadonlyMap<string, Pick<Unit, "id" | "mergedInto">>, id: string): string {
  const seen = new Set<string>();
  let at = id;
  while (!seen.has(at)) {
    seen.add(at);
    const next = units.get(at)?.mergedInto;
    if (!next) return at;
    at = next;
  }
  return at;
}

/** The payload of a unit's deep link: `/start u-u01`. */
export function unitDeepLink(unitId: string): string {
  return `/start u-${unitId}`;
}

/**
 * The units someone asked for by code or id (exactly one), else those whose name matches the search.
 * @example unitsMatching(units, "u01") // [the unit u01]
 */
export function unitsMatching(units: readonly Unit[], args: string): Unit[] {
  const exact = units.find((u) => u.id === args);
  return exact ? [exact] : units.filter((u) => matches(u.name, args));
}
