import { randomUUID } from "node:crypto";
import type { ExperimentResult } from "../sim/experiment/index.js";
import type { Engine, EngineHooks } from "./engine.js";
import { JobQueue, type JobEvent } from "./jobs/job-queue.js";
import type { KpiRow, RunInfo, RunKind, RunStore } from "./storage/run-store.js";

/** A run to start: what it is, and the work that produces its stored result. */
export interface RunSpec<R = unknown> {
  readonly kind: RunKind;
  /** Shown in lists and chart labels ("A vs B" for a comparison). */
  readonly scenarioName: string;
  /** The validated request, stored with the run. */
  readonly request: unknown;
  /** Replications expected in all (for the progress bar; a solver's is an estimate). */
  readonly total: number;
  /** Runs the experiments on the engine (off the main thread) and builds the stored result. */
  readonly execute: (engine: Engine, hooks: EngineHooks) => Promise<{ result: R; kpis: readonly KpiRow[] }>;
}

/**
 * Starts runs on the job queue, keeps their status and progress in the store, and saves each
 * result whole. Route handlers call it; it holds no model or statistics logic.
 */
export class RunService {
  constructor(
    private readonly store: RunStore,
    readonly queue: JobQueue,
    private readonly engine: Engine,
    private readonly log: (msg: string) => void,
  ) {}

  /**
   * Records the run as `queued` and submits it.
   * @throws QueueFullError (nothing recorded) when the queue is full.
   */
  start<R>(spec: RunSpec<R>): RunInfo {
    this.queue.assertRoom();
    const id = randomUUID();
    const info = this.store.create({ id, kind: spec.kind, scenarioName: spec.scenarioName, request: spec.request, total: spec.total });
    const onEvent = (e: JobEvent) => {
      if (e.type === "progress") this.store.setProgress(id, e.done, e.total);
      if (e.type === "finished") {
        this.queue.events.off(id, onEvent);
        // A job cancelled before it started never ran its own bookkeeping.
        if (e.status === "cancelled" && this.store.get(id)?.status === "queued") this.store.markFailed(id, "cancelled", e.error ?? "cancelled");
      }
    };
    this.queue.events.on(id, onEvent);
    this.queue.submit(id, async ({ signal, progress }) => {
      this.store.markRunning(id);
      try {
        const { result, kpis } = await spec.execute(this.engine, { signal, progress });
        this.store.saveResult(id, result, kpis);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.log(`run ${id} failed: ${message}`);
        this.store.markFailed(id, signal.aborted ? "cancelled" : "failed", `the run failed: ${message}`);
        throw err;
      }
    });
    return info;
  }
}

/** KPI rows of an experiment result for the store (`scope` is `service`, `team:<id>` or `cluster:<id>`). */
export function experimentKpiRows(result: ExperimentResult, prefix = ""): KpiRow[] {
  return result.kpis.map((k) => ({ scope: prefix + (k.scope === "service" ? "service" : `${k.scope}:${k.id}`), kpi: k.kpi, mean: k.mean, lo: k.lo, hi: k.hi }));
}
