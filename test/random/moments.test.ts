import { describe, expect, it } from "vitest";
import {
  bernoulli,
  binomial,
  deterministic,
  discrete,
  exponential,
  gamma,
  lognormal,
  normal,
  normalPdf,
  poisson,
  StreamFactory,
  triangular,
  uniform,
  type Sampler,
} from "../../sim/random/index.js";
import { sampleMoments, simpson, tolerances } from "./moments.js";

/** Mean, variance and kurtosis of a normal(μ, σ) truncated to [a, b], by quadrature. */
function truncatedMoments(mu: number, sd: number, a: number, b: number): [number, number, number] {
  const lo = Math.max(a, mu - 12 * sd);
  const hi = Math.min(b, mu + 12 * sd);
  const pdf = (x: number) => normalPdf((x - mu) / sd);
  const z = simpson(pdf, lo, hi);
  const m = simpson((x) => x * pdf(x), lo, hi) / z;
  const v = simpson((x) => (x - m) ** 2 * pdf(x), lo, hi) / z;
  const m4 = simpson((x) => (x - m) ** 4 * pdf(x), lo, hi) / z;
  return [m, v, m4 / (v * v)];
}

function discreteMoments(values: number[], weights: number[]): [number, number, number] {
  const total = weights.reduce((a, b) => a + b, 0);
  const m = values.reduce((acc, v, i) => acc + (v * weights[i]) / total, 0);
  const v = values.reduce((acc, x, i) => acc + ((x - m) ** 2 * weights[i]) / total, 0);
  const m4 = values.reduce((acc, x, i) => acc + ((x - m) ** 4 * weights[i]) / total, 0);
  return [m, v, m4 / (v * v)];
}

const lognormalKurtosis = (mean: number, sd: number) => {
  const w = 1 + (sd / mean) ** 2; // exp(σ²) of the log
  return w ** 4 + 2 * w ** 3 + 3 * w ** 2 - 3;
};
const binomialCase = (n: number, p: number): [string, Sampler, number, number, number] => [
  `binomial(${n}, ${p})`,
  binomial(n, p),
  n * p,
  n * p * (1 - p),
  3 + (1 - 6 * p * (1 - p)) / (n * p * (1 - p)),
];

// [name, sampler, mean, variance, kurtosis μ₄/σ⁴]
const cases: [string, Sampler, number, number, number][] = [
  ["uniform(2, 5)", uniform(2, 5), 3.5, 9 / 12, 1.8],
  ["exponential(0.5)", exponential(0.5), 2, 4, 9],
  ["triangular(1, 2, 6)", triangular(1, 2, 6), 3, (1 + 4 + 36 - 2 - 6 - 12) / 18, 2.4],
  ["triangular(0, 0, 1)", triangular(0, 0, 1), 1 / 3, 1 / 18, 2.4],
  ["normal(3, 2)", normal(3, 2), 3, 4, 3],
  ["normal(6, 3, min 1)", normal(6, 3, { min: 1 }), ...truncatedMoments(6, 3, 1, Infinity)],
  ["normal(0, 1, [1, 3])", normal(0, 1, { min: 1, max: 3 }), ...truncatedMoments(0, 1, 1, 3)],
  ["normal(0, 1, [-4, -2])", normal(0, 1, { min: -4, max: -2 }), ...truncatedMoments(0, 1, -4, -2)],
  ["lognormal(10, 5)", lognormal(10, 5), 10, 25, lognormalKurtosis(10, 5)],
  ["gamma(2, 3)", gamma(2, 3), 6, 18, 3 + 6 / 2],
  ["gamma(0.3, 2)", gamma(0.3, 2), 0.6, 1.2, 3 + 6 / 0.3],
  ["gamma(50, 0.1)", gamma(50, 0.1), 5, 0.5, 3 + 6 / 50],
  ["poisson(0.5)", poisson(0.5), 0.5, 0.5, 3 + 1 / 0.5],
  ["poisson(3)", poisson(3), 3, 3, 3 + 1 / 3],
  ["poisson(50)", poisson(50), 50, 50, 3 + 1 / 50],
  ["poisson(10000)", poisson(10000), 10000, 10000, 3 + 1 / 10000],
  ["poisson(1e9)", poisson(1e9), 1e9, 1e9, 3 + 1e-9],
  ["bernoulli(0.3)", bernoulli(0.3), 0.3, 0.21, (1 - 3 * 0.21) / 0.21],
  binomialCase(20, 0.1),
  binomialCase(20, 0.9),
  binomialCase(1000, 0.3),
  binomialCase(1000, 0.7),
  binomialCase(1_000_000, 0.5),
  ["discrete", discrete([1, 5, 9, 20], [1, 0, 3, 0.5]), ...discreteMoments([1, 5, 9, 20], [1, 0, 3, 0.5])],
];

