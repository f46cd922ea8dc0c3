/** Test helpers: sample moments and tolerances derived from the sample size. */
import type { Sampler, Stream } from "../../sim/random/index.js";

export interface Moments {
  mean: number;
  variance: number;
}

/** Mean and sample variance (two-pass) of n draws. */
export function sampleMoments(draw: Sampler, s: Stream, n: number): Moments & { values: Float64Array } {
  const values = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    values[i] = draw(s);
    sum += values[i];
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return { mean, variance: ss / (n - 1), values };
}

/**
 * 5-sd tolerances. The sample mean has sd σ/√n (CLT); the sample variance has sd
 * σ²·√((κ − 1)/n) to first order, κ = μ₄/σ⁴ the kurtosis. A 5-sd band is exceeded by chance
 * with probability about 6e-7 per check.
 */
export function tolerances(variance: number, kurtosis: number, n: number): { mean: number; variance: number } {
  return { mean: 5 * Math.sqrt(variance / n), variance: 5 * variance * Math.sqrt((kurtosis - 1) / n) };
}

/** Simpson's rule on [a, b] with m (even) intervals. */
export function simpson(f: (x: number) => number, a: number, b: number, m = 20_000): number {
  const h = (b - a) / m;
  let sum = f(a) + f(b);
  for (let i = 1; i < m; i++) sum += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

/** Kolmogorov–Smirnov statistic D = sup |F_n(x) − F(x)| of the draws against the CDF F. */
export function ksStatistic(values: Float64Array, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/** KS critical value at level 0.001 for large n: the Kolmogorov quantile 1.9495 over √n. */
export const ksCritical = (n: number): number => 1.9495 / Math.sqrt(n);

/**
 * Pearson chi-square statistic of integer draws against a pmf, bins merged so that each
 * expects at least 20 counts (tails folded into the end bins).
 */
export function chiSquare(values: Float64Array, pmf: (k: number) => number, maxK: number): { stat: number; df: number } {
  const n = values.length;
  const counts = new Float64Array(maxK + 1);
  for (const v of values) counts[Math.min(v, maxK)]++;
  const bins: { observed: number; expected: number }[] = [];
  let observed = 0;
  let expected = 0;
  let total = 0;
  for (let k = 0; k <= maxK; k++) {
    const p = pmf(k);
    total += p;
    observed += counts[k];
    expected += n * p;
    if (expected >= 20) {
      bins.push({ observed, expected });
      observed = 0;
      expected = 0;
    }
  }
  // Fold what is left (including the pmf beyond maxK) into the last bin.
  const last = bins[bins.length - 1];
  last.observed += observed;
  last.expected += expected + n * Math.max(0, 1 - total);
  let stat = 0;
  for (const b of bins) stat += (b.observed - b.expected) ** 2 / b.expected;
  return { stat, df: bins.length - 1 };
}

/**
 * Upper 0.001 point of chi-square with df degrees of freedom by the Wilson–Hilferty cube-root
 * approximation (within about 1% of the exact value for df >= 2, ample for a 0.001 test).
 */
export function chiSquareCritical(df: number): number {
  const z = 3.090232;
  const c = 2 / (9 * df);
  return df * (1 - c + z * Math.sqrt(c)) ** 3;
}
