/**
 * The model's one doorway to `sim/random`: samplers for scenario distributions and the
 * named streams, so every mechanism draws from its own stream (common random numbers).
 */

import type { Distribution } from "./config.js";
import { StreamFactory } from "../random/stream-factory.js";
import type { Stream } from "../random/stream.js";

export type { Stream };
export type Sampler = (s: Stream) => number;

/** Names of the model's random streams, one per mechanism. */
export const STREAMS = ["referrals", "triage", "consent", "sessions", "dna", "withdrawal", "workforce", "groups"] as const;

/** The model's streams for one replication. */
export type Streams = Record<(typeof STREAMS)[number], Stream> & { factory: StreamFactory };

/** Opens every named stream for (seed, replication). */
export function openStreams(seed: number, replication: number): Streams {
  const factory = new StreamFactory(seed, replication);
  const out = { factory } as Streams;
  for (const name of STREAMS) out[name] = factory.stream(name);
  return out;
}

/**
 * A sampler for a scenario distribution.
 * @throws RangeError naming the field for an unsupported kind.
 */
export function sampler(dist: Distribution, field: string): Sampler {
  switch (dist.kind) {
    case "deterministic": {
      const v = dist.value;
      return () => v;
    }
    case "uniform": {
      const { min, max } = dist;
      return (s) => min + (max - min) * s.next();
    }
    case "triangular": {
      const { min, mode, max } = dist;
      const f = (mode - min) / (max - min || 1);
      return (s) => {
        const u = s.next();
        return u < f ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
      };
    }
    case "exponential": {
      const m = dist.mean;
      return (s) => -Math.log(s.next()) * m;
    }
    case "poisson":
      return poisson(dist.mean);
    case "discrete":
      return discrete(dist.values, dist.weights);
    default:
      throw new RangeError(`${field}: distribution kind ${JSON.stringify(dist.kind)} is not supported yet`);
  }
}

/** Poisson count with the given mean (inversion; fine for the small means used here). */
export function poisson(mean: number): Sampler {
  const L = Math.exp(-mean);
  return (s) => {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(s)));
    let k = 0;
    let p = L;
    let F = p;
    const u = s.next();
    while (u > F) {
      k++;
      p *= mean / k;
      F += p;
    }
    return k;
  };
}

function normal(s: Stream): number {
  return Math.sqrt(-2 * Math.log(s.next())) * Math.cos(2 * Math.PI * s.next());
}

/** Draws one of `values` with the given (unnormalised) weights. */
export function discrete(values: readonly number[], weights: readonly number[]): Sampler {
  const total = weights.reduce((a, b) => a + b, 0);
  return (s) => {
    let u = s.next() * total;
    for (let i = 0; i < values.length - 1; i++) {
      u -= weights[i];
      if (u < 0) return values[i];
    }
    return values[values.length - 1];
  };
}
