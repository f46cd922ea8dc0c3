import { finite } from "./check.js";
import type { Sampler } from "./sampler.js";

/**
 * Continuous uniform on [min, max]: `min + (max − min)·u`, one uniform per draw.
 * Mean (min + max)/2, variance (max − min)²/12. `min === max` gives a point mass.
 *
 * @param min lower end (caller's units).
 * @param max upper end, >= min.
 * @throws RangeError if either is not finite, or `uniform: max 1 must be >= min 3`.
 * @example
 * uniform(2, 5)(stream); // a value in [2, 5]
 */
export function uniform(min: number, max: number): Sampler {
  finite("uniform", "min", min);
  finite("uniform", "max", max);
  if (!(max >= min)) throw new RangeError(`uniform: max ${max} must be >= min ${min}`);
  const width = max - min;
  return (s) => min + width * s.next();
}
