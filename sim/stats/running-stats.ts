/**
 * Count, mean, variance, minimum and maximum of a stream of numbers in O(1) memory.
 *
 * Welford's update (Technometrics 4, 1962) keeps the sum of squared deviations M2 directly,
 * so the variance does not suffer the cancellation of Σx² − n·x̄². {@link merge} combines
 * two accumulators by Chan, Golub & LeVeque's pairwise formula, e.g. per-worker results.
 *
 * @example
 * const waits = new RunningStats();
 * for (const w of [3, 5, 10]) waits.push(w);
 * waits.mean;     // 6
 * waits.variance; // 13 (sample variance, n − 1)
 */
export class RunningStats {
  private n = 0;
  private m = 0;
  private m2 = 0;
  private lo = Infinity;
  private hi = -Infinity;

  /**
   * Adds one observation. O(1).
   *
   * @param x a finite number.
   * @throws RangeError `RunningStats.push: x NaN must be a finite number`.
   */
  push(x: number): void {
    if (!Number.isFinite(x)) throw new RangeError(`RunningStats.push: x ${String(x)} must be a finite number`);
    const n = ++this.n;
    const delta = x - this.m;
    this.m += delta / n;
    this.m2 += delta * (x - this.m);
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
  }

  /** Observations pushed so far. */
  get count(): number {
    return this.n;
  }

  /** Arithmetic mean; NaN when empty. */
  get mean(): number {
    return this.n === 0 ? NaN : this.m;
  }

  /** Sample variance (divisor n − 1); NaN for fewer than 2 observations. */
  get variance(): number {
    return this.n < 2 ? NaN : this.m2 / (this.n - 1);
  }

  /** Sample standard deviation, √variance; NaN for fewer than 2 observations. */
  get sd(): number {
    return Math.sqrt(this.variance);
  }

  /** Smallest observation; NaN when empty. */
  get min(): number {
    return this.n === 0 ? NaN : this.lo;
  }

  /** Largest observation; NaN when empty. */
  get max(): number {
    return this.n === 0 ? NaN : this.hi;
  }

  /**
   * A new accumulator holding both this one's and `other`'s observations, as if all had
   * been pushed to one (Chan et al. 1979). Neither input changes.
   *
   * @example
   * const all = perWorker.reduce((a, b) => a.merge(b), new RunningStats());
   */
  merge(other: RunningStats): RunningStats {
    const out = new RunningStats();
    const n = this.n + other.n;
    if (n === 0) return out;
    const delta = other.m - this.m;
    out.n = n;
    out.m = this.m + (delta * other.n) / n;
    out.m2 = this.m2 + other.m2 + ((delta * delta * this.n) / n) * other.n;
    out.lo = Math.min(this.lo, other.lo);
    out.hi = Math.max(this.hi, other.hi);
    return out;
  }
}
