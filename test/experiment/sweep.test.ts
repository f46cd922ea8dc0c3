import { describe, expect, it } from "vitest";
import { pointOverrides, runExperiment, sweepGrid, sweepTable } from "../../sim/experiment/index.js";
import { toyModel, toySim } from "./toy.js";

describe("sweepGrid", () => {
  it("crosses the parameters, the first varying slowest", () => {
    const g = sweepGrid([
      { path: "a.b", values: [1, 2] },
      { path: "c", values: [5, 6, 7] },
    ]);
    expect(g).toHaveLength(6);
    expect(g[0]).toEqual({ "a.b": 1, c: 5 });
    expect(g[3]).toEqual({ "a.b": 2, c: 5 });
    expect(pointOverrides(g[5])).toEqual(["a.b=2", "c=7"]);
  });
  it("rejects empty values and repeated paths", () => {
    expect(() => sweepGrid([{ path: "a", values: [] }])).toThrow(/a has no values/);
    expect(() => sweepGrid([{ path: "a", values: [1] }, { path: "a", values: [2] }])).toThrow(/swept twice/);
  });
});

describe("sweepTable", () => {
  it("is tidy: one row per point and KPI", () => {
    const points = sweepGrid([{ path: "capacityPerDay", values: [2, 2.5, 3] }]);
    const results = points.map((p) => runExperiment(toySim, toyModel({ capacityPerDay: p.capacityPerDay }), { replications: 3, seed: 1 }));
    const t = sweepTable(points, results);
    const kpis = results[0].kpis.filter((k) => k.scope === "service").length;
    expect(t.numRows()).toBe(3 * kpis);
    expect(t.columnNames()).toEqual(["point", "capacityPerDay", "kpi", "mean", "lo", "hi", "sd", "n"]);
    const waits = t.filter((d: { kpi: string }) => d.kpi === "waitWeeksMean").array("mean") as number[];
    expect(waits[0]).toBeGreaterThan(waits[2]);
    expect(sweepTable(points, results, { kpis: ["referrals"] }).numRows()).toBe(3);
  });
});
