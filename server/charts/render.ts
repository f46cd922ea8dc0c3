import type { Resvg as ResvgClass } from "@resvg/resvg-js";
import { createRequire } from "node:module";
import type * as Vega from "vega";
import type * as VegaLite from "vega-lite";
import { CHART_FONT, type Chart } from "./chart.js";
import { CHART_BACKGROUND } from "./palette.js";
import { installTextMetrics } from "./text-metrics.js";

const require = createRequire(import.meta.url);

/** TTF files resvg loads for PNGs: the same family the SVGs name, shipped by an npm package. */
export const FONT_FILES: readonly string[] = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"].map((f) =>
  require.resolve(`dejavu-fonts-ttf/ttf/${f}`),
);

// Vega, Vega-Lite and resvg load when the first chart is drawn, so the server starts without them.
let vegaLibs: Promise<{ vega: typeof Vega; vegaLite: typeof VegaLite }> | undefined;
const loadVega = () =>
  (vegaLibs ??= Promise.all([import("vega"), import("vega-lite")]).then(([vega, vegaLite]) => {
    installTextMetrics(vega);
    return { vega, vegaLite };
  }));
let resvg: typeof ResvgClass | undefined;
const loadResvg = () => (resvg ??= (require("@resvg/resvg-js") as { Resvg: typeof ResvgClass }).Resvg);

/**
 * Renders a chart's Vega-Lite spec to a standalone SVG string (xmlns set, title inside), headless.
 * The first call loads Vega and Vega-Lite.
 * @throws when the spec does not compile.
 * @example const svg = await chartSvg(waitlistChart(result, meta));
 */
export async function chartSvg(chart: Chart): Promise<string> {
  const { vega, vegaLite } = await loadVega();
  const compiled = vegaLite.compile(chart.spec as unknown as VegaLite.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    const svg = await view.toSVG();
    const labelled = svg.replace("<svg ", `<svg role="img" aria-label="${escapeXml(chart.title)}" `);
    return labelled.includes('xmlns="http://www.w3.org/2000/svg"') ? labelled : labelled.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ');
  } finally {
    view.finalize();
  }
}

/** Most pixels a PNG may have (width × height at its scale): 40 million, 160 MB as the image is drawn. */
export const MAX_PNG_PIXELS = 40_000_000;

/** A PNG asked for would have more than {@link MAX_PNG_PIXELS} pixels; its message says the size. */
export class ChartTooLargeError extends Error {
  override readonly name = "ChartTooLargeError";
}

/**
 * Renders an SVG to PNG at `scale` times its size with the bundled DejaVu fonts only (no
 * system fonts), so a PNG looks the same on every machine.
 * @throws ChartTooLargeError when the PNG would have more than {@link MAX_PNG_PIXELS} pixels
 *   (checked before the image is drawn).
 */
export function svgToPng(svg: string, scale = 2): Buffer {
  const Resvg = loadResvg();
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: CHART_BACKGROUND,
    font: { loadSystemFonts: false, fontFiles: [...FONT_FILES], defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
  });
  const [w, h] = [Math.ceil(resvg.width * scale), Math.ceil(resvg.height * scale)];
  if (w * h > MAX_PNG_PIXELS) {
    throw new ChartTooLargeError(`png: the chart would be ${w} × ${h} pixels at scale ${scale}, more than the ${MAX_PNG_PIXELS / 1e6} million a PNG may have: use its SVG or CSV, or a smaller scale`);
  }
  return resvg.render().asPng();
}

/**
 * The data behind a chart as CSV (RFC 4180 quoting, header row, columns in the chart's order).
 * The first call loads arquero.
 */
export async function chartCsv(chart: Chart): Promise<string> {
  const { toCSV, from } = await (arquero ??= import("arquero"));
  return toCSV(from(chart.rows.map((r) => ({ ...r }))), { columns: [...chart.columns] });
}
let arquero: Promise<typeof import("arquero")> | undefined;

/** The Vega-Lite spec with data inlined, pretty-printed; opens in the Vega editor as is. */
export function chartVegaLite(chart: Chart): string {
  return `${JSON.stringify(chart.spec, null, 2)}\n`;
}

/** Escapes text for XML and HTML. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
