import { probability } from "./check.js";
import type { Sampler } from "./sampler.js";

/**
 * Bernoulli trial: 1 with probability `p`, else 0 (one uniform per draw).
 *
 * @param p success probability in [0, 1]; 0 never succeeds, 1 always does.
 * @throws RangeError `bernoulli: p 1.5 must lie in [0, 1]`.
 * @example
 * const declines = bernoulli(0.1);
 * if (declines(stream) === 1) { ... }
 */
export function bernoulli(p: number): Sampler {
  probability("bernoulli", "p", p);
  return (s) => (s.next() < p ? 1 : 0);
}
