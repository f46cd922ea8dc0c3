import { interpolate } from "./percentile.js";

/**
 * One quantile of a stream estimated in O(1) memory and O(1) time per observation by the
 * P² algorithm (Jain & Chlamtac, CACM 28, 1985): five markers track the minimum, the p/2,
 * p and (1+p)/2 quantiles and the maximum, and are nudged by piecewise-parabolic
 * interpolation as observations arrive. Up to 5 observations the result is exact (the
 * type-7 quantile, as {@link percentile}); after that it is an estimate whose error shrinks
 * as the count grows (typically well under 1% of the spread for smooth distributions and
 * thousands of observations).
 *
 * @example
 * const p90 = new StreamingQuantile(0.9);
 * for (const w of waits) p90.push(w);
 * p90.value(); // ≈ 90th percentile of waits
 */
export class StreamingQuantile {
  /** The target probability. */
  readonly p: number;
  private n = 0;
  /** Marker heights q[0..4]. */
  private readonly q = new Float64Array(5);
  /** Actual marker positions (1-based counts). */
  private readonly pos = new Float64Array(5);
  /** Desired marker positions and their per-observation increments. */
  private readonly want = new Float64Array(5);
  private readonly step = new Float64Array(5);

  /**
   * @param p probability in (0, 1), e.g. 0.9 for the 90th percentile.
   * @throws RangeError `StreamingQuantile: p 1 must lie in (0, 1)` (use RunningStats.min/max for 0 and 1).
   */
  constructor(p: number) {
    if (typeof p !== "number" || !(p > 0 && p < 1)) {
      throw new RangeError(`StreamingQuantile: p ${String(p)} must lie in (0, 1) (use RunningStats.min/max for 0 and 1)`);
    }
    this.p = p;
    this.want.set([1, 1 + 2 * p, 1 + 4 * p, 3 + 2 * p, 5]);
    this.step.set([0, p / 2, p, (1 + p) / 2, 1]);
  }

  /** Observations pushed so far. */
  get count(): number {
    return this.n;
  }

  /**
   * Adds one observation. O(1), no allocation.
   *
   * @throws RangeError `StreamingQuantile.push: x NaN must be a finite number`.
   */
  push(x: number): void {
    if (!Number.isFinite(x)) throw new RangeError(`StreamingQuantile.push: x ${String(x)} must be a finite number`);
    const q = this.q;
    if (this.n < 5) {
      // Insertion into the sorted first five.
      let i = this.n++;
      while (i > 0 && q[i - 1] > x) {
        q[i] = q[i - 1];
        i--;
      }
      q[i] = x;
      if (this.n === 5) this.pos.set([1, 2, 3, 4, 5]);
      return;
    }
    this.n++;
    const pos = this.pos;
    let k: number;
    if (x < q[0]) {
      q[0] = x;
      k = 0;
    } else if (x >= q[4]) {
      if (x > q[4]) q[4] = x;
      k = 3;
    } else {
      k = 0;
      while (x >= q[k + 1]) k++;
    }
    for (let i = k + 1; i < 5; i++) pos[i]++;
    for (let i = 0; i < 5; i++) this.want[i] += this.step[i];
    for (let i = 1; i <= 3; i++) {
      const d = this.want[i] - pos[i];
      if ((d >= 1 && pos[i + 1] - pos[i] > 1) || (d <= -1 && pos[i - 1] - pos[i] < -1)) {
        const s = d > 0 ? 1 : -1;
        const candidate = this.parabolic(i, s);
        q[i] = q[i - 1] < candidate && candidate < q[i + 1] ? candidate : this.linear(i, s);
        pos[i] += s;
      }
    }
  }

  /** The current estimate; NaN before any observation; exact for up to 5 observations. */
  value(): number {
    if (this.n === 0) return NaN;
    if (this.n <= 5) return interpolate(this.q.subarray(0, this.n), this.p);
    return this.q[2];
  }

  private parabolic(i: number, s: number): number {
    const q = this.q;
    const n = this.pos;
    return (
      q[i] +
      (s / (n[i + 1] - n[i - 1])) *
        (((n[i] - n[i - 1] + s) * (q[i + 1] - q[i])) / (n[i + 1] - n[i]) +
          ((n[i + 1] - n[i] - s) * (q[i] - q[i - 1])) / (n[i] - n[i - 1]))
    );
  }

  private linear(i: number, s: number): number {
    const q = this.q;
    const n = this.pos;
    return q[i] + (s * (q[i + s] - q[i])) / (n[i + s] - n[i]);
  }
}
