import type { QueueMetrics } from "./metrics.js";
import { checkRates } from "./metrics.js";

/**
 * Steady-state M/M/1 queue: Poisson arrivals at rate λ, one server, exponential service at
 * rate μ, first come first served.
 *
 * Formulas (Kleinrock, *Queueing Systems* vol. 1, §3.2): ρ = λ/μ, Wq = ρ / (μ(1 − ρ)),
 * W = 1 / (μ − λ), Lq = λ·Wq, L = λ·W. Cost: O(1).
 *
 * @param lambda arrival rate (customers per time unit), > 0.
 * @param mu service rate (customers per time unit), > 0.
 * @throws RangeError when a rate is not > 0 or ρ >= 1 (no steady state).
 * @example
 * mm1(0.8, 1).wq; // 4
 */
export function mm1(lambda: number, mu: number): QueueMetrics {
  checkRates("mm1", lambda, mu, 1);
  const rho = lambda / mu;
  const wq = rho / (mu * (1 - rho));
  return { rho, wq, w: wq + 1 / mu, lq: lambda * wq, l: lambda * (wq + 1 / mu) };
}
