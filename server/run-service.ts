import { randomUUID } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { ExperimentResult } from "../sim/experiment/index.js";
import type { Engine, EngineHooks } from "./engine.js";
import { JobQueue, type JobEvent } from "./jobs/job-queue.js";
import type { KpiRow, RunInfo, RunKind, RunStatus, RunStore } from "./storage/run-store.js";

/** A run to start: what it is, and the work that produces its stored result. */
export interface RunSpec<R = unknown> {
  readonly kind: RunKind;
  /** Shown in lists and chart labels ("A vs B" for a comparison). */
  readonly scenarioName: string;
  /** The validated request, stored with the run. */
  readonly request: unknown;
  /** Replications expected in all (for the progress bar; a solver's is an estimate). */
  readonly total: number;
  /**
   * Runs the experiments on the engine (off the main thread) and gives the stored result, or
   * a save that builds and writes it elsewhere (the result thread).
   */
  readonly execute: (engine: Engine, hooks: EngineHooks) => Promise<RunOutcome<R>>;
}

/**
 * What a run's work gives: its stored result and KPI rows (saved on the event loop), or a
 * deferred save that builds and saves them itself, off the event loop. `save` rejects when the
 * run is no longer running (nothing saved); `drop` lets go of what it holds.
 */
export type RunOutcome<R = unknown> = { readonly result: R; readonly kpis: readonly KpiRow[] } | { readonly deferred: DeferredSave };

/** A save done off the event loop: see {@link RunOutcome}. */
export interface DeferredSave {
  save(runId: string): Promise<void>;
  drop(): void;
}

/** What {@link RunService.cancel} did: cancelled the run, or found it ended (its status) or missing (null). */
export type CancelOutcome = { readonly cancelled: true; readonly run: RunInfo } | { readonly cancelled: false; readonly status: RunStatus | null };

/** How long a cancel waits for a running job to let go of its worker pool before answering. */
const CANCEL_WAIT_MS = 10_000;

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
    /** The result thread, when results are saved there (its write lock is waited for asynchronously). */
    private readonly writer?: { readonly writing: boolean; whenIdle(): Promise<void> },
  ) {}

  /** Progress of runs held while a result is saved: the latest of each run. */
  private readonly heldProgress = new Map<string, { done: number; total: number }>();

  /**
   * Records the run as `queued` and submits it.
   * @throws QueueFullError (nothing recorded) when the queue is full.
   */
  start<R>(spec: RunSpec<R>): RunInfo {
    this.queue.assertRoom();
    const id = randomUUID();
    const info = this.store.create({ id, kind: spec.kind, scenarioName: spec.scenarioName, request: spec.request, total: spec.total });
    const onEvent = (e: JobEvent) => {
      if (e.type === "progress") this.setProgress(id, e.done, e.total);
      if (e.type === "finished") {
        this.queue.events.off(id, onEvent);
      }
    };
    this.queue.events.on(id, onEvent);
    this.queue.submit(id, async ({ signal, progress }) => {
      await this.whenWritable();
      this.store.markRunning(id);
      try {
        const outcome = await spec.execute(this.engine, { signal, progress });
        // Requests that came in while the result was built are answered before it is saved.
        await nextTurn();
        // A cancel that came as the last replication finished still wins: nothing is saved.
        if (signal.aborted) {
          if ("deferred" in outcome) outcome.deferred.drop();
          throw new Error("cancelled");
        }
        if ("deferred" in outcome) await untilAborted(outcome.deferred.save(id), signal);
        else {
          await this.whenWritable();
          if (signal.aborted) throw new Error("cancelled");
          this.store.saveResult(id, outcome.result, outcome.kpis);
        }
      } catch (err) {
        // A cancel has already set the status; a shutdown leaves the run to be marked interrupted.
        if (signal.aborted) throw err;
        const message = err instanceof Error ? err.message : String(err);
        this.log(`run ${id} failed: ${message}`);
        await this.whenWritable();
        this.store.markFailed(id, "failed", `the run failed: ${message}`);
        throw err;
      }
    });
    return info;
  }

  /**
   * Resolves once the result thread holds no write lock (at once without one), so that a write
   * on the event loop's connection does not wait for a national result's transaction (seconds).
   * Every write on the event loop's connection awaits it and then writes in the same turn: the
   * run service's own, and the route handlers' (create, cancel or delete a run; save, update
   * or delete a scenario).
   */
  whenWritable(): Promise<void> {
    return this.writer?.whenIdle() ?? Promise.resolve();
  }

  /** Records a run's progress, or holds it while the result thread writes (written once it is done). */
  private setProgress(id: string, done: number, total: number): void {
    if (!this.writer?.writing) {
      this.store.setProgress(id, done, total);
      return;
    }
    const first = this.heldProgress.size === 0;
    this.heldProgress.set(id, { done, total });
    if (!first) return;
    void this.writer.whenIdle().then(() => {
      const held = [...this.heldProgress];
      this.heldProgress.clear();
      for (const [run, p] of held) this.store.setProgress(run, p.done, p.total);
    });
  }

  /**
   * Cancels a queued run (it leaves the queue) or a running one (its experiment stops: the
   * worker pool schedules no further replication). The run becomes `cancelled` and keeps no
   * result. For a running run, waits until the job has let go of its pool (at most 10 s).
   * @returns the cancelled run, or `{ cancelled: false, status }` when it has ended (or is missing).
   */
  async cancel(id: string): Promise<CancelOutcome> {
    // A cancel during the save's transaction comes too late: it waits and finds the run done.
    // Before the transaction (while the result is built) it still wins: the status is set
    // here, in this turn, and the transaction (which begins only in a later turn) then finds
    // the run no longer running and saves nothing.
    await this.whenWritable();
    const run = this.store.get(id);
    if (!run) return { cancelled: false, status: null };
    if (run.status !== "queued" && run.status !== "running") return { cancelled: false, status: run.status };
    const finished = new Promise<void>((resolve) => {
      const timer = setTimeout(done, CANCEL_WAIT_MS);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      const onEvent = (e: JobEvent) => {
        if (e.type !== "finished") return;
        this.queue.events.off(id, onEvent);
        done();
      };
      this.queue.events.on(id, onEvent);
    });
    // Status first, so that the job's own bookkeeping and any SSE listener see `cancelled`.
    this.store.markFailed(id, "cancelled", run.status === "queued" ? "cancelled before it started" : "cancelled while running");
    if (this.queue.cancel(id)) await finished;
    else this.queue.events.emit(id, { type: "finished", status: "cancelled" } satisfies JobEvent);
    return { cancelled: true, run: this.store.get(id)! };
  }
}

/**
 * `work`, or a rejection ("cancelled") as soon as `signal` aborts: a cancelled run's job ends
 * without waiting for the result thread to finish building a result it will not save.
 */
function untilAborted(work: Promise<void>, signal: AbortSignal): Promise<void> {
  // The save's own answer may come after the abort: it is not an unhandled rejection.
  work.catch(() => {});
  if (signal.aborted) return Promise.reject(new Error("cancelled"));
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(new Error("cancelled"));
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** KPI rows of an experiment result for the store (`scope` is `service`, `team:<id>` or `cluster:<id>`). */
export function experimentKpiRows(result: ExperimentResult, prefix = ""): KpiRow[] {
  return result.kpis.map((k) => ({ scope: prefix + (k.scope === "service" ? "service" : `${k.scope}:${k.id}`), kpi: k.kpi, mean: k.mean, lo: k.lo, hi: k.hi }));
}
