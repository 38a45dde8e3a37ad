/**
 * Roster import and export (admins import; officers export their unit, admins any or all).
 * An import checks every row first and, by default, changes nothing while any row is invalid;
 * importing the bot's own export changes nothing. The same use case serves the chat (a document
 * sent to the bot) and the command line (`npm run import -- FILE`).
 */
import { z } from "zod";
import { today } from "../../app/deps";
import type { Deps } from "../../app/deps";
import { localDate } from "../../domain/zoned-time";
import { DomainError } from "../../app/errors";
import { canActOnUnit, may } from "../../app/permissions";
import type { Command, Ctx } from "../../chat/feature";
import type { Wizard } from "../../chat/wizard";
import type { Reply } from "../../app/messages";
import { rosterOrder, sameRosterEntry } from "../../domain/cadres";
import type { Cadre, Unit } from "../../domain/records";
import { fold } from "../../domain/text";
import { formatDate, type T } from "../../i18n";
import { audit } from "../../app/audit";
import { readRow, type RowEntry, type RowProblem } from "./import-rows";
import { label } from "../cadres/labels";
import { header, NotARoster, readRosterSheet, writeRosterFile, type Column } from "./roster-file";
import { planSheetUnits } from "./import-units";
import { createUnits } from "../units/unit-changes";
import { unitFromArgs } from "./roster";

export interface ImportResult {
  problems: RowProblem[];
  created: number;
  updated: number;
  unchanged: number;
  /** Units the sheet names that the bloc did not have: created by the import (or to be, in a dry run). */
  unitsCreated: Unit[];
  /** Rows of cadres the sheet holds (0 for a sheet of units only). */
  cadreRows: number;
  /** False when problems stopped the import, or in a dry run. */
  applied: boolean;
}

type ImportDeps = Pick<Deps, "store" | "now" | "newId" | "config">;

const matchKey = (c: Pick<Cadre, "fullName" | "unitId" | "birthYear">) => `${fold(c.fullName)}|${c.unitId}|${c.birthYear}`;

function toCadre(deps: ImportDeps, actorId: string, entry: RowEntry, id: string, existing: Cadre | undefined): Cadre {
  const now = deps.now().toISOString();
  const sameDay = existing && localDate(new Date(existing.consent.at), deps.config.timeZone) === entry.consentDay;
  const decided = entry.fields.status === existing?.status ? { decidedBy: existing.decidedBy, decidedAt: existing.decidedAt } : entry.fields.status === "pending" ? {} : { decidedBy: actorId, decidedAt: now };
  return {
    ...entry.fields,
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
    if (first !== undefined) problems.push({ row: e.row, column: e.id ? "id" : "fullName", key: "rosters:import.duplicate", vars: { first } });
    else seen.set(key, e.row);
  }
  return problems;
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
  const plan = planSheetUnits(await deps.store.units.all(), sheet.rows);
  const env = { unitOf: plan.unitOf, today: today(deps) };
  const checked = unitsOnly ? [] : sheet.rows.map((r) => readRow(r, env));
  const entries = checked.flatMap((c) => (c.entry ? [c.entry] : []));
  const problems = firstPerCell([...plan.problems, ...checked.flatMap((c) => c.problems), ...duplicates(entries)]);
  const result: ImportResult = { problems, created: 0, updated: 0, unchanged: 0, unitsCreated: plan.created, cadreRows: unitsOnly ? 0 : sheet.rows.length, applied: false };
  if ((problems.length && !options.partial) || options.dryRun) return result;
  const bad = new Set(problems.map((p) => p.row));
  await deps.store.transaction(async (tx) => {
    result.unitsCreated = await createUnits(deps, tx, actorId, plan.created.map((u) => ({ name: u.name, code: u.code, kind: u.type, members: u.members })));
    const byKey = new Map((await tx.cadres.all()).map((c) => [matchKey(c), c]));
    for (const entry of entries.filter((e) => !bad.has(e.row))) {
      const existing = entry.id ? await tx.cadres.get(entry.id) : byKey.get(matchKey(entry.fields));
      const id = entry.id ?? existing?.id ?? deps.newId("p");
      const next = toCadre(deps, actorId, entry, id, existing);
      if (existing && sameRosterEntry(existing, next)) result.unchanged++;
      else {
        if (!(await tx.people.get(id))) await tx.people.put({ id, roles: [], createdAt: next.registeredAt, muted: false });
        await tx.cadres.put(next);
        result[existing ? "updated" : "created"]++;
      }
    }
    if (result.created || result.updated) {
      await audit(deps, tx, { actorId, action: "roster.import", details: { created: result.created, updated: result.updated, unchanged: result.unchanged } });
    }
  });
  result.applied = true;
  return result;
}

