import { intervalOf } from "./confidence-interval.js";
import type { Interval } from "./interval.js";

/**
 * Confidence interval for the mean difference `b − a` of paired outputs, e.g. the same
 * replications (same seeds, common random numbers) of a baseline `a` and a scenario `b`.
 * Pairing removes the shared noise, so the interval is usually far narrower than comparing
 * two separate intervals. Computed as {@link confidenceInterval} of `b[i] − a[i]`.
 *
 * @param a baseline values.
 * @param b scenario values, same length, paired by index.
 * @param level confidence level in (0, 1), default 0.95.
 * @throws RangeError `pairedDifference: lengths must match (a 3, b 4)`, or as confidenceInterval
 *   (prefixed `pairedDifference`) for empty input, a bad level or a non-finite difference.
 * @example
 * pairedDifference([10, 12, 11], [8, 10, 10]); // mean −1.67: the scenario lowers waits
 */
export function pairedDifference(a: readonly number[], b: readonly number[], level = 0.95): Interval {
  if (a.length !== b.length) throw new RangeError(`pairedDifference: lengths must match (a ${a.length}, b ${b.length})`);
  const diff = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) diff[i] = b[i] - a[i];
  return intervalOf("pairedDifference", diff, level);
}
