/**
 * Roster import and export in the chat (admins import; officers export their unit, admins any or
 * all). The import itself (checks, then writes) is `importRoster` in `roster-import.ts`.
 */
import { z } from "zod";
import { today } from "../../app/deps";
import type { Deps } from "../../app/deps";
import { DomainError } from "../../app/errors";
import { authorize, demand, seesBloc, unitResource } from "../../app/authorize";
import type { Command, Ctx } from "../../chat/feature";
import type { Wizard } from "../../chat/wizard";
import type { Reply } from "../../app/messages";
import { rosterOrder, unitsWithTwoSecretaries } from "../../domain/cadres";
import type { Cadre, Unit } from "../../domain/records";
import type { T } from "../../i18n";
import { dmy, localDmy } from "../../domain/zoned-time";
import { label } from "../../app/cadre-labels";
import { NotARoster, readRosterSheet, writeRosterFile, type Column } from "./roster-file";
import { describeProblems, importRoster, type ImportResult } from "./roster-import";
import { unitsMatching } from "../../domain/units";
import { describeSecretaryNotes } from "./import-secretaries";

const MAX_PROBLEMS_SHOWN = 50;

function importReport(t: T, result: ImportResult): Reply[] {
  const counts = { created: result.created, updated: result.updated, unchanged: result.unchanged };
  const units = result.applied && result.unitsCreated.length ? [unitsLine(t, result.unitsCreated, "rosters:import.unitsCreated")] : [];
  const secretaries = describeSecretaryNotes(t, result.secretaryNotes);
  if (!result.problems.length)
    return [
      {
        text: [...units, ...secretaries, t(result.cadreRows ? "rosters:import.done" : "rosters:import.unitsOnlyDone", counts)].join("\n"),
      },
    ];
  const lines = describeProblems(t, result.problems.slice(0, MAX_PROBLEMS_SHOWN));
  const more = result.problems.length - lines.length;
  const head = t("rosters:import.failed", { count: result.problems.length, rows: new Set(result.problems.map((p) => p.row)).size });
  const tail = result.applied ? [...units, ...secretaries, t("rosters:import.partialDone", counts)] : [t("rosters:import.nothingImported")];
  return [{ text: [head, ...lines, ...(more > 0 ? [t("rosters:import.more", { count: more })] : []), "", ...tail].join("\n") }];
}

/** `3 đơn vị mới …: A, B, C` (at most 30 names). */
function unitsLine(t: T, units: readonly Unit[], key: string): string {
  const names = units
    .slice(0, 30)
    .map((u) => `${u.name} (${u.code ?? u.id})`)
    .join("; ");
  return t(key, { count: units.length, names: units.length > 30 ? `${names}; …` : names });
}

/** What an import would do: the units it creates (and those close to an existing one), the records, and the question. */
function previewLines(t: T, result: ImportResult): string[] {
  const counts = { count: result.cadreRows, created: result.created, updated: result.updated, unchanged: result.unchanged };
  return [
    ...(result.unitsCreated.length ? [unitsLine(t, result.unitsCreated, "rosters:import.previewUnits")] : []),
    ...result.closeUnits.map(({ created, existing }) =>
      t("rosters:import.previewClose", { name: created.name, existing: existing.name, code: existing.code ?? existing.id }),
    ),
    ...(result.cadreRows ? [t("rosters:import.previewCadres", counts)] : []),
    ...describeSecretaryNotes(t, result.secretaryNotes),
    t(result.unitsCreated.length ? "rosters:import.previewAskUnits" : "rosters:import.previewAsk"),
  ];
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
        const result = await importRoster(ctx.deps, ctx.actor.person.id, data.fileName!, Buffer.from(data.content!, "base64"), {
          dryRun: true,
        });
        return {
          text: previewLines(ctx.t, result).join("\n"),
          buttons: [
            [
              { label: ctx.t("rosters:import.confirm"), data: "ok" },
              { label: ctx.t("common:cancel"), data: "/huy" },
            ],
          ],
        };
      },
      answer: (ctx, input, data) =>
        /^(ok|dong y|đồng ý|nhap|nhập)$/i.test(input.trim()) ? { data } : { retry: ctx.t("rosters:import.pressConfirm") },
    },
  ],
  finish: async (ctx, data) => {
    const result = await importRoster(ctx.deps, ctx.actor.person.id, data.fileName!, Buffer.from(data.content!, "base64"));
    ctx.deps.log.info(
      { by: ctx.actor.person.id, units: result.unitsCreated.length, created: result.created, updated: result.updated },
      "roster import",
    );
    return importReport(ctx.t, result);
  },
};

/** True unless the file is a workbook with neither a name nor a unit column (another feature's sheet). */
async function isRoster(doc: { fileName: string; content: Buffer }): Promise<boolean> {
  try {
    await readRosterSheet(doc.fileName, doc.content);
    return true;
  } catch (e) {
    return !(e instanceof NotARoster);
  }
}

/**
 * A document sent to the bot: a roster (or units) import when it is a workbook and the sender is an
 * admin. A sheet that changes something shows a preview first (the units it creates, those close to
 * an existing unit, the records new, updated and unchanged) and waits for the admin's "Nhập"; one
 * that changes nothing says so. A sheet too large to keep while waiting (over 5 MB) is imported at once.
 */
