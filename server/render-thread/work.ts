/**
 * Draws what a finished run's chart and report requests answer: the chart list, a chart's
 * SVG, PNG, CSV or Vega-Lite spec, and the report as HTML, JSON, Word or PowerPoint; and the
 * exports of a chart the event loop sends whole (a sensitivity analysis's, a back-test's). The render
 * thread runs it on its own connection's results; without the thread the event loop runs the
 * same code, so the bytes are the same either way.
 */
import { CHART_FORMATS, chartCsv, type Chart } from "../charts/index.js";
import { HttpError } from "../http/errors.js";
import type { ResultCache } from "../result-cache.js";
import { reportHtml, reportJson } from "../report.js";
import { reportContext, type ReportContext } from "../report-context.js";
import { chartFile } from "../routes/chart-file.js";
import { ChartTooLargeError, chartSvg } from "../charts/render.js";
import type { RunInfo } from "../storage/run-store.js";
import type { ExtraFigures, RenderRequest, Rendered, ReportFormat } from "./protocol.js";

const JSON_TYPE = "application/json";

/**
 * The answer to one chart or report request of a run, drawn from `cache` (which reads and
 * keeps the run's parsed result and SVGs).
 * @throws HttpError 409 when the run is not done, 404 for a chart it does not have (and the
 *   extra figures' own error), 422 when a PNG (an export, or a document's figure) would be too
 *   large; any other error is the drawing's own (a 500).
 * @example const { type, body } = await renderWork({ op: "list", run }, cache);
 */
export async function renderWork(request: RenderRequest, cache: ResultCache): Promise<Rendered> {
  try {
    return await draw(request, cache);
  } catch (err) {
    if (err instanceof ChartTooLargeError) throw new HttpError(422, err.message);
    throw err;
  }
}

async function draw(request: RenderRequest, cache: ResultCache): Promise<Rendered> {
  if (request.op === "chart") return chartFile(request.chart, request.format, request);
  const { run } = request;
  switch (request.op) {
    case "list": {
      const charts = cache.chartNames(run).map((name) => {
        const c = cache.chart(run, name);
        return { name, title: c.title, files: Object.fromEntries(CHART_FORMATS.map((f) => [f, `/api/runs/${run.id}/charts/${name}.${f}`])) };
      });
      return { type: JSON_TYPE, headers: [], body: JSON.stringify({ charts }) };
    }
    case "file": {
      const chart = cache.chart(run, request.name);
      const stem = run.scenarioName.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "run";
      const file = await chartFile(chart, request.format, { filename: `${stem}-${request.name}.${request.format}`, scale: request.scale, download: request.download, svg: () => cache.svg(run, chart) });
      return { ...file, headers: [["Cache-Control", "private, max-age=3600"], ...file.headers] };
    }
    case "report":
      return report(request.run, request.format, request.download, request.texts, request.extra, cache);
  }
}

/** A figure of a report: the chart with its SVG and the CSV of its data. */
type Figure = { chart: Chart; svg: string; csv: string };

/** The run's charts drawn, in report order, then the extra figures (a sensitivity analysis's). */
async function figures(run: RunInfo, cache: ResultCache, extra: ExtraFigures | undefined): Promise<Figure[]> {
  const own = await Promise.all(
    cache.chartNames(run).map(async (name) => {
      const chart = cache.chart(run, name);
      return { chart, svg: await cache.svg(run, chart), csv: await chartCsv(chart) };
    }),
  );
  if (extra && "error" in extra) throw new HttpError(extra.error.status, extra.error.message);
  const more = await Promise.all((extra?.charts ?? []).map(async (chart) => ({ chart, svg: await chartSvg(chart), csv: await chartCsv(chart) })));
  return [...own, ...more];
}

// The Word and PowerPoint writers are loaded with the first document asked for, not before.
const DOCUMENTS = {
  docx: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", async (ctx: ReportContext) => (await import("../report-docx.js")).reportDocx(ctx)],
  pptx: ["application/vnd.openxmlformats-officedocument.presentationml.presentation", async (ctx: ReportContext) => (await import("../report-pptx.js")).reportPptx(ctx)],
} as const;

async function report(run: RunInfo, format: ReportFormat, download: boolean, texts: ReadonlyMap<string, string>, extra: ExtraFigures | undefined, cache: ResultCache): Promise<Rendered> {
  const stored = cache.result(run);
  if (format === "json") return { type: JSON_TYPE, headers: [], body: JSON.stringify(reportJson(run, stored, await figures(run, cache, undefined))) };
  const charts = await figures(run, cache, extra);
  const context = reportContext(run, stored, charts, texts);
  if (format === "html") {
    const headers = download ? [["Content-Disposition", `attachment; filename="mhst-report-${run.id}.html"`] as const] : [];
    return { type: "text/html", headers, body: reportHtml(run, stored, charts, context) };
  }
  const [type, build] = DOCUMENTS[format];
  return { type, headers: [["Content-Disposition", `attachment; filename="mhst-report-${run.id}.${format}"`]], body: await build(context) };
}
