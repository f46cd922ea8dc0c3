import { describe, expect, it } from "vitest";
import { paceOf } from "../../bench/model-common.js";

describe("paceOf (the model benchmarks' warm pace and warm-up)", () => {
  it("takes the pace from the result at a fifth of the run to the last, and the rest as warm-up", () => {
    // 10 results: a slow start (0.9 s to the first), then one every 0.1 s from the second on.
    const doneAt = [0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8];
    const pace = paceOf(doneAt, 1.85);
    // From result 2 (index 1) to result 10: 0.8 s over 8 replications.
    expect(pace.steadyMs).toBeCloseTo(100, 9);
    // 1.85 s less 10 × 0.1 s.
    expect(pace.warmupSeconds).toBeCloseTo(0.85, 9);
  });

  it("reads the pace after the first fifth, so a slow first fifth does not change it", () => {
    const warm = Array.from({ length: 100 }, (_, i) => 2 + 0.06 * i);
    const slowStart = warm.map((t, i) => (i < 19 ? 0.5 + t * 0.9 : t));
    expect(paceOf(slowStart, 8).steadyMs).toBeCloseTo(60, 9);
    expect(paceOf(warm, 8).warmupSeconds).toBeCloseTo(8 - 6, 9);
  });

  it("gives NaN for fewer than 5 results", () => {
    expect(paceOf([1, 2, 3, 4], 4).steadyMs).toBeNaN();
    expect(paceOf([], 0).warmupSeconds).toBeNaN();
  });
});
