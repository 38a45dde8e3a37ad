/**
 * A horizontal bar chart as SVG text, built by hand (pure: no I/O, no clock). One row per item:
 * a thick main bar (T1) and, when given, a thin second bar under it (the theory share), both on a
 * 0–100 scale. Text is escaped for XML and long labels are cut with "…"; the font is DejaVu Sans,
 * which `chart-png.ts` loads from the `dejavu-fonts-ttf` package (it has every Vietnamese letter).
 */

/** One row: its label, the main and second values in percent (null: nothing to count). */
export interface BarRow {
  label: string;
  main: number | null;
  /** Shown at the end of the main bar, e.g. `42,9%`; `—` for null. */
  mainText: string;
  second?: number | null;
}

export interface BarChart {
  title: string;
  subtitle?: string;
  /** Legend labels of the main and second bars. */
  legend: { main: string; second?: string };
  rows: readonly BarRow[];
}

/** Sizes of the chart, in SVG user units (= PNG pixels). */
export const CHART_LAYOUT = {
  width: 900,
  /** Left edge of the bars (the labels sit to its left). */
  plotX: 330,
  /** Length of a 100% bar. */
  plotWidth: 480,
  top: 100,
  rowHeight: 20,
  mainBar: 11,
  secondBar: 4,
  bottom: 20,
  fontSize: 12,
  /** Longest label, in characters, before it is cut with "…". */
  maxLabel: 40,
} as const;

const COLORS = { main: "#1f6fb2", second: "#f0a020", grid: "#d9dee5", text: "#1d2733", muted: "#5b6775", background: "#ffffff" };

/**
 * Escapes text for XML content and attribute values.
 * @example escapeXml(`Sở "A" & <B>`) // "Sở &quot;A&quot; &amp; &lt;B&gt;"
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/**
 * Cuts a label to at most `max` characters (code points of its NFC form), ending with "…".
 * @example truncateLabel("Đoàn cơ sở Sở Tư pháp", 10) // "Đoàn cơ s…"
 */
export function truncateLabel(label: string, max: number = CHART_LAYOUT.maxLabel): string {
  const chars = Array.from(label.normalize("NFC").replace(/\s+/g, " ").trim());
  return chars.length <= max
    ? chars.join("")
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}

/** Length of a bar for a percentage, clamped to 0–100. */
export function barLength(percent: number | null | undefined): number {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return 0;
  return round((Math.min(100, Math.max(0, percent)) / 100) * CHART_LAYOUT.plotWidth);
}

/** Height of the whole chart for a number of rows. */
export function chartHeight(rows: number): number {
  return CHART_LAYOUT.top + rows * CHART_LAYOUT.rowHeight + CHART_LAYOUT.bottom;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function text(x: number, y: number, content: string, attrs = ""): string {
  return `<text x="${x}" y="${y}"${attrs ? ` ${attrs}` : ""}>${escapeXml(content)}</text>`;
}

/** Title, subtitle and legend. */
function header(chart: BarChart): string[] {
  const { plotX } = CHART_LAYOUT;
  const out = [text(20, 30, chart.title, `font-size="18" font-weight="bold"`)];
  if (chart.subtitle) out.push(text(20, 52, chart.subtitle, `fill="${COLORS.muted}"`));
  out.push(`<rect x="${plotX}" y="62" width="14" height="10" fill="${COLORS.main}"/>`, text(plotX + 20, 72, chart.legend.main));
  if (chart.legend.second) {
    out.push(`<rect x="${plotX + 230}" y="64" width="14" height="5" fill="${COLORS.second}"/>`, text(plotX + 250, 72, chart.legend.second));
  }
  return out;
}

/** Vertical grid lines at 0, 25, 50, 75 and 100%, labelled above the rows. */
function grid(rows: number): string[] {
  const { plotX, plotWidth, top, rowHeight } = CHART_LAYOUT;
  const bottom = top + rows * rowHeight;
  return [0, 25, 50, 75, 100].flatMap((p) => {
    const x = plotX + (p / 100) * plotWidth;
    return [
      `<line x1="${x}" y1="${top - 6}" x2="${x}" y2="${bottom}" stroke="${COLORS.grid}" stroke-width="1"/>`,
      text(x, top - 10, `${p}%`, `text-anchor="middle" font-size="11" fill="${COLORS.muted}"`),
    ];
  });
}

/** One row: label, main bar with its value, second bar. */
function row(r: BarRow, i: number): string[] {
  const { plotX, top, rowHeight, mainBar, secondBar } = CHART_LAYOUT;
  const y = top + i * rowHeight + 3;
  const main = barLength(r.main);
  const out = [text(plotX - 8, y + mainBar - 2, truncateLabel(`${i + 1}. ${r.label}`), `text-anchor="end"`)];
  out.push(`<rect class="bar-main" x="${plotX}" y="${y}" width="${main}" height="${mainBar}" fill="${COLORS.main}"/>`);
  out.push(text(plotX + main + 5, y + mainBar - 2, r.mainText, `font-size="11" fill="${COLORS.muted}"`));
  if (r.second !== undefined) {
    out.push(
      `<rect class="bar-second" x="${plotX}" y="${y + mainBar + 1}" width="${barLength(r.second)}" height="${secondBar}" fill="${COLORS.second}"/>`,
    );
  }
  return out;
}

/**
 * The SVG document of a bar chart (width `CHART_LAYOUT.width`, height `chartHeight(rows)`).
 * @example barChartSvg({ title: "Tiến độ", legend: { main: "T1" }, rows: [{ label: "Sở Y tế", main: 50, mainText: "50%" }] })
 */
export function barChartSvg(chart: BarChart): string {
  const { width, fontSize } = CHART_LAYOUT;
  const height = chartHeight(chart.rows.length);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" fill="${COLORS.background}"/>`,
    `<g font-family="DejaVu Sans" font-size="${fontSize}" fill="${COLORS.text}">`,
    ...header(chart),
    ...grid(chart.rows.length),
    ...chart.rows.flatMap(row),
    `</g>`,
    `</svg>`,
  ].join("\n");
}
