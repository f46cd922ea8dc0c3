import { tQuantile } from "../stats/index.js";

/** A two-sample interval for mean(b) − mean(a). */
export interface DifferenceInterval {
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
  readonly halfWidth: number;
  /** Degrees of freedom of the t quantile (Welch–Satterthwaite for the unpaired interval). */
  readonly df: number;
}

function meanVar(x: readonly number[]): { mean: number; v: number } {
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  const v = x.reduce((s, y) => s + (y - mean) ** 2, 0) / (x.length - 1);
  return { mean, v };
}

/**
 * Welch's unpaired confidence interval for mean(b) − mean(a): the samples are treated as
 * independent with unequal variances, degrees of freedom by Welch–Satterthwaite. Shown next
 * to the paired interval to make the gain from common random numbers visible.
 *
 * @throws RangeError when either sample has fewer than two values.
 * @example welchInterval([1, 2, 3], [2, 4, 6], 0.95) // mean 2, df ≈ 2.94, halfWidth ≈ 3.9
 */
export function welchInterval(a: readonly number[], b: readonly number[], level = 0.95): DifferenceInterval {
  if (a.length < 2 || b.length < 2) throw new RangeError(`welchInterval: needs two values in each sample, got ${a.length} and ${b.length}`);
  const A = meanVar(a);
  const B = meanVar(b);
  const sa = A.v / a.length;
  const sb = B.v / b.length;
  const se = Math.sqrt(sa + sb);
  const mean = B.mean - A.mean;
  if (se === 0) return { mean, lo: mean, hi: mean, halfWidth: 0, df: a.length + b.length - 2 };
  const df = (sa + sb) ** 2 / (sa ** 2 / (a.length - 1) + sb ** 2 / (b.length - 1));
  const halfWidth = tQuantile(1 - (1 - level) / 2, df) * se;
  return { mean, lo: mean - halfWidth, hi: mean + halfWidth, halfWidth, df };
}
