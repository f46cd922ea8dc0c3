import fc from "fast-check";
import { mean as ssMean, sampleVariance } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { RunningStats } from "../../sim/stats/index.js";

const of = (xs: readonly number[]): RunningStats => {
  const r = new RunningStats();
  for (const x of xs) r.push(x);
  return r;
};
const close = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
const data = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 200 });

describe("RunningStats", () => {
  it("matches a hand computation", () => {
    const r = of([3, 5, 10]);
    expect(r.count).toBe(3);
    expect(r.mean).toBe(6);
    expect(r.variance).toBeCloseTo(13, 12); // ((−3)² + (−1)² + 4²) / 2
    expect(r.sd).toBeCloseTo(Math.sqrt(13), 12);
    expect(r.min).toBe(3);
    expect(r.max).toBe(10);
  });

  it("reports NaN where a statistic is undefined", () => {
    const empty = new RunningStats();
    expect([empty.count, empty.mean, empty.variance, empty.min, empty.max]).toEqual([0, NaN, NaN, NaN, NaN]);
    const one = of([4]);
    expect([one.mean, one.variance, one.sd, one.min, one.max]).toEqual([4, NaN, NaN, 4, 4]);
  });

  it("agrees with two-pass mean and variance (simple-statistics) on random data", () => {
    fc.assert(
      fc.property(data, (xs) => {
        const r = of(xs);
        return close(r.mean, ssMean(xs)) && close(r.variance, sampleVariance(xs), 1e-8);
      }),
      { numRuns: 200 },
    );
  });

  it("stays accurate with a large offset, where Σx² − n·x̄² would cancel", () => {
    const r = of([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
    expect(r.variance).toBeCloseTo(30, 6); // deviations −6, −3, 3, 6
  });

  it("merge equals pushing everything into one accumulator, and leaves inputs alone", () => {
    fc.assert(
      fc.property(data, fc.nat(), (xs, cut) => {
        const k = cut % (xs.length + 1);
        const left = of(xs.slice(0, k));
        const right = of(xs.slice(k));
        const merged = left.merge(right);
        const all = of(xs);
        return (
          merged.count === all.count &&
          close(merged.mean, all.mean) &&
          close(merged.variance, all.variance, 1e-8) &&
          merged.min === all.min &&
          merged.max === all.max &&
          left.count === k &&
          right.count === xs.length - k
        );
      }),
      { numRuns: 200 },
    );
    expect(new RunningStats().merge(new RunningStats()).count).toBe(0);
  });

  it("rejects non-finite observations", () => {
    expect(() => new RunningStats().push(NaN)).toThrow(new RangeError("RunningStats.push: x NaN must be a finite number"));
  });
});
