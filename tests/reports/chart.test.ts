import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { barChartSvg, barLength, CHART_LAYOUT, chartHeight, escapeXml, truncateLabel, type BarRow } from "../../src/features/reports/chart";
import { svgToPng } from "../../src/features/reports/chart-png";
import { palettePng } from "../../src/features/reports/png-palette";
import { PNG_SIGNATURE, pngSize } from "../helpers/png";

const row = (label: string, main: number | null, second?: number | null): BarRow => ({
  label,
  main,
  mainText: main === null ? "—" : `${main}%`,
  second,
});
const chart = (rows: BarRow[]) =>
  barChartSvg({ title: "Tiến độ T1 (01/01/2026 – 31/12/2026)", subtitle: "Toàn Khối", legend: { main: "T1", second: "LLCT" }, rows });
const widths = (svg: string, cls: string) =>
  [...svg.matchAll(new RegExp(`class="${cls}"[^>]* width="([\\d.]+)"`, "g"))].map((m) => Number(m[1]));

/** Chunks of a PNG file: type and data. */
function chunks(png: Buffer): { type: string; data: Buffer }[] {
  const out: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    out.push({ type: png.toString("latin1", at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) });
    at += length + 12;
  }
  return out;
}

describe("the progress chart as SVG", () => {
  it("draws bars whose lengths are proportional to the percentages, 100% filling the plot", () => {
    const svg = chart([row("A", 0, 100), row("B", 25, 50), row("C", 50, null), row("D", 100, 12.5)]);
    const full = CHART_LAYOUT.plotWidth;
    expect(widths(svg, "bar-main")).toEqual([0, full / 4, full / 2, full]);
    expect(widths(svg, "bar-second")).toEqual([full, full / 2, 0, full / 8]);
  });

  it("draws nothing for a unit with nobody to count, and clamps out-of-range values", () => {
    expect([barLength(null), barLength(-5), barLength(130), barLength(Number.NaN)]).toEqual([0, 0, CHART_LAYOUT.plotWidth, 0]);
    expect(chart([row("Sở Y tế", null)])).toContain(">—</text>");
  });

  it("keeps Vietnamese diacritics and numbers the units in order", () => {
    const svg = chart([row("Đoàn cơ sở Sở Tư pháp", 50), row("Đoàn cơ sở Bệnh viện Đa khoa", 60)]);
    expect(svg).toContain(">1. Đoàn cơ sở Sở Tư pháp</text>");
    expect(svg).toContain(">2. Đoàn cơ sở Bệnh viện Đa khoa</text>");
    expect(svg).toContain("Tiến độ T1 (01/01/2026 – 31/12/2026)");
  });

  it('escapes names for XML so that a unit called <Ban> & "Quỹ" cannot break the picture', () => {
    const svg = chart([row(`Ban <Quản lý> & "Quỹ" 'A'`, 10)]);
    expect(svg).toContain(">1. Ban &lt;Quản lý&gt; &amp; &quot;Quỹ&quot; &apos;A&apos;</text>");
    expect(svg).not.toContain("<Quản lý>");
    expect(escapeXml("a&b")).toBe("a&amp;b");
  });

  it("cuts long names with an ellipsis, counting letters with diacritics as one", () => {
    expect(truncateLabel("Đoàn cơ sở Sở Tư pháp", 10)).toBe("Đoàn cơ s…");
    expect(truncateLabel("Sở Y tế", 10)).toBe("Sở Y tế");
    // "ở" written as o + two combining marks is one letter once composed
    expect(truncateLabel("Sơ\u0309 Y tê\u0301 thành phố Cần Thơ", 8)).toBe("Sở Y tế…");
    const svg = chart([row("Đoàn Thanh niên Cơ quan Ủy ban nhân dân thành phố Cần Thơ", 10)]);
    expect(svg).toContain(">1. Đoàn Thanh niên Cơ quan Ủy ban nhân…</text>");
  });

  it("is as tall as its rows", () => {
    expect(chart([row("A", 1), row("B", 2)])).toContain(`height="${chartHeight(2)}"`);
  });
});

describe("the chart as PNG", () => {
  it("is a real PNG of the SVG's size, under 200 KB for 66 units", async () => {
    const rows = Array.from({ length: 66 }, (_, i) => row(`Đoàn cơ sở Sở Nội vụ và Đào tạo số ${i + 1}`, (i * 3) % 101, (i * 7) % 101));
    const png = await svgToPng(chart(rows));
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png)).toEqual({ width: CHART_LAYOUT.width, height: chartHeight(66) });
    expect(png.length).toBeLessThanOrEqual(200 * 1024);
  });

  it("re-encodes pixels as an indexed PNG that decodes back to the same colours", () => {
    const [w, h] = [3, 2];
    const colours = [0xffffffff, 0x1f6fb2ff, 0x000000ff, 0x1f6fb2ff, 0xffffffff, 0xf0a020ff];
    const rgba = Buffer.alloc(w * h * 4);
    colours.forEach((c, i) => rgba.writeUInt32BE(c, i * 4));
    const png = palettePng(rgba, w, h)!;
    expect(pngSize(png)).toEqual({ width: w, height: h });
    const parts = chunks(png);
    expect(parts.map((c) => c.type)).toEqual(["IHDR", "PLTE", "IDAT", "IEND"]);
    expect([...parts[0]!.data.subarray(8)]).toEqual([8, 3, 0, 0, 0]);
    const palette = parts[1]!.data;
    const raw = inflateSync(parts[2]!.data);
    const decoded = [0, 1].flatMap((y) =>
      [0, 1, 2].map((x) => {
        const i = raw[y * (w + 1) + 1 + x]!;
        return ((palette.readUIntBE(i * 3, 3) << 8) | 0xff) >>> 0;
      }),
    );
    expect(decoded).toEqual(colours);
  });

  it("leaves pictures with transparency or more than 256 colours to the RGBA encoder", () => {
    const clear = Buffer.alloc(4);
    expect(palettePng(clear, 1, 1)).toBeUndefined();
    const many = Buffer.alloc(257 * 4);
    for (let i = 0; i < 257; i++) many.writeUInt32BE(((i << 8) | 0xff) >>> 0, i * 4);
    expect(palettePng(many, 257, 1)).toBeUndefined();
  });
});