export async function onRosterDocument(ctx: Ctx): Promise<Reply[] | undefined> {
  const doc = ctx.msg.document;
  if (!doc?.content || !/\.(xlsx|csv)$/i.test(doc.fileName)) return undefined;
  // Someone who may not import rosters is refused only a roster: their sheet may be another feature's.
  if (!authorize(ctx.actor, "importroster").allowed)
    return (await isRoster({ fileName: doc.fileName, content: doc.content }))
      ? [{ text: ctx.t("common:errors.notAllowed", { command: "nhapds" }) }]
      : undefined;
  let result: ImportResult;
  try {
    result = await importRoster(ctx.deps, ctx.actor.person.id, doc.fileName, doc.content, { dryRun: true });
  } catch (e) {
    if (e instanceof NotARoster) return undefined; // another feature's workbook
    throw e;
  }
  if (result.problems.length) return importReport(ctx.t, result);
  if (!result.unitsCreated.length && !result.created && !result.updated)
    return [
      {
        text: [
          ...describeSecretaryNotes(ctx.t, result.secretaryNotes),
          ctx.t(result.cadreRows ? "rosters:import.nothingToChange" : "rosters:import.unitsOnlyDone", { unchanged: result.unchanged }),
        ].join("\n"),
      },
    ];
  if (doc.content.length <= MAX_PENDING_BYTES) {
    return ctx.startWizard("roster.confirm", { fileName: doc.fileName, content: doc.content.toString("base64") });
  }
  result = await importRoster(ctx.deps, ctx.actor.person.id, doc.fileName, doc.content);
  ctx.deps.log.info(
    { by: ctx.actor.person.id, problems: result.problems.length, created: result.created, updated: result.updated },
    "roster import",
  );
  return importReport(ctx.t, result);
}

/** The roster rows of the given cadres, as the export writes them. */
export async function rosterRows(
  deps: Pick<Deps, "store" | "config">,
  t: T,
  cadres: Cadre[],
): Promise<Partial<Record<Column, string | number>>[]> {
  const units = new Map((await deps.store.units.all()).map((u) => [u.id, u]));
  const date = (iso: string) => localDmy(iso, deps.config.timeZone);
  const notes = secretaryNotes(t, cadres);
  return [...cadres]
    .sort((a, b) => a.unitId.localeCompare(b.unitId) || rosterOrder(a, b))
    .map((c) => ({
      id: c.id,
      fullName: c.fullName,
      unitId: c.unitId,
      unitName: units.get(c.unitId)?.name ?? "",
      position: label(t, "position", c.position),
      electedOn: c.electedOn ? dmy(c.electedOn) : "",
      theoryLevel: label(t, "theoryLevel", c.theoryLevel),
      professionalLevel: c.professionalLevel ? label(t, "professionalLevel", c.professionalLevel) : "",
      birthYear: c.birthYear,
      phone: c.phone ?? "",
      status: t(`cadres:statuses.${c.status}`),
      consentPurposes: c.consent.purposes.map((p) => t(`cadres:purposes.${p}`)).join("; "),
      consentAt: date(c.consent.at),
      plannedFor: c.plannedFor ? t(`cadreMarks:posts.${c.plannedFor}`) : "",
      lecturer: c.lecturer ? t("rosters:marks.yes") : "",
      jobPosition: c.jobPosition ?? "",
      civilServiceGrade: c.civilServiceGrade ?? "",
      note: notes.get(c.id) ?? "",
    }));
}

/** In a unit with two Secretaries (data from before the rule): which one counts (`presumedSecretary`), by record id. */
function secretaryNotes(t: T, cadres: readonly Cadre[]): Map<string, string> {
  const notes = new Map<string, string>();
  for (const { secretaries } of unitsWithTwoSecretaries(cadres)) {
    const [presumed, ...others] = secretaries;
    notes.set(presumed!.id, t("rosters:export.presumedSecretary", { count: secretaries.length }));
    for (const c of others) notes.set(c.id, t("rosters:export.otherSecretary", { presumed: presumed!.fullName }));
  }
  return notes;
}

async function exportRoster(ctx: Ctx): Promise<Reply[]> {
  const { deps, actor, t, args } = ctx;
  const scope = args || (seesBloc(actor) ? "" : (actor.cadre?.unitId ?? ""));
  const units = scope ? unitsMatching(await ctx.deps.store.units.all(), scope) : undefined;
  if (units && units.length !== 1) throw new DomainError("cadres:errors.unitNotFound", { unit: scope });
  const unit = units?.[0];
  if (unit) demand(actor, "exportroster", unitResource(unit.id));
  const cadres = unit ? await deps.store.cadres.find({ unitId: unit.id }) : await deps.store.cadres.all();
  const content = await writeRosterFile(t, t("rosters:export.sheet"), await rosterRows(deps, t, cadres));
  const stamp = today(deps);
  deps.log.info({ by: actor.person.id, unit: unit?.id ?? "all", rows: cadres.length }, "roster export");
  const twoSecretaries = unitsWithTwoSecretaries(cadres).length;
  return [
    {
      text: [
        t("rosters:export.done", { count: cadres.length, unit: unit?.name ?? t("rosters:export.allUnits") }),
        ...(twoSecretaries ? [t("rosters:export.twoSecretaries", { count: twoSecretaries })] : []),
      ].join("\n"),
      file: {
        name: `danh-sach-can-bo-${unit?.id ?? "tat-ca"}-${stamp}.xlsx`,
        content,
        mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      },
    },
  ];
}

async function importHelp(ctx: Ctx): Promise<Reply[]> {
  const content = await writeRosterFile(ctx.t, ctx.t("rosters:export.sheet"), []);
  return [{ text: ctx.t("rosters:import.help"), file: { name: "mau-danh-sach-can-bo.xlsx", content } }];
}

export const importExportCommands: Command[] = [
  { name: "nhapds", alias: "importroster", chats: "private", run: importHelp },
  { name: "xuatds", alias: "exportroster", chats: "private", run: exportRoster },
];
