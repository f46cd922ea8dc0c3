/**
 * Output analysis for simulation results: streaming accumulators (mean and variance,
 * time averages, quantiles) that run inside a replication in O(1) memory, and free
 * functions over finished outputs (t intervals across replications, paired comparisons,
 * batch means and MSER-5 warm-up for one long run, percentiles). Pure functions of
 * readonly data; no I/O.
 */
export { RunningStats } from "./running-stats.js";
export { TimeWeighted } from "./time-weighted.js";
export { StreamingQuantile } from "./streaming-quantile.js";
export type { Interval } from "./interval.js";
export { confidenceInterval } from "./confidence-interval.js";
export { tQuantile } from "./t-quantile.js";
export { pairedDifference } from "./paired-difference.js";
export { batchMeans } from "./batch-means.js";
export { mser5 } from "./mser5.js";
export { percentile } from "./percentile.js";
export { incompleteBeta } from "./incomplete-beta.js";
