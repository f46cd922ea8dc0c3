import { availableParallelism } from "node:os";
// The modules themselves, not sim/experiment/index.js: the index also loads the sweep's table library.
import { ExperimentPool } from "../sim/experiment/pool.js";
import { wholeModel } from "./packed-model.js";

import type { ExperimentResult, PrecisionOptions, PrecisionRun, PrecisionTarget, ReplicationRunner, ScopeKind, ScopedModel, WarmupOption } from "../sim/experiment/index.js";
import type { FairnessGroup, GroupMeasures } from "../sim/experiment/fairness.js";
import type { RecordsReducer } from "../sim/experiment/pool-protocol.js";
import type { RunRecords } from "../sim/model/records.js";
import type { ReduceMeta } from "../sim/experiment/reduce.js";
import type { SummarySink } from "../sim/experiment/run-parallel.js";

/** Progress and cancellation hooks of one job. */
export interface EngineHooks {
  readonly signal: AbortSignal;
  progress(done: number, total: number): void;
}

/** Options every experiment shares. */
export interface EngineOptions {
  readonly replications: number;
  readonly seed: number;
  readonly warmup?: WarmupOption;
  /** Scopes to compute KPIs for (default all; the service is always included). */
  readonly scopes?: readonly ScopeKind[];
  /**
   * Receives each replication's full records in replication order (model index as in
   * `models`), for results the KPIs do not hold (per-school measures). Only the local engine
   * sends records; an engine that cannot leaves it uncalled.
   */
  readonly onRecords?: (records: RunRecords, replication: number, modelIndex: number) => void;
  /**
   * School groups of each model whose fairness measures the worker threads compute from each
   * replication's records, given to `onGroupMeasures` in replication order (no records reach
   * the server's event loop). Only the local engine computes them.
   */
  readonly fairnessGroups?: readonly (readonly FairnessGroup[] | undefined)[];
  readonly onGroupMeasures?: (measures: GroupMeasures[], replication: number, modelIndex: number) => void;
  /**
   * A function the worker threads apply to each replication's records (see RecordsReducer in
   * sim/experiment), its value given to `onReduced` in replication order: no records reach the
   * event loop. Only the local engine applies it.
   */
  readonly reduceRecords?: RecordsReducer;
  readonly onReduced?: (value: unknown, replication: number, modelIndex: number) => void;
  /**
   * Replications on demand: `replications` is the first batch, and batches are added until the
   * 95 % half-width of the target's service KPI (for two models, of B − A) is below it, or
   * `maxReps` is reached (see runUntilPrecision in sim/experiment). `onDone` receives where
   * the target stands at the end. A fixed warm-up only.
   */
  readonly precision?: { readonly target: PrecisionTarget; readonly maxReps: number; readonly onDone?: (run: Pick<PrecisionRun, "state" | "replications">) => void };
}

/**
 * What the server asks of the experiment layer. Replications run on worker threads, never on
 * the request thread; the result is the experiment layer's own JSON-serialisable type.
 */
export interface Engine {
  /** R replications of each model under common random numbers, one result per model. */
  experiments(models: readonly ScopedModel[], options: EngineOptions, hooks: EngineHooks): Promise<ExperimentResult[]>;
  /**
   * Optional: as {@link experiments}, each model's replication summaries handed to a sink of
   * the caller's, in replication order, instead of being reduced here (see runExperimentsInto
   * and runUntilPrecisionInto in sim/experiment): the server's result thread reduces them.
   */
  experimentsInto?<R>(models: readonly ScopedModel[], options: EngineOptions, hooks: EngineHooks, sinkOf: SinkOf<R>): Promise<R[]>;
  /** Stops the worker threads. */
  close(): Promise<void>;
}

/**
 * Where model m's summaries go: see runExperimentsInto in sim/experiment. `replications` is
 * null with a precision target (their number is known only at the end).
 */
export type SinkOf<R> = (model: ScopedModel, modelIndex: number, replications: number | null, meta: ReduceMeta) => SummarySink<R>;

