/**
 * Confidence intervals for the estimators of a calibration: a Poisson count, a binomial share,
 * a mean, and a ratio of sums over independent cases. Each returns [lo, hi] at `level`.
 */

import { normalQuantile } from "../random/index.js";
import { confidenceInterval } from "../stats/index.js";

const z = (level: number) => normalQuantile(1 - (1 - level) / 2);

/**
 * Interval for the mean of a Poisson count x, by Byar's approximation to the exact
 * (chi-square) limits; within 1 % of them for x >= 5.
 * @example poissonInterval(100) // [81.4, 121.6]
 */
export function poissonInterval(x: number, level = 0.95): [number, number] {
  const q = z(level);
  const lo = x === 0 ? 0 : x * (1 - 1 / (9 * x) - q / (3 * Math.sqrt(x))) ** 3;
  const y = x + 1;
  const hi = y * (1 - 1 / (9 * y) + q / (3 * Math.sqrt(y))) ** 3;
  return [Math.max(0, lo), hi];
}

/**
 * Wilson score interval for a share k of n (good coverage at small n and near 0 or 1).
 * @throws RangeError when n < 1.
 * @example wilsonInterval(30, 100) // [0.219, 0.396]
 */
export function wilsonInterval(k: number, n: number, level = 0.95): [number, number] {
  if (!(n >= 1)) throw new RangeError(`wilsonInterval: n ${n} must be >= 1`);
  const q = z(level);
  const p = k / n;
  const d = 1 + (q * q) / n;
  const c = (p + (q * q) / (2 * n)) / d;
  const h = (q * Math.sqrt((p * (1 - p)) / n + (q * q) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}

/**
 * Student-t interval for a mean of independent values (at least two).
 * @example meanInterval([5, 6, 7]) // [3.52, 8.48]
 */
export function meanInterval(values: readonly number[], level = 0.95): [number, number] {
  const ci = confidenceInterval(values, level);
  return ci.halfWidth === 0 || Number.isFinite(ci.halfWidth) ? [ci.lo, ci.hi] : [-Infinity, Infinity];
}

/**
 * Interval for a ratio of sums Σy/Σx over independent cases (say DNAs over booked sessions),
 * by the delta method with the cases as clusters, so that cases with many sessions do not
 * pass for many independent trials.
 * @throws RangeError when Σx is 0 or there are fewer than two cases.
 * @example ratioInterval([1, 0, 2], [7, 6, 9]) // ratio 3/22 with its interval
 */
export function ratioInterval(y: readonly number[], x: readonly number[], level = 0.95): [number, number] {
  const n = y.length;
  const sx = x.reduce((a, b) => a + b, 0);
  if (n < 2 || !(sx > 0)) throw new RangeError(`ratioInterval: needs two cases and a positive denominator, got ${n} and ${sx}`);
  const r = y.reduce((a, b) => a + b, 0) / sx;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (y[i] - r * x[i]) ** 2;
  const se = Math.sqrt((ss * n) / (n - 1)) / sx;
  const h = z(level) * se;
  return [Math.max(0, r - h), Math.min(1, r + h)];
}
