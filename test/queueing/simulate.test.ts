import { describe, expect, it } from "vitest";
import { queueModel, runReplication, simulateQueue, validate, VALIDATION_CASES, type Estimate } from "../../sim/queueing/index.js";
import { StreamFactory } from "../../sim/random/index.js";

// Tolerances come from each run's own 95 % interval: |sim − exact| <= 3 half-widths fails
// by chance with probability about 0.3 % per check (t with 19 df), so a failure means bias.
const within = (e: Estimate, halfWidths = 3) => {
  expect(e.exact).toBeDefined();
  expect(Math.abs(e.mean - (e.exact as number))).toBeLessThanOrEqual(halfWidths * e.halfWidth);
};

describe("simulateQueue against closed forms", () => {
  it("M/M/1 at ρ = 0.5", () => {
    const r = simulateQueue(queueModel({ servers: 1, arrivalRate: 0.5, serviceRate: 1, customers: 20_000, warmupFraction: 0.05 }), { replications: 20, seed: 3 });
    within(r.meanWait);
    within(r.meanTimeInSystem);
    within(r.utilisation);
    within(r.meanNumberInSystem);
    expect(r.meanWait.halfWidth / 1).toBeLessThan(0.05); // the check above is not vacuous
  });

  it("M/M/4 at ρ = 0.9 (Erlang C 1.9694)", () => {
    const r = simulateQueue(queueModel({ servers: 4, arrivalRate: 3.6, serviceRate: 1, customers: 40_000, warmupFraction: 0.05 }), { replications: 20, seed: 4 });
    within(r.meanWait);
    expect(r.meanWait.exact).toBeCloseTo(1.96938, 5);
    expect(r.meanWait.halfWidth / 1.9694).toBeLessThan(0.15); // the check above is not vacuous
  });

  it("M/D/1 at ρ = 0.7 (Pollaczek–Khinchine)", () => {
    const r = simulateQueue(queueModel({ servers: 1, arrivalRate: 0.7, serviceRate: 1, service: "det", customers: 20_000, warmupFraction: 0.05 }), { replications: 20, seed: 5 });
    within(r.meanWait);
    within(r.meanTimeInSystem);
  });

  it("two-class priority M/M/1 at ρ = 0.7 (Cobham), both classes, and M/M/2 priority", () => {
    const r = simulateQueue(queueModel({ servers: 1, arrivalRate: 0.7, serviceRate: 1, priorityShares: [0.4, 0.6], customers: 20_000, warmupFraction: 0.05 }), { replications: 20, seed: 6 });
    r.classWaits.forEach((e) => within(e));
    within(r.meanWait);
    expect(r.classWaits[0].mean).toBeLessThan(r.classWaits[1].mean);
    const r2 = simulateQueue(queueModel({ servers: 2, arrivalRate: 1.5, serviceRate: 1, priorityShares: [0.5, 0.5], customers: 20_000, warmupFraction: 0.05 }), { replications: 20, seed: 7 });
    r2.classWaits.forEach((e) => within(e));
  });

  it("Little's law: time-average L equals λ̂·W from the same runs", () => {
    const r = simulateQueue(queueModel({ servers: 3, arrivalRate: 2.4, serviceRate: 1, customers: 20_000 }), { replications: 5, seed: 8 });
    for (const rec of r.records) {
      expect(Math.abs(rec.meanNumberInSystem - rec.observedArrivalRate * rec.meanTimeInSystem) / rec.meanNumberInSystem).toBeLessThan(0.005);
    }
  });
});

describe("replications", () => {
  const model = queueModel({ servers: 2, arrivalRate: 1.6, serviceRate: 1, customers: 5_000, priorityShares: [0.5, 0.5] });

  it("count arrivals + service starts + departures, and drop the warm-up", () => {
    const rec = runReplication(model, new StreamFactory(1, 0));
    expect(rec.events).toBe(3 * 5_000);
    expect(rec.customers).toBe(5_000);
    expect(rec.measured).toBe(4_500);
  });

  it("are reproducible bit for bit and independent across seeds and replications", () => {
    const a = runReplication(model, new StreamFactory(1, 0));
    expect(runReplication(model, new StreamFactory(1, 0))).toEqual(a);
    expect(runReplication(model, new StreamFactory(1, 1)).meanWait).not.toBe(a.meanWait);
    expect(runReplication(model, new StreamFactory(2, 0)).meanWait).not.toBe(a.meanWait);
  });

  it("run an unstable queue for a finite number of customers, without a closed form", () => {
    const r = simulateQueue(queueModel({ servers: 1, arrivalRate: 1.2, serviceRate: 1, customers: 2_000 }), { replications: 2 });
    expect(r.exact).toBeUndefined();
    expect(r.meanWait.exact).toBeUndefined();
    expect(r.meanWait.mean).toBeGreaterThan(50);
  });
});

describe("queueModel and validate", () => {
  it("rejects bad options naming the field", () => {
    const ok = { servers: 1, arrivalRate: 1, serviceRate: 2, customers: 10 };
    expect(() => queueModel({ ...ok, servers: 0 })).toThrow(/queueModel: servers 0 must be a whole number >= 1/);
    expect(() => queueModel({ ...ok, arrivalRate: -1 })).toThrow(/arrivalRate -1/);
    expect(() => queueModel({ ...ok, customers: 1.5 })).toThrow(/customers 1.5/);
    expect(() => queueModel({ ...ok, warmupFraction: 1 })).toThrow(/warmupFraction 1 must be in \[0, 1\)/);
    expect(() => queueModel({ ...ok, priorityShares: [0.2, 0.2] })).toThrow(/must sum to 1/);
    expect(() => simulateQueue(queueModel(ok), { replications: 0 })).toThrow(/replications 0/);
  });

  it("validate reports one row per wait and one Little row per case", () => {
    const tiny = VALIDATION_CASES.map((c) => ({ ...c, options: { ...c.options, customers: 2_000 }, replications: 3 }));
    const rows = validate({ cases: tiny });
    expect(rows).toHaveLength(15);
    expect(rows.filter((r) => r.quantity.startsWith("L")).every((r) => r.pass)).toBe(true);
    for (const r of rows) expect(r.pass).toBe(r.note === "");
  });
});
