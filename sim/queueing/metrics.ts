/**
 * Steady-state means of a queue, as the closed forms return them. Times are in the unit of
 * the rates' reciprocal (if λ is per day, waits are in days).
 */
export interface QueueMetrics {
  /** Utilisation of a server: λ / (cμ). */
  readonly rho: number;
  /** Mean wait in the line before service starts. */
  readonly wq: number;
  /** Mean time in the system (wait plus service). */
  readonly w: number;
  /** Mean number waiting (Little: λ·Wq). */
  readonly lq: number;
  /** Mean number in the system (Little: λ·W). */
  readonly l: number;
}

/**
 * Checks rates and stability for a closed form named `fn`.
 * @throws RangeError naming the function, the value and the rule.
 */
export function checkRates(fn: string, lambda: number, mu: number, servers: number): void {
  if (!(lambda > 0) || !Number.isFinite(lambda)) throw new RangeError(`${fn}: arrival rate ${lambda} must be a number > 0`);
  if (!(mu > 0) || !Number.isFinite(mu)) throw new RangeError(`${fn}: service rate ${mu} must be a number > 0`);
  if (!Number.isInteger(servers) || servers < 1) throw new RangeError(`${fn}: servers ${servers} must be a whole number >= 1`);
  const rho = lambda / (servers * mu);
  if (!(rho < 1)) throw new RangeError(`${fn}: utilisation λ/(cμ) = ${rho} must be < 1 for a steady state`);
}
