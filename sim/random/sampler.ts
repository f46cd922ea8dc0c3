import type { Stream } from "./stream.js";

/**
 * A draw from one distribution: takes the stream to consume and returns one value.
 * Samplers keep no state between calls, so one sampler can serve many streams and a
 * stream's numbers never depend on which sampler drew before.
 *
 * @example
 * const sessions: Sampler = triangular(4, 6, 8);
 * sessions(new StreamFactory(1, 0).stream("sessions")); // a value in [4, 8]
 */
export type Sampler = (s: Stream) => number;
