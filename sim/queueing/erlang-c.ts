import type { QueueMetrics } from "./metrics.js";
import { checkRates } from "./metrics.js";

/**
 * Erlang's C formula: the probability that an arrival to an M/M/c queue has to wait.
 *
 * C(c, a) = [aᶜ/c! · 1/(1 − ρ)] / [Σₖ₌₀^{c−1} aᵏ/k! + aᶜ/c! · 1/(1 − ρ)], with offered load
 * a = λ/μ and ρ = a/c (Gross & Harris, *Fundamentals of Queueing Theory*, §2.3). Computed through
 * the Erlang B recursion B(k) = a·B(k−1) / (k + a·B(k−1)) and C = B / (1 − ρ(1 − B)), which
 * never forms a factorial and stays accurate for hundreds of servers. Cost: O(c).
 *
 * @param servers c, a whole number >= 1.
 * @param load offered load a = λ/μ in erlangs, with 0 < a < c.
 * @throws RangeError when servers is not a whole number >= 1 or the load is not in (0, c).
 * @example
 * erlangC(4, 3.6); // 0.7878…
 */
export function erlangC(servers: number, load: number): number {
  if (!Number.isInteger(servers) || servers < 1) throw new RangeError(`erlangC: servers ${servers} must be a whole number >= 1`);
  if (!(load > 0 && load < servers)) throw new RangeError(`erlangC: load ${load} must be in (0, ${servers})`);
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  const rho = load / servers;
  return b / (1 - rho * (1 - b));
}

/**
 * Steady-state M/M/c queue (c identical exponential servers, one FIFO line), via Erlang C:
 * Wq = C(c, λ/μ) / (cμ − λ), W = Wq + 1/μ, and Little's law for Lq and L.
 *
 * @param servers c, a whole number >= 1.
 * @param lambda arrival rate, > 0.
 * @param mu service rate of one server, > 0.
 * @throws RangeError when an input breaks its rule or λ >= cμ.
 * @example
 * mmc(4, 3.6, 1).wq; // 1.9694…
 */
export function mmc(servers: number, lambda: number, mu: number): QueueMetrics {
  checkRates("mmc", lambda, mu, servers);
  const wq = erlangC(servers, lambda / mu) / (servers * mu - lambda);
  return { rho: lambda / (servers * mu), wq, w: wq + 1 / mu, lq: lambda * wq, l: lambda * (wq + 1 / mu) };
}
