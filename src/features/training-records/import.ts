/**
 * Certificates obtained outside the bot, from a sheet (R7, "by chat and by sheet import"): an
 * officer (own unit) or an admin sends an .xlsx/.csv with one certificate a row. Every row is
 * checked first — the person (by id, or by name within the officer's unit), the kind, the number,
 * the date (not in the future, not before the person's birth year + 15), no number already
 * recorded for the same issuer (nor twice in the sheet) — and a problem names its row and column;
 * nothing is recorded while any row is wrong. A clean sheet is previewed and recorded on the
 * officer's confirmation, in one transaction, each certificate audited as in chat.
 * `/nhapchungchi` sends the template.
 */
import ExcelJS from "exceljs";
import { z } from "zod";
import { audit } from "../../app/audit";
import { today } from "../../app/deps";
import type { Reply } from "../../app/messages";
import { authorize, unitResource } from "../../app/authorize";
import { cellText, readSheet, SHEET_LIMITS } from "../../app/sheet-reader";
import type { Answer, Command, Ctx } from "../../chat/feature";
import type { Wizard } from "../../chat/wizard";
import { parseDate } from "../../domain/course-input";
import { type Certificate, CertificateIssuer, CertificateNumber } from "../../domain/courses";
import { lengthLimits, sheetRows } from "../../domain/limits";
import { outsideProblem, parseOutsideKind, type OutsideKind } from "../../domain/outside-training";
import type { Cadre } from "../../domain/records";
import { fold } from "../../domain/text";
import { dmy } from "../../domain/zoned-time";
import { translator, type T } from "../../i18n";
import { recordIn, type Entry } from "./record";

/** The columns of the sheet, by the locale key of their header (either language is read). */
export const certificateColumns = ["personId", "fullName", "kind", "number", "issuedOn", "issuer"] as const;
type Column = (typeof certificateColumns)[number];
/** Columns a certificate sheet must have, besides the person's id or name. */
const required: Column[] = ["kind", "number", "issuedOn", "issuer"];

/** Most certificates one sheet records. */
export const MAX_CERTIFICATE_ROWS = sheetRows("certificates");
/** Largest sheet kept while it waits for the confirmation (base64 in the wizard's draft). */
const MAX_PENDING_BYTES = 2_000_000;
/** Most problems listed in one answer. */
const MAX_PROBLEMS_SHOWN = 30;
/** Certificates listed in the preview. */
const PREVIEW_LINES = 10;

/** True when the sender may record this cadre's certificates: an admin, or an officer of the cadre's unit. */
const mayRecord = (ctx: Ctx, cadre: Pick<Cadre, "unitId">): boolean =>
  authorize(ctx.actor, "importcerts", unitResource(cadre.unitId)).allowed;

export interface SheetProblem {
  row: number;
  column: Column;
  key: string;
  vars?: Record<string, unknown>;
}

export interface SheetEntry extends Entry {
  row: number;
  cadre: Cadre;
}

const header = (t: T, c: Column) => t(`trainingRecords:import.columns.${c}`);

/** A row of the sheet as text: its number in the sheet and its cells' texts, index 0 for column A. */
interface TextRow {
  row: number;
  cells: string[];
}

/** Column → index (0-based) from the header row, in either language; undefined when the sheet is not a certificate sheet. */
function columnsOf(ts: readonly T[], headerRow: TextRow | undefined): Map<Column, number> | undefined {
  if (!headerRow) return undefined;
  const out = new Map<Column, number>();
  headerRow.cells.forEach((text, i) => {
    const f = fold(text);
    const c = certificateColumns.find((col) => col === text.trim() || ts.some((t) => fold(header(t, col)) === f));
    if (c && !out.has(c)) out.set(c, i);
  });
  const isSheet = required.every((c) => out.has(c)) && (out.has("personId") || out.has("fullName"));
  return isSheet ? out : undefined;
}

/** A kind as written in a sheet: what `/chungchingoai` reads, or a course kind's name in either language. */
function kindOf(ctx: Ctx, text: string): OutsideKind | undefined {
  const read = parseOutsideKind(ctx.deps.plan, text);
  if (read) return read;
  const f = fold(text);
  const kind = ctx.deps.plan.courseKinds.find((k) => fold(k.name.vi) === f || fold(k.name.en) === f);
  return kind ? parseOutsideKind(ctx.deps.plan, kind.id) : undefined;
}

/**
 * Checks every row of a certificate sheet. Returns undefined when the file is not one (another
 * feature's sheet), else the entries and the problems, each naming its row and column.
 */
