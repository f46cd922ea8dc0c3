import { randomUUID } from "node:crypto";
import { Router } from "express";
import { z } from "zod";
import { planSensitivity, runSensitivity, SENSITIVITY_METHODS, type SensitivityResult } from "../../sim/experiment/sensitivity/index.js";
import { DEFAULT_TARGET_KPI } from "../../sim/experiment/target.js";
import { roughly } from "../../sim/experiment/work-estimate.js";
import { KPI_DOCS } from "../../sim/model/kpi-docs.js";
import { SENSITIVITY_CHARTS, sensitivityChart } from "../charts/sensitivity.js";
import type { ChartFormat } from "../charts/index.js";
import { pngScale } from "./chart-file.js";
import { sendRendered, type Renderer } from "../render-thread/index.js";
import type { Chart } from "../charts/chart.js";
import type { Engine } from "../engine.js";
import { HttpError } from "../http/errors.js";
import { parseBody } from "../http/validate.js";
import { QueueFullError, type JobQueue } from "../jobs/job-queue.js";
import { Overrides } from "../requests.js";
import { PackedModel } from "../packed-model.js";
import { checkSize, type RunLimits } from "../run-size.js";
import { overrideStrings, type ScenarioCatalog } from "../scenario-catalog.js";

const whole = (min: number, max: number) => z.number({ error: `must be a whole number from ${min} to ${max}` }).int(`must be a whole number from ${min} to ${max}`).min(min, `must be >= ${min}`).max(max, `must be <= ${max}`);

/** POST /api/sensitivity: a scenario (id or text, with overrides) and the design. */
export const SensitivityBody = z
  .strictObject({
    scenario: z.string({ error: "must be a scenario id" }).min(1, "must not be empty").max(300).optional(),
    text: z.string({ error: "must be YAML or JSON text" }).min(1, "must not be empty").max(1_000_000).optional(),
    overrides: Overrides.optional(),
    method: z.enum(SENSITIVITY_METHODS, { error: `must be one of ${SENSITIVITY_METHODS.join(", ")}` }),
    kpi: z.string().refine((k) => Object.hasOwn(KPI_DOCS, k), { error: "must be a KPI name (see GET /api/kpis)" }).default(DEFAULT_TARGET_KPI),
    replications: whole(1, 1000).default(5),
    seed: whole(0, 4_294_967_295).default(1),
    trajectories: whole(2, 1000).optional(),
    levels: whole(2, 20).refine((p) => p % 2 === 0, { error: "must be an even whole number" }).optional(),
    samples: whole(3, 10_000).optional(),
  })
  .superRefine((b, ctx) => {
    if ((b.scenario === undefined) === (b.text === undefined)) ctx.addIssue({ code: "custom", path: ["scenario"], message: "give exactly one of scenario (an id) and text (YAML or JSON)" });
    for (const [field, method] of [["trajectories", "morris"], ["levels", "morris"], ["samples", "lhs"]] as const) {
      if (b[field] !== undefined && b.method !== method) ctx.addIssue({ code: "custom", path: [field], message: `is only for method ${method} (this is ${b.method})` });
    }
  });

/** An analysis the server holds: queued, running, done (with its result) or failed. */
interface Analysis {
  readonly id: string;
  readonly scenarioName: string;
  readonly method: SensitivityResult["method"];
  readonly createdAt: string;
  status: "queued" | "running" | "done" | "failed";
  done: number;
  total: number;
  finishedAt?: string;
  result?: SensitivityResult;
  error?: string;
}

/** Analyses kept (in memory, newest last); older finished ones are dropped beyond this. */
const KEEP = 50;
const analyses = new Map<string, Analysis>();
function remember(a: Analysis): void {
  analyses.set(a.id, a);
  for (const old of analyses.values()) {
    if (analyses.size <= KEEP) break;
    if (old.status === "done" || old.status === "failed") analyses.delete(old.id);
  }
}

const chartOf = (a: Analysis): Chart => {
  const r = a.result!;
  return sensitivityChart(r, { scenario: a.scenarioName, replications: r.replications, seed: r.seed, date: a.finishedAt ?? a.createdAt, runId: a.id });
};

const publicAnalysis = (a: Analysis) => {
  const chart = a.result ? SENSITIVITY_CHARTS[a.method] : undefined;
  return {
    id: a.id,
    scenarioName: a.scenarioName,
    method: a.method,
    status: a.status,
    done: a.done,
    total: a.total,
    createdAt: a.createdAt,
    ...(a.finishedAt ? { finishedAt: a.finishedAt } : {}),
    ...(a.error ? { error: a.error } : {}),
    ...(a.result ? { result: a.result } : {}),
    ...(chart ? { chart: { name: chart, files: Object.fromEntries(["svg", "png", "csv", "vl.json"].map((f) => [f, `/api/sensitivity/${a.id}/charts/${chart}.${f}`])) } } : {}),
  };
};

/**
 * The charts of a finished analysis, for a run's report (`report.html?sensitivity=<id>`), built
 * here (the analyses are held in memory) and drawn where the report is.
 * @throws HttpError 404 when `id` names no finished analysis.
 */
export function sensitivityCharts(id: unknown): Chart[] {
  const a = typeof id === "string" ? analyses.get(id) : undefined;
  if (!a?.result) throw new HttpError(404, `sensitivity: ${JSON.stringify(id)} is not a finished sensitivity analysis on this server`);
  return [chartOf(a)];
}