/** Options of {@link createExperimentEngine}. */
export interface ExperimentEngineOptions {
  /** Jobs that may run at once; each gets its own pool (a pool runs one experiment at a time). */
  readonly slots: number;
  /** Worker threads per pool; default: the cores shared out between the slots (at least 1). */
  readonly workersPerSlot?: number;
  /** Simulator module URL for the workers (tests point it at a toy); default the compiled sim/model. */
  readonly simulator?: string | URL;
}

/** The module that puts each simulation thread below the event loop (compiled; the test runner runs TypeScript). */
const simulationThreadSetup = (): URL =>
  import.meta.url.endsWith(".ts") ? new URL("../dist/server/simulation-thread-setup.js", import.meta.url) : new URL("./simulation-thread-setup.js", import.meta.url);

/**
 * The production engine: `slots` worker pools of the experiment layer, handed out to jobs one
 * at a time.
 * @example const engine = createExperimentEngine({ slots: 1 });
 */
export function createExperimentEngine(options: ExperimentEngineOptions): Engine {
  const workers = options.workersPerSlot ?? Math.max(1, Math.floor(availableParallelism() / options.slots));
  const free: ExperimentPool[] = Array.from({ length: options.slots }, () => new ExperimentPool({ workers, simulator: options.simulator, threadSetup: simulationThreadSetup() }));
  const all = [...free];
  return {
    async experiments(models, opts, hooks) {
      const pool = free.pop();
      if (!pool) throw new Error("engine: no free worker pool (the job queue allows more jobs than engine slots)");
      try {
        if (hooks.signal.aborted) throw new Error("cancelled");
        // Cancelling the job stops the pool's threads: no replication is scheduled after it.
        return await runOn(pool, models, opts, hooks);
      } finally {
        free.push(pool);
      }
    },
    async experimentsInto(models, opts, hooks, sinkOf) {
      const pool = free.pop();
      if (!pool) throw new Error("engine: no free worker pool (the job queue allows more jobs than engine slots)");
      try {
        if (hooks.signal.aborted) throw new Error("cancelled");
        return await runInto(pool, models, opts, hooks, sinkOf);
      } finally {
        free.push(pool);
      }
    },
    async close() {
      await Promise.all(all.map((p) => p.close()));
    },
  };
}

/** The experiment runner (and the statistics behind it), loaded with the first run rather than at start-up. */
const experimentRunner = () => import("../sim/experiment/run-parallel.js");

/** Precision mode (replications on demand), loaded with the first run that asks for it. */
const precisionRunner = () => import("../sim/experiment/until-precision.js");

/** A job on a runner (a worker pool or the Redis queue): a fixed number of replications, or until a precision. */
async function runOn(runner: ReplicationRunner, models: readonly ScopedModel[], opts: EngineOptions, hooks: EngineHooks): Promise<ExperimentResult[]> {
  if (!opts.precision) {
    const { runExperimentsParallel } = await experimentRunner();
    return runExperimentsParallel(runner, models, runOptions(opts, hooks));
  }
  const { runUntilPrecision } = await precisionRunner();
  return untilPrecision(opts, hooks, (o) => runUntilPrecision(runner, models, o));
}

/** {@link runOn} with the summaries into the caller's sinks. */
async function runInto<R>(runner: ReplicationRunner, models: readonly ScopedModel[], opts: EngineOptions, hooks: EngineHooks, sinkOf: SinkOf<R>): Promise<R[]> {
  if (!opts.precision) {
    const { runExperimentsInto } = await experimentRunner();
    return runExperimentsInto(runner, models, runOptions(opts, hooks), sinkOf);
  }
  const { runUntilPrecisionInto } = await precisionRunner();
  return untilPrecision(opts, hooks, (o) => runUntilPrecisionInto(runner, models, o, (model, m, meta) => sinkOf(model, m, null, meta)));
}