export async function checkCertificateSheet(
  ctx: Ctx,
  fileName: string,
  content: Buffer,
): Promise<{ entries: SheetEntry[]; problems: SheetProblem[] } | undefined> {
  const limits = { ...SHEET_LIMITS, rows: MAX_CERTIFICATE_ROWS + 1, columns: 30, cellLength: 300 };
  const rows: TextRow[] = (await readSheet(fileName, content, limits)).map((r) => ({
    row: r.number,
    cells: r.values.map((v) => cellText(v)),
  }));
  const columns = columnsOf([translator("vi"), translator("en")], rows[0]);
  if (!columns || rows[0]!.row !== 1) return undefined;
  const { store, plan } = ctx.deps;
  const day = today(ctx.deps);
  const cadres = (await store.cadres.all()).filter((c) => c.status === "approved");
  const byId = new Map(cadres.map((c) => [c.id, c]));
  const mine = cadres.filter((c) => mayRecord(ctx, c));
  const recorded: Pick<Certificate, "number" | "issuer">[] = (await store.certificates.all()).filter((c) => c.origin === "outside");
  const entries: SheetEntry[] = [];
  const problems: SheetProblem[] = [];
  for (const r of rows.slice(1)) {
    const get = (c: Column) => (columns.has(c) ? (r.cells[columns.get(c)!] ?? "").trim() : "");
    const fail = (column: Column, key: string, vars?: Record<string, unknown>) => problems.push({ row: r.row, column, key, vars });
    const before = problems.length;
    // The person: by id, else by name among the people the sender may act on.
    let cadre: Cadre | undefined;
    const id = get("personId");
    const name = get("fullName");
    if (id) {
      cadre = byId.get(id);
      if (!cadre) fail("personId", "trainingRecords:import.noSuchPerson", { id: id.slice(0, 40) });
      else if (!mayRecord(ctx, cadre)) fail("personId", "trainingRecords:errors.otherUnit");
    } else if (name) {
      const found = mine.filter((c) => fold(c.fullName) === fold(name));
      if (found.length === 1) cadre = found[0];
      else
        fail("fullName", found.length ? "trainingRecords:import.sameName" : "trainingRecords:import.noSuchName", {
          name: name.slice(0, 60),
        });
    } else fail(columns.has("personId") ? "personId" : "fullName", "trainingRecords:import.required");
    const kindText = get("kind");
    const kind = kindText ? kindOf(ctx, kindText) : undefined;
    if (!kindText) fail("kind", "trainingRecords:import.required");
    else if (!kind)
      fail("kind", "trainingRecords:errors.kind", { kind: kindText.slice(0, 40), kinds: plan.courseKinds.map((k) => k.id).join(", ") });
    const number = get("number");
    if (!number) fail("number", "trainingRecords:import.required");
    else if (!CertificateNumber.safeParse(number).success)
      fail("number", "trainingRecords:errors.numberLength", lengthLimits(CertificateNumber));
    const issuer = get("issuer");
    if (!issuer) fail("issuer", "trainingRecords:import.required");
    else if (!CertificateIssuer.safeParse(issuer).success)
      fail("issuer", "trainingRecords:errors.issuerLength", lengthLimits(CertificateIssuer));
    const dateText = get("issuedOn");
    const issuedOn = dateText ? parseDate(dateText) : undefined;
    if (!dateText) fail("issuedOn", "trainingRecords:import.required");
    else if (!issuedOn) fail("issuedOn", "trainingRecords:errors.date", { date: dateText.slice(0, 20) });
    if (problems.length > before || !cadre || !kind || !issuedOn) continue;
    const entry = { kind, number, issuedOn, issuer };
    const problem = outsideProblem(entry, cadre, recorded, day);
    if (problem) {
      fail(problem.field, `trainingRecords:errors.${problem.reason}`, {
        date: dmy(issuedOn),
        earliest: problem.field === "issuedOn" && problem.earliest ? dmy(problem.earliest) : "",
        number,
        issuer,
      });
      continue;
    }
    recorded.push({ number, issuer });
    entries.push({ ...entry, row: r.row, cadre });
  }
  return { entries, problems };
}

/** One sentence per problem: `Dòng 5, cột «Ngày cấp»: …`. */
function problemLines(t: T, problems: readonly SheetProblem[]): string[] {
  return problems.map((p) => t("trainingRecords:import.problem", { row: p.row, column: header(t, p.column), reason: t(p.key, p.vars) }));
}

function refused(t: T, problems: readonly SheetProblem[]): Reply {
  const lines = problemLines(t, problems.slice(0, MAX_PROBLEMS_SHOWN));
  const more = problems.length - lines.length;
  return {
    text: [
      t("trainingRecords:import.refused", { count: problems.length, rows: new Set(problems.map((p) => p.row)).size }),
      ...lines,
      ...(more > 0 ? [t("trainingRecords:import.more", { count: more })] : []),
    ].join("\n"),
  };
}

function kindName(ctx: Ctx, kind: string): string {
  return ctx.deps.plan.courseKinds.find((k) => k.id === kind)?.name[ctx.actor.locale] ?? ctx.t("trainingRecords:kinds.other");
}

const PendingSheet = z.object({ fileName: z.string().min(1).max(200), content: z.string().min(1) }).strict();
interface PendingSheet extends Record<string, unknown> {
  fileName?: string;
  /** The sheet, base64: it waits in the store so a restart loses nothing. */
  content?: string;
}

