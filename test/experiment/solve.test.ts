import { describe, expect, it } from "vitest";
import { formatTarget, meetsTarget, parseTarget, solveCapacity, valueGrid } from "../../sim/experiment/index.js";

/** Monotone toy response: samples v ± 0.1, so the 95 % interval is v ± 0.248 (t₂ = 4.303). */
const respond = (v: number) => [v - 0.1, v, v + 0.1];

describe("parseTarget", () => {
  it("parses the four comparisons", () => {
    expect(parseTarget("pctStartedWithin4Weeks >= 0.9")).toEqual({ kpi: "pctStartedWithin4Weeks", op: ">=", threshold: 0.9 });
    expect(parseTarget("waitWeeksMean<4")).toEqual({ kpi: "waitWeeksMean", op: "<", threshold: 4 });
    expect(formatTarget(parseTarget(" x <= 1e-2 "))).toBe("x <= 0.01");
  });
  it("rejects malformed expressions and unknown KPIs", () => {
    expect(() => parseTarget("waitWeeksMean = 4")).toThrow(SyntaxError);
    expect(() => parseTarget("waitWeeksMean >= ")).toThrow(SyntaxError);
    expect(() => parseTarget("nope >= 1", ["waitWeeksMean"])).toThrow(/unknown KPI "nope"/);
  });
  it("judges the interval bound on the far side", () => {
    const t = parseTarget("x >= 0.9");
    expect(meetsTarget(t, { lo: 0.9, hi: 1 })).toBe(true);
    expect(meetsTarget(t, { lo: 0.89, hi: 1 })).toBe(false);
    expect(meetsTarget(parseTarget("x <= 4"), { lo: 1, hi: 4.1 })).toBe(false);
  });
});

describe("valueGrid", () => {
  it("includes both ends without float drift", () => {
    expect(valueGrid(1, 2, 0.25)).toEqual([1, 1.25, 1.5, 1.75, 2]);
    expect(valueGrid(0.1, 0.7, 0.1)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(() => valueGrid(2, 1, 1)).toThrow(/min 2 must be <= max 1/);
    expect(() => valueGrid(1, 2, 0)).toThrow(/step 0/);
  });
});

describe("solveCapacity", () => {
  it("finds the least value whose lower bound clears the target, by bisection", async () => {
    const seen: number[] = [];
    const r = await solveCapacity({
      grid: valueGrid(0, 20, 0.5),
      target: parseTarget("x >= 5"),
      seed: 1,
      verifySeed: 2,
      evaluate: (v) => (seen.push(v), respond(v)),
    });
    // 5.0 has lo 4.75 < 5; 5.5 has lo 5.25.
    expect(r).toMatchObject({ status: "solved", value: 5.5 });
    expect(seen.length).toBeLessThanOrEqual(2 + Math.ceil(Math.log2(41)) + 1);
    expect(r.curve.filter((p) => p.phase === "verify").map((p) => p.value)).toEqual([5.5]);
  });

  it("handles targets on a decreasing KPI (upper bound)", async () => {
    const r = await solveCapacity({ grid: valueGrid(1, 10, 1), target: parseTarget("w <= 3"), seed: 1, verifySeed: 2, evaluate: (v) => respond(10 - v) });
    expect(r).toMatchObject({ status: "solved", value: 8 }); // 10 − 8 = 2: hi 2.25; at 7: hi 3.25
  });

  it("walks up when the fresh replications do not confirm", async () => {
    const r = await solveCapacity({
      grid: valueGrid(1, 10, 1),
      target: parseTarget("x >= 5"),
      seed: 1,
      verifySeed: 2,
      evaluate: (v, seed) => respond(seed === 2 ? v - 1 : v),
    });
    expect(r).toMatchObject({ status: "solved", value: 7 });
    expect(r.curve.filter((p) => p.phase === "verify").map((p) => p.value)).toEqual([6, 7]);
  });

  it("says when a target is impossible, with the best value reached", async () => {
    const r = await solveCapacity({ grid: valueGrid(1, 4, 1), target: parseTarget("x >= 5"), seed: 1, verifySeed: 2, evaluate: respond });
    expect(r.status).toBe("impossible");
    expect(r.value).toBeNull();
    expect(r.best).toMatchObject({ value: 4, met: false });
    expect(r.best.mean).toBeCloseTo(4, 12);
  });

  it("answers the minimum when it already meets the target", async () => {
    const r = await solveCapacity({ grid: valueGrid(6, 9, 1), target: parseTarget("x >= 5"), seed: 1, verifySeed: 2, evaluate: respond });
    expect(r).toMatchObject({ status: "solved", value: 6 });
  });
});
