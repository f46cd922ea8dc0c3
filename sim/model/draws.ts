/**
 * The model's one doorway to `sim/random`: the named streams, one per mechanism, so that
 * changing one part of a scenario leaves every other mechanism's numbers alone (common
 * random numbers).
 */

import { KeyedStream, StreamFactory, type Stream } from "../random/index.js";

export { discrete, KeyedStream, poisson, sampler, type Sampler, type Stream } from "../random/index.js";

/** Names of the model's sequential streams (the rest are keyed, see KEYED; posts have their own, `workforce/<id>`). */
export const STREAMS = ["workforce"] as const;

/** Counter-based streams keyed by position (see KeyedStream): one per mechanism. */
export const KEYED = ["referrals", "initial", "triage", "consent", "sessions", "withdrawal", "groups", "dna", "stepUp", "consultations", "wholeSchool", "route"] as const;

/** The model's streams for one replication, plus the factory for per-post streams. */
export type Streams = Record<(typeof STREAMS)[number], Stream> & {
  readonly factory: StreamFactory;
  readonly keyed: Record<(typeof KEYED)[number], KeyedStream>;
};

/** Opens every named stream for (seed, replication). */
export function openStreams(seed: number, replication: number): Streams {
  const factory = new StreamFactory(seed, replication);
  const out = { factory } as Record<string, unknown>;
  for (const name of STREAMS) out[name] = factory.stream(name);
  out.keyed = Object.fromEntries(KEYED.map((name) => [name, factory.keyed(name)]));
  return out as Streams;
}
