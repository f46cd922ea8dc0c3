import type { ChartFormat } from "../charts/index.js";
import { ChartTooLargeError, chartCsv, chartSvg, chartVegaLite, svgToPng } from "../charts/render.js";
import type { Chart } from "../charts/chart.js";
import { HttpError } from "../http/errors.js";
import type { Rendered } from "../render-thread/protocol.js";

/**
 * The `scale` query parameter of a PNG export: a number from 1 to 4, default 2.
 * @throws HttpError 400 naming `scale`, the value and the rule.
 */
export function pngScale(raw: unknown): number {
  if (raw === undefined) return 2;
  const v = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
  if (Number.isFinite(v) && v >= 1 && v <= 4) return v;
  const message = `scale: ${JSON.stringify(raw)} must be a number from 1 to 4`;
  throw new HttpError(400, message, [{ path: "scale", value: raw, message }]);
}

/** How {@link chartFile} names and draws one export. */
export interface ChartFileOptions {
  /** File name offered to the browser; shown inline unless the request has `?download`. */
  readonly filename: string;
  /** PNG scale (see {@link pngScale}). */
  readonly scale: number;
  /** The chart's SVG, when the caller keeps it (a cache); default: drawn now. */
  readonly svg?: () => Promise<string>;
}

/**
 * One export of a chart, ready to send: SVG, PNG, the CSV of its data or its Vega-Lite spec,
 * with the content type and Content-Disposition of each (`download`: as an attachment, else inline).
 * @throws HttpError 422 naming `scale` when the PNG would have too many pixels (see svgToPng).
 * @example await chartFile(chart, "png", { filename: "backtest.png", scale: 2, download: false })
 */
export async function chartFile(chart: Chart, format: ChartFormat, options: ChartFileOptions & { readonly download: boolean }): Promise<Rendered> {
  const svg = options.svg ?? (() => chartSvg(chart));
  const headers = [["Content-Disposition", `${options.download ? "attachment" : "inline"}; filename="${options.filename}"`] as const];
  switch (format) {
    case "svg":
      return { type: "image/svg+xml", headers, body: await svg() };
    case "png": {
      const drawn = await svg();
      try {
        return { type: "image/png", headers, body: svgToPng(drawn, options.scale) };
      } catch (err) {
        if (!(err instanceof ChartTooLargeError)) throw err;
        throw new HttpError(422, err.message, [{ path: "scale", value: options.scale, message: err.message }]);
      }
    }
    case "csv":
      return { type: "text/csv; charset=utf-8", headers, body: await chartCsv(chart) };
    case "vl.json":
      return { type: "application/json", headers, body: chartVegaLite(chart) };
  }
}
