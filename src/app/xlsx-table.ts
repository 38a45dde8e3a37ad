/**
 * One printable table per worksheet: a title block (the bloc's name, the sheet's title, the date),
 * a bold frozen header, column widths and number formats, landscape and fit to one page wide.
 */
import type ExcelJS from "exceljs";

export interface Column {
  header: string;
  width: number;
  /** Excel number format: `0`, `0.0%`, `dd/mm/yyyy`. */
  numFmt?: string;
  wrap?: boolean;
}

export type Cell = string | number | Date | null;

export interface TableSheet {
  /** Worksheet name, ≤ 31 characters. */
  name: string;
  bloc: string;
  title: string;
  /** The line under the title, e.g. "Ngày xuất: 29/11/2026". */
  subtitle: string;
  columns: Column[];
  rows: Cell[][];
  /** A bold last row (totals). */
  footer?: Cell[];
}

/** Row of the column headers; rows above it are the title block. */
export const HEADER_ROW = 5;

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  row.height = 32;
  row.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    cell.border = { top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } };
  });
}

function titleBlock(ws: ExcelJS.Worksheet, sheet: TableSheet): void {
  const last = sheet.columns.length;
  const lines: [string, Partial<ExcelJS.Font>][] = [
    [sheet.bloc, { bold: true, size: 12 }],
    [sheet.title, { bold: true, size: 14 }],
    [sheet.subtitle, { italic: true }],
  ];
  lines.forEach(([text, font], i) => {
    ws.mergeCells(i + 1, 1, i + 1, last);
    const cell = ws.getCell(i + 1, 1);
    cell.value = text;
    cell.font = font;
    cell.alignment = { horizontal: "center" };
  });
}

/**
 * Adds a sheet holding one table.
 * @example addTableSheet(workbook, { name: "Đơn vị", bloc, title, subtitle, columns, rows })
 */
export function addTableSheet(workbook: ExcelJS.Workbook, sheet: TableSheet): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(sheet.name, {
    views: [{ state: "frozen", ySplit: HEADER_ROW, xSplit: 0 }],
    pageSetup: {
      orientation: "landscape",
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
  });
  titleBlock(ws, sheet);
  sheet.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.numFmt) col.numFmt = c.numFmt;
    if (c.wrap) col.alignment = { wrapText: true, vertical: "top" };
  });
  styleHeader(
    setValues(
      ws.getRow(HEADER_ROW),
      sheet.columns.map((c) => c.header),
    ),
  );
  for (const r of sheet.rows) ws.addRow(r);
  if (sheet.footer) ws.addRow(sheet.footer).font = { bold: true };
  return ws;
}

function setValues(row: ExcelJS.Row, values: string[]): ExcelJS.Row {
  values.forEach((v, i) => (row.getCell(i + 1).value = v));
  return row;
}
