import express, { type Express, type Router } from "express";
import helmet from "helmet";
import { DEFAULT_MAX_RUN_WORK } from "../sim/experiment/work-estimate.js";
import { createExperimentEngine, type Engine } from "./engine.js";
import { errorHandler, notFound } from "./http/error-handler.js";
import { badRequest } from "./http/errors.js";
import { LOOPBACK_HOSTS, hostCheck } from "./http/host-check.js";
import { jsonDepth } from "./http/json-depth.js";
import { bodiesTakeTurns } from "./http/take-turns.js";
import { JobQueue } from "./jobs/job-queue.js";
import { publicDir, webDir } from "./paths.js";
import { healthRoutes } from "./routes/health.js";
import { RenderThread, type RenderHook } from "./render-thread/index.js";
import { ResultThread } from "./result-thread/index.js";
import { RunService } from "./run-service.js";
import { ScenarioThreads } from "./scenario-threads/index.js";
import { databaseFile, openDatabase, type Db } from "./storage/database.js";
import { DatabaseDamagedError, isDatabaseDamage } from "./storage/database-error.js";
import { RunStore, type FaultHook } from "./storage/run-store.js";
import { ScenarioStore } from "./storage/scenario-store.js";

/** Options of {@link createApp}. */
export interface AppOptions {
  /** Folder of the SQLite database (created when missing); ":memory:" for a throw-away one. */
  readonly dataDir: string;
  /** Runs at once (default 1). Each has its own worker pool. */
  readonly concurrency?: number;
  /** Runs that may wait (default 8); beyond that, POSTs get 503. */
  readonly queueLimit?: number;
  /** Largest replications × years × schools of a run (default 50,000); beyond it, 422. */
  readonly maxRunSize?: number;
  /** Largest estimated work of a run (see estimateWork in sim/experiment; default 5e9); beyond it, 422. */
  readonly maxRunWork?: number;
  /** Largest JSON body (default "2mb"). */
  readonly bodyLimit?: string;
  /** Deepest nesting of objects and arrays in a JSON body (default 32); deeper bodies get 400. */
  readonly maxJsonDepth?: number;
  /** Host names (Host header, port ignored) the server answers; others get 421 (default: the loopback names). */
  readonly allowedHosts?: readonly string[];
  /** Worker threads per running run (default: cores / concurrency). */
  readonly workersPerRun?: number;
  /**
   * Threads that parse and check scenario text for requests, off the event loop (default
   * min(2, cores)); 0 does it on the event loop.
   */
  readonly scenarioThreads?: number;
  /** The experiment engine; default the experiment layer's worker pools. */
  readonly engine?: Engine;
  /** Where log lines go (default stderr). */
  readonly log?: (line: string) => void;
  /** Test hook inside the result transaction (see RunStore). */
  readonly faultHook?: FaultHook;
  /** Draw charts and reports on a thread of their own (default true; false, or an in-memory database: on the event loop). */
  readonly renderThread?: boolean;
  /** Test hook: the render thread waits for it before each request (see RenderHook). */
  readonly renderHook?: RenderHook;
  /** Chart and report requests the render thread holds at once; beyond it 503 with Retry-After (default 16). */
  readonly renderQueueLimit?: number;
  /** The render thread's heap limit in MB (default 2048): a request that needs more gets 503. */
  readonly renderHeapMb?: number;
}

