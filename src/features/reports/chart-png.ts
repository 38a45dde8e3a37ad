/**
 * SVG → PNG with resvg (`@resvg/resvg-js`, whose prebuilt binary comes from the npm registry), on
 * a worker thread of its own (`renderAsync`), without network access. Fonts come only from the
 * `dejavu-fonts-ttf` package, never from the machine, so the picture is the same everywhere.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { palettePng } from "./png-palette";

const require = createRequire(import.meta.url);

/** The TTF files the chart may use: DejaVu Sans, regular and bold. */
export function chartFontFiles(): string[] {
  const dir = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
  return [join(dir, "DejaVuSans.ttf"), join(dir, "DejaVuSans-Bold.ttf")];
}

/**
 * Renders an SVG document to PNG bytes at its own size, indexed when it has at most 256 colours
 * (see ./png-palette). resvg is loaded on first use, so commands that draw nothing never load
 * the native module.
 * @example const png = await svgToPng(barChartSvg(chart));
 */
export async function svgToPng(svg: string): Promise<Buffer> {
  const { renderAsync } = await import("@resvg/resvg-js");
  const image = await renderAsync(svg, {
    font: { fontFiles: chartFontFiles(), loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" },
    shapeRendering: 1,
    textRendering: 1,
  });
  return palettePng(image.pixels, image.width, image.height) ?? image.asPng();
}
