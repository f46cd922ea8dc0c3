import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { StreamFactory, type Stream } from "../../sim/random/index.js";

const draw = (s: Stream, n: number): number[] => Array.from({ length: n }, () => s.next());

function correlation(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] / n;
    my += y[i] / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe("StreamFactory", () => {
  it("pins the generator: golden first three values of 2026/0/arrivals", () => {
    const s = new StreamFactory(2026, 0).stream("arrivals");
    expect(draw(s, 3)).toEqual([0.5679795850301161, 0.6348126599332318, 0.30768019624520093]);
  });

  it("is seedrandom's Alea on the seed string, moved half a 2^-32 step off zero", () => {
    const ours = new StreamFactory(7, 3).stream("sessions");
    const reference = seedrandom.alea("7/3/sessions");
    for (let i = 0; i < 1000; i++) expect(ours.next()).toBe(reference() + 2 ** -33);
  });

  it("gives the same first 1000 draws, bit for bit, for the same (seed, replication, name)", () => {
    const a = draw(new StreamFactory(42, 5).stream("triage"), 1000);
    const b = draw(new StreamFactory(42, 5).stream("triage"), 1000);
    expect(b).toEqual(a);
    expect(new Float64Array(b).buffer).toEqual(new Float64Array(a).buffer);
  });

  it("restarts a stream from the beginning when it is asked for again", () => {
    const f = new StreamFactory(1, 0);
    const first = f.stream("x");
    const head = draw(first, 10);
    draw(first, 500);
    expect(draw(f.stream("x"), 10)).toEqual(head);
  });

  it("leaves a stream's numbers unchanged by creating or drawing from other streams", () => {
    const alone = draw(new StreamFactory(9, 2).stream("target"), 1000);
    const f = new StreamFactory(9, 2);
    const noise1 = f.stream("noise1");
    draw(noise1, 123);
    const target = f.stream("target");
    const got: number[] = [];
    for (let i = 0; i < 1000; i++) {
      got.push(target.next());
      // Interleave draws from other streams, some created midway.
      noise1.next();
      if (i % 100 === 0) draw(f.stream(`late${i}`), 7);
    }
    expect(got).toEqual(alone);
  });

  it("gives different sequences for different names, replications and master seeds", () => {
    const base = draw(new StreamFactory(1, 0).stream("a"), 100);
    for (const other of [
      new StreamFactory(1, 0).stream("b"),
      new StreamFactory(1, 1).stream("a"),
      new StreamFactory(2, 0).stream("a"),
    ]) {
      const seq = draw(other, 100);
      // Values lie on a 2^-32 lattice; two independent streams share a value by chance with
      // probability about 100·100/2^32 ≈ 2e-6, so any overlap would signal shared state.
      expect(seq.filter((x) => base.includes(x))).toEqual([]);
    }
  });

  it("produces uncorrelated streams: |r| < 5/√n between names and at lag 1", () => {
    // Under independence r is approximately N(0, 1/n), so 5/√n is a 5-sd bound.
    const n = 100_000;
    const f = new StreamFactory(2026, 0);
    const x = draw(f.stream("arrivals"), n);
    const y = draw(f.stream("arrivals2"), n);
    const z = draw(new StreamFactory(2026, 1).stream("arrivals"), n);
    const bound = 5 / Math.sqrt(n);
    expect(Math.abs(correlation(x, y))).toBeLessThan(bound);
    expect(Math.abs(correlation(x, z))).toBeLessThan(bound);
    expect(Math.abs(correlation(x.slice(1), x.slice(0, -1)))).toBeLessThan(bound);
  });

  it("draws strictly inside (0, 1) with mean 1/2 and variance 1/12", () => {
    const n = 200_000;
    const xs = draw(new StreamFactory(3, 0).stream("u"), n);
    let sum = 0;
    let sq = 0;
    let outside = 0;
    for (const x of xs) {
      if (!(x > 0 && x < 1)) outside++;
      sum += x;
      sq += (x - 0.5) ** 2;
    }
    expect(outside).toBe(0);
    // sd of the mean is √(1/12)/√n; sd of the mean square deviation is √(1/80 − 1/144)/√n.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sq / n - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / n));
  });

  it("validates its arguments", () => {
    expect(() => new StreamFactory(NaN, 0)).toThrow(new RangeError("StreamFactory: masterSeed NaN must be a finite number"));
    expect(() => new StreamFactory(1, -1)).toThrow(new RangeError("StreamFactory: replication -1 must be an integer >= 0"));
    expect(() => new StreamFactory(1, 1.5)).toThrow(new RangeError("StreamFactory: replication 1.5 must be an integer >= 0"));
    expect(() => new StreamFactory(1, 0).stream("")).toThrow(
      new RangeError('StreamFactory.stream: name "" must be a non-empty string'),
    );
  });
});
