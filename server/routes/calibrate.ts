import { randomUUID } from "node:crypto";
import { Router } from "express";
import { z } from "zod";
import { backtestResult, type BacktestMeasureArg, type MonthlyMeasures } from "../../scenarios/calibrate/index.js";
import type { RecordsReducer } from "../../sim/experiment/pool-protocol.js";
import type { BacktestMonth, BacktestSummary } from "../../sim/calibrate/index.js";
import { checkWork } from "../../sim/experiment/work-estimate.js";
import type { Calibrated, PreparedBacktest } from "../calibrate-work.js";
import { backtestChart } from "../charts/backtest.js";
import type { ChartFormat } from "../charts/index.js";
import { pngScale } from "./chart-file.js";
import { sendRendered, type Renderer } from "../render-thread/index.js";
import type { Engine } from "../engine.js";
import { HttpError } from "../http/errors.js";
import { parseBody } from "../http/validate.js";
import { QueueFullError, type JobQueue } from "../jobs/job-queue.js";
import { PackedModel } from "../packed-model.js";
import { checkSize, type RunLimits } from "../run-size.js";
import type { ScenarioCatalog } from "../scenario-catalog.js";
import type { ScenarioStore } from "../storage/scenario-store.js";
import { slugify } from "./scenarios.js";

const whole = (min: number, max: number) => z.number({ error: `must be a whole number from ${min} to ${max}` }).int(`must be a whole number from ${min} to ${max}`).min(min, `must be >= ${min}`).max(max, `must be <= ${max}`);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be an ISO date (YYYY-MM-DD) or a whole number of simulation days").refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v, { error: "must be a real date" });

/** The activity data of a request: the CSV text, its file name (for messages) and how to read it. */
const dataFields = {
  csv: z.string({ error: "must be the CSV text of the activity file" }).min(1, "must not be empty").max(1_900_000, "must be at most 1,900,000 characters"),
  file: z.string({ error: "must be a file name" }).min(1).max(200).regex(/^[^\n\r]+$/, "must be one line").default("activity.csv"),
  replication: whole(0, 100_000).default(0),
  until: z.union([whole(-100_000, 10_000_000), isoDay], { error: "must be an ISO date (YYYY-MM-DD) or a whole number of simulation days" }).optional(),
};

/** POST /api/calibrate and /api/calibrate/save: a catalog scenario and its activity data. */
export const CalibrateBody = z.strictObject({
  scenario: z.string({ error: "must be a scenario id" }).min(1, "must not be empty").max(300),
  ...dataFields,
  by: z.enum(["service", "phase", "school"], { error: "must be service, phase or school" }).optional(),
  name: z.string({ error: "must be text" }).trim().min(1, "must not be empty").max(200, "must be at most 200 characters").optional(),
});

/** POST /api/backtest: a scenario (id, or the calibrated text) and the activity data. */
export const BacktestBody = z
  .strictObject({
    scenario: z.string({ error: "must be a scenario id" }).min(1, "must not be empty").max(300).optional(),
    text: z.string({ error: "must be YAML or JSON text" }).min(1, "must not be empty").max(1_000_000).optional(),
    ...dataFields,
    replications: whole(2, 1000).default(20),
    seed: whole(0, 4_294_967_295).default(1),
  })
  .superRefine((b, ctx) => {
    if ((b.scenario === undefined) === (b.text === undefined)) ctx.addIssue({ code: "custom", path: ["scenario"], message: "give exactly one of scenario (an id) and text (YAML or JSON)" });
  });

/**
 * A calibration of a catalog scenario, on a scenario thread: the estimates, the field edits and
 * the calibrated text (see calibrateForApi).
 * @throws (rejects) HttpError 404 for an unknown scenario, 400 for its or the data's issues.
 */
async function calibrated(catalog: ScenarioCatalog, body: z.infer<typeof CalibrateBody>): Promise<Calibrated> {
  const found = catalog.get(body.scenario);
  if (!found) throw new HttpError(404, `scenario: ${JSON.stringify(body.scenario)} is not a built-in or saved scenario`, [{ path: "scenario", value: body.scenario, message: `scenario: ${JSON.stringify(body.scenario)} is not a built-in or saved scenario` }]);
  return catalog.threads.calibrate({ scenario: found.id, text: found.text, csv: body.csv, file: body.file, replication: body.replication, until: body.until, by: body.by, name: body.name });
}

