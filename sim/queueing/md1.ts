import type { QueueMetrics } from "./metrics.js";
import { checkRates } from "./metrics.js";

/**
 * Steady-state M/G/1 mean wait by the Pollaczek–Khinchine formula:
 * Wq = λ·E[S²] / (2(1 − ρ)), with ρ = λ·E[S] (Kleinrock vol. 1, §5.6).
 *
 * @param lambda arrival rate, > 0.
 * @param meanService E[S], > 0.
 * @param secondMoment E[S²] (for exponential service 2/μ², for deterministic 1/μ²).
 * @throws RangeError when an input breaks its rule or ρ >= 1.
 * @example
 * mg1Wait(0.8, 1, 1); // M/D/1 at ρ = 0.8: 2
 */
export function mg1Wait(lambda: number, meanService: number, secondMoment: number): number {
  checkRates("mg1Wait", lambda, 1 / meanService, 1);
  if (!(secondMoment >= meanService * meanService)) {
    throw new RangeError(`mg1Wait: second moment ${secondMoment} must be >= the squared mean ${meanService * meanService}`);
  }
  return (lambda * secondMoment) / (2 * (1 - lambda * meanService));
}

/**
 * Steady-state M/D/1 queue (one server, constant service time 1/μ): the Pollaczek–Khinchine
 * formula with E[S²] = 1/μ² gives Wq = ρ / (2μ(1 − ρ)), half the M/M/1 wait.
 *
 * @param lambda arrival rate, > 0.
 * @param mu service rate, > 0 (service takes exactly 1/μ).
 * @throws RangeError when a rate is not > 0 or ρ >= 1.
 * @example
 * md1(0.8, 1).wq; // 2
 */
export function md1(lambda: number, mu: number): QueueMetrics {
  checkRates("md1", lambda, mu, 1);
  const rho = lambda / mu;
  const wq = rho / (2 * mu * (1 - rho));
  return { rho, wq, w: wq + 1 / mu, lq: lambda * wq, l: lambda * (wq + 1 / mu) };
}
