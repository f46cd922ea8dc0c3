import { describe, expect, it } from "vitest";
import {
  autoWarmup,
  dropWarmup,
  reduceReplications,
  runExperiment,
  summariseValues,
  type ReplicationSummary,
} from "../../sim/experiment/index.js";
import { toyModel, toySim } from "./toy.js";

const T975_DF2 = 4.302652729749462; // scipy.stats.t.ppf(0.975, 2)

describe("summariseValues", () => {
  it("gives the Student-t interval by hand", () => {
    const row = summariseValues("service", "service", "referrals", [10, 12, 14], 0.95);
    expect(row.mean).toBeCloseTo(12, 12);
    expect(row.sd).toBeCloseTo(2, 12);
    const hw = (T975_DF2 * 2) / Math.sqrt(3);
    expect(row.halfWidth).toBeCloseTo(hw, 9);
    expect(row.lo).toBeCloseTo(12 - hw, 9);
    expect(row.hi).toBeCloseTo(12 + hw, 9);
    expect(row.n).toBe(3);
  });

  it("ignores undefined values and leaves undefined statistics null", () => {
    expect(summariseValues("team", "t", "waitWeeksMean", [null, 4, null], 0.95)).toMatchObject({ mean: 4, sd: null, lo: null, hi: null, n: 1 });
    expect(summariseValues("team", "t", "waitWeeksMean", [null, null], 0.95)).toMatchObject({ mean: null, n: 0 });
  });
});

function summary(replication: number, waitlist: number[], referrals: number[], kpi: number): ReplicationSummary {
  const zero = waitlist.map(() => 0);
  const data = Float64Array.from([...waitlist, ...referrals, ...zero, ...zero, ...zero, ...zero]); // WEEKLY_FIELDS order
  return { replication, events: 10, horizonDays: 14, kpis: { service: { referrals: kpi } }, weekly: { keys: ["service"], weeks: 2, data } };
}

