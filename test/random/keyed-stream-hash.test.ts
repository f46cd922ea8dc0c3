import { describe, expect, it } from "vitest";
import { KeyedStream, poisson, poissonDraw } from "../../sim/random/index.js";

// The documented hash, word by word (key, a, b, counter), written out independently of the
// stream's cached prefix.
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x;
}
function reference(k0: number, k1: number, a: number, b: number, k: number): number {
  let h = mix((k0 | 0) ^ mix((k1 | 0) + 0x9e3779b9));
  h = mix(h + (a | 0) + 0x9e3779b9);
  h = mix(h + (b | 0) + 0x7f4a7c15);
  h = mix(h + k + 0x632be5ab);
  return ((h >>> 0) + 0.5) * 2.3283064365386963e-10;
}

describe("KeyedStream", () => {
  it("draws the hash of (key, a, b, counter) at every position it moves to, in any order", () => {
    const keys: [number, number][] = [[0, 0], [0x9e3779b9, 7], [-1, 123456789], [2 ** 31 + 5, -42]];
    const positions: [number, number][] = [[0, 0], [12, 3], [-1, 65536], [1 << 30, -(1 << 29)], [5, 0x40000000 + 17], [12, 3]];
    for (const [k0, k1] of keys) {
      const s = new KeyedStream(k0, k1);
      // Before any move the stream sits at (0, 0).
      expect(s.next()).toBe(reference(k0, k1, 0, 0, 0));
      for (const [a, b] of positions) {
        s.at(a, b);
        for (let k = 0; k < 5; k++) expect(s.next()).toBe(reference(k0, k1, a, b, k));
      }
    }
  });

  it("first(a, b) is the first number at (a, b), and leaves the stream where it was", () => {
    const s = new KeyedStream(0x9e3779b9, 7).at(5, 6);
    s.next();
    const at = new KeyedStream(0x9e3779b9, 7);
    for (const [a, b] of [[0, 0], [12, 3], [-4, 2 ** 31 - 1], [2 ** 30, -7], [99_999, 65_536 * 9 + 40]]) {
      expect(s.first(a, b)).toBe(at.at(a, b).next());
      expect(s.first(a, b)).toBe(reference(0x9e3779b9, 7, a, b, 0));
    }
    expect(s.next()).toBe(reference(0x9e3779b9, 7, 5, 6, 1));
  });
});

// Knuth's inversion, as the sampler below 10 is documented: the pmf summed from 0 until it passes u.
function inversion(mean: number, u: number): number {
  let k = 0;
  let p = Math.exp(-mean);
  while (u > p && k < 200) {
    u -= p;
    k++;
    p *= mean / k;
  }
  return k;
}

describe("poissonDraw", () => {
  it("below a mean of 10 inverts one uniform, leaving the stream where one draw leaves it", () => {
    const s = new KeyedStream(11, 5);
    const copy = new KeyedStream(11, 5);
    for (const mean of [1e-6, 0.3, 2.5, 9.999]) {
      for (let i = 0; i < 300; i++) {
        copy.at(i, 1);
        const u = copy.next();
        expect(poissonDraw(mean, s.at(i, 1))).toBe(inversion(mean, u));
        expect(s.next()).toBe(copy.next());
      }
    }
  });

  it("from a mean of 10 draws counts with the Poisson mean and variance", () => {
    for (const mean of [10, 37, 400]) {
      const s = new KeyedStream(3, 9);
      const n = 20000;
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < n; i++) {
        const k = poissonDraw(mean, s.at(i, 0));
        expect(Number.isInteger(k) && k >= 0).toBe(true);
        sum += k;
        sq += k * k;
      }
      const m = sum / n;
      const v = sq / n - m * m;
      // Standard error of the mean is √(mean / n); of the variance about mean·√(2 / n).
      expect(Math.abs(m - mean)).toBeLessThan(4 * Math.sqrt(mean / n));
      expect(Math.abs(v - mean)).toBeLessThan(5 * mean * Math.sqrt(2 / n) + 0.5);
    }
  });

  it("gives the sampler's numbers, and nothing for a mean of 0 without taking a uniform", () => {
    const a = new KeyedStream(7, 1);
    const b = new KeyedStream(7, 1);
    for (const mean of [0.7, 12, 250]) {
      const sampler = poisson(mean);
      for (let i = 0; i < 50; i++) expect(poissonDraw(mean, a.at(i, 2))).toBe(sampler(b.at(i, 2)));
    }
    const s = new KeyedStream(1, 2).at(3, 4);
    expect(poissonDraw(0, s)).toBe(0);
    expect(s.next()).toBe(reference(1, 2, 3, 4, 0));
  });

});
