/**
 * Importing a roster: every row is checked first and, by default, nothing changes while any row
 * is invalid; importing the bot's own export changes nothing. The same use case serves the chat (a
 * document sent to the bot, in `import-export.ts`) and the command line (`npm run import -- FILE`).
 */
import { today } from "../../app/deps";
import type { Deps } from "../../app/deps";
import { localDate } from "../../domain/zoned-time";
import { sameRosterEntry } from "../../domain/cadres";
import type { Cadre, Unit } from "../../domain/records";
import { fold } from "../../domain/text";
import type { T } from "../../i18n";
import { audit } from "../../app/audit";
import { marksAfter, readRow, type RowEntry, type RowProblem } from "./import-rows";
import { header, readRosterSheet } from "./roster-file";
import { planSheetUnits } from "./import-units";
import { createUnits } from "../../app/unit-changes";
import { changePost, currentPostSince } from "../../domain/posts";
import { theoryHistoryAfter } from "../../domain/theory";
import { keepOneSecretary } from "../../app/secretary";
import type { Collections } from "../../store/store";
import { asCommitteeMember, settleSecretaries, type MatchedRow, type SecretaryNote, type SecretaryOutcome } from "./import-secretaries";

export interface ImportResult {
  problems: RowProblem[];
  created: number;
  updated: number;
  unchanged: number;
  /** Units the sheet names that the bloc did not have: created by the import (or to be, in a dry run). */
  unitsCreated: Unit[];
  /** New units whose name is close to an existing unit's: the preview asks whether the sheet means that one. */
  closeUnits: { created: Unit; existing: Unit }[];
  /** Rows of cadres the sheet holds (0 for a sheet of units only). */
  cadreRows: number;
  /** Rows naming a Secretary of a unit that has one: imported as committee members, or replacing the holder (import-secretaries.ts). */
  secretaryNotes: SecretaryNote[];
  /** False when problems stopped the import, or in a dry run (whose counts say what the import would do). */
  applied: boolean;
}

type ImportDeps = Pick<Deps, "store" | "now" | "newId" | "config">;

const matchKey = (c: Pick<Cadre, "fullName" | "unitId" | "birthYear">) => `${fold(c.fullName)}|${c.unitId}|${c.birthYear}`;

/** Job position and grade after an import: the sheet's where it has their columns, else the record's own. */
function jobAfter(existing: Cadre | undefined, job: RowEntry["job"]): Pick<Cadre, "jobPosition" | "civilServiceGrade"> {
  const out: Pick<Cadre, "jobPosition" | "civilServiceGrade"> = {};
  for (const field of ["jobPosition", "civilServiceGrade"] as const) {
    const value = field in job ? job[field] : existing?.[field];
    if (value) out[field] = value;
  }
  return out;
}

function toCadre(deps: ImportDeps, actorId: string, entry: RowEntry, id: string, existing: Cadre | undefined): Cadre {
  const now = deps.now().toISOString();
  const sameDay = existing && localDate(new Date(existing.consent.at), deps.config.timeZone) === entry.consentDay;
  const decided =
    entry.fields.status === existing?.status
      ? { decidedBy: existing.decidedBy, decidedAt: existing.decidedAt }
      : entry.fields.status === "pending"
        ? {}
        : { decidedBy: actorId, decidedAt: now };
  return {
    // Marks (planned for a post, bloc lecturer): the sheet's where it has their columns, else as they were.
    ...marksAfter(existing, entry.marks),
    ...entry.fields,
    ...jobAfter(existing, entry.job),
    id,
    consent: { purposes: entry.purposes, at: sameDay ? existing.consent.at : `${entry.consentDay}T00:00:00.000Z` },
    registeredAt: existing?.registeredAt ?? now,
    ...decided,
  };
}

function duplicates(entries: RowEntry[]): RowProblem[] {
  const seen = new Map<string, number>();
  const problems: RowProblem[] = [];
  for (const e of entries) {
    const key = e.id ?? matchKey(e.fields);
    const first = seen.get(key);
    if (first !== undefined)
      problems.push({ row: e.row, column: e.id ? "id" : "fullName", key: "rosters:import.duplicate", vars: { first } });
    else seen.set(key, e.row);
  }
  return problems;
}

/**
 * A roster row that changes a person's unit or post writes the post history, as a change of post in
 * chat does: the post left is kept, held until the day before the new one (its election day for a
 * Secretary or Deputy when the sheet gives one, else the import day).
 */
function withPostHistory(next: Cadre, existing: Cadre | undefined, day: string): Cadre {
  if (!existing) return next;
  if (existing.unitId === next.unitId && existing.position === next.position) {
    const { postSince, formerPosts } = existing;
    return { ...next, ...(postSince ? { postSince } : {}), ...(formerPosts ? { formerPosts } : {}) };
  }
  const since = currentPostSince(existing);
  const start = next.electedOn && next.electedOn > since && next.electedOn <= day ? next.electedOn : day;
  const moved = changePost(existing, { unitId: next.unitId, position: next.position, electedOn: next.electedOn }, start);
  return { ...next, postSince: moved.postSince, formerPosts: moved.formerPosts };
}

/**
 * A roster row keeps the person's theory history; one that changes the level writes it, as a change
 * in chat does: the level left is kept, held until the day before the import.
 */
function withTheoryHistory(next: Cadre, existing: Cadre | undefined, day: string): Cadre {
  if (!existing) return next;
  return { ...next, ...theoryHistoryAfter(existing, next.theoryLevel, day) };
}

