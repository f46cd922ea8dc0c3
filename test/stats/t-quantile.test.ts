import { gammaln } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { normalQuantile } from "../../sim/random/index.js";
import { incompleteBeta, tQuantile } from "../../sim/stats/index.js";

/** ∫₀ᵗ of the t density by Simpson's rule: P(0 < T < t). */
function tMass(t: number, df: number): number {
  const c = Math.exp(gammaln((df + 1) / 2) - gammaln(df / 2)) / Math.sqrt(df * Math.PI);
  const f = (x: number) => c * (1 + (x * x) / df) ** (-(df + 1) / 2);
  const m = 20_000;
  const h = t / m;
  let sum = f(0) + f(t);
  for (let i = 1; i < m; i++) sum += (i % 2 ? 4 : 2) * f(i * h);
  return (sum * h) / 3;
}

describe("tQuantile", () => {
  it.each([
    [0.975, 1, 12.7062],
    [0.975, 9, 2.2622],
    [0.975, 29, 2.0452],
    [0.975, 1000, 1.9623],
  ])("t(%d, %d) = %d (4-decimal table)", (p, df, t) => {
    expect(Math.abs(tQuantile(p, df) - t)).toBeLessThan(5e-5);
  });

  it.each([
    [0.975, 1, 12.706204736],
    [0.975, 2, 4.30265273],
    [0.975, 9, 2.262157163],
    [0.975, 29, 2.045229642],
    [0.975, 1000, 1.962339081],
    [0.995, 5, 4.032142984],
    [0.9, 10, 1.372183641],
    [0.9995, 3, 12.923978636],
  ])("t(%d, %d) = %d to 1e-8 (R's qt, 9 decimals)", (p, df, t) => {
    expect(Math.abs(tQuantile(p, df) - t)).toBeLessThan(1e-8);
  });

  it("is antisymmetric and 0 at the median", () => {
    expect(tQuantile(0.5, 4)).toBe(0);
    for (const df of [1, 2, 3.5, 30]) expect(tQuantile(0.1, df)).toBeCloseTo(-tQuantile(0.9, df), 12);
  });

  it("joins the closed forms for df 1 and 2 continuously (the iterative path)", () => {
    expect(Math.abs(tQuantile(0.975, 1 + 1e-9) - 12.706204736)).toBeLessThan(1e-6);
    expect(Math.abs(tQuantile(0.975, 2 + 1e-9) - 4.30265273)).toBeLessThan(1e-6);
  });

  it("tends to the normal quantile as df grows", () => {
    expect(Math.abs(tQuantile(0.975, 1e9) - normalQuantile(0.975))).toBeLessThan(1e-8);
    expect(tQuantile(0.975, Infinity)).toBeCloseTo(normalQuantile(0.975), 14);
  });

  it.each([
    [0.975, 2.5],
    [0.9, 7.3],
    [0.99, 0.8],
  ])("inverts the density for non-integer df: ∫₀^t(%d, %d) = p − 1/2 by quadrature", (p, df) => {
    expect(Math.abs(tMass(tQuantile(p, df), df) - (p - 0.5))).toBeLessThan(1e-8);
  });

  it("validates p and df", () => {
    expect(() => tQuantile(1, 5)).toThrow(new RangeError("tQuantile: p 1 must lie in (0, 1)"));
    expect(() => tQuantile(0, 5)).toThrow(new RangeError("tQuantile: p 0 must lie in (0, 1)"));
    expect(() => tQuantile(0.9, 0)).toThrow(new RangeError("tQuantile: df 0 must be > 0"));
    expect(() => tQuantile(0.9, NaN)).toThrow(new RangeError("tQuantile: df NaN must be > 0"));
  });
});

describe("incompleteBeta", () => {
  it("matches closed forms", () => {
    for (const x of [0.01, 0.3, 0.5, 0.9, 0.999]) {
      expect(incompleteBeta(2.5, 1, x, 1 - x)).toBeCloseTo(x ** 2.5, 13);
      expect(incompleteBeta(1, 3.5, x, 1 - x)).toBeCloseTo(1 - (1 - x) ** 3.5, 13);
    }
    expect(incompleteBeta(7, 7, 0.5, 0.5)).toBeCloseTo(0.5, 13);
  });
});
