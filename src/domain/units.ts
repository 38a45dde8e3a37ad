/**
 * Units as the bloc's own data: which are open, the short code derived from a name, the id made
 * from a code, and names compared ignoring diacritics and case (two units may not share one).
 */
import { UnitName } from "./fields";
import type { Unit } from "./records";
import { fold } from "./text";
import { localDate } from "./zoned-time";

/** True for a unit still in the bloc: closed and merged units leave lists, quotas and targets. */
export function isOpen(unit: Pick<Unit, "status">): boolean {
  return (unit.status ?? "active") === "active";
}

/** The open units, in the order given. */
export function openUnits<U extends Pick<Unit, "status">>(units: readonly U[]): U[] {
  return units.filter(isOpen);
}

/**
 * The units in the bloc on the local date `day`: those that had joined by then (`joinedOn`; a unit
 * without one was in the bloc from the start), open or closed or merged after it. What a past day's
 * figures and boards count.
 * @example unitsInBlocOn(units, "2026-09-30", "Asia/Ho_Chi_Minh") // with a unit closed in October, not one joined in November
 */
export function unitsInBlocOn<U extends Pick<Unit, "status" | "endedAt" | "joinedOn">>(
  units: readonly U[],
  day: string,
  timeZone: string,
): U[] {
  return units.filter(
    (u) => (!u.joinedOn || u.joinedOn <= day) && (isOpen(u) || (!!u.endedAt && localDate(new Date(u.endedAt), timeZone) > day)),
  );
}

/** Words that start most unit names and say nothing about which unit it is. */
const LEADING = ["doan co so", "doan thanh nien", "doan tn", "chi doan co so", "chi doan", "doan"];
/** Small words left out of initials. */
const SMALL = new Set(["va", "cua", "tp", "thanh pho", "can tho"]);

/** A folded unit name (or search) without its leading "Đoàn cơ sở": the words that tell units apart. */
function distinctive(folded: string): string {
  for (const lead of LEADING) if (folded === lead || folded.startsWith(`${lead} `)) return folded.slice(lead.length).trim();
  return folded;
}

/**
 * True when every word of the search begins a word of the unit's name, leaving out the "Đoàn cơ sở"
 * every name starts with: "Sở" finds the departments (Sở Tư pháp…), not every unit; "Công an" finds
 * "Công an thành phố", not every name holding "an" somewhere.
 * @example unitNameMatches("Đoàn cơ sở Sở Y tế", "so y") // true
 */
export function unitNameMatches(name: string, query: string): boolean {
  const words = distinctive(
    fold(name)
      .replace(/[^a-z0-9 ]/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
  ).split(" ");
  const wanted = distinctive(
    fold(query)
      .replace(/[^a-z0-9 ]/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
  )
    .split(" ")
    .filter(Boolean);
  return wanted.every((w) => words.some((word) => word.startsWith(w)));
}

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

/**
 * What names a unit: its name folded (no diacritics, case or extra spaces), without a leading
 * "Đoàn cơ sở", "Chi đoàn"…: `Đoàn cơ sở Sở Tài chính` and `Sở Tài chính` give `so tai chinh`.
 */
export function unitNameCore(name: string): string {
  const f = fold(name);
  const lead = LEADING.find((l) => f.startsWith(`${l} `));
  return lead ? f.slice(lead.length + 1) : f;
}

/** True when two unit names are the same ignoring diacritics, case, spacing and a leading "Đoàn cơ sở". */
export function sameUnitName(a: string, b: string): boolean {
  return unitNameCore(a) === unitNameCore(b);
}

/** The unit (any status but merged) that bore this name before a rename, if none bears it now. */
export function unitFormerlyNamed<U extends Pick<Unit, "name" | "status" | "id" | "formerNames">>(
  units: readonly U[],
  name: string,
): U | undefined {
  return units.find((u) => u.status !== "merged" && (u.formerNames ?? []).some((f) => sameUnitName(f.name, name)));
}

/** Edits (a letter added, removed or changed) between two strings. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/**
 * An open unit whose name is close to `name` without being the same: a letter or two apart
 * (about one in eight), or one name's words wholly inside the other's (`Tài chính` and `Sở Tài
 * chính`). A sheet naming it may mean that unit: the import asks before creating another.
 */
export function unitNamedClosely<U extends Pick<Unit, "name" | "status">>(units: readonly U[], name: string): U | undefined {
  const core = unitNameCore(name);
  const within = (a: string, b: string) => a.length >= 4 && ` ${b} `.includes(` ${a} `);
  return openUnits(units).find((u) => {
    const other = unitNameCore(u.name);
    if (other === core) return false;
    return (
      editDistance(core, other) <= Math.max(1, Math.floor(Math.min(core.length, other.length) / 8)) ||
      within(core, other) ||
      within(other, core)
    );
  });
}

/** The unit (any status but merged) already bearing this name, if any. */
export function unitNamed<U extends Pick<Unit, "name" | "status" | "id">>(
  units: readonly U[],
  name: string,
  except?: string,
): U | undefined {
  return units.find((u) => u.id !== except && u.status !== "merged" && sameUnitName(u.name, name));
}

/** The unit whose id or code is `code`, ignoring case (`U01`, `stc2`): the one lookup of a unit typed by its code. */
export function unitCoded<U extends Pick<Unit, "code" | "id">>(units: readonly U[], code: string): U | undefined {
  const f = fold(code);
  return units.find((u) => fold(u.id) === f) ?? units.find((u) => u.code && fold(u.code) === f);
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
  const exact = unitCoded(units, args);
  return exact ? [exact] : units.filter((u) => unitNameMatches(u.name, args));
}
