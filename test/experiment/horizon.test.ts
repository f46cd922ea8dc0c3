import { describe, expect, it } from "vitest";
import { loadScenario } from "../../scenarios/index.js";
import { checkWarmupFits, dayRangeIssues, estimateWork, modelSimulator, runExperiment } from "../../sim/experiment/index.js";
import { simulate } from "../../sim/model/index.js";

const pilot = () => loadScenario("trailblazer-team", { overrides: ["calendar.horizon.weeks=26"] });

describe("experiments over a horizon", () => {
  it("report 26 weeks, weekly rows 0..25, and warm-up counts from the pilot's own weeks", () => {
    const model = pilot();
    const r = runExperiment(modelSimulator, model, { replications: 2, seed: 3, warmup: 8, scopes: ["service"] });
    expect(r.horizonWeeks).toBe(26);
    expect(r.warmup).toMatchObject({ mode: "fixed", weeks: 8 });
    expect(r.weekly.filter((w) => w.scope === "service").map((w) => w.week)).toEqual(Array.from({ length: 26 }, (_, w) => w));
    // Referrals after the warm-up: those referred on day 56 or later of each replication's 182 days.
    const kept = [0, 1].map((rep) => simulate(model, { seed: 3, replication: rep }).cases.filter((c) => !c.initial && c.referralDay >= 56 && c.referralDay < 182).length);
    expect(r.kpis.find((k) => k.scope === "service" && k.kpi === "referrals")!.values).toEqual(kept);
  });

  it("refuse a warm-up as long as the horizon, naming both", () => {
    expect(() => checkWarmupFits(pilot(), 26)).toThrow("warmup: 26 weeks must be less than the run's 26 weeks (calendar.horizon)");
    expect(() => checkWarmupFits(pilot(), 25)).not.toThrow();
    expect(() => checkWarmupFits(loadScenario("trailblazer-team", { overrides: ["calendar.horizon.term=spring"] }), 12)).toThrow("warmup: 12 weeks must be less than the run's 12 weeks (calendar.horizon)");
  });

  it("estimate the referrals of the horizon's in-term weeks, as the simulation draws them", () => {
    for (const overrides of [["calendar.horizon.weeks=26"], ["calendar.horizon.term=spring"], ["calendar.years=null", "calendar.horizon.weeks=70"]]) {
      const model = loadScenario("trailblazer-team", { overrides });
      const e = estimateWork(model, 20);
      const run = runExperiment(modelSimulator, model, { replications: 20, seed: 5, scopes: ["service"] });
      const drawn = run.kpis.find((k) => k.scope === "service" && k.kpi === "referrals")!.mean!;
      expect(e.horizonDays).toBe(model.calendar.horizonDays);
      expect(e.practitionerSegments).toBe(model.practitioners.length * 10 * e.horizonDays);
      expect(Math.abs(drawn - e.referralsPerReplication) / e.referralsPerReplication, overrides.join(" ")).toBeLessThan(0.05);
    }
    // Half a year of the same service: about half the referrals (autumn is the longer half).
    const year = estimateWork(loadScenario("trailblazer-team"), 1).referralsPerReplication;
    const half = estimateWork(pilot(), 1).referralsPerReplication;
    expect(half / year).toBeGreaterThan(0.5);
    expect(half / year).toBeLessThan(0.65);
  });

  it("name calendar.horizon when the horizon drives the work or the day numbers", () => {
    const model = pilot();
    const long = { ...model, calendar: { ...model.calendar, horizonDays: 7 * 400_000_000 } };
    expect(dayRangeIssues(long)).toEqual([{ path: "calendar.horizon", value: 400_000_000, message: "gives 2800000000 days; the longest horizon is 80 school years (29120 days)" }]);
    const big = { ...model, calendar: { ...model.calendar, horizonDays: 7 * 5_000_000 } };
    expect(estimateWork(big, 1).driver).toMatchObject({ field: "calendar.horizon", value: 5_000_000 });
  });

  it("run consultations and whole-school requests drawn past a shorter horizon, as the year's first weeks", () => {
    const short = simulate(loadScenario("llr", { overrides: ["calendar.horizon.weeks=13"] }), { seed: 2, replication: 0 });
    const year = simulate(loadScenario("llr"), { seed: 2, replication: 0 });
    const weeks = (r: typeof short) => r.weeks.filter((w) => w.week < 12).map((w) => [w.week, w.cluster, w.consultations, w.wholeSchoolSessions, w.referrals]);
    expect(short.horizonDays).toBe(91);
    expect(weeks(short)).toEqual(weeks(year));
    expect(short.weeks.reduce((n, w) => n + w.consultations, 0)).toBeGreaterThan(0);
  });
});