/** The compiled module that computes a back-test's measures (the worker threads run compiled code; the test runner runs TypeScript). */
const MEASURES_MODULE = import.meta.url.endsWith(".ts") ? new URL("../../dist/scenarios/calibrate/backtest-setup.js", import.meta.url) : new URL("../../scenarios/calibrate/backtest-setup.js", import.meta.url);

/** Each replication's monthly measures, computed on the worker threads from its cases (backtestMeasures): no case crosses to the event loop. */
function measuresReducer(setup: PreparedBacktest["setup"]): RecordsReducer {
  const arg: BacktestMeasureArg = { months: setup.months, standard: setup.standard, shift: setup.shift };
  return { module: MEASURES_MODULE.href, name: "backtestMeasures", arg };
}

/** A back-test the server holds: queued, running, done (with its result) or failed. */
interface Backtest {
  readonly id: string;
  readonly scenarioName: string;
  readonly data: string;
  readonly createdAt: string;
  readonly replications: number;
  readonly seed: number;
  status: "queued" | "running" | "done" | "failed";
  done: number;
  total: number;
  finishedAt?: string;
  error?: string;
  rows?: PreparedBacktest["rows"];
  setup?: { from: string; to: string; initialWaiting: number; initialPerCluster: number };
  result?: { months: BacktestMonth[]; summary: BacktestSummary };
}

/** Back-tests kept in memory (newest last); older finished ones are dropped beyond this. */
const KEEP = 50;
const backtests = new Map<string, Backtest>();
function remember(b: Backtest): void {
  backtests.set(b.id, b);
  for (const old of backtests.values()) {
    if (backtests.size <= KEEP) break;
    if (old.status === "done" || old.status === "failed") backtests.delete(old.id);
  }
}

const chartOf = (b: Backtest) => {
  const s = b.setup!;
  return backtestChart(b.result!.months, `Back-test of ${b.scenarioName} against ${b.data}`, `${b.replications} replications (seed ${b.seed}) from a waiting list of ${s.initialPerCluster} per cluster (${s.initialWaiting} waiting on ${s.from}); band = simulated 10th–90th percentile, line = median`);
};

const CHART_FILES = ["svg", "png", "csv", "vl.json"] as const;

const publicBacktest = (b: Backtest) => ({
  id: b.id,
  scenarioName: b.scenarioName,
  status: b.status,
  done: b.done,
  total: b.total,
  replications: b.replications,
  seed: b.seed,
  createdAt: b.createdAt,
  ...(b.finishedAt ? { finishedAt: b.finishedAt } : {}),
  ...(b.error ? { error: b.error } : {}),
  ...(b.rows ? b.rows : {}),
  ...(b.setup ? b.setup : {}),
  ...(b.result ? { months: b.result.months, summary: b.result.summary, chart: Object.fromEntries(CHART_FILES.map((f) => [f, `/api/backtest/${b.id}/chart.${f}`])) } : {}),
});

/**
 * Calibration from the dashboard: `POST /api/calibrate` fits a scenario to an uploaded activity
 * CSV (the same estimates and field edits as `mhst calibrate`, with the calibrated text);
 * `POST /api/calibrate/save` does the same and saves the result as a new scenario (201), or
 * saves nothing (4xx); `POST /api/backtest` queues a back-test (202; the same months and summary
 * as `mhst backtest --json`), `GET /api/backtest/:id` follows it and
 * `GET /api/backtest/:id/chart.svg|png|csv|vl.json` exports its chart. A file with no usable row
 * is a 400 listing every bad row (file, line, column, value, rule); usable files list theirs in
 * `badRows` with the count dropped by rule.
 */
