/**
 * The report the bloc signs (.docx), in the Youth Union's document form (Hướng dẫn 29-HD/TWĐTN-VP):
 * the issuing body, its number left to fill and "ĐOÀN TNCS HỒ CHÍ MINH" above the place and date;
 * "BÁO CÁO" and its subject; the sections the plan has (purpose, targets, audiences and classes
 * held per III.2, what units did per V, their difficulties and proposals, needs ahead); "Nơi nhận"
 * and "TM. BAN THƯỜNG VỤ" with the signer left to fill. Every figure comes from `cityFigures`,
 * the same as the workbook's.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableBorders, TableCell, TableRow, TextRun, WidthType } from "docx";
import { today, type Deps } from "../../app/deps";
import { dmy } from "../../domain/zoned-time";
import { translator, type T } from "../../i18n";
import { type Block, reportSections } from "./document-sections";
import type { CityFigures } from "./figures";

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const FONT = "Times New Roman";
/** Sizes in half-points: 14 pt body, 13 pt header lines (HD 29). */
const BODY = 28;
const SMALL = 26;
/** Millimetres to twentieths of a point. */
const mm = (n: number) => Math.round((n * 1440) / 25.4);

const run = (text: string, o: { bold?: boolean; italics?: boolean; underline?: boolean; size?: number } = {}) =>
  new TextRun({ text, font: FONT, size: o.size ?? BODY, bold: o.bold, italics: o.italics, underline: o.underline ? {} : undefined });

const line = (text: string, o: Parameters<typeof run>[1] & { align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({ alignment: o.align ?? AlignmentType.CENTER, children: [run(text, o)] });

const cell = (children: Paragraph[], width: number) => new TableCell({ children, width: { size: width, type: WidthType.PERCENTAGE } });

/** Two columns without borders, as the form lays out its heading and its signature; widths in percent. */
function twoColumns(left: Paragraph[], right: Paragraph[], leftWidth: number): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(left, leftWidth), cell(right, 100 - leftWidth)] })],
  });
}

/** The issuing body and its number; the Union's heading, place and date. */
function heading(t: T, blocName: string, year: string): Table {
  const issuer = t("cityReport:document.issuer", { bloc: blocName }).toLocaleUpperCase("vi");
  return twoColumns(
    [line(issuer, { bold: true, size: SMALL }), line("***", { size: SMALL }), line(t("cityReport:document.number"), { size: SMALL })],
    [
      line(t("cityReport:document.union"), { bold: true, underline: true, size: SMALL }),
      line(""),
      line(t("cityReport:document.placeDate", { place: t("cityReport:document.place"), year }), { italics: true, size: SMALL }),
    ],
    45,
  );
}

function table(rows: string[][], widths: number[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (r, i) =>
        new TableRow({
          tableHeader: i === 0,
          children: r.map((text, j) =>
            cell([line(text, { bold: i === 0, size: SMALL, align: j === 1 ? AlignmentType.LEFT : AlignmentType.CENTER })], widths[j] ?? 10),
          ),
        }),
    ),
  });
}

function body(blocks: readonly Block[]): (Paragraph | Table)[] {
  return blocks.map((b) => {
    if (b.kind === "table") return table(b.rows, b.widths);
    const bold = b.kind !== "paragraph";
    return new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      indent: b.kind === "paragraph" ? { firstLine: mm(10) } : undefined,
      spacing: { before: bold ? 120 : 60, after: 60 },
      children: [run(b.text, { bold })],
    });
  });
}

/** "Nơi nhận" on the left, "TM. BAN THƯỜNG VỤ" and the signer (left to fill) on the right. */
function signature(t: T): Table {
  const recipients = t("cityReport:document.recipients").split("\n");
  return twoColumns(
    [
      line(t("cityReport:document.recipientsTitle"), { bold: true, italics: true, size: 24, align: AlignmentType.LEFT }),
      ...recipients.map((r) => line(r, { size: 22, align: AlignmentType.LEFT })),
    ],
    [
      line(t("cityReport:document.signFor"), { bold: true, size: SMALL }),
      line(t("cityReport:document.signerPost"), { bold: true, size: SMALL }),
      line(""),
      line(""),
      line(""),
      line(t("cityReport:document.signerName"), { bold: true, size: SMALL }),
    ],
    50,
  );
}

/**
 * The draft report as a .docx file, in Vietnamese (it goes to the city).
 * @example const bytes = await reportDocument(deps, await reportFigures(deps, scope), "năm 2026");
 */
export async function reportDocument(deps: Deps, figures: CityFigures, scope: string): Promise<Buffer> {
  const t = translator("vi");
  const plan = figures.scope.plan;
  const vars = {
    code: plan.id,
    title: plan.title,
    issued: dmy(plan.issuedOn),
    bloc: figures.blocName,
    scope,
    standard: t(`classes:theory.${plan.theoryStandard}`),
  };
  const blocks = reportSections(t, plan, figures, vars);
  const doc = new Document({
    creator: figures.blocName,
    title: t("cityReport:document.subject", vars),
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: { page: { margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } } },
        children: [
          heading(t, figures.blocName, today(deps).slice(0, 4)),
          line(""),
          line(t("cityReport:document.kind"), { bold: true, size: 30 }),
          line(t("cityReport:document.subject", vars), { bold: true }),
          line(plan.title, { italics: true }),
          line("-----", { size: SMALL }),
          ...body(blocks),
          line(""),
          signature(t),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
