import { gammaln } from "simple-statistics";
import { nonNegative } from "./check.js";
import type { Sampler } from "./sampler.js";
import type { Stream } from "./stream.js";

/**
 * Poisson counts with the given mean (= variance).
 *
 * Method, exact for any mean: below 10, inversion by sequential search from 0 (one uniform,
 * about mean + 1 steps); from 10 on, Hörmann's PTRS transformed rejection (Insurance: Math.
 * & Econ. 12, 1993; the method NumPy uses), about 1.1–1.3 uniform pairs per draw whatever
 * the mean. The acceptance test needs ln P(X = k); it is computed in a form without
 * cancellation (see {@link logPmf}), so it stays exact even for means of 1e9 and beyond,
 * where −mean + k·ln(mean) − ln k! would lose several digits.
 *
 * @param mean expected count, >= 0 (0 always gives 0).
 * @throws RangeError `poisson: mean -1 must be >= 0`.
 * @example
 * poisson(3.2)(stream); // referrals this week
 */
export function poisson(mean: number): Sampler {
  nonNegative("poisson", "mean", mean);
  return (s) => poissonDraw(mean, s);
}

/**
 * One Poisson count with the given mean from stream `s`: the same numbers as
 * `poisson(mean)(s)`, without building a sampler (for a mean that changes with every draw,
 * such as a school's referrals in a term). The mean is not checked: >= 0 is the caller's rule.
 * Below 10 the draw takes one uniform; from 10 on the PTRS constants are worked out each call
 * (a square root and two logarithms, against the uniform pairs of the draw itself).
 * @example poissonDraw(3.2, stream)
 */
export function poissonDraw(mean: number, s: Stream): number {
  if (mean === 0) return 0;
  if (mean < 10) return inversion(mean, s);
  return ptrs(mean, s);
}

function inversion(mean: number, s: Stream): number {
  let u = s.next();
  let k = 0;
  let p = Math.exp(-mean);
  // The cap only matters if rounding leaves u above the summed pmf; P(X > 200) < 1e-200.
  while (u > p && k < 200) {
    u -= p;
    k++;
    p *= mean / k;
  }
  return k;
}

function ptrs(mean: number, s: Stream): number {
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  const a = -0.059 + 0.02483 * b;
  const logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = s.next() - 0.5;
    const v = s.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= logPmf(k, mean, logMean)) return k;
  }
}

const HALF_LOG_2PI = 0.9189385332046728;

/**
 * ln P(X = k) for X ~ Poisson(mean). For k >= 10, with j = k + 1 and d = j − mean (both
 * exact), Stirling's series for ln k! = ln Γ(j) gives
 *   ln P = d + k·log1p(−d/j) − ½·ln(2πj) − δ(j),   δ(j) = 1/(12j) − 1/(360j³) + 1/(1260j⁵) − 1/(1680j⁷),
 * whose terms are all of order d ≈ √mean instead of mean·ln(mean), so nothing cancels.
 * The truncated series errs by under 1/(1188·11⁹) ≈ 4e-13 at j = 11. Small k use log-gamma
 * directly (no cancellation at that size).
 */
function logPmf(k: number, mean: number, logMean: number): number {
  if (k < 10) return -mean + k * logMean - gammaln(k + 1);
  const j = k + 1;
  const d = j - mean;
  const j2 = 1 / (j * j);
  const delta = (1 / 12 - j2 * (1 / 360 - j2 * (1 / 1260 - j2 / 1680))) / j;
  return d + k * Math.log1p(-d / j) - 0.5 * Math.log(j) - HALF_LOG_2PI - delta;
}
