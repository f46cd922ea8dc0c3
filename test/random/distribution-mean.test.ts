import { describe, expect, it } from "vitest";
import type { Distribution } from "../../sim/model/config.js";
import {
  discrete,
  distributionMean,
  exponential,
  gamma,
  normal,
  normalPdf,
  poisson,
  sampler,
  StreamFactory,
  triangular,
} from "../../sim/random/index.js";
import { sampleMoments, simpson } from "./moments.js";

describe("distributionMean", () => {
  it.each<[Distribution, number]>([
    [{ kind: "deterministic", value: 4 }, 4],
    [{ kind: "uniform", min: 2, max: 5 }, 3.5],
    [{ kind: "triangular", min: 1, mode: 2, max: 6 }, 3],
    [{ kind: "exponential", mean: 14 }, 14],
    [{ kind: "normal", mean: 6, sd: 2 }, 6],
    [{ kind: "lognormal", mean: 10, sd: 5 }, 10],
    [{ kind: "gamma", shape: 2, scale: 3 }, 6],
    [{ kind: "poisson", mean: 3.5 }, 3.5],
    [{ kind: "discrete", values: [6, 8], weights: [3, 1] }, 6.5],
    [{ kind: "normal", mean: 5, sd: 0, min: 1, max: 9 }, 5],
  ])("%j has mean %d", (dist, mean) => {
    expect(distributionMean(dist)).toBeCloseTo(mean, 12);
  });

  it.each<[number, number, number | undefined, number | undefined]>([
    [0, 1, 1, 2],
    [0, 1, 0, undefined],
    [6, 3, 1, undefined],
    [6, 3, undefined, 4],
    [0, 1, 5, 6],
    [0, 1, -6, -5],
  ])("truncated normal(%d, %d, [%s, %s]) matches quadrature to 1e-9", (mean, sd, min, max) => {
    const lo = Math.max(min ?? -Infinity, mean - 15 * sd);
    const hi = Math.min(max ?? Infinity, mean + 15 * sd);
    const pdf = (x: number) => normalPdf((x - mean) / sd);
    const expected = simpson((x) => x * pdf(x), lo, hi) / simpson(pdf, lo, hi);
    expect(Math.abs(distributionMean({ kind: "normal", mean, sd, min, max }) - expected)).toBeLessThan(1e-9);
  });

  it("half-normal: mean + sd·√(2/π) in closed form", () => {
    expect(distributionMean({ kind: "normal", mean: 0, sd: 2, min: 0 })).toBeCloseTo(2 * Math.sqrt(2 / Math.PI), 13);
    expect(distributionMean({ kind: "normal", mean: 0, sd: 2, max: 0 })).toBeCloseTo(-2 * Math.sqrt(2 / Math.PI), 13);
  });
});

describe("sampler(dist, field)", () => {
  it("draws exactly what the matching factory draws", () => {
    const pairs: [Distribution, ReturnType<typeof normal>][] = [
      [{ kind: "exponential", mean: 2 }, exponential(0.5)],
      [{ kind: "triangular", min: 1, mode: 2, max: 6 }, triangular(1, 2, 6)],
      [{ kind: "normal", mean: 6, sd: 3, min: 1 }, normal(6, 3, { min: 1 })],
      [{ kind: "gamma", shape: 0.7, scale: 2 }, gamma(0.7, 2)],
      [{ kind: "poisson", mean: 40 }, poisson(40)],
      [{ kind: "discrete", values: [1, 2], weights: [1, 3] }, discrete([1, 2], [1, 3])],
    ];
    for (const [dist, direct] of pairs) {
      const viaSampler = sampleMoments(sampler(dist, "x"), new StreamFactory(3, 1).stream("s"), 500).values;
      const viaFactory = sampleMoments(direct, new StreamFactory(3, 1).stream("s"), 500).values;
      expect(viaSampler).toEqual(viaFactory);
    }
  });

  it("sample mean of a truncated normal agrees with distributionMean within 5 sd of the mean", () => {
    const dist: Distribution = { kind: "normal", mean: 6, sd: 3, min: 1, max: 8 };
    const n = 100_000;
    const got = sampleMoments(sampler(dist, "casework.sessions"), new StreamFactory(8, 0).stream("tn"), n);
    expect(Math.abs(got.mean - distributionMean(dist))).toBeLessThan(5 * Math.sqrt(got.variance / n));
  });
});
