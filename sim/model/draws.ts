/**
 * The model's one doorway to `sim/random`: the named streams, one per mechanism, so that
 * changing one part of a scenario leaves every other mechanism's numbers alone (common
 * random numbers).
 */

import { StreamFactory, type Stream } from "../random/index.js";

export { discrete, poisson, sampler, type Sampler, type Stream } from "../random/index.js";

/** Names of the model's random streams, one per mechanism. */
export const STREAMS = ["referrals", "initial", "triage", "consent", "sessions", "dna", "withdrawal", "workforce", "groups"] as const;

/** The model's streams for one replication, plus the factory for per-post streams. */
export type Streams = Record<(typeof STREAMS)[number], Stream> & { readonly factory: StreamFactory };

/** Opens every named stream for (seed, replication). */
export function openStreams(seed: number, replication: number): Streams {
  const factory = new StreamFactory(seed, replication);
  const out = { factory } as Record<string, unknown>;
  for (const name of STREAMS) out[name] = factory.stream(name);
  return out as Streams;
}
