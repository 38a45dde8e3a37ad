/**
 * Reading back the files the bot sends (its .xlsx workbooks and .docx drafts), for tests that check
 * their figures against numbers written out.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";

/** A workbook the bot sent (a reply's `file.content`). */
export async function workbook(content: unknown): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as ArrayBuffer);
  return wb;
}

/** The values of row `n` of a sheet, column A first. */
export const values = (ws: ExcelJS.Worksheet | undefined, n: number) => (ws!.getRow(n).values as unknown[]).slice(1);

/** The text of a .docx, one line per paragraph (a table's cells are paragraphs too). */
export async function documentLines(content: unknown): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(content as Buffer)).file("word/document.xml")!.async("string");
  return xml
    .split("</w:p>")
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""))
    .filter(Boolean);
}
