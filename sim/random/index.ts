/**
 * Seeded random numbers for the simulation: named independent uniform streams and fast
 * samplers for the distributions a scenario uses. Pure: no Math.random, clock or I/O.
 *
 * Typical use: one {@link StreamFactory} per replication, one stream per random process,
 * samplers built once from the frozen model with {@link sampler}.
 */
export type { Stream } from "./stream.js";
export { StreamFactory } from "./stream-factory.js";
export { KeyedStream } from "./keyed-stream.js";
export type { Sampler } from "./sampler.js";
export { deterministic } from "./deterministic.js";
export { uniform } from "./uniform.js";
export { exponential, exponentialMean } from "./exponential.js";
export { exponentialZiggurat, expZiggurat } from "./exponential-ziggurat.js";
export { triangular } from "./triangular.js";
export { normal, type NormalBounds } from "./normal.js";
export { lognormal } from "./lognormal.js";
export { gamma } from "./gamma.js";
export { poisson, poissonDraw } from "./poisson.js";
export { bernoulli } from "./bernoulli.js";
export { binomial } from "./binomial.js";
export { discrete } from "./discrete.js";
export { sampler } from "./sampler-from-distribution.js";
export { distributionMean } from "./distribution-mean.js";
export { normalCdf, normalPdf } from "./normal-cdf.js";
export { normalQuantile } from "./normal-quantile.js";
