import { Router, type Request } from "express";
import { CHART_FORMATS, type ChartFormat } from "../charts/index.js";
import { HttpError } from "../http/errors.js";
import { reportScenarioIds } from "../report-context.js";
import { sendRendered, type ExtraFigures, type Renderer, type ReportFormat } from "../render-thread/index.js";
import type { ScenarioCatalog } from "../scenario-catalog.js";
import type { RunInfo, RunStore } from "../storage/run-store.js";
import { mustRun } from "./runs.js";
import { pngScale } from "./chart-file.js";
import { sensitivityCharts } from "./sensitivity.js";

const FILE = /^([a-z0-9-]+)\.(svg|png|csv|vl\.json)$/;

/**
 * Chart exports of a finished run — `/api/runs/:id/charts/<chart>.svg|png|csv|vl.json` — the
 * list of its charts, and its report bundle (`report.html`, `report.json`, `report.docx`,
 * `report.pptx`). The event loop finds the run and checks the URL; `renderer` reads the result
 * and draws (the render thread, or the event loop itself where there is none).
 */
export function chartRoutes(store: RunStore, renderer: Renderer, catalog: ScenarioCatalog): Router {
  const r = Router();

  r.get("/runs/:id/charts", async (req, res) => {
    sendRendered(res, await renderer.render({ op: "list", run: mustRun(store, req) }));
  });

  r.get("/runs/:id/charts/:file", async (req, res) => {
    const run = mustRun(store, req);
    const m = FILE.exec(req.params.file);
    if (!m) {
      throw new HttpError(404, `chart file: ${JSON.stringify(req.params.file)} must be <chart>.<format> with format one of ${CHART_FORMATS.join(", ")}`);
    }
    const [, name, format] = m as unknown as [string, string, ChartFormat];
    const scale = format === "png" ? pngScale(req.query.scale) : 2;
    sendRendered(res, await renderer.render({ op: "file", run, name, format, scale, download: req.query.download !== undefined }));
  });

  /** The source text of each catalog scenario the run names (the report lists their assumptions). */
  const texts = (run: RunInfo) => new Map(reportScenarioIds(run).flatMap((id) => { const text = catalog.get(id)?.text; return text === undefined ? [] : [[id, text] as const]; }));

  // `?sensitivity=<id>` adds that sensitivity analysis's chart after the run's own.
  const extra = (req: Request): ExtraFigures | undefined => {
    if (req.query.sensitivity === undefined) return undefined;
    try {
      return { charts: sensitivityCharts(req.query.sensitivity) };
    } catch (err) {
      if (err instanceof HttpError) return { error: { status: err.status, message: err.message } };
      throw err;
    }
  };

  for (const format of ["html", "json", "docx", "pptx"] as const satisfies readonly ReportFormat[]) {
    r.get(`/runs/:id/report.${format}`, async (req, res) => {
      const run = mustRun(store, req);
      const figures = format === "json" ? undefined : extra(req);
      sendRendered(res, await renderer.render({ op: "report", run, format, download: req.query.download !== undefined, texts: format === "json" ? new Map() : texts(run), ...(figures ? { extra: figures } : {}) }));
    });
  }

  return r;
}
