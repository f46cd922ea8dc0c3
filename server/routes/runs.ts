import { setImmediate as nextTurn } from "node:timers/promises";
import { Router, type Request } from "express";
// The modules themselves, not sim/experiment/index.js: the index also loads the sweep's table library.
import type { CapacityAnalysis } from "../../sim/capacity/index.js";
import { solveCapacity, valueGrid, verifySeedOf } from "../../sim/experiment/solve.js";
import { checkTargetRange, parseTarget } from "../../sim/experiment/target.js";
import type { ExperimentResult, WarmupOption } from "../../sim/experiment/types.js";
import { KPI_DOCS } from "../../sim/model/kpi-docs.js";
import type { StoredResult } from "../charts/index.js";
import { HttpError } from "../http/errors.js";
import { openEventStream } from "../http/sse.js";
import { parseBody, parseInput } from "../http/validate.js";
import { QueueFullError } from "../jobs/job-queue.js";
import { CompareBody, RunBody, SolveBody, type Precision } from "../requests.js";
import type { EngineOptions } from "../engine.js";
import type { RunOutcome, RunService, RunSpec } from "../run-service.js";
import type { ResultThread } from "../result-thread/index.js";
import { recipeOf, storedRun, type PackedRecipe, type PrecisionOutcome, type RunExtras } from "../stored-result.js";
import { unpackParts } from "../scenario-parts.js";
import { runLabel } from "../run-label.js";
import { schoolCollector } from "../school-results.js";
import type { Engine, EngineHooks } from "../engine.js";
import { checkSize, type RunLimits } from "../run-size.js";
import { checkEstimates, refuseWarmupIssues } from "../run-checks.js";
import { PackedModel } from "../packed-model.js";
import type { PreparedSide } from "../scenario-threads/index.js";
import { overrideStrings, type ScenarioCatalog } from "../scenario-catalog.js";
import type { RunInfo, RunStore } from "../storage/run-store.js";
import type { ResultCache } from "../result-cache.js";

export type { RunLimits };

const TERMINAL = new Set(["done", "failed", "interrupted", "cancelled"]);

/** A run as the API returns it, with links to its events, results, charts and report. */
export function publicRun(run: RunInfo) {
  const base = `/api/runs/${run.id}`;
  return {
    ...run,
    links: {
      self: base,
      events: `${base}/events`,
      ...(run.status === "done" ? { results: `${base}/results`, charts: `${base}/charts`, report: `${base}/report.html`, reportJson: `${base}/report.json`, reportDocx: `${base}/report.docx`, reportPptx: `${base}/report.pptx` } : {}),
    },
  };
}

export type { PrecisionOutcome };

/** Weeks in which the capacity cross-check clears the list on day 0 (as `mhst capacity`'s default). */
const CLEAR_WEEKS = 12;

/** The engine option of a precision target, and the outcome to store once the run is done. */
function precisionOutcome(p: Precision | undefined): { option: Pick<EngineOptions, "precision">; stored: () => RunExtras } {
  if (!p) return { option: {}, stored: () => ({}) };
  let outcome: PrecisionOutcome | undefined;
  const target = { kpi: p.kpi, value: p.target.value, relative: p.target.relative };
  return {
    option: { precision: { target, maxReps: p.maxReps, onDone: (run) => void (outcome = { kpi: p.kpi, target: target.value, relative: target.relative, maxReps: p.maxReps, n: run.replications, met: run.state.met, mean: run.state.mean, halfWidth: run.state.halfWidth, wanted: run.state.wanted }) } },
    stored: () => (outcome ? { precision: outcome } : {}),
  };
}

/**
 * /api/runs, /api/compare and /api/solve: start runs (202 + id), read their status, follow
 * them over server-sent events, read their results, cancel a run that goes
 * (POST /api/runs/:id/cancel) and delete one that has ended (DELETE /api/runs/:id).
 */
