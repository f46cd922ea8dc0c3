import { gammaln } from "simple-statistics";
import { probability } from "./check.js";
import type { Sampler } from "./sampler.js";

/**
 * Binomial: successes in `n` independent trials of probability `p`. Mean np, variance np(1−p).
 *
 * Method, exact: with q = min(p, 1 − p) (results mirrored when p > 1/2), inversion by
 * sequential search when nq < 10 (one uniform), otherwise Hörmann's BTRS transformed
 * rejection (J. Stat. Comput. Simul. 46, 1993), O(1) expected uniforms for any n. The
 * acceptance test uses log-gamma differences (simple-statistics' `gammaln`), whose rounding
 * of about 2e-16·n·ln n shifts acceptance probabilities by that relative amount: below
 * 1e-8 for n up to 1e6, 5e-6 at n = 1e9. (Poisson avoids this; see its notes.)
 *
 * @param n trials, an integer >= 0.
 * @param p success probability in [0, 1].
 * @throws RangeError `binomial: n 2.5 must be an integer >= 0` or `binomial: p 2 must lie in [0, 1]`.
 * @example
 * binomial(20, 0.1)(stream); // children out of 20 who do not attend
 */
export function binomial(n: number, p: number): Sampler {
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`binomial: n ${String(n)} must be an integer >= 0`);
  }
  probability("binomial", "p", p);
  if (n === 0 || p === 0) return () => 0;
  if (p === 1) return () => n;
  const flip = p > 0.5;
  const q = flip ? 1 - p : p;
  const qc = 1 - q;
  if (n * q < 10) {
    const ratio = q / qc;
    const a = (n + 1) * ratio;
    const r0 = Math.exp(n * Math.log1p(-q));
    return (s) => {
      let u = s.next();
      let x = 0;
      let r = r0;
      while (u > r && x < n && r > 0) {
        u -= r;
        x++;
        r *= a / x - ratio;
      }
      return flip ? n - x : x;
    };
  }
  const spq = Math.sqrt(n * q * qc);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * q;
  const c = n * q + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const lpq = Math.log(q / qc);
  const m = Math.floor((n + 1) * q);
  const h = gammaln(m + 1) + gammaln(n - m + 1);
  return (s) => {
    for (;;) {
      const u = s.next() - 0.5;
      const v = s.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + c);
      if (k < 0 || k > n) continue;
      if (us >= 0.07 && v <= vr) return flip ? n - k : k;
      // Hörmann's paper omits the log of v here; it is needed (see CPython's binomialvariate).
      const lv = Math.log((v * alpha) / (a / (us * us) + b));
      if (lv <= h - gammaln(k + 1) - gammaln(n - k + 1) + (k - m) * lpq) return flip ? n - k : k;
    }
  };
}
