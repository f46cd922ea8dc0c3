import { describe, expect, it } from "vitest";
import { exponentialZiggurat, expZiggurat, StreamFactory } from "../../sim/random/index.js";
import { ksCritical, ksStatistic, sampleMoments, tolerances } from "./moments.js";

// The ziggurat against the exponential's closed forms, with tolerances derived from the sample
// size as in moments.test.ts and goodness-of-fit.test.ts (5-sd bands; KS at level 0.001).
const factory = new StreamFactory(2027, 0);

describe("exponentialZiggurat and expZiggurat", () => {
  it("rely on every stream being on the lattice (j + 1/2)/2^32: u·2^32 − 1/2 is an exact integer", () => {
    const s = factory.stream("lattice");
    let off = 0;
    for (let k = 0; k < 1_000_000; k++) {
      const j = s.next() * 4294967296 - 0.5;
      if (!(Number.isInteger(j) && j >= 0 && j < 4294967296)) off++;
    }
    expect(off).toBe(0);
  });

  it.each([
    ["exponentialZiggurat(0.5)", exponentialZiggurat(0.5), 2],
    ["exponentialZiggurat(3.6)", exponentialZiggurat(3.6), 1 / 3.6],
    ["expZiggurat (mean 1)", expZiggurat, 1],
  ] as const)("%s: mean and variance within 5-sd bands (n = 200,000; kurtosis 9)", (name, draw, mean) => {
    const n = 200_000;
    const got = sampleMoments(draw, factory.stream(name), n);
    const tol = tolerances(mean * mean, 9, n);
    expect(Math.abs(got.mean - mean)).toBeLessThan(tol.mean);
    expect(Math.abs(got.variance - mean * mean)).toBeLessThan(tol.variance);
  });

  it("passes Kolmogorov–Smirnov against 1 − e^(−rate·x) (n = 200,000, level 0.001)", () => {
    const n = 200_000;
    const { values } = sampleMoments(exponentialZiggurat(0.25), factory.stream("ks"), n);
    expect(ksStatistic(values, (x) => 1 - Math.exp(-0.25 * x))).toBeLessThan(ksCritical(n));
    // Power at this n: a 3 % scale error (sup |ΔF| = 0.03/e = 0.011, 2.5 × the critical value) is caught.
    expect(ksStatistic(values, (x) => 1 - Math.exp(-x / 4.12))).toBeGreaterThan(ksCritical(n));
  });

  // P(X > 7) falls in the lowest layers and their wedges; P(X > 10) only in the tail beyond
  // r = 7.697 (r + Exp(1)). Counts within 5 binomial sd of n·e^−t.
  it.each([7, 10])("P(X > %d) within 5 binomial sd (n = 2,000,000)", (t) => {
    const n = 2_000_000;
    const s = factory.stream(`tail ${t}`);
    let count = 0;
    for (let k = 0; k < n; k++) if (expZiggurat(s) > t) count++;
    const p = Math.exp(-t);
    expect(Math.abs(count - n * p)).toBeLessThan(5 * Math.sqrt(n * p * (1 - p)));
  });

  it("draw only positive, finite values", () => {
    const s = factory.stream("range");
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < 1_000_000; k++) {
      const x = expZiggurat(s);
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeLessThan(31);
  });

  it("are reproducible: the same stream gives the same values; the sampler is expZiggurat × mean", () => {
    const a = new StreamFactory(9, 2).stream("repro");
    const b = new StreamFactory(9, 2).stream("repro");
    const c = new StreamFactory(9, 2).stream("repro");
    const draw = exponentialZiggurat(0.5);
    for (let k = 0; k < 10_000; k++) {
      const x = draw(a);
      expect(draw(b)).toBe(x);
      expect(expZiggurat(c) * 2).toBe(x);
    }
    expect(draw(new StreamFactory(9, 3).stream("repro"))).not.toBe(draw(new StreamFactory(9, 2).stream("repro")));
  });

  it("consume a variable number of uniforms (why the MHST model keeps inversion)", () => {
    const z = factory.stream("count");
    let used = 0;
    const counting = { next: () => (used++, z.next()) };
    const n = 200_000;
    for (let k = 0; k < n; k++) expZiggurat(counting);
    // 1.0336 per draw in expectation (256·v tries, one more uniform per try off the fast
    // path); the per-draw count is 1 with probability about 0.978, so its sd is below 0.3.
    expect(Math.abs(used / n - 1.0336)).toBeLessThan(5 * (0.3 / Math.sqrt(n)));
  });
});
