import type { RunRecords } from "../model/records.js";
import type { FairnessGroup, GroupMeasures } from "./fairness.js";
import type { PoolJob } from "./pool.js";
import type { RecordsReducer } from "./pool-protocol.js";
import type { ReplicationRunner } from "./replication-runner.js";
import { ExperimentAccumulator, type ReduceMeta } from "./reduce.js";
import { resolveOptions } from "./run-experiment.js";
import type { ExperimentOptions, ExperimentResult, PackedReplicationSummary, ReplicationSummary, ScopedModel } from "./types.js";
import { autoWarmup, fixedWarmup, type Warmup } from "./warmup.js";

/** Options of a parallel experiment. */
export interface ParallelOptions extends ExperimentOptions {
  /** Called after each finished replication (pilot runs of the automatic warm-up included). */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Receives each replication's full records, in replication order (model index first when
   * several models run). Only when given do workers send records back; memory then grows with
   * the records of the replications that finish out of turn.
   */
  readonly onRecords?: (records: RunRecords, replication: number, modelIndex: number) => void;
  /**
   * School groups (see fairnessGroups in fairness.ts) of each model, by model index: each
   * replication's fairness measures of them are computed on the worker thread, where the
   * records are, and given to `onGroupMeasures` in replication order. Unlike `onRecords`, no
   * records cross to the calling thread.
   */
  readonly fairnessGroups?: readonly (readonly FairnessGroup[] | undefined)[];
  /** Receives each replication's measures of its model's `fairnessGroups`. */
  readonly onGroupMeasures?: (measures: GroupMeasures[], replication: number, modelIndex: number) => void;
  /**
   * A function the worker threads apply to each replication's records (see RecordsReducer),
   * its value given to `onReduced` in replication order: what `onRecords` would compute from
   * the records, without the records crossing to the calling thread.
   */
  readonly reduceRecords?: RecordsReducer;
  /** Receives what `reduceRecords` gave for each replication. */
  readonly onReduced?: (value: unknown, replication: number, modelIndex: number) => void;
  /**
   * Cancels the experiment: once aborted, no further replication is dispatched, the pool's
   * threads stop, no callback runs again and the promise rejects with the signal's reason.
   * Nothing partial is returned. A signal that never aborts changes nothing in the result.
   */
  readonly signal?: AbortSignal;
}

/**
 * Runs R replications of each model on the pool (or any {@link ReplicationRunner}), sweep
 * points and replications all at once,
 * and summarises each model. The result equals {@link runExperiment}'s for the same options,
 * whatever the number of workers: replication r always uses (seed, r), and results are
 * reduced in replication order.
 *
 * @throws RangeError on bad options; rejects when a replication fails in a worker, and with the
 *   signal's reason when `options.signal` aborts (see {@link ParallelOptions.signal}).
 * @example const [a, b] = await runExperimentsParallel(pool, [modelA, modelB], { replications: 50, seed: 7 });
 */
export async function runExperimentsParallel(
  pool: ReplicationRunner,
  models: readonly ScopedModel[],
  options: ParallelOptions,
): Promise<ExperimentResult[]> {
  return runExperimentsInto(pool, models, options, (model, _m, replications, meta) => new ExperimentAccumulator(model, replications, meta));
}

/**
 * Where one model's replication summaries go, in replication order, and what it gives for
 * them at the end. {@link ExperimentAccumulator} is one (its result is the experiment's).
 */
export interface SummarySink<R> {
  add(summary: ReplicationSummary | PackedReplicationSummary): void;
  result(): R | Promise<R>;
}

/**
 * {@link runExperimentsParallel} with each model's summaries handed to a sink of the caller's
 * (`sinkOf(model, modelIndex, replications, meta)`) instead of an accumulator on this thread:
 * for instance one that posts them to another thread, which reduces them there. A summary's
 * buffers belong to the sink once given (it may transfer them). The sinks see the same
 * summaries in the same order as the accumulators of {@link runExperimentsParallel} would, so a
 * sink that is an {@link ExperimentAccumulator} gives the same result bit for bit.
 *
 * @throws as {@link runExperimentsParallel}; rejects with whatever a sink throws.
 * @example const [n] = await runExperimentsInto(pool, [model], { replications: 2 }, () => ({ add() {}, result: () => 1 }));
 */
export async function runExperimentsInto<R>(
  pool: ReplicationRunner,
  models: readonly ScopedModel[],
  options: ParallelOptions,
  sinkOf: (model: ScopedModel, modelIndex: number, replications: number, meta: ReduceMeta) => SummarySink<R>,
): Promise<R[]> {
  const o = resolveOptions(options);
  const reps = o.replications;
  const total = models.length * reps * (o.warmup === "auto" ? 2 : 1);
  let offset = 0;
  const progress = (done: number) => options.onProgress?.(offset + done, total);
  const jobsFor = (kind: PoolJob["kind"], warmups: readonly Warmup[]): PoolJob[] =>
    models.flatMap((model, m) =>
      Array.from({ length: reps }, (_, r) => ({
        model,
        seed: o.seed,
        replication: r,
        kind,
        warmupWeeks: warmups[m]?.weeks ?? 0,
        scopes: o.scopes,
        keepRecords: kind === "summary" && options.onRecords !== undefined,
        ...(kind === "summary" && options.fairnessGroups?.[m] ? { groups: options.fairnessGroups[m] } : {}),
        ...(kind === "summary" && options.reduceRecords ? { reduce: options.reduceRecords } : {}),
      })),
    );

  let warmups: Warmup[];
  if (o.warmup === "auto") {
    const series: number[][][] = models.map(() => []);
    await pool.run(jobsFor("pilot", []), (res, i) => void series[Math.floor(i / reps)].push(res.waitlist ?? []), progress, options.signal);
    offset += models.length * reps;
    warmups = series.map((s) => autoWarmup(s));
  } else {
    warmups = models.map(() => fixedWarmup(o.warmup as "none" | number));
  }

  // Results arrive in job order (model by model, replication by replication), so each
  // accumulator sees its replications in order and holds no records.
  const accumulators = models.map((model, m) => sinkOf(model, m, reps, { seed: o.seed, level: o.level, warmup: warmups[m], scopes: o.scopes }));
  await pool.run(
    jobsFor("summary", warmups),
    (res, i) => {
      const m = Math.floor(i / reps);
      if (!res.summary) throw new Error("runExperimentsParallel: worker sent no summary");
      accumulators[m].add(res.summary);
      if (res.records && options.onRecords) options.onRecords(res.records, i % reps, m);
      if (res.groupMeasures && options.onGroupMeasures) options.onGroupMeasures(res.groupMeasures, i % reps, m);
      if (res.reduced !== undefined && options.onReduced) options.onReduced(res.reduced, i % reps, m);
    },
    progress,
    options.signal,
  );
  return Promise.all(accumulators.map((acc) => acc.result()));
}

/**
 * Runs R replications of one model on the pool; see {@link runExperimentsParallel}.
 * @example const result = await runExperimentParallel(pool, model, { replications: 100, seed: 1 });
 */
export async function runExperimentParallel(pool: ReplicationRunner, model: ScopedModel, options: ParallelOptions): Promise<ExperimentResult> {
  const [result] = await runExperimentsParallel(pool, [model], options);
  return result;
}