/** One sentence per problem: `Dòng 5, cột "Năm sinh": …`. */
export function describeProblems(t: T, problems: RowProblem[]): string[] {
  return problems.map((p) => t("rosters:import.problem", { row: p.row, column: header(t, p.column), reason: t(p.key, p.vars) }));
}

const MAX_PROBLEMS_SHOWN = 50;

function importReport(t: T, result: ImportResult): Reply[] {
  const counts = { created: result.created, updated: result.updated, unchanged: result.unchanged };
  const units = result.applied && result.unitsCreated.length ? [unitsLine(t, result.unitsCreated, "rosters:import.unitsCreated")] : [];
  if (!result.problems.length) return [{ text: [...units, t(result.cadreRows ? "rosters:import.done" : "rosters:import.unitsOnlyDone", counts)].join("\n") }];
  const lines = describeProblems(t, result.problems.slice(0, MAX_PROBLEMS_SHOWN));
  const more = result.problems.length - lines.length;
  const head = t("rosters:import.failed", { count: result.problems.length, rows: new Set(result.problems.map((p) => p.row)).size });
  const tail = result.applied ? [...units, t("rosters:import.partialDone", counts)] : [t("rosters:import.nothingImported")];
  return [{ text: [head, ...lines, ...(more > 0 ? [t("rosters:import.more", { count: more })] : []), "", ...tail].join("\n") }];
}

/** `3 đơn vị mới …: A, B, C` (at most 30 names). */
function unitsLine(t: T, units: readonly Unit[], key: string): string {
  const names = units.slice(0, 30).map((u) => `${u.name} (${u.code ?? u.id})`).join("; ");
  return t(key, { count: units.length, names: units.length > 30 ? `${names}; …` : names });
}

/** Largest sheet kept while its import waits for the admin's confirmation. */
const MAX_PENDING_BYTES = 5_000_000;

const PendingImport = z.object({ fileName: z.string().min(1), content: z.string().min(1) }).strict();
interface PendingImport extends Record<string, unknown> {
  fileName?: string;
  /** The sheet, base64: it waits in the store so a restart loses nothing. */
  content?: string;
}

/** A sheet that creates units waits for the admin's confirmation: the preview, and Import / Cancel. */
export const confirmImportWizard: Wizard<PendingImport> = {
  draft: PendingImport,
  name: "roster.confirm",
  steps: [
    {
      id: "confirm",
      ask: async (ctx, data) => {
        const result = await importRoster(ctx.deps, ctx.actor.person.id, data.fileName!, Buffer.from(data.content!, "base64"), { dryRun: true });
        return {
          text: [unitsLine(ctx.t, result.unitsCreated, "rosters:import.previewUnits"), ctx.t("rosters:import.previewCadres", { count: result.cadreRows })].join("\n"),
          buttons: [[{ label: ctx.t("rosters:import.confirm"), data: "ok" }, { label: ctx.t("common:cancel"), data: "/huy" }]],
        };
      },
      answer: (ctx, input, data) => (/^(ok|dong y|đồng ý|nhap|nhập)$/i.test(input.trim()) ? { data } : { retry: ctx.t("rosters:import.pressConfirm") }),
    },
  ],
  finish: async (ctx, data) => {
    const result = await importRoster(ctx.deps, ctx.actor.person.id, data.fileName!, Buffer.from(data.content!, "base64"));
    ctx.deps.log.info({ by: ctx.actor.person.id, units: result.unitsCreated.length, created: result.created, updated: result.updated }, "roster import");
    return importReport(ctx.t, result);
  },
};

/**
 * A document sent to the bot: a roster (or units) import when it is a workbook and the sender is an
 * admin. A sheet that would create units shows a preview first and waits for the admin's "Nhập".
 */
