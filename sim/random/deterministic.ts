import { finite } from "./check.js";
import type { Sampler } from "./sampler.js";

/**
 * A point mass: always returns `value` and consumes no random numbers.
 *
 * @param value the constant, in the caller's units (days, sessions, ...).
 * @throws RangeError if `value` is not finite: `deterministic: value NaN must be a finite number`.
 * @example
 * deterministic(7)(stream); // 7
 */
export function deterministic(value: number): Sampler {
  finite("deterministic", "value", value);
  return () => value;
}
