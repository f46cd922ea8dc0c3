import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { narrowCounts } from "../../sim/experiment/narrow-counts.js";

describe("narrowCounts", () => {
  it("keeps whole numbers in 0..65535 in 16 bits, a negative zero as zero", () => {
    const out = narrowCounts(Float64Array.of(0, 1, 255, 256, 65535, -0));
    expect(out).toBeInstanceOf(Uint16Array);
    expect(Array.from(out)).toEqual([0, 1, 255, 256, 65535, 0]);
    expect(Object.is(out[5], 0)).toBe(true);
  });

  it("takes 32 bits when a whole number is negative or passes 65535", () => {
    for (const v of [65536, -1, 2 ** 31 - 1, -(2 ** 31)]) {
      const out = narrowCounts(Float64Array.of(3, v));
      expect(out).toBeInstanceOf(Int32Array);
      expect(Array.from(out)).toEqual([3, v]);
    }
  });

  it("returns the doubles themselves when one is not a 32-bit whole number", () => {
    for (const v of [0.5, 2 ** 31, -(2 ** 31) - 1, NaN, Infinity, -Infinity]) {
      const data = Float64Array.of(7, 70000, v);
      expect(narrowCounts(data)).toBe(data);
    }
  });

  it("returns an array already narrowed as it is", () => {
    const u = Uint16Array.of(1, 2);
    const i = Int32Array.of(-1, 2);
    expect(narrowCounts(u)).toBe(u);
    expect(narrowCounts(i)).toBe(i);
    expect(narrowCounts(new Float64Array(0))).toBeInstanceOf(Uint16Array);
  });

  it("reads back every value it was given (once narrowed, a negative zero as zero)", () => {
    const value = fc.oneof(fc.integer({ min: 0, max: 70000 }), fc.integer({ min: -5, max: 5 }), fc.double(), fc.constant(-0));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), (values) => {
        const data = Float64Array.from(values);
        const out = narrowCounts(data);
        expect(Array.from(out)).toEqual(out === data ? values : Array.from(data, (v) => (v === 0 ? 0 : v)));
      }),
    );
  });
});
