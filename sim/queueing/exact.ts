import { mmc } from "./erlang-c.js";
import { md1 } from "./md1.js";
import type { QueueModel } from "./model.js";
import { cobham } from "./priority.js";

/** Closed-form steady-state means of a queue model. */
export interface ExactQueue {
  /** Mean wait in line over all classes. */
  readonly wait: number;
  /** Mean time in the system. */
  readonly timeInSystem: number;
  /** Mean number in the system (L = λW). */
  readonly numberInSystem: number;
  /** Server utilisation ρ = λ/(cμ). */
  readonly utilisation: number;
  /** Mean wait of each class (one entry for a single class). */
  readonly classWaits: readonly number[];
}

/**
 * The closed form for a model when one exists: M/M/c through Erlang C (M/M/1 is c = 1), M/D/1
 * through Pollaczek–Khinchine, and non-preemptive priority classes through Cobham's formula
 * (M/G/1, or M/M/c with equal service rates). Undefined for M/D/c with c > 1 and for ρ >= 1.
 *
 * @example
 * exactQueue(queueModel({ servers: 4, arrivalRate: 3.6, serviceRate: 1, customers: 1 }))?.wait; // 1.9694…
 */
export function exactQueue(model: QueueModel): ExactQueue | undefined {
  const { servers: c, arrivalRate: lambda, serviceRate: mu, service, shares } = model;
  if (!(model.rho < 1)) return undefined;
  if (service === "det" && c > 1) return undefined;
  let classWaits: number[];
  if (shares.length > 1) classWaits = cobham(lambda, mu, shares, { servers: c, service });
  else classWaits = [service === "exp" ? mmc(c, lambda, mu).wq : md1(lambda, mu).wq];
  let wait = 0;
  for (let i = 0; i < shares.length; i++) wait += shares[i] * classWaits[i];
  const timeInSystem = wait + 1 / mu;
  return { wait, timeInSystem, numberInSystem: lambda * timeInSystem, utilisation: model.rho, classWaits };
}
