import { Router } from "express";
import { CHART_FORMATS, chartCsv, type ChartFormat } from "../charts/index.js";
import { HttpError } from "../http/errors.js";
import type { ResultCache } from "../result-cache.js";
import { reportHtml, reportJson } from "../report.js";
import { reportContext } from "../report-context.js";
import type { ReportContext } from "../report-context.js";
import type { ScenarioCatalog } from "../scenario-catalog.js";
import type { RunStore } from "../storage/run-store.js";
import { mustRun } from "./runs.js";
import { pngScale, sendChart } from "./chart-file.js";
import { sensitivityFigures } from "./sensitivity.js";

const FILE = /^([a-z0-9-]+)\.(svg|png|csv|vl\.json)$/;

/**
 * Chart exports of a finished run — `/api/runs/:id/charts/<chart>.svg|png|csv|vl.json` — the
 * list of its charts, and its report bundle (`report.html`, `report.json`, `report.docx`,
 * `report.pptx`).
 */
export function chartRoutes(store: RunStore, cache: ResultCache, catalog: ScenarioCatalog): Router {
  const r = Router();

  r.get("/runs/:id/charts", (req, res) => {
    const run = mustRun(store, req);
    const charts = cache.chartNames(run).map((name) => {
      const c = cache.chart(run, name);
      return { name, title: c.title, files: Object.fromEntries(CHART_FORMATS.map((f) => [f, `/api/runs/${run.id}/charts/${name}.${f}`])) };
    });
    res.json({ charts });
  });

  r.get("/runs/:id/charts/:file", async (req, res) => {
    const run = mustRun(store, req);
    const m = FILE.exec(req.params.file);
    if (!m) {
      throw new HttpError(404, `chart file: ${JSON.stringify(req.params.file)} must be <chart>.<format> with format one of ${CHART_FORMATS.join(", ")}`);
    }
    const [, name, format] = m as unknown as [string, string, ChartFormat];
    const scale = format === "png" ? pngScale(req.query.scale) : 2;
    const chart = cache.chart(run, name);
    const download = `${run.scenarioName.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "run"}-${name}.${format}`;
    res.setHeader("Cache-Control", "private, max-age=3600");
    await sendChart(req, res, chart, format, { filename: download, scale, svg: () => cache.svg(run, chart) });
  });

  // `?sensitivity=<id>` adds that sensitivity analysis's chart after the run's own.
  const rendered = async (run: ReturnType<typeof mustRun>, sensitivity?: unknown) => [
    ...(await Promise.all(cache.chartNames(run).map(async (name) => {
      const chart = cache.chart(run, name);
      return { chart, svg: await cache.svg(run, chart), csv: await chartCsv(chart) };
    }))),
    ...(await sensitivityFigures(sensitivity)),
  ];

  r.get("/runs/:id/report.html", async (req, res) => {
    const run = mustRun(store, req);
    const stored = cache.result(run);
    const charts = await rendered(run, req.query.sensitivity);
    const html = reportHtml(run, stored, charts, reportContext(run, stored, charts, catalog));
    if (req.query.download !== undefined) res.setHeader("Content-Disposition", `attachment; filename="mhst-report-${run.id}.html"`);
    res.type("text/html").send(html);
  });

  r.get("/runs/:id/report.json", async (req, res) => {
    const run = mustRun(store, req);
    const stored = cache.result(run);
    res.json(reportJson(run, stored, await rendered(run)));
  });

  // The Word and PowerPoint writers are loaded with the first document asked for, not at start-up.
  const documents: readonly (readonly [string, string, (ctx: ReportContext) => Promise<Buffer>])[] = [
    ["docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", async (ctx) => (await import("../report-docx.js")).reportDocx(ctx)],
    ["pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", async (ctx) => (await import("../report-pptx.js")).reportPptx(ctx)],
  ];
  for (const [ext, type, build] of documents) {
    r.get(`/runs/:id/report.${ext}`, async (req, res) => {
      const run = mustRun(store, req);
      const stored = cache.result(run);
      const file = await build(reportContext(run, stored, await rendered(run, req.query.sensitivity), catalog));
      res.setHeader("Content-Disposition", `attachment; filename="mhst-report-${run.id}.${ext}"`);
      res.type(type).send(file);
    });
  }

  return r;
}
