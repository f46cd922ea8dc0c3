import { describe, expect, it } from "vitest";
import { normal, StreamFactory } from "../../sim/random/index.js";
import { confidenceInterval, mser5, percentile } from "../../sim/stats/index.js";

describe("mser5", () => {
  it("cuts a step transient exactly", () => {
    // 20 observations at 50, then an alternating 0/1 steady state (batch means 0.4, 0.6, ...).
    const series = [...new Array<number>(20).fill(50), ...Array.from({ length: 480 }, (_, i) => i % 2)];
    expect(mser5(series)).toEqual({ truncate: 20, batches: 100 });
  });

  it("removes an exponentially decaying initial bias", () => {
    // Bias 10·e^(−t/30) on N(0, 1) noise: it falls below 0.1 sd after about 140 observations.
    const draw = normal(0, 1);
    const s = new StreamFactory(2026, 0).stream("transient");
    const series = Array.from({ length: 1000 }, (_, i) => 10 * Math.exp(-i / 30) + draw(s));
    const { truncate, batches } = mser5(series);
    expect(batches).toBe(200);
    expect(truncate % 5).toBe(0);
    expect(truncate).toBeGreaterThanOrEqual(40);
    expect(truncate).toBeLessThanOrEqual(250);
    // The full-series mean is biased by about 10·30/1000 = 0.3; the truncated one is not.
    const full = confidenceInterval(series);
    const kept = confidenceInterval(series.slice(truncate));
    expect(full.lo).toBeGreaterThan(0);
    expect(kept.lo).toBeLessThan(0);
    expect(kept.hi).toBeGreaterThan(0);
  });

  it("validates its input", () => {
    expect(() => mser5([1, 2, 3, 4, 5, 6, 7])).toThrow(new RangeError("mser5: series length 7 must be >= 10 (two batches of 5)"));
    expect(() => mser5([1, 2, 3, NaN, 5, 6, 7, 8, 9, 10])).toThrow(new RangeError("mser5: series[3] NaN must be a finite number"));
  });
});

describe("percentile (type 7, linear interpolation)", () => {
  it.each([
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4], 0.25, 1.75],
    [[1, 2, 3, 4], 0, 1],
    [[1, 2, 3, 4], 1, 4],
    [[15, 20, 35, 40, 50], 0.4, 29], // NumPy: percentile([15, 20, 35, 40, 50], 40) = 29
    [[7], 0.9, 7],
  ])("percentile(%j, %d) = %d", (xs, p, want) => {
    expect(percentile(xs, p)).toBeCloseTo(want, 12);
  });

  it("validates its input", () => {
    expect(() => percentile([], 0.5)).toThrow(new RangeError("percentile: sorted must not be empty"));
    expect(() => percentile([1, 2], 95)).toThrow(new RangeError("percentile: p 95 must lie in [0, 1]"));
    expect(() => percentile([1, 5, 2], 0.5)).toThrow(
      new RangeError("percentile: sorted[2] 2 must be >= sorted[1] 5 (ascending order)"),
    );
  });
});
