import { finite } from "./check.js";
import type { Sampler } from "./sampler.js";

/**
 * Triangular on [min, max] with peak at `mode`, by inversion (one uniform, one square root).
 * Mean (min + mode + max)/3, variance (a² + b² + c² − ab − ac − bc)/18.
 *
 * @param min lower end.
 * @param mode most likely value, in [min, max].
 * @param max upper end.
 * @throws RangeError if any is not finite, `triangular: max 1 must be >= min 3`, or
 *   `triangular: mode 5 must lie in [min 1, max 3]`.
 * @example
 * triangular(4, 6, 10)(stream); // sessions, most often near 6
 */
export function triangular(min: number, mode: number, max: number): Sampler {
  finite("triangular", "min", min);
  finite("triangular", "mode", mode);
  finite("triangular", "max", max);
  if (!(max >= min)) throw new RangeError(`triangular: max ${max} must be >= min ${min}`);
  if (!(mode >= min && mode <= max)) {
    throw new RangeError(`triangular: mode ${mode} must lie in [min ${min}, max ${max}]`);
  }
  const width = max - min;
  if (width === 0) return () => min;
  const split = (mode - min) / width;
  const left = width * (mode - min);
  const right = width * (max - mode);
  return (s) => {
    const u = s.next();
    return u < split ? min + Math.sqrt(u * left) : max - Math.sqrt((1 - u) * right);
  };
}
