import { intervalOf } from "./confidence-interval.js";
import type { Interval } from "./interval.js";

/**
 * Confidence interval for the steady-state mean of one long, autocorrelated output series
 * (e.g. weekly waiting-list length after warm-up) by non-overlapping batch means: the series
 * is cut into `batches` equal consecutive batches whose means are nearly independent when
 * batches are long compared with the autocorrelation, and a t interval is formed from them.
 * When the length is not a multiple of `batches`, the leftover (length mod batches)
 * observations are dropped from the START, the end nearest any remaining initial bias.
 *
 * The result's `n` is the number of batches and `sd` the sd of the batch means; `mean` is the
 * mean of the observations used.
 *
 * @param series observations in time order (finite numbers), at least `batches` of them.
 * @param batches number of batches, an integer >= 2 (default 20; 10–30 is usual).
 * @param level confidence level in (0, 1), default 0.95.
 * @throws RangeError `batchMeans: batches 1 must be an integer >= 2`,
 *   `batchMeans: series length 5 must be >= batches 20`, or as confidenceInterval.
 * @example
 * batchMeans(weeklyQueue.slice(mser5(weeklyQueue).truncate));
 */
export function batchMeans(series: readonly number[], batches = 20, level = 0.95): Interval {
  if (typeof batches !== "number" || !Number.isSafeInteger(batches) || batches < 2) {
    throw new RangeError(`batchMeans: batches ${String(batches)} must be an integer >= 2`);
  }
  if (series.length < batches) throw new RangeError(`batchMeans: series length ${series.length} must be >= batches ${batches}`);
  const size = Math.floor(series.length / batches);
  const skip = series.length - size * batches;
  const means = new Array<number>(batches);
  for (let j = 0; j < batches; j++) {
    let sum = 0;
    const from = skip + j * size;
    for (let i = from; i < from + size; i++) {
      if (!Number.isFinite(series[i])) throw new RangeError(`batchMeans: series[${i}] ${String(series[i])} must be a finite number`);
      sum += series[i];
    }
    means[j] = sum / size;
  }
  return intervalOf("batchMeans", means, level);
}
