import { describe, expect, it } from "vitest";
import {
  bernoulli,
  binomial,
  deterministic,
  discrete,
  distributionMean,
  exponential,
  exponentialMean,
  exponentialZiggurat,
  gamma,
  lognormal,
  normal,
  poisson,
  sampler,
  triangular,
  uniform,
} from "../../sim/random/index.js";
import type { Distribution } from "../../sim/model/config.js";

const cases: [string, () => unknown, string][] = [
  ["deterministic NaN", () => deterministic(NaN), "deterministic: value NaN must be a finite number"],
  ["uniform min", () => uniform(Infinity, 1), "uniform: min Infinity must be a finite number"],
  ["uniform order", () => uniform(3, 1), "uniform: max 1 must be >= min 3"],
  ["exponential rate", () => exponential(-1), "exponential: rate -1 must be > 0"],
  ["exponential zero", () => exponential(0), "exponential: rate 0 must be > 0"],
  ["exponential NaN", () => exponential(NaN), "exponential: rate NaN must be a finite number"],
  ["exponential mean", () => exponentialMean(0), "exponential: mean 0 must be > 0"],
  ["exponentialZiggurat rate", () => exponentialZiggurat(-1), "exponentialZiggurat: rate -1 must be > 0"],
  ["exponentialZiggurat zero", () => exponentialZiggurat(0), "exponentialZiggurat: rate 0 must be > 0"],
  ["exponentialZiggurat NaN", () => exponentialZiggurat(NaN), "exponentialZiggurat: rate NaN must be a finite number"],
  ["exponentialZiggurat infinite", () => exponentialZiggurat(Infinity), "exponentialZiggurat: rate Infinity must be a finite number"],
  ["triangular mode", () => triangular(1, 5, 3), "triangular: mode 5 must lie in [min 1, max 3]"],
  ["triangular order", () => triangular(3, 2, 1), "triangular: max 1 must be >= min 3"],
  ["triangular finite", () => triangular(0, NaN, 1), "triangular: mode NaN must be a finite number"],
  ["normal sd", () => normal(1, -1), "normal: sd -1 must be >= 0"],
  ["normal mean", () => normal(NaN, 1), "normal: mean NaN must be a finite number"],
  ["normal bound NaN", () => normal(0, 1, { min: NaN }), "normal: min NaN must be a number or omitted"],
  ["normal bounds order", () => normal(0, 1, { min: 3, max: 1 }), "normal: max 1 must be >= min 3"],
  ["normal sd 0 outside", () => normal(5, 0, { min: 1, max: 3 }), "normal: mean 5 must lie in [min 1, max 3] when sd is 0"],
  [
    "normal empty window",
    () => normal(0, 1, { min: 50, max: 60 }),
    "normal: bounds [min 50, max 60] hold no probability (more than 37 sd from mean 0)",
  ],
  ["lognormal mean", () => lognormal(0, 1), "lognormal: mean 0 must be > 0"],
  ["lognormal sd", () => lognormal(1, -1), "lognormal: sd -1 must be >= 0"],
  ["gamma shape", () => gamma(0, 1), "gamma: shape 0 must be > 0"],
  ["gamma scale", () => gamma(1, -2), "gamma: scale -2 must be > 0"],
  ["poisson mean", () => poisson(-1), "poisson: mean -1 must be >= 0"],
  ["poisson infinite", () => poisson(Infinity), "poisson: mean Infinity must be a finite number"],
  ["bernoulli p", () => bernoulli(1.5), "bernoulli: p 1.5 must lie in [0, 1]"],
  ["binomial n", () => binomial(2.5, 0.5), "binomial: n 2.5 must be an integer >= 0"],
  ["binomial negative n", () => binomial(-1, 0.5), "binomial: n -1 must be an integer >= 0"],
  ["binomial p", () => binomial(10, 2), "binomial: p 2 must lie in [0, 1]"],
  ["discrete lengths", () => discrete([1, 2, 3], [1, 1]), "discrete: values (3) and weights (2) must have the same length"],
  ["discrete empty", () => discrete([], []), "discrete: values must not be empty"],
  ["discrete weight", () => discrete([1, 2], [1, -1]), "discrete: weights[1] -1 must be >= 0"],
  ["discrete all zero", () => discrete([1, 2], [0, 0]), "discrete: weights must not all be 0"],
  ["discrete value", () => discrete([NaN], [1]), "discrete: values[0] NaN must be a finite number"],
];

describe("sampler factories validate once, with exact messages", () => {
  it.each(cases)("%s", (_name, make, message) => {
    expect(make).toThrow(RangeError);
    expect(make).toThrow(new RangeError(message));
  });
});

describe("sampler(dist, field)", () => {
  it("prefixes the field to the factory's message", () => {
    expect(() => sampler({ kind: "normal", mean: 1, sd: -1 }, "triage.consentDays")).toThrow(
      new RangeError("triage.consentDays: normal: sd -1 must be >= 0"),
    );
    expect(() => sampler({ kind: "exponential", mean: -3 }, "workforce.recruitmentLagWeeks")).toThrow(
      new RangeError("workforce.recruitmentLagWeeks: exponential: mean -3 must be > 0"),
    );
  });

  it("rejects an unknown kind, naming it and the known ones", () => {
    const bad = { kind: "weibull", shape: 1 } as unknown as Distribution;
    expect(() => sampler(bad, "casework.sessions")).toThrow(
      new RangeError(
        'casework.sessions: kind "weibull" must be one of deterministic, uniform, triangular, exponential, normal, lognormal, gamma, poisson, discrete',
      ),
    );
  });

  it("distributionMean validates too", () => {
    expect(() => distributionMean({ kind: "gamma", shape: 0, scale: 1 })).toThrow(
      new RangeError("distributionMean: gamma: shape 0 must be > 0"),
    );
  });
});
