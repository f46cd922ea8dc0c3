import { positive } from "./check.js";
import type { Sampler } from "./sampler.js";

/**
 * Exponential with the given `rate` (events per unit time): mean 1/rate, variance 1/rate².
 * By inversion, `−ln(u)/rate`, one uniform and one log per draw; `u` is never 0, so the
 * result is finite (at most about 22.9/rate, given the stream's 2^-33 floor).
 *
 * @param rate events per unit time (e.g. per day), > 0.
 * @throws RangeError `exponential: rate -1 must be > 0` (also for NaN or infinite rates).
 * @example
 * const gap = exponential(0.5); // mean 2 days between referrals
 * gap(stream);
 */
export function exponential(rate: number): Sampler {
  positive("exponential", "rate", rate);
  return exponentialScaled(1 / rate);
}

/**
 * Exponential given its mean (as scenario files state it). Same algorithm as
 * {@link exponential}; multiplying by the mean avoids the rounding of `1/(1/mean)`.
 *
 * @param mean mean, > 0.
 * @throws RangeError `exponential: mean 0 must be > 0`.
 * @example
 * exponentialMean(14)(stream); // mean 14 days
 */
export function exponentialMean(mean: number): Sampler {
  positive("exponential", "mean", mean);
  return exponentialScaled(mean);
}

function exponentialScaled(mean: number): Sampler {
  return (s) => -Math.log(s.next()) * mean;
}