export function calibrateRoutes(deps: {
  catalog: ScenarioCatalog;
  store: ScenarioStore;
  queue: JobQueue;
  engine: Engine;
  limits: RunLimits;
  writable?: () => Promise<void>;
  renderer: Renderer;
}): Router {
  const { catalog, store, queue, engine, limits, renderer } = deps;
  const writable = deps.writable ?? (() => Promise.resolve());
  const r = Router();

  r.post("/calibrate", async (req, res) => {
    res.json((await calibrated(catalog, parseBody(CalibrateBody, req.body))).body);
  });

  r.post("/calibrate/save", async (req, res) => {
    const c = await calibrated(catalog, parseBody(CalibrateBody, req.body));
    await writable();
    const taken = (x: string) => catalog.get(x) !== undefined;
    let id = slugify(c.name);
    for (let i = 2; taken(id); i++) id = `${slugify(c.name).slice(0, 60)}-${i}`;
    if (!store.insert({ id, name: c.name, description: c.description, text: c.body.text })) {
      throw new HttpError(409, `id: ${JSON.stringify(id)} is already a saved scenario`, [{ path: "id", value: id, message: `id: ${JSON.stringify(id)} is taken` }]);
    }
    res.status(201).location(`/api/scenarios/${id}`).json({ ...catalog.get(id), calibration: c.body });
  });

  r.post("/backtest", async (req, res) => {
    const body = parseBody(BacktestBody, req.body);
    const { text, file } = catalog.source({ scenario: body.scenario, text: body.text });
    // The CSV is read, the setup made and the model packed on a scenario thread.
    const prepared = await catalog.threads.backtest({ text, scenarioFile: file, csv: body.csv, file: body.file, replication: body.replication, until: body.until, replications: body.replications });
    const { side } = prepared;
    checkSize(side.sizePerReplication * body.replications, limits, `${body.replications} replications × the data's period × ${side.shape.schoolCount} schools`);
    try {
      checkWork(side.work, limits.maxRunWork);
    } catch (err) {
      const message = (err as Error).message;
      throw new HttpError(422, message, [{ path: "replications", value: body.replications, message }]);
    }
    const { setup } = prepared;
    const model = new PackedModel(side.shape, side.modelBytes);
    const b: Backtest = {
      id: `b-${randomUUID()}`,
      scenarioName: prepared.scenarioName,
      data: body.file,
      createdAt: new Date().toISOString(),
      replications: body.replications,
      seed: body.seed,
      status: "queued",
      done: 0,
      total: body.replications,
      rows: prepared.rows,
      setup: { from: setup.from, to: setup.to, initialWaiting: setup.initialWaiting, initialPerCluster: setup.initialPerCluster },
    };
    try {
      queue.submit(b.id, async ({ signal, progress }) => {
        b.status = "running";
        const simulated: MonthlyMeasures[] = [];
        try {
          await engine.experiments([model], { replications: body.replications, seed: body.seed, scopes: ["service"], reduceRecords: measuresReducer(prepared.setup), onReduced: (measures) => void simulated.push(measures as MonthlyMeasures) }, { signal, progress: (d, t) => { b.done = d; b.total = t; progress(d, t); } });
          if (simulated.length === 0) throw new Error("the experiment engine gave no monthly measures (a back-test needs the server's own worker threads)");
          b.result = backtestResult(setup, simulated);
          b.status = "done";
        } catch (err) {
          b.status = "failed";
          b.error = `the back-test failed: ${(err as Error).message}`;
        } finally {
          b.finishedAt = new Date().toISOString();
        }
      });
    } catch (err) {
      if (err instanceof QueueFullError) throw new HttpError(503, err.message);
      throw err;
    }
    remember(b);
    res.status(202).json(publicBacktest(b));
  });

  const mustBacktest = (id: string): Backtest => {
    const b = backtests.get(id);
    if (!b) throw new HttpError(404, `back-test ${JSON.stringify(id)} not found (back-tests are kept in memory until the server restarts)`);
    return b;
  };

  r.get("/backtest/:id", (req, res) => {
    res.json(publicBacktest(mustBacktest(req.params.id)));
  });

  r.get("/backtest/:id/:file", async (req, res) => {
    const b = mustBacktest(req.params.id);
    const m = /^chart\.(svg|png|csv|vl\.json)$/.exec(req.params.file);
    if (!b.result || !m) throw new HttpError(404, `chart file: ${JSON.stringify(req.params.file)} must be chart.<svg|png|csv|vl.json> of a finished back-test`);
    const format = m[1] as ChartFormat;
    const scale = format === "png" ? pngScale(req.query.scale) : 2;
    // Drawn on the render thread, as a run's charts are.
    sendRendered(res, await renderer.render({ op: "chart", chart: chartOf(b), filename: `backtest.${format}`, format, scale, download: req.query.download !== undefined }));
  });

  return r;
}