export async function onRosterDocument(ctx: Ctx): Promise<Reply[] | undefined> {
  const doc = ctx.msg.document;
  if (!doc?.content || !/\.(xlsx|csv)$/i.test(doc.fileName)) return undefined;
  if (!may(ctx.actor, "importroster")) return [{ text: ctx.t("common:errors.notAllowed", { command: "nhapds" }) }];
  let result: ImportResult;
  try {
    result = await importRoster(ctx.deps, ctx.actor.person.id, doc.fileName, doc.content, { dryRun: true });
  } catch (e) {
    if (e instanceof NotARoster) return undefined; // another feature's workbook
    throw e;
  }
  if (result.problems.length) return importReport(ctx.t, result);
  if (result.unitsCreated.length && doc.content.length <= MAX_PENDING_BYTES) {
    return ctx.startWizard("roster.confirm", { fileName: doc.fileName, content: doc.content.toString("base64") });
  }
  result = await importRoster(ctx.deps, ctx.actor.person.id, doc.fileName, doc.content);
  ctx.deps.log.info({ by: ctx.actor.person.id, problems: result.problems.length, created: result.created, updated: result.updated }, "roster import");
  return importReport(ctx.t, result);
}

/** The roster rows of the given cadres, as the export writes them. */
export async function rosterRows(deps: Pick<Deps, "store" | "config">, t: T, cadres: Cadre[]): Promise<Partial<Record<Column, string | number>>[]> {
  const units = new Map((await deps.store.units.all()).map((u) => [u.id, u]));
  const date = (iso: string) => formatDate(iso, deps.config.timeZone);
  return [...cadres].sort((a, b) => a.unitId.localeCompare(b.unitId) || rosterOrder(a, b)).map((c) => ({
    id: c.id,
    fullName: c.fullName,
    unitId: c.unitId,
    unitName: units.get(c.unitId)?.name ?? "",
    position: label(t, "position", c.position),
    electedOn: c.electedOn ? formatDate(`${c.electedOn}T00:00:00Z`, "UTC") : "",
    theoryLevel: label(t, "theoryLevel", c.theoryLevel),
    professionalLevel: label(t, "professionalLevel", c.professionalLevel),
    birthYear: c.birthYear,
    phone: c.phone ?? "",
    status: t(`cadres:statuses.${c.status}`),
    consentPurposes: c.consent.purposes.map((p) => t(`cadres:purposes.${p}`)).join("; "),
    consentAt: date(c.consent.at),
  }));
}

async function exportRoster(ctx: Ctx): Promise<Reply[]> {
  const { deps, actor, t, args } = ctx;
  const scope = args || (actor.role === "admin" ? "" : actor.cadre?.unitId ?? "");
  const units = scope ? await unitFromArgs(ctx, scope) : undefined;
  if (units && units.length !== 1) throw new DomainError("cadres:errors.unitNotFound", { unit: scope });
  const unit = units?.[0];
  if (unit && !canActOnUnit(actor, unit.id)) throw new DomainError("cadres:errors.otherUnit");
  const cadres = unit ? await deps.store.cadres.find({ unitId: unit.id }) : await deps.store.cadres.all();
  const content = await writeRosterFile(t, t("rosters:export.sheet"), await rosterRows(deps, t, cadres));
  const stamp = today(deps);
  deps.log.info({ by: actor.person.id, unit: unit?.id ?? "all", rows: cadres.length }, "roster export");
  return [{
    text: t("rosters:export.done", { count: cadres.length, unit: unit?.name ?? t("rosters:export.allUnits") }),
    file: { name: `danh-sach-can-bo-${unit?.id ?? "tat-ca"}-${stamp}.xlsx`, content, mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  }];
}

async function importHelp(ctx: Ctx): Promise<Reply[]> {
  const content = await writeRosterFile(ctx.t, ctx.t("rosters:export.sheet"), []);
  return [{ text: ctx.t("rosters:import.help"), file: { name: "mau-danh-sach-can-bo.xlsx", content } }];
}

export const importExportCommands: Command[] = [
  { name: "nhapds", alias: "importroster", chats: "private", run: importHelp },
  { name: "xuatds", alias: "exportroster", chats: "private", run: exportRoster },
];