/**
 * Sensitivity analyses of a scenario's uncertain inputs: `POST /api/sensitivity` queues one
 * (202, with its id), `GET /api/sensitivity/:id` follows it and gives the result (the same
 * `mhst-sensitivity/1` object as `mhst sensitivity --json`), and
 * `GET /api/sensitivity/:id/charts/<tornado|morris|prcc>.svg|png|csv|vl.json` exports its chart.
 * Every design point goes through the server's run queue and worker pools.
 */
export function sensitivityRoutes(deps: { catalog: ScenarioCatalog; queue: JobQueue; engine: Engine; limits: RunLimits; renderer: Renderer }): Router {
  const { catalog, queue, engine, limits, renderer } = deps;
  const r = Router();

  r.post("/sensitivity", async (req, res) => {
    const body = parseBody(SensitivityBody, req.body);
    const source = { scenario: body.scenario, text: body.text };
    const overrides = overrideStrings(body.overrides);
    // Loaded, checked and packed on a scenario thread (a 404 or 400 as a run's), as every design point is below.
    const base = await catalog.prepareSide({ ...source, overrides }, { warmup: undefined, replications: body.replications, evaluations: 1 });
    const { text, file } = catalog.source(source);
    const factors = await catalog.threads.uncertainty({ text, file, overrides });
    if (factors.length === 0) {
      const message = `uncertainty: ${base.name} has no uncertainty block; list its uncertain inputs there, e.g. [{ path: casework.dnaShare, range: [0.05, 0.2] }]`;
      throw new HttpError(400, message, [{ path: "uncertainty", message }]);
    }
    const options = { method: body.method, trajectories: body.trajectories, levels: body.levels, samples: body.samples, seed: body.seed };
    let points: number;
    try {
      points = planSensitivity(factors, options).points.length;
    } catch (err) {
      const message = (err as Error).message;
      throw new HttpError(400, message, [{ path: message.split(":")[0], message }]);
    }
    const years = Number(base.years.toFixed(2));
    const detail = `${points} design points × ${body.replications} replications × ${years} years × ${base.shape.schoolCount} schools`;
    checkSize(base.sizePerReplication * body.replications * points, limits, detail);
    const work = base.work.perReplication * body.replications * points;
    if (!(work <= limits.maxRunWork)) {
      const field = options.method === "morris" ? "trajectories" : options.method === "lhs" ? "samples" : "uncertainty";
      const message =
        `${field}: ${points} design points; the analysis is about ${roughly(work)} work units ` +
        `(${roughly(base.work.perReplication)} per replication × ${body.replications} replications × ${points} points), limit ${roughly(limits.maxRunWork)}`;
      throw new HttpError(422, message, [{ path: "replications", value: body.replications, message }]);
    }
    const a: Analysis = { id: `s-${randomUUID()}`, scenarioName: base.name, method: body.method, createdAt: new Date().toISOString(), status: "queued", done: 0, total: points * body.replications };
    try {
      queue.submit(a.id, async ({ signal, progress }) => {
        a.status = "running";
        try {
          a.result = await runSensitivity<PackedModel>({
            factors,
            options,
            kpi: body.kpi,
            replications: body.replications,
            seed: body.seed,
            // Each point's model stays packed (bytes in shared memory): the worker threads unpack it, not the event loop.
            load: async (more) => {
              const point = await catalog.prepareSide({ ...source, overrides: [...overrides, ...more] }, { warmup: undefined, replications: body.replications, evaluations: 1 });
              return new PackedModel(point.shape, point.modelBytes);
            },
            run: (models) => engine.experiments(models, { replications: body.replications, seed: body.seed, scopes: ["service"] }, { signal, progress: (d, t) => { a.done = d; a.total = t; progress(d, t); } }),
          });
          a.status = "done";
        } catch (err) {
          a.status = "failed";
          a.error = err instanceof HttpError ? err.message : `the analysis failed: ${(err as Error).message}`;
        } finally {
          a.finishedAt = new Date().toISOString();
        }
      });
    } catch (err) {
      if (err instanceof QueueFullError) throw new HttpError(503, err.message);
      throw err;
    }
    remember(a);
    res.status(202).json(publicAnalysis(a));
  });

  const mustAnalysis = (id: string): Analysis => {
    const a = analyses.get(id);
    if (!a) throw new HttpError(404, `sensitivity analysis ${JSON.stringify(id)} not found (analyses are kept in memory until the server restarts)`);
    return a;
  };

  r.get("/sensitivity/:id", (req, res) => {
    res.json(publicAnalysis(mustAnalysis(req.params.id)));
  });

  r.get("/sensitivity/:id/charts/:file", async (req, res) => {
    const a = mustAnalysis(req.params.id);
    const name = a.result ? SENSITIVITY_CHARTS[a.method] : undefined;
    const m = /^([a-z]+)\.(svg|png|csv|vl\.json)$/.exec(req.params.file);
    if (!name || !m || m[1] !== name) throw new HttpError(404, `chart file: ${JSON.stringify(req.params.file)} must be ${name ?? "<chart>"}.<svg|png|csv|vl.json> of a finished analysis`);
    const format = m[2] as ChartFormat;
    const scale = format === "png" ? pngScale(req.query.scale) : 2;
    // Drawn where the run's charts are (the render thread): Vega and the PNG renderer stay off the event loop.
    sendRendered(res, await renderer.render({ op: "chart", chart: chartOf(a), filename: `sensitivity-${a.method}-${name}.${format}`, format, scale, download: req.query.download !== undefined }));
  });

  return r;
}
