import { StreamFactory } from "../../random/stream-factory.js";
import type { Stream } from "../../random/stream.js";

/** A seeded uniform stream for a design (its own name, so designs never share draws with a simulation). */
export const designStream = (seed: number, name: string): Stream => new StreamFactory(seed, 0).stream(`sensitivity/${name}`);

/** A uniformly random whole number in [0, n). */
export const randomIndex = (s: Stream, n: number): number => Math.min(n - 1, Math.floor(s.next() * n));

/** A uniformly random permutation of 0..n−1 (Fisher–Yates). */
export function permutation(s: Stream, n: number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = randomIndex(s, i + 1);
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}
