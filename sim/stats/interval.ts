/**
 * A two-sided confidence interval for a mean: `lo = mean − halfWidth`, `hi = mean + halfWidth`.
 * `n` is the number of (independent) values the interval rests on (replications, pairs or
 * batches) and `sd` their sample standard deviation, in the same units as `mean`.
 * With fewer than 2 values, `sd` is NaN, `halfWidth` is Infinity and `lo`/`hi` are ∓Infinity.
 */
export interface Interval {
  mean: number;
  lo: number;
  hi: number;
  halfWidth: number;
  n: number;
  sd: number;
}
