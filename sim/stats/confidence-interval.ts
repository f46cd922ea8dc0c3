import { mean, sampleStandardDeviation } from "simple-statistics";
import type { Interval } from "./interval.js";
import { tQuantile } from "./t-quantile.js";

/**
 * Student-t confidence interval for the mean of independent, roughly normal values
 * (e.g. one output per replication): mean ± t(1 − (1−level)/2, n−1)·sd/√n.
 * Mean and sd come from simple-statistics. With one value the interval is unbounded
 * (halfWidth Infinity, sd NaN) rather than NaN, so "is the interval narrow enough?"
 * checks fail safe.
 *
 * @param samples finite values, at least one.
 * @param level confidence level in (0, 1), default 0.95.
 * @throws RangeError `confidenceInterval: samples must not be empty`,
 *   `confidenceInterval: level 95 must lie in (0, 1)`, `confidenceInterval: samples[2] NaN must be a finite number`.
 * @example
 * confidenceInterval([10, 12, 11, 13]); // { mean: 11.5, halfWidth: 2.05…, n: 4, … }
 */
export function confidenceInterval(samples: readonly number[], level = 0.95): Interval {
  return intervalOf("confidenceInterval", samples, level);
}

/**
 * {@link confidenceInterval} with the caller's name in error messages, for the other
 * interval functions of this folder.
 *
 * @throws RangeError as confidenceInterval, prefixed with `fn`.
 * @example
 * intervalOf("batchMeans", means, 0.95);
 */
export function intervalOf(fn: string, samples: readonly number[], level: number): Interval {
  if (typeof level !== "number" || !(level > 0 && level < 1)) {
    throw new RangeError(`${fn}: level ${String(level)} must lie in (0, 1)`);
  }
  const n = samples.length;
  if (n === 0) throw new RangeError(`${fn}: samples must not be empty`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(samples[i])) throw new RangeError(`${fn}: samples[${i}] ${String(samples[i])} must be a finite number`);
  }
  const m = mean(samples as number[]);
  if (n < 2) return { mean: m, lo: -Infinity, hi: Infinity, halfWidth: Infinity, n, sd: NaN };
  const sd = sampleStandardDeviation(samples as number[]);
  const halfWidth = (tQuantile(1 - (1 - level) / 2, n - 1) * sd) / Math.sqrt(n);
  return { mean: m, lo: m - halfWidth, hi: m + halfWidth, halfWidth, n, sd };
}