export function runRoutes(deps: { catalog: ScenarioCatalog; runs: RunService; store: RunStore; cache: ResultCache; limits: RunLimits; results?: ResultThread }): Router {
  const { catalog, runs, store, cache, limits, results } = deps;
  const r = Router();

  const start = async (spec: RunSpec, res: import("express").Response) => {
    await runs.whenWritable();
    const info = whenRoom(res, () => runs.start(spec));
    res.status(202).location(`/api/runs/${info.id}`).json(publicRun(info));
  };

  r.post("/runs", async (req, res) => {
    const body = parseBody(RunBody, req.body);
    // A full queue refuses at once, before the scenario is checked.
    assertRoom(runs, res);
    // Loaded, checked and packed on a scenario thread: the run holds its model as bytes until
    // it starts (with a precision target the cap is what the run may come to).
    const sc = await catalog.prepareRun(body, { replications: body.precision?.maxReps ?? body.replications, precisionCap: body.precision !== undefined, warmup: body.warmup, limits }, CLEAR_WEEKS);
    const reached = precisionOutcome(body.precision);
    const options = { replications: body.replications, seed: body.seed, warmup: body.warmup, ...reached.option };
    await start(
      {
        kind: "run",
        scenarioName: runLabel(sc.name, body.overrides, body.changes),
        request: { ...body, scenarioId: sc.id },
        total: body.replications * (body.warmup === "auto" ? 2 : 1),
        execute: (engine, hooks) =>
          finishedRun(engine, hooks, results, [new PackedModel(sc.shape, sc.modelBytes)], options, body.warmup, () => ({ kind: "run", parts: sc.parts, ...reached.stored() })),
      },
      res,
    );
  });

  r.post("/compare", async (req, res) => {
    const body = parseBody(CompareBody, req.body);
    assertRoom(runs, res);
    const most = body.precision?.maxReps ?? body.replications;
    // Each scenario is loaded, checked and packed on a scenario thread (both at once); the
    // run's checks are put together here from what each gives, in the order they were made
    // when the models were here: the warm-up (400), the work (422), the run size (422).
    const side = { warmup: body.warmup, replications: most, evaluations: body.warmup === "auto" ? 2 : 1 };
    const [a, b] = await Promise.all([withField("a", () => catalog.prepareSide(body.a, side, "a.", CLEAR_WEEKS)), withField("b", () => catalog.prepareSide(body.b, side, "b.", CLEAR_WEEKS))]);
    refuseWarmupIssues([a.warmupIssue, b.warmupIssue], body.warmup);
    checkEstimates([a.work, b.work], limits, ["a.", "b."]);
    checkSize(sizeOf([a, b], most), limits, `2 scenarios × ${most} replications${body.precision ? " (precision.maxReps)" : ""} × years × schools`);
    const reached = precisionOutcome(body.precision);
    const options = { replications: body.replications, seed: body.seed, warmup: body.warmup, ...reached.option };
    // Name each side by its scenario and its overrides, so "A vs B" says what changed.
    const nameA = runLabel(a.name, body.a.overrides, body.a.changes);
    const nameB = runLabel(b.name, body.b.overrides, body.b.changes);
    const names = { a: nameA, b: nameA === nameB ? `${nameB} (B)` : nameB };
    await start(
      {
        kind: "compare",
        scenarioName: `${names.a} vs ${names.b}`,
        request: body,
        total: 2 * body.replications * (body.warmup === "auto" ? 2 : 1),
        execute: (engine, hooks) =>
          finishedRun(engine, hooks, results, [new PackedModel(a.shape, a.modelBytes), new PackedModel(b.shape, b.modelBytes)], options, body.warmup, () => ({ kind: "compare", names, parts: [a.parts, b.parts], ...reached.stored() })),
      },
      res,
    );
  });

  r.post("/solve", async (req, res) => {
    const body = parseBody(SolveBody, req.body);
    assertRoom(runs, res);
    const target = field("target", body.target, () => checkTargetRange(parseTarget(body.target, Object.keys(KPI_DOCS))));
    // Counted before the grid is built: a step of 1e-9 would ask for billions of values.
    const count = Math.floor((body.max - body.min) / body.step + 1e-9) + 1;
    if (!(count <= 200)) {
      const message = `step: ${body.step} gives ${count} values from ${body.min} to ${body.max}; at most 200`;
      throw new HttpError(400, message, [{ path: "step", value: body.step, message }]);
    }
    const grid = field("step", body.step, () => valueGrid(body.min, body.max, body.step));
    const base = overrideStrings(body.overrides);
    const at = (v: number) => ({ ...body, overrides: [...base, `${body.parameter}=${v}`] });
    const evaluations = 3 + Math.ceil(Math.log2(grid.length));
    // Each value's scenario is loaded, checked and packed on a scenario thread. Both ends now,
    // so that a bad parameter path or value is a 400, not a failed run; the others as the
    // solve reaches them.
    const side = { warmup: body.warmup, replications: body.replications, evaluations: evaluations * (body.warmup === "auto" ? 2 : 1) };
    const prepared = new Map<number, PreparedSide>();
    const sideAt = async (v: number): Promise<PreparedSide> => {
      if (!prepared.has(v)) prepared.set(v, await catalog.prepareSide(at(v), side));
      return prepared.get(v)!;
    };
    const models = new Map<number, PackedModel>();
    const modelAt = async (v: number): Promise<PackedModel> => {
      if (!models.has(v)) {
        const p = await sideAt(v);
        models.set(v, new PackedModel(p.shape, p.modelBytes));
      }
      return models.get(v)!;
    };
    const lo = await sideAt(grid[0]);
    refuseWarmupIssues([lo.warmupIssue], body.warmup);
    const hi = await sideAt(grid[grid.length - 1]);
    checkEstimates([hi.work], limits);
    checkSize(sizeOf([lo], body.replications) * evaluations, limits, `about ${evaluations} evaluations × ${body.replications} replications × years × schools`);
    const seed = body.seed;
    // Same verification seed as `mhst solve`, so both give the same answer.
    const verifySeed = body.verifySeed ?? verifySeedOf(seed);
    if (verifySeed === seed) throw new HttpError(400, `verifySeed: ${verifySeed} must differ from seed`, [{ path: "verifySeed", value: verifySeed, message: `verifySeed: ${verifySeed} must differ from seed` }]);
    await start(
      {
        kind: "solve",
        scenarioName: runLabel(lo.name, body.overrides),
        request: body,
        total: evaluations * body.replications,
        execute: async (engine, hooks) => {
          let done = 0;
          const total = evaluations * body.replications;
          const solve = await solveCapacity({
            grid,
            target,
            seed,
            verifySeed,
            evaluate: async (value, s) => {
              const model = await modelAt(value);
              const [exp] = await engine.experiments([model], { replications: body.replications, seed: s, warmup: body.warmup, scopes: ["service"] }, {
                signal: hooks.signal,
                progress: (d) => hooks.progress(Math.min(done + d, total), Math.max(total, done + d)),
              });
              done += body.replications;
              return serviceValues(exp, target.kpi);
            },
          });
          const result: StoredResult = { kind: "solve", labels: unpackParts(lo.parts).labels, parameter: body.parameter, target, replications: body.replications, seed, solve };
          const kpis = solve.curve.map((p) => ({ scope: `${p.phase}:${p.value}`, kpi: target.kpi, mean: p.mean, lo: p.lo, hi: p.hi }));
          return { result, kpis };
        },
      },
      res,
    );
  });

  r.get("/runs", (req, res) => {
    const limit = Math.min(500, Math.max(1, Number(req.query.limit ?? 100) || 100));
    // The list leaves out scenario text sent with a run (it can be large); GET /api/runs/:id has it.
    const brief = (run: RunInfo) => ({ ...publicRun(run), request: omitText(run.request) });
    res.json({ runs: store.list(limit).map(brief) });
  });

  r.get("/runs/:id", (req, res) => {
    res.json(publicRun(mustRun(store, req)));
  });

  r.get("/runs/:id/events", (req, res) => {
    const run = mustRun(store, req);
    const stream = openEventStream(res);
    const status = () => {
      const now = store.get(run.id);
      if (now) stream.send("status", publicRun(now));
      return now?.status ?? "deleted";
    };
    // The last events: a cancelled run's stream says so in its own event before `end`.
    const end = (final: string) => {
      if (final === "cancelled") stream.send("cancelled", { id: run.id, status: final });
      stream.send("end", { status: final });
      stream.close();
    };
    status();
    if (TERMINAL.has(run.status)) return end(run.status);
    const onEvent = (e: import("../jobs/job-queue.js").JobEvent) => {
      if (e.type === "progress") stream.send("progress", { done: e.done, total: e.total });
      else if (e.type === "started") status();
      else if (e.type === "finished") end(status());
    };
    runs.queue.events.on(run.id, onEvent);
    stream.onClose(() => runs.queue.events.off(run.id, onEvent));
  });

  r.post("/runs/:id/cancel", async (req, res) => {
    const id = String(req.params.id);
    const outcome = await runs.cancel(id);
    if (!outcome.cancelled) {
      if (outcome.status === null) throw new HttpError(404, `run ${JSON.stringify(id)} not found`);
      throw new HttpError(409, `run ${id} is ${outcome.status}: only a queued or running run can be cancelled`);
    }
    res.json(publicRun(outcome.run));
  });

  r.delete("/runs/:id", async (req, res) => {
    const id = String(req.params.id);
    await runs.whenWritable();
    const outcome = store.delete(id);
    if (!outcome.deleted) {
      if (outcome.status === null) throw new HttpError(404, `run ${JSON.stringify(id)} not found`);
      throw new HttpError(409, `run ${id} is ${outcome.status}: cancel it first (POST /api/runs/${id}/cancel), then delete it`);
    }
    cache.forget(id);
    res.status(204).end();
  });

  r.get("/runs/:id/results", async (req, res) => {
    const run = mustRun(store, req);
    // The stored JSON text as saved, the run put in front: the same text as `{ run, ...result }`
    // would give, but a national result (tens of megabytes) is neither parsed nor turned into
    // JSON again, which would hold up the event loop for seconds. With the result thread, the
    // text is read there and comes as bytes, so the event loop does not even read it. A saved
    // result never changes: the run's id is its ETag (no hash of the whole text).
    const head = `{"run":${JSON.stringify(publicRun(run))}`;
    const bytes = run.status === "done" && results ? await results.resultBytes(run.id).catch(() => null) : null;
    if (bytes && bytes.length >= 2) {
      res.set("ETag", `W/"${run.id}"`).type("json");
      if (req.fresh) return void res.status(304).end();
      const first = Buffer.from(bytes.length > 2 ? `${head},` : head);
      const rest = Buffer.from(bytes.buffer, bytes.byteOffset + 1, bytes.length - 1);
      res.set("Content-Length", String(first.length + rest.length));
      res.write(first);
      res.end(rest);
      return;
    }
    // Read here (an in-memory database, or none saved: 409).
    const text = cache.resultText(run);
    res.set("ETag", `W/"${run.id}"`).type("json").send(`${head}${text === "{}" ? "" : ","}${text.slice(1)}`);
  });

  return r;
}

