import { erlangC } from "./erlang-c.js";
import { checkRates } from "./metrics.js";

/**
 * Mean waits per class in a non-preemptive priority queue with Poisson arrivals: class 0 is
 * served first, FIFO within a class, and a service once started is never interrupted.
 *
 * One server, general service (Cobham 1954; Kleinrock vol. 2, §3.6):
 * Wₖ = W₀ / ((1 − σₖ₋₁)(1 − σₖ)), where W₀ = Σᵢ λᵢ·E[S²]/2 is the mean residual work found
 * in service and σₖ = Σᵢ≤ₖ λᵢ/μ. With `servers` c > 1 (exponential service only, the same rate
 * for every class) the M/M/c form is Wₖ = C(c, λ/μ) / (cμ (1 − σₖ₋₁)(1 − σₖ)) with
 * σₖ = Σᵢ≤ₖ λᵢ/(cμ) (Gross & Harris, §3.4.1); with one class both reduce to the FIFO wait.
 *
 * @param lambda total arrival rate, > 0.
 * @param mu service rate of one server, > 0.
 * @param shares fraction of arrivals in each class, each > 0, summing to 1 (within 1e-9).
 * @param options `servers` (default 1) and `service`: "exp" (default) or "det" (one server only).
 * @returns the mean wait in line of each class, in class order.
 * @throws RangeError when an input breaks its rule, the queue is unstable, or "det" is asked
 *   with more than one server (no closed form).
 * @example
 * cobham(0.8, 1, [0.3, 0.7]); // [1.0526…, 5.2631…]
 */
export function cobham(
  lambda: number,
  mu: number,
  shares: readonly number[],
  options: { servers?: number; service?: "exp" | "det" } = {},
): number[] {
  const servers = options.servers ?? 1;
  const service = options.service ?? "exp";
  checkRates("cobham", lambda, mu, servers);
  checkShares("cobham", shares);
  let top: number;
  if (servers === 1) {
    const secondMoment = service === "exp" ? 2 / (mu * mu) : 1 / (mu * mu);
    top = (lambda * secondMoment) / 2;
  } else {
    if (service !== "exp") throw new RangeError(`cobham: service "${service}" has no closed form with ${servers} servers`);
    top = erlangC(servers, lambda / mu) / (servers * mu);
  }
  const out: number[] = [];
  let sigma = 0;
  for (const share of shares) {
    const next = sigma + (share * lambda) / (servers * mu);
    out.push(top / ((1 - sigma) * (1 - next)));
    sigma = next;
  }
  return out;
}

/**
 * Checks a list of class shares.
 * @throws RangeError naming `fn` when a share is not > 0 or the shares do not sum to 1.
 */
export function checkShares(fn: string, shares: readonly number[]): void {
  if (shares.length < 1) throw new RangeError(`${fn}: shares must list at least one class`);
  let sum = 0;
  for (const s of shares) {
    if (!(s > 0) || !Number.isFinite(s)) throw new RangeError(`${fn}: share ${s} must be a number > 0`);
    sum += s;
  }
  if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`${fn}: shares ${shares.join(",")} must sum to 1 (they sum to ${sum})`);
}
