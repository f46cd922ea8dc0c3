import type { Distribution } from "../model/config.js";
import { deterministic } from "./deterministic.js";
import { discrete } from "./discrete.js";
import { exponentialMean } from "./exponential.js";
import { gamma } from "./gamma.js";
import { lognormal } from "./lognormal.js";
import { normal } from "./normal.js";
import { poisson } from "./poisson.js";
import type { Sampler } from "./sampler.js";
import { triangular } from "./triangular.js";
import { uniform } from "./uniform.js";


/** Every `Distribution.kind`, for error messages. */
const KINDS = "deterministic, uniform, triangular, exponential, normal, lognormal, gamma, poisson, discrete";

/**
 * Builds the sampler a {@link Distribution} describes, validating its parameters once.
 * `{ kind: "exponential", mean }` is parameterised by its mean (not rate) and `normal`
 * with `min`/`max` is truncated to them (see {@link normal}).
 *
 * @param dist the distribution (from a frozen scenario model).
 * @param field where it came from, prefixed to every error, e.g. `"triage.consentDays"`.
 * @throws RangeError `triage.consentDays: normal: sd -1 must be >= 0`, or for an unknown
 *   kind `triage.consentDays: kind "weibull" must be one of deterministic, uniform, ...`.
 * @example
 * const consent = sampler({ kind: "triangular", min: 2, mode: 7, max: 21 }, "triage.consentDays");
 * consent(stream); // days
 */
export function sampler(dist: Distribution, field: string): Sampler {
  try {
    return build(dist);
  } catch (err) {
    if (err instanceof RangeError) throw new RangeError(`${field}: ${err.message}`, { cause: err });
    throw err;
  }
}

function build(dist: Distribution): Sampler {
  switch (dist?.kind) {
    case "deterministic":
      return deterministic(dist.value);
    case "uniform":
      return uniform(dist.min, dist.max);
    case "triangular":
      return triangular(dist.min, dist.mode, dist.max);
    case "exponential":
      return exponentialMean(dist.mean);
    case "normal":
      return normal(dist.mean, dist.sd, { min: dist.min, max: dist.max });
    case "lognormal":
      return lognormal(dist.mean, dist.sd);
    case "gamma":
      return gamma(dist.shape, dist.scale);
    case "poisson":
      return poisson(dist.mean);
    case "discrete":
      return discrete(dist.values, dist.weights);
    default:
      throw new RangeError(`kind ${JSON.stringify((dist as { kind?: unknown } | undefined)?.kind)} must be one of ${KINDS}`);
  }
}
