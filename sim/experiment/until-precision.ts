/**
 * Replications on demand (the confidence-interval method of simulation output analysis): run
 * replications in batches until the 95 % half-width of one service KPI (or, for two models, of
 * the paired difference B − A) is below a target, absolute or relative to the mean, or a cap is
 * reached. Replication r still draws from (seed, r), so the result equals a plain run with the
 * same number of replications, bit for bit.
 */

import { confidenceInterval } from "../stats/index.js";
import type { PoolJob } from "./pool.js";
import { reduceReplications, type ReduceMeta } from "./reduce.js";
import type { SummarySink } from "./run-parallel.js";
import { summaryKpi } from "./summarise-replication.js";
import { resolveOptions } from "./run-experiment.js";
import { fixedWarmup } from "./warmup.js";
import type { ReplicationRunner } from "./replication-runner.js";
import { SERVICE_ID, type ExperimentResult, type PackedReplicationSummary, type ReplicationSummary, type ScopeKind, type ScopedModel } from "./types.js";
import type { RunRecords } from "../model/records.js";
import type { FairnessGroup, GroupMeasures } from "./fairness.js";

/** A precision target: the half-width of `kpi` below `value`, or below `value` × |mean| when relative. */
export interface PrecisionTarget {
  readonly kpi: string;
  readonly value: number;
  readonly relative: boolean;
}

/**
 * Parses a precision: `0.05` (absolute, in the KPI's units) or `5%` (relative to the mean).
 * @throws RangeError `precision: "x" must be a number > 0, or a percentage such as 5%`.
 * @example parsePrecision("5%") // { value: 0.05, relative: true }
 */
export function parsePrecision(raw: string): { value: number; relative: boolean } {
  const relative = raw.trim().endsWith("%");
  const v = Number(relative ? raw.trim().slice(0, -1) : raw);
  if (raw.trim() === "" || !Number.isFinite(v) || !(v > 0)) throw new RangeError(`precision: ${JSON.stringify(raw)} must be a number > 0, or a percentage such as 5%`);
  return { value: relative ? v / 100 : v, relative };
}

/** Where a sample stands against a target: its mean, half-width, n and whether the target is met. */
export interface PrecisionState {
  readonly mean: number | null;
  readonly halfWidth: number | null;
  readonly n: number;
  readonly met: boolean;
  /** The half-width the target asks for (relative targets: at the current mean). */
  readonly wanted: number | null;
}

/**
 * The half-width of a sample's mean (nulls left out) against a target.
 * @example precisionOf([1, 2, 3, 4], { kpi: "x", value: 2, relative: false }).met // true
 */
export function precisionOf(values: readonly (number | null)[], target: PrecisionTarget, level = 0.95): PrecisionState {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length < 2) return { mean: finite[0] ?? null, halfWidth: null, n: finite.length, met: false, wanted: null };
  const ci = confidenceInterval(finite, level);
  const wanted = target.relative ? target.value * Math.abs(ci.mean) : target.value;
  return { mean: ci.mean, halfWidth: ci.halfWidth, n: finite.length, met: ci.halfWidth < wanted, wanted };
}