/** A created app with its parts, and `close()` to stop runs and release the database. */
export interface MhstApp {
  readonly app: Express;
  readonly db: Db;
  readonly runs: RunStore;
  readonly scenarios: ScenarioStore;
  readonly queue: JobQueue;
  /** Runs found queued or running at start (left by a previous process) and marked interrupted. */
  readonly interrupted: number;
  /** Where run results are built and saved, off the event loop (none with an in-memory database). */
  readonly results?: ResultThread;
  /** Where charts and reports are drawn, off the event loop (none with an in-memory database). */
  readonly renders?: RenderThread;
  /** Loads the scenario, run and chart routes now (else the first request that needs them does). */
  preload(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds the dashboard server (see {@link AppOptions}): JSON API under /api, the dashboard page at /, helmet with a CSP
 * that allows only the app's own scripts. Runs go through a bounded job queue onto worker
 * threads; results are kept in SQLite in `dataDir`.
 * @throws DatabaseDamagedError when the database file is damaged or unreadable.
 * @example const { app, close } = createApp({ dataDir: "./data" }); app.listen(3000);
 */
export function createApp(options: AppOptions): MhstApp {
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const concurrency = options.concurrency ?? 1;
  const db = openDatabase(options.dataDir);
  const scenarios = new ScenarioStore(db);
  const runs = new RunStore(db, undefined, options.faultHook);
  let interrupted: number;
  try {
    interrupted = runs.markInterrupted();
  } catch (err) {
    db.close();
    if (isDatabaseDamage(err)) throw new DatabaseDamagedError(databaseFile(options.dataDir), (err as Error).message);
    throw err;
  }
  if (interrupted > 0) log(`mhst: ${interrupted} run(s) left unfinished by the last server are marked interrupted`);
  const queue = new JobQueue(concurrency, options.queueLimit ?? 8);
  const engine = options.engine ?? createExperimentEngine({ slots: concurrency, workersPerSlot: options.workersPerRun });
  // Results are built and saved off the event loop, on a connection of their own (an in-memory
  // database has no second connection: there they are saved on the event loop).
  const results = options.dataDir === ":memory:" ? undefined : new ResultThread(databaseFile(options.dataDir), options.faultHook);
  const renders = options.dataDir === ":memory:" || options.renderThread === false ? undefined : new RenderThread(databaseFile(options.dataDir), { hook: options.renderHook, queueLimit: options.renderQueueLimit, heapMb: options.renderHeapMb });
  const service = new RunService(runs, queue, engine, log, results);
  const threads = new ScenarioThreads({ threads: options.scenarioThreads });

  const app = express();
  app.disable("x-powered-by");
  app.set("query parser", "simple");
  app.use(hostCheck(options.allowedHosts ?? LOOPBACK_HOSTS));
  // A burst of requests with bodies is handled one per turn of the event loop, so that the
  // requests that come in meanwhile are answered between them.
  app.use(bodiesTakeTurns());
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:", "blob:"],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  const api = express.Router();
  const maxDepth = options.maxJsonDepth ?? 32;
  api.use(
    express.json({
      limit: options.bodyLimit ?? "2mb",
      strict: false,
      // Checked on the raw bytes before parsing: a body nested thousands deep is never built.
      verify: (_req, _res, buf) => {
        const depth = jsonDepth(buf, maxDepth);
        if (depth > maxDepth) {
          throw badRequest([{ path: "(body)", value: null, message: `request body: JSON nested more than ${maxDepth} levels deep (objects and arrays); at most ${maxDepth}` }]);
        }
      },
    }),
  );
  api.use(healthRoutes(queue, Date.now()));
  const limits = { maxRunSize: options.maxRunSize ?? 50_000, maxRunWork: options.maxRunWork ?? DEFAULT_MAX_RUN_WORK };
  // The scenario, run and chart routes bring in zod, the scenario loader and the simulator:
  // they load on the first request that needs them, or when `preload` is called, so that the
  // server listens and /api/health answers without waiting for them.
  let routes: Promise<Router> | undefined;
  const loadRoutes = () => (routes ??= import("./api-routes.js").then((m) => m.apiRoutes({ scenarios, runs, service, limits, queue, engine, threads, results, renders })));
  api.use(async (req, res, next) => {
    (await loadRoutes())(req, res, next);
  });
  api.use(notFound);
  app.use("/api", api);
  app.use("/app", express.static(webDir(), { index: false, fallthrough: true }));
  app.use(express.static(publicDir(), { index: "index.html" }));
  app.use(notFound);
  app.use(errorHandler(log, databaseFile(options.dataDir)));

  let closed = false;
  return {
    app,
    db,
    runs,
    scenarios,
    queue,
    interrupted,
    results,
    renders,
    async preload() {
      // The threads start now rather than with the first requests and runs.
      threads.warm();
      results?.warm();
      renders?.warm();
      await loadRoutes();
      // What the first run needs besides the routes, so that it compiles now, not during a burst of requests.
      await Promise.all([import("../sim/experiment/run-parallel.js"), import("../sim/experiment/fairness.js")]);
    },
    async close() {
      if (closed) return;
      closed = true;
      queue.close();
      await Promise.all([engine.close(), threads.close(), results?.close(), renders?.close()]);
      runs.markInterrupted();
      db.close();
    },
  };
}