describe("reduceReplications", () => {
  const model = { name: "m", teams: [], clusters: [] };
  const sums = [summary(0, [1, 10], [2, 0], 3), summary(1, [2, 20], [4, 0], 5), summary(2, [3, 30], [6, 3], 7), summary(3, [4, 40], [8, 0], 9), summary(4, [5, 50], [10, 0], 11)];
  const r = reduceReplications(model, sums, { seed: 9, level: 0.95, warmup: { mode: "none", weeks: 0, batches: null } });

  it("gives type-7 bands and mean flows per week", () => {
    expect(r.horizonWeeks).toBe(2);
    expect(r.weekly).toHaveLength(2);
    // waitlist week 0 across reps: 1..5 → median 3, p10 = 1 + 0.4·1 = 1.4, p90 = 4.6
    expect(r.weekly[0]).toMatchObject({ scope: "service", week: 0, waitlistMedian: 3, referrals: 6 });
    expect(r.weekly[0].waitlistP10).toBeCloseTo(1.4, 12);
    expect(r.weekly[0].waitlistP90).toBeCloseTo(4.6, 12);
    expect(r.weekly[1]).toMatchObject({ waitlistMedian: 30, referrals: 0.6 });
    expect(r.events).toBe(50);
    expect(r.kpis[0]).toMatchObject({ scope: "service", kpi: "referrals", mean: 7, n: 5, values: [3, 5, 7, 9, 11] });
  });

  it("is JSON-serialisable as it is", () => {
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("rejects replications out of order", () => {
    expect(() => reduceReplications(model, [sums[1], sums[0]], { seed: 1, level: 0.95, warmup: { mode: "none", weeks: 0, batches: null } })).toThrow(/out of order/);
  });

  it("gives the same result for weekly counts as 16-bit, 32-bit or doubles, in any mix", () => {
    const meta = { seed: 9, level: 0.95, warmup: { mode: "none" as const, weeks: 0, batches: null } };
    const as = (s: ReplicationSummary, kind: "u16" | "i32"): ReplicationSummary => ({ ...s, weekly: { ...s.weekly, data: (kind === "u16" ? Uint16Array : Int32Array).from(s.weekly.data) } });
    expect(reduceReplications(model, sums.map((s) => as(s, "u16")), meta)).toEqual(r);
    // Doubles after 16-bit counts: the flow sums carry on in doubles.
    expect(reduceReplications(model, sums.map((s, i) => (i < 2 ? as(s, "u16") : s)), meta)).toEqual(r);
    expect(reduceReplications(model, sums.map((s, i) => (i % 2 ? as(s, "i32") : as(s, "u16"))), meta)).toEqual(r);
    const half = { ...sums[0], weekly: { ...sums[0].weekly, data: Float64Array.of(1, 10, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0) } };
    const mixed = reduceReplications(model, [as(sums[0], "u16"), { ...half, replication: 1 }], meta);
    expect(mixed.weekly[0].referrals).toBe((2 + 0.5) / 2);
  });

  it("sums 16-bit weekly counts of more replications than 32 bits would hold at 65535 each", () => {
    const R = 32769;
    const one = (replication: number): ReplicationSummary => ({ replication, events: 1, horizonDays: 7, kpis: { service: {} }, weekly: { keys: ["service"], weeks: 1, data: Uint16Array.of(0, 65535, 0, 0, 0, 0) } });
    const res = reduceReplications(model, Array.from({ length: R }, (_, i) => one(i)), { seed: 1, level: 0.95, warmup: { mode: "none", weeks: 0, batches: null } });
    expect(res.weekly[0].referrals).toBe(65535);
  });
});

describe("runExperiment", () => {
  const model = toyModel();

  it("reports KPIs per service, team and cluster with intervals", () => {
    const r = runExperiment(toySim, model, { replications: 5, seed: 3 });
    const scopes = new Set(r.kpis.map((k) => `${k.scope}:${k.id}`));
    expect([...scopes]).toEqual(["service:service", "team:north", "team:south", "cluster:n1", "cluster:n2", "cluster:s1"]);
    const ref = (scope: string, id: string) => r.kpis.find((k) => k.scope === scope && k.id === id && k.kpi === "referrals")!;
    // Team and cluster scopes partition the service, replication by replication.
    ref("service", "service").values.forEach((v, i) => {
      expect(v).toBe((ref("team", "north").values[i] ?? 0) + (ref("team", "south").values[i] ?? 0));
    });
    expect(r.weekly.filter((w) => w.scope === "cluster")).toHaveLength(3 * 20);
    expect(r.replications).toBe(5);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("is reproducible and changes with the seed", () => {
    const a = runExperiment(toySim, model, { replications: 3, seed: 3 });
    expect(runExperiment(toySim, model, { replications: 3, seed: 3 })).toEqual(a);
    expect(runExperiment(toySim, model, { replications: 3, seed: 4 }).kpis[0].values).not.toEqual(a.kpis[0].values);
  });

  it("drops a fixed warm-up from the KPIs but not from the weekly rows", () => {
    const none = runExperiment(toySim, model, { replications: 3, seed: 3 });
    const warm = runExperiment(toySim, model, { replications: 3, seed: 3, warmup: 4 });
    expect(warm.warmup).toEqual({ mode: "fixed", weeks: 4, batches: null });
    expect(warm.weekly).toEqual(none.weekly);
    const refs = (r: typeof none) => r.kpis.find((k) => k.scope === "service" && k.kpi === "referrals")!.mean!;
    expect(refs(warm)).toBeLessThan(refs(none));
    const records = toySim.simulate(model, { seed: 3, replication: 0 });
    expect(dropWarmup(records, 4).cases.every((c) => c.referralDay >= 28)).toBe(true);
  });

  it("chooses an automatic warm-up by MSER-5 and reports it", () => {
    // A long initial backlog drains over the first weeks: the warm-up should cover it.
    const r = runExperiment(toySim, toyModel({ initialWaiting: 150, capacityPerDay: 3, days: 364 }), { replications: 4, seed: 1, warmup: "auto" });
    expect(r.warmup.mode).toBe("auto");
    expect(r.warmup.weeks).toBeGreaterThan(0);
    expect(r.warmup.weeks).toBeLessThan(26);
    expect(autoWarmup([[100, 80, 60, 40, 20, ...new Array(45).fill(5)]]).weeks).toBeGreaterThan(0);
  });

  it("rejects bad options naming them", () => {
    expect(() => runExperiment(toySim, model, { replications: 0 })).toThrow(/replications: 0/);
    expect(() => runExperiment(toySim, model, { replications: 2, warmup: -1 })).toThrow(/warmup: -1/);
  });
});

describe("scopes", () => {
  it("computes only the scopes asked for, the service always", () => {
    const all = runExperiment(toySim, toyModel(), { replications: 3, seed: 2 });
    const service = runExperiment(toySim, toyModel(), { replications: 3, seed: 2, scopes: ["team"] });
    expect(all.scopes).toEqual(["service", "team", "cluster"]);
    expect(service.scopes).toEqual(["service", "team"]);
    expect(new Set(service.kpis.map((k) => k.scope))).toEqual(new Set(["service", "team"]));
    expect(service.weekly.every((w) => w.scope === "service")).toBe(true);
    expect(service.kpis.filter((k) => k.scope !== "cluster")).toEqual(all.kpis.filter((k) => k.scope !== "cluster"));
    expect(() => runExperiment(toySim, toyModel(), { replications: 2, scopes: ["region" as never] })).toThrow(/scopes: "region"/);
  });
});