/** Replications until the job's precision target: its options as runUntilPrecision takes them, and the outcome to `onDone`. */
async function untilPrecision<R>(
  opts: EngineOptions,
  hooks: EngineHooks,
  run: (o: PrecisionOptions) => Promise<{ readonly results: R[] } & Pick<PrecisionRun, "state" | "replications">>,
): Promise<R[]> {
  const p = opts.precision!;
  if (opts.warmup === "auto") throw new Error("warmup: auto needs every replication before it can choose; give a number of weeks with a precision target");
  if (opts.reduceRecords) throw new Error("engine: a records reducer is not applied with a precision target");
  const done = await run({
    target: p.target,
    seed: opts.seed,
    initial: opts.replications,
    maxReps: p.maxReps,
    warmup: opts.warmup ?? "none",
    scopes: opts.scopes,
    onRecords: opts.onRecords,
    fairnessGroups: opts.fairnessGroups,
    onGroupMeasures: opts.onGroupMeasures,
    onProgress: (d, total) => hooks.progress(d, total),
    signal: hooks.signal,
  });
  p.onDone?.(done);
  return done.results;
}

/** A job's options and hooks as the experiment runner takes them (both engines). */
function runOptions(opts: Parameters<Engine["experiments"]>[1], hooks: EngineHooks) {
  return {
    replications: opts.replications,
    seed: opts.seed,
    warmup: opts.warmup,
    scopes: opts.scopes,
    onRecords: opts.onRecords,
    fairnessGroups: opts.fairnessGroups,
    onGroupMeasures: opts.onGroupMeasures,
    reduceRecords: opts.reduceRecords,
    onReduced: opts.onReduced,
    onProgress: (done: number, total: number) => hooks.progress(done, total),
    signal: hooks.signal,
  };
}

/** Options of {@link createRedisEngine}. */
export interface RedisEngineOptions {
  /** `redis://host:port[/db]` of the block queue that `mhst worker` processes serve. */
  readonly url: string;
  /** Replications per queued block (default 4). */
  readonly blockSize?: number;
}

/**
 * An engine that runs each job's replications on `mhst worker` processes through the Redis
 * block queue (the server sets it up when REDIS_URL is set). Results equal the local engine's
 * bit for bit; progress arrives through the same hook as the local pools' (the run's SSE
 * stream); cancelling a job takes its blocks not yet started off the queue.
 * @throws (rejects) RedisUrlError when Redis cannot be reached as a job starts; RedisLostError
 *   or BlockFailedError when it breaks down during the job (nothing is saved then).
 * @example const engine = createRedisEngine({ url: process.env.REDIS_URL! });
 */
export function createRedisEngine(options: RedisEngineOptions): Engine {
  return {
    async experiments(models, opts, hooks) {
      if (hooks.signal.aborted) throw new Error("cancelled");
      // Loaded with the first run: BullMQ and its Redis client stay out of the server's start-up.
      const { RedisRunner } = await import("../distributed/index.js");
      const runner = await RedisRunner.connect({ url: options.url, blockSize: options.blockSize });
      try {
        // Records stay on the workers: no per-replication records through Redis. The queue's
        // blocks carry the whole model, so a packed one is unpacked here, on the event loop.
        return await runOn(runner, models.map(wholeModel), { ...opts, onRecords: undefined, fairnessGroups: undefined, onGroupMeasures: undefined, reduceRecords: undefined, onReduced: undefined }, hooks);
      } finally {
        await runner.close();
      }
    },
    async experimentsInto(models, opts, hooks, sinkOf) {
      if (hooks.signal.aborted) throw new Error("cancelled");
      const { RedisRunner } = await import("../distributed/index.js");
      const runner = await RedisRunner.connect({ url: options.url, blockSize: options.blockSize });
      try {
        // The whole model, unpacked here, as above.
        return await runInto(runner, models.map(wholeModel), { ...opts, onRecords: undefined, fairnessGroups: undefined, onGroupMeasures: undefined, reduceRecords: undefined, onReduced: undefined }, hooks, sinkOf);
      } finally {
        await runner.close();
      }
    },
    async close() {},
  };
}
