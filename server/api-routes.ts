import { Router } from "express";
import { ResultCache } from "./result-cache.js";
import { calibrateRoutes } from "./routes/calibrate.js";
import { chartRoutes } from "./routes/charts.js";
import { runRoutes } from "./routes/runs.js";
import { scenarioRoutes } from "./routes/scenarios.js";
import { sensitivityRoutes } from "./routes/sensitivity.js";
import type { RunLimits } from "./run-size.js";
import type { RunService } from "./run-service.js";
import { ScenarioCatalog } from "./scenario-catalog.js";
import { renderHere, type RenderThread } from "./render-thread/index.js";
import type { ResultThread } from "./result-thread/index.js";
import type { ScenarioThreads } from "./scenario-threads/index.js";
import type { RunStore } from "./storage/run-store.js";
import type { ScenarioStore } from "./storage/scenario-store.js";

/** What the scenario, run and chart routes are built from. */
export interface ApiParts {
  readonly scenarios: ScenarioStore;
  readonly runs: RunStore;
  readonly service: RunService;
  readonly limits: RunLimits;
  readonly queue: Parameters<typeof sensitivityRoutes>[0]["queue"];
  readonly engine: Parameters<typeof sensitivityRoutes>[0]["engine"];
  /** Where scenario text is parsed and checked, off the event loop. */
  readonly threads: ScenarioThreads;
  /** Where run results are built and saved, off the event loop (none: on it). */
  readonly results?: ResultThread;
  /** Where charts and reports are drawn, off the event loop (none: on it). */
  readonly renders?: RenderThread;
}

/**
 * The API's scenario, run and chart routes in one router. This module brings in the scenario
 * schema (zod), the loader and the simulator, so the app loads it after it starts listening
 * (see `createApp`), and `/api/health` answers without waiting for them.
 */
export function apiRoutes(parts: ApiParts): Router {
  const catalog = new ScenarioCatalog(parts.scenarios, parts.threads);
  // The built-ins' names are read in a turn of their own, once, not within a run request.
  setImmediate(() => catalog.warm()).unref();
  // A deleted run is forgotten here and on the render thread.
  const cache = new ResultCache(parts.runs, undefined, (id) => parts.renders?.forget(id));
  // Charts and reports are drawn on the render thread, or here where there is none.
  const renderer = parts.renders ?? renderHere(cache);
  const r = Router();
  // Writes on the event loop's connection wait (asynchronously) for a result thread's transaction.
  const writable = () => parts.service.whenWritable();
  r.use("/scenarios", scenarioRoutes(catalog, parts.scenarios, parts.limits, writable));
  r.use(runRoutes({ catalog, runs: parts.service, store: parts.runs, cache, limits: parts.limits, results: parts.results }));
  r.use(sensitivityRoutes({ catalog, queue: parts.queue, engine: parts.engine, limits: parts.limits, renderer }));
  r.use(calibrateRoutes({ catalog, store: parts.scenarios, queue: parts.queue, engine: parts.engine, limits: parts.limits, writable, renderer }));
  r.use((req, res, next) => {
    // The report is a standalone document with its own inline stylesheet.
    if (/^\/runs\/[^/]+\/report\.html$/.test(req.path)) res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    next();
  });
  r.use(chartRoutes(parts.runs, renderer, catalog));
  return r;
}
