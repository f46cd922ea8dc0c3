import { Resource, Simulation } from "../engine/index.js";
import { expZiggurat, type StreamFactory } from "../random/index.js";
import type { QueueModel } from "./model.js";

/** One replication's flat record. Times are in the unit of 1/λ; statistics skip the warm-up. */
export interface ReplicationRecord {
  readonly replication: number;
  /** Customers served (all of them, warm-up included). */
  readonly customers: number;
  /** Customers in the statistics (after the warm-up). */
  readonly measured: number;
  /** Arrivals + service starts + departures, the count used by the SimPy and C references. */
  readonly events: number;
  readonly meanWait: number;
  readonly meanTimeInSystem: number;
  /** Busy fraction of the servers from the end of the warm-up to the last arrival. */
  readonly utilisation: number;
  /** Time-average number in the system over the same window. */
  readonly meanNumberInSystem: number;
  /** Arrivals per time unit observed in that window (λ̂, for Little's law L = λ̂·W). */
  readonly observedArrivalRate: number;
  /** Mean wait of each class (NaN for a class with no measured customer). */
  readonly classWaits: readonly number[];
  /** Simulated time at which the last customer left. */
  readonly endTime: number;
}

/**
 * Runs one replication of a queue model on the engine: Poisson arrivals from stream
 * "arrivals", service times from stream "service" (both exponential by the ziggurat,
 * {@link expZiggurat}), classes from stream "class" (only drawn when there are several
 * classes). Memory stays constant in the number of customers: waits
 * are summed as they happen, nothing is kept per customer.
 *
 * Cost: O(N log(c + queue)) time.
 *
 * @param model a validated model from `queueModel`.
 * @param rng the replication's stream factory.
 * @example
 * runReplication(queueModel({ servers: 1, arrivalRate: 0.5, serviceRate: 1, customers: 1e4 }), new StreamFactory(1, 0));
 */
export function runReplication(model: QueueModel, rng: StreamFactory): ReplicationRecord {
  const n = model.customers;
  const k = model.shares.length;
  const warm = model.warmupCustomers;
  // Entities are encoded as customer * k + class, so a grant knows both without a lookup table.
  const warmEntity = warm * k;
  const arrivals = rng.stream("arrivals");
  const service = rng.stream("service");
  const classes = k > 1 ? rng.stream("class") : arrivals;
  // Inter-arrival and service times are standard exponentials from the ziggurat
  // (`expZiggurat`) times the mean: no log on 97.8 % of draws. It is a plain function on a
  // monomorphic stream, which V8 inlines; a sampler closure would not be inlined here, and
  // each of its double results would be boxed, one allocation per draw on the hottest path.
  // The ziggurat uses a variable number of uniforms per draw; that is harmless here, as
  // nothing compares scenarios draw for draw (the MHST model keeps inversion for that).
  const meanInterArrival = 1 / model.arrivalRate;
  const meanService = 1 / model.serviceRate;
  const expService = model.service === "exp";
  const cumulative = new Float64Array(k);
  for (let c = 0, acc = 0; c < k; c++) cumulative[c] = acc += model.shares[c];
  cumulative[k - 1] = 1;

  const sim = new Simulation({ initialCapacity: 64 });
  let grants = 0;
  // Running sums live in a typed array: a captured `let` holding a double would be boxed
  // afresh on every update, one allocation per customer.
  // [0] waits, [1] times in system; [2], [3] the same for warm-up customers (not reported).
  // Warm-up and measured customers run the same code, only at other indices: a branch first
  // taken when the warm-up ends would deoptimise the optimised grant handler then.
  const sums = new Float64Array(4);
  const classWaitSum = new Float64Array(2 * k); // measured classes at [0, k), warm-up at [k, 2k)
  const classCount = new Float64Array(2 * k);
  let tWarm = 0;
  let tLast = 0;
  let utilisation = 0;
  let meanLine = 0;

  const departure = sim.defineEvent("departure", () => server.release(1));
  // With one class the grant handler skips the per-class sums: a smaller function, which V8
  // inlines into the resource's serve loop (its `waited` argument is then never boxed).
  const onGrant =
    k > 1
      ? (entity: number, _units: number, waited: number) => {
          grants++;
          const s = expService ? expZiggurat(service) * meanService : meanService;
          sim.after(s, departure, 0);
          const w = entity >= warmEntity ? 0 : 2;
          sums[w] += waited;
          sums[w + 1] += waited + s;
          const c = (entity % k) + (w === 0 ? 0 : k);
          classWaitSum[c] += waited;
          classCount[c]++;
        }
      : (entity: number, _units: number, waited: number) => {
          grants++;
          const s = expService ? expZiggurat(service) * meanService : meanService;
          sim.after(s, departure, 0);
          const w = entity >= warmEntity ? 0 : 2;
          sums[w] += waited;
          sums[w + 1] += waited + s;
        };
  const server = new Resource(sim, { name: "servers", capacity: model.servers, classes: k, onGrant });
  const arrival = sim.defineEvent("arrival", (i) => {
    if (i === warm) {
      server.resetStatistics();
      tWarm = sim.now;
    }
    if (i + 1 < n) sim.after(expZiggurat(arrivals) * meanInterArrival, arrival, i + 1);
    else {
      tLast = sim.now;
      utilisation = server.utilisation();
      meanLine = server.meanQueueLength();
    }
    let c = 0;
    if (k > 1) {
      const u = classes.next();
      while (u >= cumulative[c]) c++;
    }
    server.request(i * k + c, 1, c);
  });

  sim.at(expZiggurat(arrivals) * meanInterArrival, arrival, 0);
  sim.run();

  const measured = n - warm;
  const span = tLast - tWarm;
  const classWaits: number[] = [];
  for (let c = 0; c < k; c++) classWaits.push(k > 1 ? classWaitSum[c] / classCount[c] : sums[0] / measured);
  return {
    replication: rng.replication,
    customers: n,
    measured,
    events: sim.eventsExecuted + grants,
    meanWait: sums[0] / measured,
    meanTimeInSystem: sums[1] / measured,
    utilisation,
    meanNumberInSystem: meanLine + utilisation * model.servers,
    // Arrivals after the first measured one, over the window they fall in.
    observedArrivalRate: span > 0 ? (measured - 1) / span : NaN,
    classWaits,
    endTime: sim.now,
  };
}
