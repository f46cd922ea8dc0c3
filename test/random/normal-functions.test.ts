import { describe, expect, it } from "vitest";
import { normalCdf, normalQuantile } from "../../sim/random/index.js";

describe("normalCdf and normalQuantile", () => {
  it.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [-1.959963984540054, 0.025],
    [-3, 0.0013498980316301],
    [-10, 7.619853024160527e-24],
    [-30, 4.906713927148187e-198],
    [8, 0.9999999999999993],
  ])("Φ(%d) = %d (R's pnorm, relative 1e-12)", (x, p) => {
    expect(Math.abs(normalCdf(x) - p) / p).toBeLessThan(1e-12);
  });

  it.each([
    [0.975, 1.959963984540054],
    [0.5, 0],
    [0.001, -3.090232306167813],
    [1e-10, -6.361340902404056],
  ])("Φ⁻¹(%d) = %d (R's qnorm)", (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-12 * Math.max(1, Math.abs(z)));
  });

  // A z error of one ulp changes p by a relative |z|·Δz ≈ z²·2.2e-16, about 3e-13 at p = 1e-300,
  // so 1e-12 leaves room only for last-bit rounding in both algorithms.
  it("the two round-trip to 1e-12 relative from p = 1e-300 to 0.5", () => {
    let worst = 0;
    for (let e = -300; e <= -0.31; e += 0.37) {
      const p = 10 ** e;
      worst = Math.max(worst, Math.abs(normalCdf(normalQuantile(p)) - p) / p);
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it("handles the ends", () => {
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});
