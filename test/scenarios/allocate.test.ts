import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateHalfDays } from "../../scenarios/index.js";

describe("byPupils allocation", () => {
  it("shares half-days by pupils: all given, at least one each, a bigger cluster never gets fewer", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 10 }), (pupils, extra) => {
        const halfDays = Math.min(10, pupils.length + extra);
        fc.pre(halfDays >= pupils.length);
        const got = allocateHalfDays(pupils.map((p, i) => ({ id: `c${i}`, pupils: p })), halfDays)!;
        expect(got.reduce((a, b) => a + b, 0)).toBe(halfDays);
        for (let i = 0; i < pupils.length; i++) {
          expect(got[i]).toBeGreaterThanOrEqual(1);
          for (let j = 0; j < pupils.length; j++) if (pupils[i]! > pupils[j]!) expect(got[i]).toBeGreaterThanOrEqual(got[j]!);
        }
      }),
      { seed: 20251125, numRuns: 300 },
    );
  });

  it("gives Ealing's 1-1.5 days a week to four clusters of one full-time practitioner", () => {
    const got = allocateHalfDays([1000, 950, 650, 600].map((p, i) => ({ id: `c${i}`, pupils: p })), 10);
    expect(got).toEqual([3, 3, 2, 2]);
  });

  it("returns undefined when the clusters cannot each get a half-day", () => {
    expect(allocateHalfDays([{ id: "a", pupils: 1 }, { id: "b", pupils: 1 }], 1)).toBeUndefined();
  });
});
