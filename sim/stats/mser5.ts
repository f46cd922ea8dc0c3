/**
 * MSER-5 warm-up detection (White 1997; Franklin & White 2008): how many leading
 * observations to delete so that the remaining series has the smallest estimated
 * standard error of its mean.
 *
 * The series is averaged in consecutive batches of 5 (a trailing partial batch is
 * ignored), giving k batch means Z₁..Z_k. For each d, MSER(d) = Σ_{j>d}(Z_j − Z̄_d)² / (k − d)²
 * with Z̄_d the mean of the batches kept; the d minimising it (the smallest on ties) is
 * chosen, searched over d <= ⌊k/2⌋ only, because near the end the statistic rests on a
 * handful of batches and its minimum there is spurious. O(n) time.
 *
 * @param series observations in time order (finite numbers), at least 10 (two batches).
 * @returns `truncate`: observations to drop (a multiple of 5); `batches`: k, the number of
 *   batches of 5 the series held.
 * @throws RangeError `mser5: series length 7 must be >= 10 (two batches of 5)` or
 *   `mser5: series[3] NaN must be a finite number`.
 * @example
 * const { truncate } = mser5(weeklyQueue);
 * const steady = weeklyQueue.slice(truncate);
 */
export function mser5(series: readonly number[]): { truncate: number; batches: number } {
  const k = Math.floor(series.length / 5);
  if (k < 2) throw new RangeError(`mser5: series length ${series.length} must be >= 10 (two batches of 5)`);
  const z = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let sum = 0;
    for (let i = 5 * j; i < 5 * j + 5; i++) {
      if (!Number.isFinite(series[i])) throw new RangeError(`mser5: series[${i}] ${String(series[i])} must be a finite number`);
      sum += series[i];
    }
    z[j] = sum / 5;
  }
  // Welford's update run backwards gives the mean and squared deviation of every suffix
  // z[d..k−1] in one O(k) pass, without the cancellation of Σz² − m·Σz. Walking d downwards
  // with "<=" keeps the smallest d on ties.
  const limit = Math.floor(k / 2);
  let best = 0;
  let bestValue = Infinity;
  let mean = 0;
  let ss = 0;
  for (let d = k - 1; d >= 0; d--) {
    const count = k - d;
    const delta = z[d] - mean;
    mean += delta / count;
    ss += delta * (z[d] - mean);
    if (d <= limit) {
      const value = ss / (count * count);
      if (value <= bestValue) {
        bestValue = value;
        best = d;
      }
    }
  }
  return { truncate: 5 * best, batches: k };
}
