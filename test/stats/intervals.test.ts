import { describe, expect, it } from "vitest";
import { exponential, normal, StreamFactory } from "../../sim/random/index.js";
import { batchMeans, confidenceInterval, pairedDifference } from "../../sim/stats/index.js";

describe("confidenceInterval", () => {
  it("matches a hand computation", () => {
    const ci = confidenceInterval([10, 12, 11, 13]);
    const sd = Math.sqrt(5 / 3);
    const half = (3.182446305 * sd) / 2; // t(0.975, 3) · sd / √4
    expect(ci.mean).toBe(11.5);
    expect(ci.n).toBe(4);
    expect(ci.sd).toBeCloseTo(sd, 12);
    expect(ci.halfWidth).toBeCloseTo(half, 8);
    expect(ci.lo).toBeCloseTo(11.5 - half, 8);
    expect(ci.hi).toBeCloseTo(11.5 + half, 8);
    expect(confidenceInterval([10, 12, 11, 13], 0.9).halfWidth).toBeCloseTo((2.353363435 * sd) / 2, 8);
  });

  it("is unbounded for one value and zero-width for identical values", () => {
    expect(confidenceInterval([4])).toEqual({ mean: 4, lo: -Infinity, hi: Infinity, halfWidth: Infinity, n: 1, sd: NaN });
    expect(confidenceInterval([2, 2, 2]).halfWidth).toBe(0);
  });

  it("covers the true mean at close to the nominal rate", () => {
    // 1000 intervals from samples of 10 normal values. Coverage is Binomial(1000, 0.95)/1000
    // with sd √(0.95·0.05/1000) ≈ 0.0069, so [0.93, 0.97] is ±2.9 sd; for 90% intervals the
    // sd is 0.0095 and [0.87, 0.93] is ±3.2 sd.
    const draw = normal(5, 2);
    const s = new StreamFactory(2026, 0).stream("coverage");
    let hit95 = 0;
    let hit90 = 0;
    for (let r = 0; r < 1000; r++) {
      const sample = Array.from({ length: 10 }, () => draw(s));
      const a = confidenceInterval(sample);
      const b = confidenceInterval(sample, 0.9);
      if (a.lo <= 5 && 5 <= a.hi) hit95++;
      if (b.lo <= 5 && 5 <= b.hi) hit90++;
    }
    expect(hit95 / 1000).toBeGreaterThanOrEqual(0.93);
    expect(hit95 / 1000).toBeLessThanOrEqual(0.97);
    expect(hit90 / 1000).toBeGreaterThanOrEqual(0.87);
    expect(hit90 / 1000).toBeLessThanOrEqual(0.93);
  });

  it("validates its input", () => {
    expect(() => confidenceInterval([])).toThrow(new RangeError("confidenceInterval: samples must not be empty"));
    expect(() => confidenceInterval([1, 2], 95)).toThrow(new RangeError("confidenceInterval: level 95 must lie in (0, 1)"));
    expect(() => confidenceInterval([1, NaN])).toThrow(new RangeError("confidenceInterval: samples[1] NaN must be a finite number"));
  });
});

describe("pairedDifference", () => {
  it("matches a hand computation of mean(b − a)", () => {
    const d = pairedDifference([10, 12, 11], [8, 10, 10]); // differences −2, −2, −1
    expect(d.mean).toBeCloseTo(-5 / 3, 12);
    expect(d.sd).toBeCloseTo(Math.sqrt(1 / 3), 12);
    expect(d.halfWidth).toBeCloseTo((4.30265273 * Math.sqrt(1 / 3)) / Math.sqrt(3), 7);
    expect(d.n).toBe(3);
  });

  it("is much narrower than a separate interval when the pairs share random numbers", () => {
    // Replication r of both scenarios reads the same stream: common random numbers.
    const a: number[] = [];
    const b: number[] = [];
    for (let r = 0; r < 30; r++) {
      const f = new StreamFactory(5, r);
      const mean = (draw: (s: ReturnType<StreamFactory["stream"]>) => number) => {
        const s = f.stream("service");
        let sum = 0;
        for (let i = 0; i < 50; i++) sum += draw(s);
        return sum / 50;
      };
      a.push(mean(exponential(1)));
      b.push(mean(exponential(1.1)));
    }
    const paired = pairedDifference(a, b);
    // Same uniforms, so b = a/1.1 and b − a = −a/11: its interval is a tenth as wide as b's
    // (1/11 against 1/1.1 of a's), where independent runs would make it wider than either.
    expect(paired.hi).toBeLessThan(0);
    expect(paired.halfWidth).toBeLessThan(0.2 * confidenceInterval(b).halfWidth);
    expect(paired.mean).toBeCloseTo(-confidenceInterval(a).mean / 11, 12);
  });

  it("requires equal lengths", () => {
    expect(() => pairedDifference([1, 2, 3], [1, 2, 3, 4])).toThrow(new RangeError("pairedDifference: lengths must match (a 3, b 4)"));
    expect(() => pairedDifference([], [])).toThrow(new RangeError("pairedDifference: samples must not be empty"));
  });
});

describe("batchMeans", () => {
  it("gives a t interval over batch means of an independent series", () => {
    const draw = normal(5, 1);
    const s = new StreamFactory(3, 0).stream("iid");
    const series = Array.from({ length: 10_000 }, () => draw(s));
    const ci = batchMeans(series);
    expect(ci.n).toBe(20);
    expect(ci.lo).toBeLessThan(5);
    expect(ci.hi).toBeGreaterThan(5);
    // Expected half-width t(0.975,19)·(1/√500)/√20 ≈ 0.0209; the sd of 20 batch means has a
    // relative sd of about 1/√38 ≈ 16%, so 0.6–1.4× is ±2.5 sd.
    const expected = (2.093024054 * (1 / Math.sqrt(500))) / Math.sqrt(20);
    expect(ci.halfWidth / expected).toBeGreaterThan(0.6);
    expect(ci.halfWidth / expected).toBeLessThan(1.4);
  });

  it("widens the interval for autocorrelated data as theory says", () => {
    // AR(1) with φ = 0.9: the variance of the mean is (1 + φ)/(1 − φ) = 19 times the iid
    // value, so batch means should be about √19 ≈ 4.4 times wider than a naive interval.
    const draw = normal(0, 1);
    const s = new StreamFactory(4, 0).stream("ar1");
    const series: number[] = [];
    let x = 0;
    for (let i = 0; i < 40_000; i++) {
      x = 0.9 * x + draw(s);
      series.push(x);
    }
    const ratio = batchMeans(series).halfWidth / confidenceInterval(series).halfWidth;
    expect(ratio).toBeGreaterThan(3);
    expect(ratio).toBeLessThan(6);
  });

  it("drops the leftover observations from the start", () => {
    const series = [1000, ...new Array<number>(40).fill(2)];
    const ci = batchMeans(series, 20);
    expect(ci.mean).toBe(2);
    expect(ci.halfWidth).toBe(0);
  });

  it("validates batches and length", () => {
    expect(() => batchMeans([1, 2, 3], 1)).toThrow(new RangeError("batchMeans: batches 1 must be an integer >= 2"));
    expect(() => batchMeans([1, 2, 3, 4, 5])).toThrow(new RangeError("batchMeans: series length 5 must be >= batches 20"));
  });
});
