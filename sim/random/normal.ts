import { finite, nonNegative } from "./check.js";
import { normalCdf } from "./normal-cdf.js";
import { normalQuantile } from "./normal-quantile.js";
import type { Sampler } from "./sampler.js";

/** Optional truncation bounds of a normal distribution (caller's units, inclusive). */
export interface NormalBounds {
  /** Lower bound; absent or −Infinity for none. */
  min?: number;
  /** Upper bound; absent or +Infinity for none. */
  max?: number;
}

/**
 * Normal with the given `mean` and `sd`, truncated to [min, max] when bounds are given
 * (the values are then drawn from the normal conditioned on the window, not clamped).
 *
 * Method: inversion, z = Φ⁻¹(Φ(α) + u·(Φ(β) − Φ(α))) with α, β the standardised bounds
 * (Cody's Φ and Wichura's AS 241 Φ⁻¹, both near machine precision). Chosen over rejection
 * because every draw uses exactly one uniform, so a stream stays in step between scenarios
 * that differ only in a bound (common random numbers), and the cost does not grow as the
 * window narrows or moves into a tail, where rejection would loop 1/P(window) times. A window
 * above the mean is reflected below it, where Φ has full relative precision.
 *
 * @param mean mean of the untruncated normal.
 * @param sd its standard deviation, >= 0
 *   (0 gives a point mass at `mean`, which must then lie in the bounds).
 * @param bounds optional {min, max}, max >= min; ±Infinity allowed.
 * @throws RangeError e.g. `normal: sd -1 must be >= 0`, `normal: max 1 must be >= min 3`,
 *   `normal: mean 5 must lie in [min 1, max 3] when sd is 0`, or
 *   `normal: bounds [min 50, max 60] hold no probability (more than 37 sd from mean 0)`.
 * @example
 * normal(6, 2, { min: 1 })(stream); // sessions, at least 1
 */
export function normal(mean: number, sd: number, bounds?: NormalBounds): Sampler {
  finite("normal", "mean", mean);
  nonNegative("normal", "sd", sd);
  const min = bound("min", bounds?.min, -Infinity);
  const max = bound("max", bounds?.max, Infinity);
  if (!(max >= min)) throw new RangeError(`normal: max ${max} must be >= min ${min}`);
  if (sd === 0) {
    if (!(mean >= min && mean <= max)) {
      throw new RangeError(`normal: mean ${mean} must lie in [min ${min}, max ${max}] when sd is 0`);
    }
    return () => mean;
  }
  if (min === -Infinity && max === Infinity) return (s) => mean + sd * normalQuantile(s.next());
  if (min === max) return () => min;
  const window = standardWindow(mean, sd, min, max);
  const { lo, hi, sign, pLo, pWidth } = window;
  return (s) => {
    let z = normalQuantile(pLo + s.next() * pWidth);
    // Rounding in Φ and Φ⁻¹ can put z a hair outside the window; clamp it back.
    if (z < lo) z = lo;
    else if (z > hi) z = hi;
    return mean + sd * sign * z;
  };
}

/**
 * The standardised window of a truncated normal, reflected below 0 when it lies above
 * the mean: draws are `mean + sd·sign·z` with z in [lo, hi] (standard deviations),
 * Φ(lo) = pLo and Φ(hi) − Φ(lo) = pWidth (probabilities).
 */
export interface StandardWindow {
  readonly lo: number;
  readonly hi: number;
  readonly sign: 1 | -1;
  readonly pLo: number;
  readonly pWidth: number;
}

/**
 * Standardises and, if it lies above the mean, reflects the window [min, max]. Reflection
 * keeps both bounds in the lower tail, where Φ is accurate to full relative precision
 * (1 − Φ(x) would lose all digits beyond x ≈ 8).
 *
 * @param mean mean of the untruncated normal.
 * @param sd its standard deviation, > 0.
 * @param min lower bound (caller's units), may be −Infinity.
 * @param max upper bound, may be +Infinity.
 * @throws RangeError `normal: bounds [min 50, max 60] hold no probability (more than 37 sd from mean 0)`.
 * @example
 * standardWindow(0, 1, 1, 2); // { lo: -2, hi: -1, sign: -1, pLo: 0.0227…, pWidth: 0.1359… }
 */
export function standardWindow(mean: number, sd: number, min: number, max: number): StandardWindow {
  let lo = (min - mean) / sd;
  let hi = (max - mean) / sd;
  let sign: 1 | -1 = 1;
  if (lo > 0) {
    [lo, hi] = [-hi, -lo];
    sign = -1;
  }
  const pLo = normalCdf(lo);
  const pWidth = normalCdf(hi) - pLo;
  if (!(pWidth > 0)) {
    throw new RangeError(
      `normal: bounds [min ${min}, max ${max}] hold no probability (more than 37 sd from mean ${mean})`,
    );
  }
  return { lo, hi, sign, pLo, pWidth };
}

function bound(name: string, x: number | undefined, absent: number): number {
  if (x === undefined) return absent;
  if (typeof x !== "number" || Number.isNaN(x)) {
    throw new RangeError(`normal: ${name} ${String(x)} must be a number or omitted`);
  }
  return x;
}