/**
 * Runs the experiments of a run or comparison and gives what is to be saved. With the result
 * thread (a precision target's run too), the replication summaries and per-school measures go to
 * it as they arrive, and the result is built and saved there, off the event loop; otherwise
 * here, from the same {@link storedRun}, so the stored text is the same either way.
 */
async function finishedRun(
  engine: Engine,
  hooks: EngineHooks,
  results: ResultThread | undefined,
  models: readonly PackedModel[],
  options: Parameters<Engine["experiments"]>[1],
  warmup: WarmupOption | undefined,
  recipe: () => PackedRecipe,
): Promise<RunOutcome<StoredResult & RunExtras>> {
  const schools = await schoolCollector(models, warmup);
  if (results && engine.experimentsInto) {
    // The result thread is sent the models' shapes: no model is unpacked on the event loop.
    const job = results.open(
      models.map((m) => m.shape),
      warmup,
    );
    try {
      const onGroupMeasures = schools.fairnessGroups ? (measures: Parameters<NonNullable<typeof schools.onGroupMeasures>>[0], _r: number, m: number) => job.measures(measures, m) : undefined;
      await engine.experimentsInto(models, { ...options, fairnessGroups: schools.fairnessGroups, onGroupMeasures }, hooks, (_model, m, reps, meta) => job.sink(m, reps, meta));
    } catch (err) {
      job.drop();
      throw err;
    }
    return { deferred: { save: (runId) => job.save(runId, recipe()), drop: () => job.drop() } };
  }
  const experiments = await engine.experiments(models, { ...options, fairnessGroups: schools.fairnessGroups, onGroupMeasures: schools.onGroupMeasures }, hooks);
  // A turn of the event loop between the steps that end a run: requests are answered meanwhile.
  await nextTurn();
  return storedRun(recipeOf(recipe()), experiments, schools);
}

