import type { Distribution } from "../model/config.js";
import { normalPdf } from "./normal-cdf.js";
import { standardWindow } from "./normal.js";
import { sampler } from "./sampler-from-distribution.js";

/**
 * The exact mean of a {@link Distribution}, in its own units. For a truncated normal it is
 * mean + sd·(φ(α) − φ(β))/(Φ(β) − Φ(α)) with α, β the standardised bounds (computed on the
 * reflected window when the bounds lie above the mean, for accuracy in the tail).
 *
 * @param dist the distribution; its parameters are validated as {@link sampler} does.
 * @throws RangeError for invalid parameters, prefixed `distributionMean: `, e.g.
 *   `distributionMean: gamma: shape 0 must be > 0`.
 * @example
 * distributionMean({ kind: "triangular", min: 1, mode: 2, max: 6 }); // 3
 */
export function distributionMean(dist: Distribution): number {
  sampler(dist, "distributionMean");
  switch (dist.kind) {
    case "deterministic":
      return dist.value;
    case "uniform":
      return (dist.min + dist.max) / 2;
    case "triangular":
      return (dist.min + dist.mode + dist.max) / 3;
    case "exponential":
    case "lognormal":
    case "poisson":
      return dist.mean;
    case "gamma":
      return dist.shape * dist.scale;
    case "discrete": {
      let sum = 0;
      let total = 0;
      for (let i = 0; i < dist.values.length; i++) {
        sum += dist.values[i] * dist.weights[i];
        total += dist.weights[i];
      }
      return sum / total;
    }
    case "normal": {
      const min = dist.min ?? -Infinity;
      const max = dist.max ?? Infinity;
      if (dist.sd === 0 || (min === -Infinity && max === Infinity)) return dist.mean;
      if (min === max) return min;
      const { lo, hi, sign, pWidth } = standardWindow(dist.mean, dist.sd, min, max);
      const shift = (normalPdf(lo) - normalPdf(hi)) / pWidth;
      return dist.mean + dist.sd * sign * shift;
    }
  }
}
