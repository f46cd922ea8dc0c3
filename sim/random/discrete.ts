import type { Sampler } from "./sampler.js";

/**
 * A finite discrete distribution: `values[i]` with probability `weights[i] / Σ weights`.
 *
 * Method: cumulative weights and binary search (one uniform, O(log n) comparisons; for the
 * handful of values a scenario uses this is as fast as the alias method, and it is exact to
 * the stream's 2^-32 resolution whatever n). A zero-weight value is never drawn.
 *
 * @param values the outcomes (finite numbers; repeats allowed).
 * @param weights relative weights, same length, each finite and >= 0, not all 0. Copied.
 * @throws RangeError e.g. `discrete: values (3) and weights (2) must have the same length`,
 *   `discrete: values must not be empty`, `discrete: weights[1] -1 must be >= 0`,
 *   `discrete: weights must not all be 0`, `discrete: values[0] NaN must be a finite number`.
 * @example
 * discrete([6, 8], [3, 1])(stream); // 6 three times as often as 8
 */
export function discrete(values: readonly number[], weights: readonly number[]): Sampler {
  if (values.length !== weights.length) {
    throw new RangeError(`discrete: values (${values.length}) and weights (${weights.length}) must have the same length`);
  }
  if (values.length === 0) throw new RangeError("discrete: values must not be empty");
  const n = values.length;
  const outcomes = new Float64Array(n);
  const cumulative = new Float64Array(n);
  let total = 0;
  let last = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const w = weights[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`discrete: values[${i}] ${String(v)} must be a finite number`);
    }
    if (typeof w !== "number" || !Number.isFinite(w)) {
      throw new RangeError(`discrete: weights[${i}] ${String(w)} must be a finite number`);
    }
    if (!(w >= 0)) throw new RangeError(`discrete: weights[${i}] ${w} must be >= 0`);
    outcomes[i] = v;
    total += w;
    cumulative[i] = total;
    if (w > 0) last = i;
  }
  if (!(total > 0)) throw new RangeError("discrete: weights must not all be 0");
  if (n === 1) {
    // Still one uniform, so that a one-value list draws exactly as many numbers as a longer
    // one and the rest of the stream stays aligned (common random numbers across relabels).
    const only = outcomes[0];
    return (s) => (s.next(), only);
  }
  return (s) => {
    const target = s.next() * total;
    // First index whose cumulative weight exceeds target: zero-weight entries repeat the
    // previous cumulative value, so the strict comparison never lands on them.
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return outcomes[lo];
  };
}