export const CERTIFICATE_IMPORT_WIZARD = "trainingRecords.import";

/** A clean sheet waits for the sender's confirmation: the preview, then Record / Cancel. */
export const certificateImportWizard: Wizard<PendingSheet> = {
  draft: PendingSheet,
  name: CERTIFICATE_IMPORT_WIZARD,
  steps: [
    {
      id: "confirm",
      ask: async (ctx, data) => {
        const checked = await checkCertificateSheet(ctx, data.fileName!, Buffer.from(data.content!, "base64"));
        const entries = checked?.entries ?? [];
        const raises = entries.filter((e) => e.kind.theoryLevel).length;
        const lines = entries.slice(0, PREVIEW_LINES).map((e) =>
          ctx.t("trainingRecords:import.previewLine", {
            name: e.cadre.fullName,
            kind: kindName(ctx, e.kind.kind),
            number: e.number,
            issuer: e.issuer,
            date: dmy(e.issuedOn),
          }),
        );
        const more = entries.length - lines.length;
        return {
          text: [
            ctx.t("trainingRecords:import.preview", {
              count: entries.length,
              people: new Set(entries.map((e) => e.cadre.id)).size,
              raises,
            }),
            ...lines,
            ...(more > 0 ? [ctx.t("trainingRecords:import.more", { count: more })] : []),
          ].join("\n"),
          buttons: [
            [
              { label: ctx.t("trainingRecords:import.confirm"), data: "ok" },
              { label: ctx.t("common:cancel"), data: "/huy" },
            ],
          ],
        };
      },
      answer: (ctx, input, data) =>
        /^(ok|ghi nhan|ghi nhận|record)$/i.test(input.trim()) || fold(input) === fold(ctx.t("trainingRecords:import.confirm"))
          ? { data }
          : { retry: ctx.t("trainingRecords:import.pressConfirm") },
    },
  ],
  finish: async (ctx, data) => {
    // Checked again: the data may have changed while the sheet waited.
    const checked = await checkCertificateSheet(ctx, data.fileName!, Buffer.from(data.content!, "base64"));
    if (!checked) return [{ text: ctx.t("trainingRecords:import.notASheet") }];
    if (checked.problems.length) return [refused(ctx.t, checked.problems)];
    const actorId = ctx.actor.person.id;
    await ctx.deps.store.transaction(async (tx) => {
      for (const e of checked.entries) await recordIn(ctx.deps, tx, actorId, e.cadre, e);
      await audit(ctx.deps, tx, { actorId, action: "certificate.import", details: { count: checked.entries.length } });
    });
    ctx.deps.log.info({ by: actorId, certificates: checked.entries.length }, "certificate import");
    return [{ text: ctx.t("trainingRecords:import.done", { count: checked.entries.length }) }];
  },
};

/**
 * The Feature's `onDocument`: a certificate sheet from an officer or an admin is checked, then
 * previewed for confirmation; any other file is left to the other features.
 */
export async function onCertificateSheet(ctx: Ctx): Promise<Answer> {
  const doc = ctx.msg.document;
  const content = doc?.content;
  if (!doc || !content || !/\.(xlsx|csv)$/i.test(doc.fileName) || ctx.msg.chatType !== "private") return undefined;
  if (!authorize(ctx.actor, "importcerts").allowed) return undefined;
  const checked = await checkCertificateSheet(ctx, doc.fileName, content);
  if (!checked) return undefined;
  if (checked.problems.length) return refused(ctx.t, checked.problems);
  if (checked.entries.length === 0) return { text: ctx.t("trainingRecords:import.empty") };
  if (content.length > MAX_PENDING_BYTES) return { text: ctx.t("trainingRecords:import.tooLargeToWait") };
  return ctx.startWizard(CERTIFICATE_IMPORT_WIZARD, { fileName: doc.fileName, content: content.toString("base64") });
}

/** The empty template: the headers in the person's language. */
export async function certificateTemplate(t: T): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t("trainingRecords:import.sheetName"));
  sheet.columns = certificateColumns.map((c) => ({ header: header(t, c), key: c, width: c === "fullName" || c === "issuer" ? 32 : 18 }));
  sheet.getRow(1).font = { bold: true };
  for (const c of ["personId", "number", "issuedOn"]) sheet.getColumn(c).numFmt = "@";
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `/nhapchungchi` (/importcerts): how to import, with the template. */
export const importCertificatesCommand: Command = {
  name: "nhapchungchi",
  alias: "importcerts",
  chats: "private",
  run: async (ctx): Promise<Reply[]> => [
    {
      text: ctx.t("trainingRecords:import.help", { max: MAX_CERTIFICATE_ROWS }),
      file: {
        name: "mau-chung-chi-hoc-ngoai.xlsx",
        content: await certificateTemplate(ctx.t),
        mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      },
    },
  ],
};
