import { gammaln } from "simple-statistics";
import { nonNegative } from "./check.js";
import type { Sampler } from "./sampler.js";

/**
 * Poisson counts with the given mean (= variance).
 *
 * Method, exact for any mean: below 10, inversion by sequential search from 0 (one uniform,
 * about mean + 1 steps); from 10 on, Hörmann's PTRS transformed rejection (Insurance: Math.
 * & Econ. 12, 1993; the method NumPy uses), about 1.1–1.3 uniform pairs per draw whatever
 * the mean. Log-factorials come from simple-statistics' `gammaln` (relative error ~1e-15).
 *
 * @param mean expected count, >= 0 (0 always gives 0).
 * @throws RangeError `poisson: mean -1 must be >= 0`.
 * @example
 * poisson(3.2)(stream); // referrals this week
 */
export function poisson(mean: number): Sampler {
  nonNegative("poisson", "mean", mean);
  if (mean === 0) return () => 0;
  if (mean < 10) {
    const p0 = Math.exp(-mean);
    return (s) => {
      let u = s.next();
      let k = 0;
      let p = p0;
      // The cap only matters if rounding leaves u above the summed pmf; P(X > 200) < 1e-200.
      while (u > p && k < 200) {
        u -= p;
        k++;
        p *= mean / k;
      }
      return k;
    };
  }
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  const a = -0.059 + 0.02483 * b;
  const logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  const vr = 0.9277 - 3.6224 / (b - 2);
  return (s) => {
    for (;;) {
      const u = s.next() - 0.5;
      const v = s.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= -mean + k * logMean - gammaln(k + 1)) return k;
    }
  };
}