/** replications × years × schools of prepared scenarios, as runSize counts it for their models. */
function sizeOf(sides: readonly Pick<PreparedSide, "sizePerReplication">[], replications: number): number {
  return sides.reduce((s, m) => s + replications * m.sizePerReplication, 0);
}

/** The run named in the URL. @throws HttpError 404. */
export function mustRun(store: RunStore, req: Request): RunInfo {
  const id = String(req.params.id);
  const run = store.get(id);
  if (!run) throw new HttpError(404, `run ${JSON.stringify(id)} not found`);
  return run;
}

function omitText(request: unknown): unknown {
  if (request === null || typeof request !== "object") return request;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(request)) out[k] = k === "text" ? "(scenario text)" : k === "a" || k === "b" ? omitText(v) : v;
  return out;
}

function serviceValues(r: ExperimentResult, kpi: string): number[] {
  const row = r.kpis.find((k) => k.scope === "service" && k.kpi === kpi);
  return (row?.values ?? []).filter((v): v is number => v !== null);
}

/** Runs `fn`; a RangeError or SyntaxError it throws becomes a 400 naming the field. */
function field<T>(path: string, value: unknown, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RangeError || err instanceof SyntaxError) {
      const message = `${path}: ${err.message.replace(/^valueGrid: /, "")}`;
      throw new HttpError(400, message, [{ path, value, message }]);
    }
    throw err;
  }
}

/** Prefixes the error message of a failing scenario source with its field (`a`, `b`). */
async function withField<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof HttpError && err.status === 400) throw new HttpError(400, `${name}: ${err.message.split("\n").join(`\n${name}: `)}`, err.issues?.map((i) => ({ ...i, path: `${name}.${i.path}` })));
    throw err;
  }
}

/** Runs `fn`; a full run queue is a 503 with Retry-After. */
function whenRoom<T>(res: import("express").Response, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof QueueFullError) {
      res.setHeader("Retry-After", "10");
      throw new HttpError(503, err.message);
    }
    throw err;
  }
}

/** A full run queue refuses the request before any work is done on it. */
function assertRoom(runs: RunService, res: import("express").Response): void {
  whenRoom(res, () => runs.queue.assertRoom());
}
