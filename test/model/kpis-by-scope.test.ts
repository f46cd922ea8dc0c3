import { describe, expect, it } from "vitest";
import { loadScenario } from "../../scenarios/index.js";
import { computeKpis, computeKpisByScope, simulate, waitBin, type RunRecords, type ServiceModel } from "../../sim/model/index.js";
import { bigService, smallService } from "./fixtures.js";

/** The records after a warm-up, as plain arrays (a spread copy does not carry the run's columns). */
function afterWarmup(r: RunRecords, weeks: number): RunRecords {
  return { ...r, cases: r.cases.filter((c) => c.referralDay >= 7 * weeks), weeks: r.weeks.filter((w) => w.week >= weeks), horizonDays: Math.max(0, r.horizonDays - 7 * weeks), warmupDays: 7 * weeks };
}

/** Plain-array copy of a run's records (forces the record fallback). */
const plain = (r: RunRecords): RunRecords => ({ ...r, cases: [...r.cases], weeks: [...r.weeks] });

/** Checks every scope of computeKpisByScope against computeKpis, number for number (NaN equals NaN). */
function expectSameAsComputeKpis(model: ServiceModel, run: RunRecords, warmupWeeks = 0) {
  const kept = warmupWeeks ? afterWarmup(run, warmupWeeks) : run;
  for (const source of [run, plain(run)]) {
    const k = computeKpisByScope(source, { warmupWeeks, scopes: model });
    expect(k.service).toEqual(computeKpis(kept));
    expect([...k.teams.keys()]).toEqual(model.teams.map((t) => t.id));
    expect([...k.clusters.keys()]).toEqual(model.clusters.map((c) => c.id));
    for (const t of model.teams) expect(k.teams.get(t.id)).toEqual(computeKpis(kept, { team: t.id }));
    for (const c of model.clusters) expect(k.clusters.get(c.id)).toEqual(computeKpis(kept, { cluster: c.id }));
  }
}

describe("computeKpisByScope", () => {
  it("equals computeKpis for the service, every team and every cluster, from columns and from records", () => {
    const model = smallService({ years: 2, rate: 1.2 });
    const run = simulate(model, { seed: 3, replication: 1 });
    expectSameAsComputeKpis(model, run);
    expectSameAsComputeKpis(model, run, 10);
  });

  it("equals computeKpis on a several-team service", () => {
    const model = bigService(3, 1);
    expectSameAsComputeKpis(model, simulate(model, { seed: 5, replication: 0 }), 4);
  });

  it("equals computeKpis for every scope of a built-in scenario", () => {
    const model = loadScenario("trailblazer-wave", { overrides: ["calendar.years=1", "generate.teams=4"] });
    expectSameAsComputeKpis(model, simulate(model, { seed: 2026, replication: 0 }));
  });

  it("builds no record objects when reading a run's columns", () => {
    const model = smallService();
    const run = simulate(model, { seed: 1, replication: 0 });
    let touched = false;
    for (const key of ["cases", "weeks", "practitionerWeeks"]) {
      const get = Object.getOwnPropertyDescriptor(run, key)!.get!;
      Object.defineProperty(run, key, { get: () => ((touched = true), get()) });
    }
    computeKpisByScope(run, { weeklyFields: ["waitlistEnd", "referrals"] });
    expect(touched).toBe(false);
  });

  it("returns the weekly series of the service and each cluster, warm-up included", () => {
    const model = smallService({ years: 1 });
    const run = simulate(model, { seed: 2, replication: 0 });
    const fields = ["waitlistEnd", "started"] as const;
    for (const source of [run, plain(run)]) {
      const { weekly, clusterIds } = computeKpisByScope(source, { weeklyFields: fields, warmupWeeks: 5, scopes: model });
      expect(clusterIds).toEqual(["c1", "c2", "c3"]);
      const at = (k: number, f: number, w: number) => weekly.data[(k * fields.length + f) * weekly.weeks + w];
      expect(weekly.weeks).toBe(Math.ceil(run.horizonDays / 7));
      for (const row of run.weeks) {
        const k = 1 + clusterIds.indexOf(row.cluster);
        expect(at(k, 0, row.week)).toBe(row.waitlistEnd);
        expect(at(k, 1, row.week)).toBe(row.started);
      }
      const week3 = run.weeks.filter((w) => w.week === 3);
      expect(at(0, 1, 3)).toBe(week3.reduce((s, w) => s + w.started, 0));
    }
  });

  it("bins the waits of started cases by week, the first four bins meeting the four-week standard", () => {
    expect([0, 1, 7, 8, 14, 28, 29, 364, 365, 1000].map((d) => waitBin(d, 52))).toEqual([0, 0, 0, 1, 1, 3, 4, 51, 52, 52]);
    const model = smallService({ years: 2, rate: 1.5 });
    const run = simulate(model, { seed: 4, replication: 0 });
    const k = computeKpisByScope(run, { warmupWeeks: 2, histogramWeeks: 10 });
    const { bins, data } = k.waitHistogram;
    expect(bins).toBe(10);
    const row = (r: number) => Array.from(data.subarray(r * (bins + 1), (r + 1) * (bins + 1)));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(row(0))).toBe(k.service.started);
    expect(sum(row(0).slice(0, 4)) / sum(row(0))).toBeCloseTo(k.service.pctStartedWithin4Weeks, 12);
    k.clusterIds.forEach((id, i) => {
      expect(sum(row(1 + i))).toBe(k.clusters.get(id)!.started);
    });
    expect(row(1).map((_, b) => row(1)[b] + row(2)[b] + row(3)[b])).toEqual(row(0));
    const fallback = computeKpisByScope(plain(run), { warmupWeeks: 2, histogramWeeks: 10, scopes: model });
    expect(Array.from(fallback.waitHistogram.data)).toEqual(Array.from(data));
  });

  it("computes only the scopes asked for", () => {
    const run = simulate(smallService(), { seed: 1, replication: 0 });
    const k = computeKpisByScope(run, { teams: false, clusters: false, weeklyFields: ["referrals"] });
    expect(k.teams.size + k.clusters.size).toBe(0);
    expect(k.clusterIds).toEqual([]);
    expect(k.weekly.data.length).toBe(k.weekly.weeks);
    expect(k.service).toEqual(computeKpis(run));
  });

  it("rejects a bad warm-up naming it", () => {
    const run = simulate(smallService(), { seed: 1, replication: 0 });
    expect(() => computeKpisByScope(run, { warmupWeeks: -1 })).toThrow(/warmupWeeks -1/);
  });
});