/** Options of {@link runUntilPrecision}. */
export interface PrecisionOptions {
  readonly target: PrecisionTarget;
  readonly seed: number;
  /** Replications of the first batch (at least 2). */
  readonly initial: number;
  /** Most replications in all. */
  readonly maxReps: number;
  /** A fixed warm-up (the automatic one needs every replication first). Default none. */
  readonly warmup?: "none" | number;
  readonly scopes?: readonly ScopeKind[];
  readonly level?: number;
  /** Called after each replication's result, in order (model index, replication). */
  readonly onRecords?: (records: RunRecords, replication: number, modelIndex: number) => void;
  /**
   * School groups (see fairnessGroups in fairness.ts) of each model, by model index: each
   * replication's fairness measures of them are computed on the worker thread, where the
   * records are, and given to `onGroupMeasures` in order. Unlike `onRecords`, no
   * records cross to the calling thread.
   */
  readonly fairnessGroups?: readonly (readonly FairnessGroup[] | undefined)[];
  /** Receives each replication's measures of its model's `fairnessGroups`. */
  readonly onGroupMeasures?: (measures: GroupMeasures[], replication: number, modelIndex: number) => void;
  /** Called after each batch with the replications so far and where the target stands. */
  readonly onBatch?: (n: number, state: PrecisionState) => void;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/** What {@link runUntilPrecision} returns: one result per model, and where the target stands at the end. */
export interface PrecisionRun {
  readonly results: ExperimentResult[];
  readonly state: PrecisionState;
  readonly replications: number;
}

/**
 * The next batch: enough replications for the half-width to shrink to the target if it falls
 * as 1/√n, at least 5 (or what the cap leaves), and never more than the replications so far.
 */
export function nextBatch(n: number, state: PrecisionState, maxReps: number): number {
  const left = maxReps - n;
  if (left <= 0) return 0;
  let need = 5;
  if (state.halfWidth !== null && state.wanted !== null && state.wanted > 0) need = Math.ceil(n * (state.halfWidth / state.wanted) ** 2) - n;
  return Math.min(left, n, Math.max(5, need));
}

/**
 * Runs replications of one model (a target on its service KPI) or two (a target on the paired
 * difference B − A, replication by replication) in batches until the target is met or
 * `maxReps` is reached.
 * @throws RangeError on bad options; rejects as the runner does.
 * @example const { results, replications } = await runUntilPrecision(pool, [model], { target, seed: 1, initial: 20, maxReps: 500 });
 */
export async function runUntilPrecision(runner: ReplicationRunner, models: readonly ScopedModel[], o: PrecisionOptions): Promise<PrecisionRun> {
  return runUntilPrecisionInto(runner, models, o, (model, _m, meta) => {
    const summaries: (ReplicationSummary | PackedReplicationSummary)[] = [];
    return { add: (s) => void summaries.push(s), result: () => reduceReplications(model, summaries, meta) };
  });
}

/**
 * Where model m's summaries go in {@link runUntilPrecisionInto}: they come in replication
 * order, their number known only at the end (`result`).
 */
export type PrecisionSinkOf<R> = (model: ScopedModel, modelIndex: number, meta: ReduceMeta) => SummarySink<R>;

/**
 * {@link runUntilPrecision} with each model's summaries handed to a sink of the caller's, in
 * replication order, instead of being kept and reduced on this thread: for instance one that
 * posts them to another thread, which reduces them there. Only the target KPI's value of each
 * replication is kept here, read before the summary is given (a sink may transfer its
 * buffers). A sink that keeps the summaries and reduces them with `reduceReplications` gives
 * {@link runUntilPrecision}'s result bit for bit.
 * @throws as {@link runUntilPrecision}; rejects with whatever a sink throws.
 */
export async function runUntilPrecisionInto<R>(
  runner: ReplicationRunner,
  models: readonly ScopedModel[],
  o: PrecisionOptions,
  sinkOf: PrecisionSinkOf<R>,
): Promise<{ readonly results: R[]; readonly state: PrecisionState; readonly replications: number }> {
  if (models.length < 1 || models.length > 2) throw new RangeError(`runUntilPrecision: ${models.length} models; give one or two`);
  if (!Number.isInteger(o.initial) || o.initial < 2) throw new RangeError(`replications: ${o.initial} must be at least 2 to estimate a half-width`);
  if (!Number.isInteger(o.maxReps) || o.maxReps < o.initial) throw new RangeError(`max-reps: ${o.maxReps} must be a whole number >= the first batch (${o.initial})`);
  const { scopes, level } = resolveOptions({ replications: o.initial, seed: o.seed, level: o.level, scopes: o.scopes, warmup: o.warmup });
  const warmup = fixedWarmup(o.warmup ?? "none");
  const sinks = models.map((model, m) => sinkOf(model, m, { seed: o.seed, level, warmup, scopes }));
  const kpi: (number | null)[][] = models.map(() => []);
  const sample = (): (number | null)[] => {
    if (models.length === 1) return kpi[0];
    const a = kpi[0];
    return kpi[1].map((b, r) => (b === null || a[r] === null ? null : b - a[r]!));
  };
  let n = 0;
  let batch = o.initial;
  let state: PrecisionState = { mean: null, halfWidth: null, n: 0, met: false, wanted: null };
  while (batch > 0) {
    const from = n;
    const jobs: PoolJob[] = models.flatMap((model, m) =>
      Array.from({ length: batch }, (_, k) => ({
        model,
        seed: o.seed,
        replication: from + k,
        kind: "summary" as const,
        warmupWeeks: warmup.weeks,
        scopes,
        keepRecords: o.onRecords !== undefined,
        ...(o.fairnessGroups?.[m] ? { groups: o.fairnessGroups[m] } : {}),
      })),
    );
    // Results come model by model (all of A's batch, then B's), each in replication order.
    await runner.run(
      jobs,
      (res, i) => {
        const m = Math.floor(i / batch);
        if (!res.summary) throw new Error("runUntilPrecision: worker sent no summary");
        kpi[m].push(summaryKpi(res.summary, SERVICE_ID, o.target.kpi) ?? null);
        sinks[m].add(res.summary);
        if (res.records && o.onRecords) o.onRecords(res.records, from + (i % batch), m);
        if (res.groupMeasures && o.onGroupMeasures) o.onGroupMeasures(res.groupMeasures, from + (i % batch), m);
      },
      (done) => o.onProgress?.(from * models.length + done, (from + batch) * models.length),
      o.signal,
    );
    n += batch;
    state = precisionOf(sample(), o.target, level);
    o.onBatch?.(n, state);
    batch = state.met ? 0 : nextBatch(n, state, o.maxReps);
  }
  const results: R[] = [];
  for (const sink of sinks) results.push(await sink.result());
  return { results, state, replications: n };
}
