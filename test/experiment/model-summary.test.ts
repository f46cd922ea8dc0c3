import { afterAll, describe, expect, it } from "vitest";
import { loadScenario } from "../../scenarios/index.js";
import {
  ExperimentPool,
  modelSimulator,
  reduceReplications,
  runExperiment,
  runExperimentParallel,
  summariseReplication,
  verifySeedOf,
  type ReplicationSummary,
  type Simulator,
} from "../../sim/experiment/index.js";
import { computeKpis, simulate, type RunRecords, type ServiceModel } from "../../sim/model/index.js";
import { bigService } from "../model/fixtures.js";

/** The model without computeKpisByScope: records split by scope, computeKpis per scope. */
const splitting: Simulator<ServiceModel> = { simulate, computeKpis };

/** Records whose record arrays throw when read (so any use of them shows). */
function sealed(records: RunRecords): RunRecords {
  for (const key of ["cases", "weeks", "practitionerWeeks"]) {
    Object.defineProperty(records, key, { get: () => { throw new Error(`${key} built`); } });
  }
  return records;
}

const columnar: Simulator<ServiceModel> = { ...modelSimulator, simulate: (m, o) => sealed(simulate(m, o)) };

const pools: ExperimentPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe("replication summaries of the model", () => {
  const model = bigService(3, 1);

  it("give the same KPIs, weekly series and histograms from the columns as from split records", () => {
    for (const warmup of [0, 6]) {
      const fast = summariseReplication(modelSimulator, model, simulate(model, { seed: 8, replication: 2 }), 2, warmup);
      const slow = summariseReplication(splitting, model, simulate(model, { seed: 8, replication: 2 }), 2, warmup);
      expect(Object.keys(fast.kpis)).toEqual(Object.keys(slow.kpis));
      expect(fast.kpis).toEqual(slow.kpis);
      expect(fast.weekly.keys).toEqual(slow.weekly.keys);
      expect(Array.from(fast.weekly.data)).toEqual(Array.from(slow.weekly.data));
      expect(fast.waits!.keys).toEqual(slow.waits!.keys);
      expect(Array.from(fast.waits!.data)).toEqual(Array.from(slow.waits!.data));
    }
  });

  it("never build record objects, automatic warm-up included", () => {
    const r = runExperiment(columnar, model, { replications: 2, seed: 4, warmup: "auto" });
    expect(r).toEqual(runExperiment(modelSimulator, model, { replications: 2, seed: 4, warmup: "auto" }));
    expect(r.waitHistogram!.length).toBe((1 + model.clusters.length) * 53);
  });

  it("give the same result on worker threads as in this thread, with the wait histogram", async () => {
    const pool = new ExperimentPool({ workers: 2 });
    pools.push(pool);
    const scenario = loadScenario("trailblazer-team", { overrides: ["calendar.years=1"] });
    const options = { replications: 3, seed: 11, warmup: 2 };
    const here = runExperiment(modelSimulator, scenario, options);
    expect(await runExperimentParallel(pool, scenario, options)).toEqual(here);
    const service = here.waitHistogram!.filter((h) => h.scope === "service");
    expect(service.map((h) => h.fromWeeks)).toEqual(Array.from({ length: 53 }, (_, b) => b));
    expect(service.at(-1)!.toWeeks).toBeNull();
    const started = here.kpis.find((k) => k.scope === "service" && k.kpi === "started")!;
    expect(service.reduce((s, h) => s + h.mean, 0)).toBeCloseTo(started.mean!, 9);
    const within = here.kpis.find((k) => k.scope === "service" && k.kpi === "pctStartedWithin4Weeks")!;
    const firstFour = (v: number) => service.slice(0, 4).reduce((s, h) => s + h.mean, 0) / v;
    // Mean of counts over mean of starts: the pooled share, close to the mean of the shares.
    expect(firstFour(started.mean!)).toBeCloseTo(within.mean!, 1);
    expect(JSON.parse(JSON.stringify(here))).toEqual(here);
  });
});

describe("wait histogram rows", () => {
  it("give the mean and type-7 10–90 % band of each bin's count across replications", () => {
    const model = { name: "m", teams: [], clusters: [{ id: "c", team: "t" }] };
    const summary = (r: number, service: number[], cluster: number[]): ReplicationSummary => ({
      replication: r, events: 1, horizonDays: 7, kpis: { service: {} },
      weekly: { keys: ["service"], weeks: 1, data: new Float64Array(6) },
      waits: { keys: ["service", "cluster:c"], bins: 2, data: Float64Array.from([...service, ...cluster]) },
    });
    const sums = [summary(0, [1, 0, 5], [1, 0, 0]), summary(1, [2, 1, 0], [2, 1, 0]), summary(2, [3, 2, 0], [3, 2, 0]), summary(3, [4, 3, 0], [4, 3, 0]), summary(4, [5, 4, 0], [5, 4, 0])];
    const r = reduceReplications(model, sums, { seed: 1, level: 0.95, warmup: { mode: "none", weeks: 0, batches: null } });
    expect(r.waitHistogram).toHaveLength(6);
    expect(r.waitHistogram![0]).toMatchObject({ scope: "service", id: "service", fromWeeks: 0, toWeeks: 1, mean: 3 });
    expect(r.waitHistogram![0].p10).toBeCloseTo(1.4, 12);
    expect(r.waitHistogram![0].p90).toBeCloseTo(4.6, 12);
    expect(r.waitHistogram![2]).toMatchObject({ fromWeeks: 2, toWeeks: null, mean: 1, p10: 0 });
    expect(r.waitHistogram![4]).toMatchObject({ scope: "cluster", id: "c", fromWeeks: 1, mean: 2 });
  });

  it("are left out when a replication carries none (a simulator from before histograms)", () => {
    const model = { name: "m", teams: [], clusters: [] };
    const s: ReplicationSummary = { replication: 0, events: 1, horizonDays: 7, kpis: { service: {} }, weekly: { keys: ["service"], weeks: 1, data: new Float64Array(6) } };
    expect(reduceReplications(model, [s], { seed: 1, level: 0.95, warmup: { mode: "none", weeks: 0, batches: null } })).not.toHaveProperty("waitHistogram");
  });
});

describe("verifySeedOf", () => {
  it("is far from the seed and still an unsigned 32-bit integer", () => {
    expect(verifySeedOf(1)).toBe(2654435770);
    expect(verifySeedOf(4_294_967_295)).toBe((4_294_967_295 + 0x9e3779b9) % 2 ** 32);
    expect(verifySeedOf(7)).not.toBe(7);
  });
});