/** Keeps the first problem of each row and column (a row's unit is checked by the plan and by the row). */
function firstPerCell(problems: RowProblem[]): RowProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(`${p.row}:${p.column}`) && seen.add(`${p.row}:${p.column}`)).sort((a, b) => a.row - b.row);
}

/**
 * Imports a roster file, or a sheet of units only: units the sheet names that the bloc lacks are
 * created first (audited), then the cadres. With `partial`, valid rows are imported even when
 * others are not; with `dryRun`, nothing is written and the result says what would be.
 * @example const result = await importRoster(deps, "cli", "ds.xlsx", buffer);
 */
export async function importRoster(
  deps: ImportDeps,
  actorId: string,
  fileName: string,
  content: Buffer,
  options: { partial?: boolean; dryRun?: boolean } = {},
): Promise<ImportResult> {
  const sheet = await readRosterSheet(fileName, content);
  const unitsOnly = !sheet.columns.has("fullName");
  const units = await deps.store.units.all();
  const plan = planSheetUnits(units, sheet.rows);
  const env = { unitOf: plan.unitOf, today: today(deps), columns: sheet.columns };
  const checked = unitsOnly ? [] : sheet.rows.map((r) => readRow(r, env));
  const entries = checked.flatMap((c) => (c.entry ? [c.entry] : []));
  const problems = firstPerCell([...plan.problems, ...checked.flatMap((c) => c.problems), ...duplicates(entries)]);
  const result: ImportResult = {
    problems,
    created: 0,
    updated: 0,
    unchanged: 0,
    unitsCreated: plan.created,
    closeUnits: plan.close,
    cadreRows: unitsOnly ? 0 : sheet.rows.length,
    secretaryNotes: [],
    applied: false,
  };
  if (problems.length && !options.partial) return result;
  const bad = new Set(problems.map((p) => p.row));
  const good = entries.filter((e) => !bad.has(e.row));
  if (options.dryRun) {
    const stored = await deps.store.cadres.all();
    const { rows, notes } = settled(stored, good, [...units, ...plan.created]);
    result.secretaryNotes = notes;
    for (const { entry, existing } of rows) {
      const next = toCadre(deps, actorId, entry, entry.id ?? existing?.id ?? "p-new", existing);
      result[!existing ? "created" : sameRosterEntry(existing, next) ? "unchanged" : "updated"]++;
    }
    return result;
  }
  await deps.store.transaction(async (tx) => {
    result.unitsCreated = await createUnits(
      deps,
      tx,
      actorId,
      plan.created.map((u) => ({ name: u.name, code: u.code, kind: u.type, members: u.members })),
    );
    const { rows, notes, takers } = settled(await tx.cadres.all(), good, [...units, ...result.unitsCreated]);
    result.secretaryNotes = notes;
    const ids = await writeRows(deps, tx, actorId, rows, result);
    // A newly elected Secretary replaces the unit's stored one the sheet does not list, as an approval does.
    for (const { row } of takers) await keepOneSecretary(deps, tx, actorId, (await tx.cadres.get(ids.get(row)!))!);
    if (result.created || result.updated) {
      await audit(deps, tx, {
        actorId,
        action: "roster.import",
        details: { created: result.created, updated: result.updated, unchanged: result.unchanged },
      });
    }
  });
  result.applied = true;
  return result;
}

/** Each row with the record it updates (by the id the sheet gives, else by name, unit and birth year), one Secretary per unit settled. */
function settled(
  stored: readonly Cadre[],
  good: readonly RowEntry[],
  units: readonly Unit[],
): { rows: MatchedRow[] } & Omit<SecretaryOutcome, "demoted"> {
  const byId = new Map(stored.map((c) => [c.id, c]));
  const byKey = new Map(stored.map((c) => [matchKey(c), c]));
  const matched = good.map((entry) => ({ entry, existing: entry.id ? byId.get(entry.id) : byKey.get(matchKey(entry.fields)) }));
  const names = new Map(units.map((u) => [u.id, u.name]));
  const { demoted, ...outcome } = settleSecretaries(stored, matched, (id) => names.get(id) ?? id);
  return { rows: matched.map((m) => (demoted.has(m.entry.row) ? { ...m, entry: asCommitteeMember(m.entry) } : m)), ...outcome };
}

/** Writes the rows that change a record, counting each; returns the record id of every row. */
async function writeRows(
  deps: ImportDeps,
  tx: Collections,
  actorId: string,
  rows: readonly MatchedRow[],
  result: ImportResult,
): Promise<Map<number, string>> {
  const ids = new Map<number, string>();
  const day = today(deps);
  for (const { entry, existing } of rows) {
    const id = entry.id ?? existing?.id ?? deps.newId("p");
    ids.set(entry.row, id);
    const next = withTheoryHistory(withPostHistory(toCadre(deps, actorId, entry, id, existing), existing, day), existing, day);
    if (existing && sameRosterEntry(existing, next)) result.unchanged++;
    else {
      if (!(await tx.people.get(id))) await tx.people.put({ id, roles: [], createdAt: next.registeredAt, muted: false });
      await tx.cadres.put(next);
      result[existing ? "updated" : "created"]++;
    }
  }
  return ids;
}

/** One sentence per problem: `Dòng 5, cột "Năm sinh": …`. */
export function describeProblems(t: T, problems: RowProblem[]): string[] {
  return problems.map((p) => t("rosters:import.problem", { row: p.row, column: header(t, p.column), reason: t(p.key, p.vars) }));
}