describe("distribution moments (n = 100,000; 5-sd bands derived from n and the kurtosis)", () => {
  const n = 100_000;
  const factory = new StreamFactory(2026, 0);
  it.each(cases)("%s", (name, draw, mean, variance, kurtosis) => {
    const got = sampleMoments(draw, factory.stream(name), n);
    const tol = tolerances(variance, kurtosis, n);
    expect(Math.abs(got.mean - mean)).toBeLessThan(tol.mean);
    expect(Math.abs(got.variance - variance)).toBeLessThan(tol.variance);
  });

  it("deterministic(7) is always 7 and consumes no draws", () => {
    const f = new StreamFactory(1, 0);
    const s = f.stream("d");
    const draw = deterministic(7);
    for (let i = 0; i < 10; i++) expect(draw(s)).toBe(7);
    expect(s.next()).toBe(f.stream("d").next());
  });

  it("degenerate parameters give point masses", () => {
    const s = new StreamFactory(1, 0).stream("p");
    expect(uniform(4, 4)(s)).toBe(4);
    expect(triangular(2, 2, 2)(s)).toBe(2);
    expect(normal(5, 0)(s)).toBe(5);
    expect(normal(0, 1, { min: 2, max: 2 })(s)).toBe(2);
    expect(lognormal(3, 0)(s)).toBe(3);
    expect(poisson(0)(s)).toBe(0);
    expect(bernoulli(0)(s)).toBe(0);
    expect(bernoulli(1)(s)).toBe(1);
    expect(binomial(0, 0.4)(s)).toBe(0);
    expect(binomial(12, 1)(s)).toBe(12);
    expect(discrete([3], [2])(s)).toBe(3);
  });

  it("keeps truncated normals, triangulars and uniforms inside their bounds", () => {
    const s = new StreamFactory(5, 0).stream("bounds");
    const tn = normal(0, 1, { min: 8, max: 8.5 }); // far tail: inversion, not rejection
    const tri = triangular(1, 1.5, 4);
    let lo = Infinity;
    let hi = -Infinity;
    let triLo = Infinity;
    let triHi = -Infinity;
    for (let i = 0; i < 20_000; i++) {
      const x = tn(s);
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      const t = tri(s);
      triLo = Math.min(triLo, t);
      triHi = Math.max(triHi, t);
    }
    expect(lo).toBeGreaterThanOrEqual(8);
    expect(hi).toBeLessThanOrEqual(8.5);
    // The window's mass is concentrated near 8 (density ratio e^{-8·0.5} ≈ 0.018 at 8.5).
    expect(lo).toBeLessThan(8.001);
    expect(triLo).toBeGreaterThanOrEqual(1);
    expect(triHi).toBeLessThanOrEqual(4);
  });

  it("draws binomials and poissons as integers in range", () => {
    const s = new StreamFactory(5, 0).stream("ints");
    const b = binomial(30, 0.6);
    const p = poisson(25);
    const bad: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const x = b(s);
      if (!(Number.isInteger(x) && x >= 0 && x <= 30)) bad.push(x);
      const y = p(s);
      if (!(Number.isInteger(y) && y >= 0)) bad.push(y);
    }
    expect(bad).toEqual([]);
  });
});
