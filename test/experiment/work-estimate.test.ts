import { describe, expect, it } from "vitest";
import { loadScenario } from "../../scenarios/index.js";
import { checkWork, dayRangeIssues, estimateWork, modelSimulator, runExperiment } from "../../sim/experiment/index.js";

const tb = (overrides: string[] = []) => loadScenario("trailblazer-team", { overrides });

describe("estimateWork", () => {
  it("expects as many referrals as the simulation draws", () => {
    const model = tb(["calendar.years=2"]);
    const e = estimateWork(model, 20);
    const run = runExperiment(modelSimulator, model, { replications: 20, seed: 5, scopes: ["service"] });
    const drawn = run.kpis.find((k) => k.scope === "service" && k.kpi === "referrals")!.mean!;
    expect(e.referralsPerReplication).toBeGreaterThan(100);
    expect(Math.abs(drawn - e.referralsPerReplication) / e.referralsPerReplication).toBeLessThan(0.05);
  });

  it("counts the phase multipliers and the referrals consultations bring, as the simulation draws them", () => {
    const model = tb(["schools[0].phase=alternativeProvision", "referrals.phaseRate.alternativeProvision=4", "consultations={ratePerSchoolPerWeek: 1, referralShare: 0.5}"]);
    const e = estimateWork(model, 12);
    const run = runExperiment(modelSimulator, model, { replications: 12, seed: 5, scopes: ["service"] });
    const drawn = run.kpis.find((k) => k.scope === "service" && k.kpi === "referrals")!.mean!;
    expect(Math.abs(drawn - e.referralsPerReplication) / e.referralsPerReplication).toBeLessThan(0.05);
    expect(e.referralsPerReplication).toBeGreaterThan(1.2 * estimateWork(tb(), 12).referralsPerReplication);
  });

  it("adds initial lists, days and practitioner segments, times replications and evaluations", () => {
    const model = tb(["waitlist.initialPerCluster=12"]);
    const e = estimateWork(model, 7, 3);
    expect(e.initialCases).toBe(12 * model.clusters.length);
    expect(e.horizonDays).toBe(364);
    expect(e.practitionerSegments).toBe(model.practitioners.length * 10 * 364);
    expect(e.perReplication).toBeCloseTo(e.referralsPerReplication + e.initialCases + e.horizonDays + e.practitionerSegments, 6);
    expect(e.total).toBeCloseTo(e.perReplication * 21, 3);
    // Referrals scale with the rate, the pupils and the years.
    expect(estimateWork(tb(["referrals.ratePer1000PerWeek=4"]), 1).referralsPerReplication).toBeCloseTo(4 * estimateWork(tb(["referrals.ratePer1000PerWeek=1"]), 1).referralsPerReplication, 6);
    expect(estimateWork(tb(["calendar.years=3"]), 1).referralsPerReplication).toBeCloseTo(3 * estimateWork(tb(), 1).referralsPerReplication, 6);
  });

  it("names the field that drives an oversized run", () => {
    const limit = 5e9;
    const message = (overrides: string[], reps = 20) => {
      try {
        checkWork(estimateWork(tb(overrides), reps), limit);
        return "";
      } catch (err) {
        expect(err).toBeInstanceOf(RangeError);
        return (err as Error).message;
      }
    };
    expect(message([])).toBe("");
    expect(message(["referrals.ratePer1000PerWeek=1e12"])).toMatch(/^referrals\.ratePer1000PerWeek: 1\.0e12 gives about 3\.\de14 referrals per replication; the run is about 6\.\de15 work units, limit 5\.0e9$/);
    expect(message(["schools[0].referralRate=1e9"])).toMatch(/^schools\[[\w-]+\]\.referralRate: 1\.0e9 gives about \d\.\de\d+ referrals per replication/);
    expect(message(["schools[0].pupils=2000000000"], 100)).toMatch(/^schools\[[\w-]+\]\.pupils: 2\.0e9 gives about/);
    expect(message(["waitlist.initialPerCluster=100000000000"])).toMatch(/^waitlist\.initialPerCluster: 1\.0e11 gives about 5\.0e11 children on the initial lists per replication/);
    expect(message([], 1e7)).toMatch(/^replications: 1\.0e7 gives about \d\.\de\d+ work units \(\d+ per replication × 10000000 replications\)/);
  });
});

describe("dayRangeIssues", () => {
  it("names fields beyond the simulator's day numbers", () => {
    expect(dayRangeIssues(tb())).toEqual([]);
    // A model made in code (the loader refuses such a file).
    const long = { ...tb(), calendar: { ...tb().calendar, years: 81 } };
    expect(dayRangeIssues(long)).toEqual([{ path: "calendar.years", value: 81, message: "gives 29484 days; the longest horizon is 80 school years (29120 days)" }]);
    expect(dayRangeIssues({ ...tb(), calendar: { ...tb().calendar, years: 80 } })).toEqual([]);
    const delay = dayRangeIssues(tb(["triage.triageDays=3000000000"]));
    expect(delay.map((i) => i.path)).toEqual(["triage.triageDays"]);
    expect(delay[0].message).toMatch(/^reaches about 3000000000 days/);
  });
});
