import { StreamFactory } from "../random/index.js";
import { confidenceInterval } from "../stats/index.js";
import { exactQueue, type ExactQueue } from "./exact.js";
import type { QueueModel } from "./model.js";
import { runReplication, type ReplicationRecord } from "./replication.js";

/** A mean over replications with its 95 % confidence interval and, when known, the exact value. */
export interface Estimate {
  readonly mean: number;
  /** Student-t 95 % interval over the replication means; infinite with one replication. */
  readonly ci95: readonly [number, number];
  readonly halfWidth: number;
  /** Closed-form value, when the model has one. */
  readonly exact?: number;
}

/** Result of {@link simulateQueue}: totals, estimates and the per-replication records. */
export interface QueueResult {
  readonly model: QueueModel;
  readonly replications: number;
  /** Customers over all replications. */
  readonly customers: number;
  /** Events over all replications (arrivals + service starts + departures). */
  readonly events: number;
  readonly meanWait: Estimate;
  readonly meanTimeInSystem: Estimate;
  readonly utilisation: Estimate;
  /** Time-average number in the system (L), for Little's law. */
  readonly meanNumberInSystem: Estimate;
  /** λ̂·W per replication, averaged: equals L by Little's law up to edge effects. */
  readonly littleProduct: number;
  /** Mean wait per class (one entry for a single class). */
  readonly classWaits: readonly Estimate[];
  readonly exact?: ExactQueue;
  readonly records: readonly ReplicationRecord[];
}

/** Options of {@link simulateQueue}. */
export interface SimulateOptions {
  /** Independent replications, a whole number >= 1; default 10. */
  replications?: number;
  /** Master seed of the streams; default 1. */
  seed?: number;
  /** Called after each replication (progress bars). */
  onReplication?: (record: ReplicationRecord) => void;
}

/**
 * Runs independent replications of a queue model (replication r draws from the streams of
 * `new StreamFactory(seed, r)`), and summarises them: the mean over replications of each
 * replication's post-warm-up mean, with a t-interval. Replication means are independent, so
 * the interval is honest even though waits within a run are strongly correlated.
 *
 * @throws RangeError when replications is not a whole number >= 1.
 * @example
 * const m = queueModel({ servers: 1, arrivalRate: 0.5, serviceRate: 1, customers: 50_000 });
 * simulateQueue(m, { replications: 10, seed: 1 }).meanWait; // { mean ≈ 1, ci95: [...], exact: 1 }
 */
export function simulateQueue(model: QueueModel, options: SimulateOptions = {}): QueueResult {
  const replications = options.replications ?? 10;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(replications) || replications < 1) {
    throw new RangeError(`simulateQueue: replications ${replications} must be a whole number >= 1`);
  }
  const records: ReplicationRecord[] = [];
  for (let r = 0; r < replications; r++) {
    const record = runReplication(model, new StreamFactory(seed, r));
    records.push(record);
    options.onReplication?.(record);
  }
  const exact = exactQueue(model);
  const pick = (f: (r: ReplicationRecord) => number) => records.map(f);
  return {
    model,
    replications,
    customers: records.reduce((a, r) => a + r.customers, 0),
    events: records.reduce((a, r) => a + r.events, 0),
    meanWait: estimate(pick((r) => r.meanWait), exact?.wait),
    meanTimeInSystem: estimate(pick((r) => r.meanTimeInSystem), exact?.timeInSystem),
    utilisation: estimate(pick((r) => r.utilisation), exact?.utilisation),
    meanNumberInSystem: estimate(pick((r) => r.meanNumberInSystem), exact?.numberInSystem),
    littleProduct: mean(pick((r) => r.observedArrivalRate * r.meanTimeInSystem)),
    classWaits: model.shares.map((_, c) => estimate(pick((r) => r.classWaits[c]), exact?.classWaits[c])),
    ...(exact ? { exact } : {}),
    records,
  };
}

function estimate(samples: number[], exact: number | undefined): Estimate {
  const withExact = exact !== undefined ? { exact } : {};
  // A class with no measured customer in some replication has no mean wait there.
  if (!samples.every(Number.isFinite)) return { mean: NaN, ci95: [NaN, NaN], halfWidth: NaN, ...withExact };
  const ci = confidenceInterval(samples, 0.95);
  return { mean: ci.mean, ci95: [ci.lo, ci.hi], halfWidth: ci.halfWidth, ...withExact };
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
