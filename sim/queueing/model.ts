import { checkShares } from "./priority.js";

/** Service-time law of a queue: exponential or constant, both with mean 1/μ. */
export type ServiceLaw = "exp" | "det";

/** What a caller gives to {@link queueModel}; every rate is per time unit. */
export interface QueueOptions {
  /** Number of identical servers c, a whole number >= 1. */
  servers: number;
  /** Poisson arrival rate λ, > 0. */
  arrivalRate: number;
  /** Service rate μ of one server, > 0. */
  serviceRate: number;
  /** Service-time law; default "exp". */
  service?: ServiceLaw;
  /** Share of arrivals in each priority class, class 0 first (served first); default one class. */
  priorityShares?: readonly number[];
  /** Customers per replication, a whole number >= 1. */
  customers: number;
  /** Fraction of each replication's first customers left out of the statistics, in [0, 1); default 0.1. */
  warmupFraction?: number;
}

/** A validated, frozen queue model (the static part; runtime state lives in a replication). */
export interface QueueModel {
  readonly servers: number;
  readonly arrivalRate: number;
  readonly serviceRate: number;
  readonly service: ServiceLaw;
  /** Class shares, length >= 1; `[1]` for a single class. */
  readonly shares: readonly number[];
  readonly customers: number;
  readonly warmupFraction: number;
  /** Customers dropped from the statistics in each replication: floor(f·N). */
  readonly warmupCustomers: number;
  /** Offered utilisation λ / (cμ); may be >= 1 for a finite run. */
  readonly rho: number;
}

/**
 * Validates queue options and freezes them into a {@link QueueModel}.
 *
 * @throws RangeError naming the field, the value and the rule, e.g.
 *   `queueModel: servers 0 must be a whole number >= 1`.
 * @example
 * queueModel({ servers: 4, arrivalRate: 3.6, serviceRate: 1, customers: 100_000 }).rho; // 0.9
 */
export function queueModel(options: QueueOptions): QueueModel {
  const { servers, arrivalRate, serviceRate, customers } = options;
  const service = options.service ?? "exp";
  const shares = options.priorityShares ?? [1];
  const warmupFraction = options.warmupFraction ?? 0.1;
  if (!Number.isInteger(servers) || servers < 1) throw new RangeError(`queueModel: servers ${servers} must be a whole number >= 1`);
  if (!(arrivalRate > 0 && Number.isFinite(arrivalRate))) throw new RangeError(`queueModel: arrivalRate ${arrivalRate} must be a number > 0`);
  if (!(serviceRate > 0 && Number.isFinite(serviceRate))) throw new RangeError(`queueModel: serviceRate ${serviceRate} must be a number > 0`);
  if (service !== "exp" && service !== "det") throw new RangeError(`queueModel: service ${JSON.stringify(service)} must be "exp" or "det"`);
  if (!Number.isInteger(customers) || customers < 1) throw new RangeError(`queueModel: customers ${customers} must be a whole number >= 1`);
  if (!(warmupFraction >= 0 && warmupFraction < 1)) throw new RangeError(`queueModel: warmupFraction ${warmupFraction} must be in [0, 1)`);
  checkShares("queueModel", shares);
  return Object.freeze({
    servers,
    arrivalRate,
    serviceRate,
    service,
    shares: Object.freeze([...shares]),
    customers,
    warmupFraction,
    warmupCustomers: Math.floor(warmupFraction * customers),
    rho: arrivalRate / (servers * serviceRate),
  });
}
