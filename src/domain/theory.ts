/**
 * Political theory levels over time: the level a person held on a given day (a report about
 * 31/12/2025 counts the levels of that day, not today's), and what a change of level writes into
 * the history. Pure.
 *
 * The current level (`theoryLevel`) is held from `theorySince`; a record older than the history has
 * none, and is taken as holding its level since the day it was registered (the bot knew nothing of
 * the person before). Earlier levels are `formerTheory`, oldest first. A day before everything the
 * bot knows reads the oldest level known: whether the person counts at all that day is for their
 * post to say (./posts).
 */
import type { Cadre, FormerTheory, TheoryLevel } from "./records";
import { MAX_HISTORY } from "./records";
import { addDays } from "./zoned-time";

type TheoryRecord = Pick<Cadre, "theoryLevel" | "theorySince" | "formerTheory" | "registeredAt">;

/** The first day of the current level (see the module's comment for records older than the history). */
export function currentTheorySince(cadre: Pick<Cadre, "theorySince" | "registeredAt">): string {
  return cadre.theorySince ?? cadre.registeredAt.slice(0, 10);
}

/**
 * The political theory level a person held on the local date `day`.
 * @example theoryOn(an, "2025-12-31") // "basic" for a cadre who reached "intermediate" on 15/06/2026
 */
export function theoryOn(cadre: TheoryRecord, day: string): TheoryLevel {
  if (currentTheorySince(cadre) <= day) return cadre.theoryLevel;
  return (cadre.formerTheory ?? []).find((f) => day <= f.until)?.level ?? cadre.theoryLevel;
}

/**
 * The record with the level `level` held from `day`: what it held before goes into the history,
 * held until the day before. A level dated before the current one's first day (a diploma recorded
 * after its date) holds from its date: what the history said from then on gives way to it.
 * Unchanged when the level stays.
 * @example changeTheory(an, "intermediate", "2026-06-15") // An: sơ cấp until 14/06/2026, trung cấp from 15/06/2026
 */
export function changeTheory<C extends TheoryRecord>(cadre: C, level: TheoryLevel, day: string): C {
  if (level === cadre.theoryLevel) return cadre;
  const before = addDays(day, -1);
  const held: FormerTheory[] = [
    ...(cadre.formerTheory ?? []),
    { level: cadre.theoryLevel, from: currentTheorySince(cadre), until: "9999-12-31" },
  ];
  // A level taken and left on the same day leaves nothing to count.
  const history = held
    .filter((f) => !f.from || f.from < day)
    .map((f) => (f.until < day ? f : { ...f, until: before }))
    .slice(-MAX_HISTORY);
  return { ...cadre, theoryLevel: level, theorySince: day, formerTheory: history };
}

/**
 * The theory history a record keeps when another record takes its place with the level `level`
 * (a roster row, a confirmed claim): the old one's history, and a change on `day` when the level differs.
 */
export function theoryHistoryAfter(
  previous: TheoryRecord,
  level: TheoryLevel,
  day: string,
): Pick<Cadre, "theoryLevel" | "theorySince" | "formerTheory"> {
  const { theoryLevel, theorySince, formerTheory } = changeTheory({ ...previous, theorySince: currentTheorySince(previous) }, level, day);
  return { theoryLevel, theorySince, ...(formerTheory ? { formerTheory } : {}) };
}
