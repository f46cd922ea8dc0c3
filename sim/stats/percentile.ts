/**
 * The p-quantile of sorted data by linear interpolation between order statistics
 * (Hyndman & Fan type 7, the default of R's `quantile` and NumPy's `percentile`):
 * with h = (n − 1)·p, the value x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
 * So p = 0 is the minimum, p = 1 the maximum, p = 0.5 the usual median.
 *
 * Cost O(n): the order is checked (cheap next to the sort that produced it).
 *
 * @param sorted finite numbers in ascending order, at least one.
 * @param p probability in [0, 1] (not per cent).
 * @throws RangeError `percentile: sorted must not be empty`, `percentile: p 95 must lie in [0, 1]`,
 *   `percentile: sorted[3] 2 must be >= sorted[2] 5 (ascending order)`.
 * @example
 * percentile([1, 2, 3, 4], 0.5); // 2.5
 */
export function percentile(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("percentile: sorted must not be empty");
  if (typeof p !== "number" || !(p >= 0 && p <= 1)) throw new RangeError(`percentile: p ${String(p)} must lie in [0, 1]`);
  if (!Number.isFinite(sorted[0])) throw new RangeError(`percentile: sorted[0] ${String(sorted[0])} must be a finite number`);
  for (let i = 1; i < n; i++) {
    if (!Number.isFinite(sorted[i])) throw new RangeError(`percentile: sorted[${i}] ${String(sorted[i])} must be a finite number`);
    if (sorted[i] < sorted[i - 1]) {
      throw new RangeError(`percentile: sorted[${i}] ${sorted[i]} must be >= sorted[${i - 1}] ${sorted[i - 1]} (ascending order)`);
    }
  }
  return interpolate(sorted, p);
}

/**
 * Type-7 interpolation without checks, for callers that own sorted data (e.g. the P²
 * estimator's first five observations). Never throws; garbage in, garbage out.
 *
 * @example
 * interpolate(Float64Array.of(1, 2, 3, 4), 0.5); // 2.5
 */
export function interpolate(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const i = Math.floor(h);
  if (i >= sorted.length - 1) return sorted[sorted.length - 1];
  return sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]);
}
