import { describe, expect, it } from "vitest";
import { compareResults, runExperiment, welchInterval } from "../../sim/experiment/index.js";
import { toyModel, toySim } from "./toy.js";

describe("welchInterval", () => {
  it("matches a hand computation", () => {
    // va = 1, vb = 4, se = √(1/3 + 4/3), df = 50/17; t(0.975, 50/17) from scipy
    const w = welchInterval([1, 2, 3], [2, 4, 6], 0.95);
    expect(w.mean).toBe(2);
    expect(w.df).toBeCloseTo(50 / 17, 12);
    expect(w.halfWidth).toBeCloseTo(3.218758614532882 * Math.sqrt(5 / 3), 6);
  });
});

describe("compareResults", () => {
  // One more unit of capacity a day: a staffing change under common random numbers.
  const base = runExperiment(toySim, toyModel(), { replications: 20, seed: 11 });
  const more = runExperiment(toySim, toyModel({ capacityPerDay: 2.3 }), { replications: 20, seed: 11 });
  const rows = compareResults(base, more);

  it("gives a paired interval narrower than the unpaired one on a staffing change", () => {
    const wait = rows.find((r) => r.scope === "service" && r.kpi === "waitWeeksMean")!;
    expect(wait.diff!).toBeLessThan(0);
    expect(wait.hi!).toBeLessThan(0);
    expect(wait.halfWidth!).toBeLessThan(wait.welchHalfWidth! / 2);
    // Referrals come from the same streams: identical in both, so the difference is exactly 0.
    const refs = rows.find((r) => r.scope === "service" && r.kpi === "referrals")!;
    expect(refs).toMatchObject({ diff: 0, halfWidth: 0 });
  });

  it("covers every scope and KPI of A present in B, and serialises", () => {
    expect(rows).toHaveLength(base.kpis.length);
    expect(compareResults(base, more, { scopes: ["service"] }).every((r) => r.scope === "service")).toBe(true);
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  });

  it("refuses to pair different replication counts", () => {
    const few = runExperiment(toySim, toyModel(), { replications: 3, seed: 11 });
    expect(() => compareResults(base, few)).toThrow(/replications differ/);
  });
});
