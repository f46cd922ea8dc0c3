import { gammaln } from "simple-statistics";
import { describe, expect, it } from "vitest";
import {
  bernoulli,
  binomial,
  discrete,
  exponential,
  gamma,
  lognormal,
  normal,
  normalCdf,
  poisson,
  StreamFactory,
  triangular,
  uniform,
  type Sampler,
} from "../../sim/random/index.js";
import { chiSquare, chiSquareCritical, ksCritical, ksStatistic, sampleMoments } from "./moments.js";

// Each test rejects at level 0.001: a correct sampler fails one of these by chance with
// probability 0.001 for a fresh seed; with the fixed seeds here the outcome is fixed.
const n = 20_000;
const factory = new StreamFactory(77, 0);

const continuous: [string, Sampler, (x: number) => number][] = [
  ["exponential(0.25)", exponential(0.25), (x) => 1 - Math.exp(-0.25 * x)],
  ["uniform(-1, 3)", uniform(-1, 3), (x) => (x + 1) / 4],
  ["triangular(1, 2, 6)", triangular(1, 2, 6), (x) => (x <= 2 ? (x - 1) ** 2 / 5 : 1 - (6 - x) ** 2 / 20)],
  ["normal(3, 2)", normal(3, 2), (x) => normalCdf((x - 3) / 2)],
  [
    "normal(0, 1, [1, 3])",
    normal(0, 1, { min: 1, max: 3 }),
    (x) => (normalCdf(x) - normalCdf(1)) / (normalCdf(3) - normalCdf(1)),
  ],
  ["normal(6, 3, min 1)", normal(6, 3, { min: 1 }), (x) => (normalCdf((x - 6) / 3) - normalCdf(-5 / 3)) / normalCdf(5 / 3)],
  [
    "lognormal(10, 5)",
    lognormal(10, 5),
    (x) => {
      const s2 = Math.log(1.25);
      return normalCdf((Math.log(x) - (Math.log(10) - s2 / 2)) / Math.sqrt(s2));
    },
  ],
  ["gamma(2, 3)", gamma(2, 3), (x) => 1 - Math.exp(-x / 3) * (1 + x / 3)],
  // Gamma(1/2, θ) is θ·Z²/2 for standard normal Z: F(x) = 2Φ(√(2x/θ)) − 1.
  ["gamma(0.5, 4)", gamma(0.5, 4), (x) => 2 * normalCdf(Math.sqrt((2 * x) / 4)) - 1],
];

describe("Kolmogorov–Smirnov goodness of fit (n = 20,000, level 0.001)", () => {
  it.each(continuous)("%s", (name, draw, cdf) => {
    const { values } = sampleMoments(draw, factory.stream(name), n);
    expect(ksStatistic(values, cdf)).toBeLessThan(ksCritical(n));
  });

  it("detects a wrong distribution (the test has power)", () => {
    const { values } = sampleMoments(exponential(0.25), factory.stream("power"), n);
    // Mean 4 against mean 4.2: a 5% scale error must be caught.
    expect(ksStatistic(values, (x) => 1 - Math.exp(-x / 4.2))).toBeGreaterThan(ksCritical(n));
  });
});

const poissonPmf = (mean: number) => (k: number) => Math.exp(k * Math.log(mean) - mean - gammaln(k + 1));
const binomialPmf = (trials: number, p: number) => (k: number) =>
  k > trials
    ? 0
    : Math.exp(gammaln(trials + 1) - gammaln(k + 1) - gammaln(trials - k + 1) + k * Math.log(p) + (trials - k) * Math.log1p(-p));

const integer: [string, Sampler, (k: number) => number, number][] = [
  ["poisson(3)", poisson(3), poissonPmf(3), 30],
  ["poisson(50)", poisson(50), poissonPmf(50), 120],
  ["binomial(20, 0.1)", binomial(20, 0.1), binomialPmf(20, 0.1), 20],
  ["binomial(20, 0.9)", binomial(20, 0.9), binomialPmf(20, 0.9), 20],
  ["binomial(1000, 0.3)", binomial(1000, 0.3), binomialPmf(1000, 0.3), 1000],
  ["bernoulli(0.3)", bernoulli(0.3), (k) => (k === 0 ? 0.7 : k === 1 ? 0.3 : 0), 1],
  ["discrete", discrete([0, 1, 2, 3], [1, 0, 3, 6]), (k) => [0.1, 0, 0.3, 0.6][k] ?? 0, 3],
];

describe("chi-square goodness of fit (n = 20,000, level 0.001, bins expecting >= 20)", () => {
  it.each(integer)("%s", (name, draw, pmf, maxK) => {
    const { values } = sampleMoments(draw, factory.stream(name), n);
    const { stat, df } = chiSquare(values, pmf, maxK);
    expect(df).toBeGreaterThanOrEqual(1);
    expect(stat).toBeLessThan(chiSquareCritical(Math.max(df, 2)));
  });

  it("never draws a zero-weight value", () => {
    const draw = discrete([10, 20, 30], [0, 1, 0]);
    const { values } = sampleMoments(draw, factory.stream("zero-weight"), 5000);
    expect(new Set(values)).toEqual(new Set([20]));
  });
});
