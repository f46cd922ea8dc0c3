import { nonNegative, positive } from "./check.js";
import { normalQuantile } from "./normal-quantile.js";
import type { Sampler } from "./sampler.js";

/**
 * Lognormal with the given mean and sd OF THE VARIABLE ITSELF (not of its logarithm):
 * the log has variance σ² = ln(1 + sd²/mean²) and mean μ = ln(mean) − σ²/2, and a draw is
 * exp(μ + σ·Φ⁻¹(u)) (inversion, one uniform).
 *
 * @param mean mean of the variable, > 0.
 * @param sd its standard deviation, >= 0 (0 gives
 *   a point mass at `mean`).
 * @throws RangeError `lognormal: mean 0 must be > 0` or `lognormal: sd -1 must be >= 0`.
 * @example
 * lognormal(10, 5)(stream); // right-skewed, mean 10 days
 */
export function lognormal(mean: number, sd: number): Sampler {
  positive("lognormal", "mean", mean);
  nonNegative("lognormal", "sd", sd);
  if (sd === 0) return () => mean;
  const ratio = sd / mean;
  const sigma2 = Math.log1p(ratio * ratio);
  const sigma = Math.sqrt(sigma2);
  const mu = Math.log(mean) - sigma2 / 2;
  return (s) => Math.exp(mu + sigma * normalQuantile(s.next()));
}
