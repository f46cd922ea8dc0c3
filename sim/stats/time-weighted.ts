/**
 * The time average of a piecewise-constant quantity (queue length, open cases, staff
 * in post): each value counts for as long as it held.
 *
 * @example
 * const queue = new TimeWeighted(0, 0); // empty from day 0
 * queue.update(2, 3);  // 3 waiting from day 2
 * queue.update(6, 1);  // 1 waiting from day 6
 * queue.mean(10);      // (0·2 + 3·4 + 1·4) / 10 = 1.6 cases
 */
export class TimeWeighted {
  private readonly start: number;
  private last: number;
  private current: number;
  private area = 0;

  /**
   * @param startTime when observation starts (simulated time, e.g. days).
   * @param initialValue the value holding from `startTime`.
   * @throws RangeError if either is not finite, e.g. `TimeWeighted: startTime NaN must be a finite number`.
   */
  constructor(startTime: number, initialValue: number) {
    finite("TimeWeighted", "startTime", startTime);
    finite("TimeWeighted", "initialValue", initialValue);
    this.start = startTime;
    this.last = startTime;
    this.current = initialValue;
  }

  /** The value holding now (after the last update). */
  get value(): number {
    return this.current;
  }

  /**
   * Records that the quantity is `value` from `time` on. Several updates at the same time
   * are fine (the last one wins). O(1).
   *
   * @throws RangeError if `time` goes back: `TimeWeighted.update: time 3 must be >= the last update time 5`,
   *   or if `time` or `value` is not finite.
   */
  update(time: number, value: number): void {
    finite("TimeWeighted.update", "time", time);
    finite("TimeWeighted.update", "value", value);
    if (time < this.last) {
      throw new RangeError(`TimeWeighted.update: time ${time} must be >= the last update time ${this.last}`);
    }
    this.area += this.current * (time - this.last);
    this.last = time;
    this.current = value;
  }

  /**
   * ∫ value dt from the start time to `untilTime` (value × time units, e.g. case-days),
   * the current value being extended to `untilTime`.
   *
   * @throws RangeError `TimeWeighted.integral: untilTime 3 must be >= the last update time 5`.
   */
  integral(untilTime: number): number {
    finite("TimeWeighted.integral", "untilTime", untilTime);
    if (untilTime < this.last) {
      throw new RangeError(`TimeWeighted.integral: untilTime ${untilTime} must be >= the last update time ${this.last}`);
    }
    return this.area + this.current * (untilTime - this.last);
  }

  /**
   * The time-weighted mean over [start, untilTime]: {@link integral} / (untilTime − start).
   * NaN when untilTime equals the start time (no time has passed).
   *
   * @throws RangeError `TimeWeighted.mean: untilTime 3 must be >= the last update time 5`.
   */
  mean(untilTime: number): number {
    finite("TimeWeighted.mean", "untilTime", untilTime);
    if (untilTime < this.last) {
      throw new RangeError(`TimeWeighted.mean: untilTime ${untilTime} must be >= the last update time ${this.last}`);
    }
    const span = untilTime - this.start;
    return span === 0 ? NaN : (this.area + this.current * (untilTime - this.last)) / span;
  }
}

function finite(fn: string, name: string, x: number): void {
  if (typeof x !== "number" || !Number.isFinite(x)) throw new RangeError(`${fn}: ${name} ${String(x)} must be a finite number`);
}
