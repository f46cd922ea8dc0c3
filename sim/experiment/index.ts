/**
 * Experiments over the MHST model: replications with confidence intervals and weekly bands,
 * warm-up (none, fixed or MSER-5), paired comparisons under common random numbers, parameter
 * sweeps, a capacity solver, and a worker-thread pool that gives the same answers for any
 * number of threads.
 */
export {
  SCOPE_KINDS,
  SERVICE_ID,
  WEEKLY_FIELDS,
  type ExperimentOptions,
  type ExperimentResult,
  type KpiRow,
  type PackedHistogram,
  type PackedKpis,
  type PackedReplicationSummary,
  type PackedWeekly,
  type ReplicationSummary,
  type ScopeKind,
  type ScopedModel,
  type Simulator,
  type WarmupMode,
  type WaitHistogramRow,
  type WarmupOption,
  type WeeklyField,
  type WeeklyRow,
} from "./types.js";
export { clusterKey, dropWarmup, horizonWeeks, packSummary, summariseReplication, summaryKpi, teamKey } from "./summarise-replication.js";
export { ExperimentAccumulator, reduceReplications, type ReduceMeta } from "./reduce.js";
export { narrowCounts, type CountArray } from "./narrow-counts.js";
export { summariseValues } from "./summarise-values.js";
export { autoWarmup, checkWarmupFits, checkWarmupOption, fixedWarmup, type Warmup } from "./warmup.js";
export { resolveOptions, runExperiment, type ResolvedOptions } from "./run-experiment.js";
export { ExperimentPool, abortReason, defaultSimulatorUrl, serialiseUnshared, withModelBytes, workerScriptUrl, type PoolJob, type PoolOptions, type PoolResult } from "./pool.js";
export type { ReplicationRunner } from "./replication-runner.js";
export { modelSimulator } from "./model-simulator.js";
export { runExperimentParallel, runExperimentsParallel, type ParallelOptions } from "./run-parallel.js";
export { compareResults, type ComparisonRow } from "./compare.js";
export { welchInterval, type DifferenceInterval } from "./welch-interval.js";
export { checkTargetRange, DEFAULT_TARGET_KPI, formatTarget, higherIsBetter, meetsTarget, parseTarget, type Target } from "./target.js";
export { solveCapacity, valueGrid, verifySeedOf, type CurvePoint, type SolveOptions, type SolveResult } from "./solve.js";
export { pointOverrides, sweepGrid, sweepTable, type SweepParam, type SweepPoint } from "./sweep.js";
export { checkWork, DEFAULT_MAX_RUN_WORK, estimateWork, roughly, type WorkEstimate } from "./work-estimate.js";
export { dayRangeIssues, MAX_DAY, type DayRangeIssue } from "./day-range.js";
export { nextBatch, parsePrecision, precisionOf, runUntilPrecision, runUntilPrecisionInto, type PrecisionOptions, type PrecisionSinkOf, type PrecisionRun, type PrecisionState, type PrecisionTarget } from "./until-precision.js";
export * from "./sensitivity/index.js";
