import { describe, expect, it } from "vitest";
import { ExperimentPool, runExperimentParallel } from "../../sim/experiment/index.js";
import { clusterGap, compareFairness, concentrationIndex, FairnessAccumulator, fairnessGroups, groupMeasures, sizeBand, type FairnessSchool } from "../../sim/experiment/fairness.js";
import type { KpiRow } from "../../sim/experiment/index.js";
import { computeKpis, simulate, type CaseRecord, type RunRecords } from "../../sim/model/index.js";
import { smallService } from "../model/fixtures.js";

const base: CaseRecord = {
  id: 0, school: "s1", cluster: "c1", team: "t1", need: "anxiety", ageBand: "5-10", priority: "routine", mhstPlusEligible: false,
  initial: false, referralDay: 0, concernDay: 0, standardDays: 28, triageDay: 1, consentDay: 2, firstContactDay: null, endDay: null, outcome: "waiting",
  route: "oneToOne", intervention: null, practitioner: null, sessions: 0, dnas: 0, stepUpAt: null, assessedDay: null, interventionDay: null,
};
const seen = (id: number, school: string, referral: number, first: number, sessions: number): CaseRecord =>
  ({ ...base, id, school, referralDay: referral, concernDay: referral, firstContactDay: first, endDay: null, outcome: "open", sessions });

// Horizon 100 days, standard 28 days (a deadline is due when referral + 28 <= 99).
// s1 (100 pupils, primary): seen on day 20 (within) and day 40 (late): share 1/2, 10 sessions.
// s2 (300 pupils, secondary): seen day 15 of a day-10 referral (within); a day-80 referral still
//   waiting is not yet due and not beyond the standard: share 1/1, 5 sessions.
// s3 (200 pupils, primary): a day-0 referral waiting all run: due, missed, beyond at end; 0 sessions.
const records: RunRecords = {
  cases: [
    seen(1, "s1", 0, 20, 6), seen(2, "s1", 0, 40, 4),
    seen(3, "s2", 10, 15, 5), { ...base, id: 4, school: "s2", referralDay: 80, concernDay: 80 },
    { ...base, id: 5, school: "s3" },
  ],
  weeks: [],
  practitionerWeeks: [],
  events: 0,
  horizonDays: 100,
};
const schools: FairnessSchool[] = [
  { id: "s1", name: "School 1", phase: "primary", pupils: 100, cluster: "c1" },
  { id: "s2", name: "School 2", phase: "secondary", pupils: 300, cluster: "c2" },
  { id: "s3", name: "School 3", phase: "primary", pupils: 200, cluster: "c2" },
];

describe("fairness between schools", () => {
  it("puts schools into size bands by pupils on roll", () => {
    expect([90, 249, 250, 499, 500, 999, 1000, 5000].map((p) => sizeBand(p).id)).toEqual(["under-250", "under-250", "250-499", "250-499", "500-999", "500-999", "1000-plus", "1000-plus"]);
  });

  it("groups every school, each phase and each size band present", () => {
    const groups = fairnessGroups(schools);
    expect(groups.map((g) => `${g.kind}:${g.id}:${g.pupils}`)).toEqual(["school:s1:100", "school:s2:300", "school:s3:200", "phase:primary:300", "phase:secondary:300", "size:under-250:300", "size:250-499:300"]);
  });

  it("computes each group's share seen within the standard, waits and contacts by hand", () => {
    const groups = fairnessGroups(schools);
    const m = groupMeasures(records, groups);
    const [s1, s2, s3, primary, secondary, small] = m;
    expect(s1.shareSeenWithinStandard).toBe(0.5);
    expect(s1.waitWeeksMean).toBeCloseTo(30 / 7, 12);
    expect([s1.contacts, s1.contactsPer100Pupils, s1.referrals]).toEqual([10, 10, 2]);
    expect(s2.shareSeenWithinStandard).toBe(1);
    expect(s2.waitingBeyondStandardEnd).toBe(0);
    expect(s2.contactsPer100Pupils).toBeCloseTo(5 / 3, 12);
    expect(s3.shareSeenWithinStandard).toBe(0);
    expect(s3.waitingBeyondStandardEnd).toBe(1);
    expect(s3.waitWeeksMean).toBeNaN();
    // Pooled over the group's children: 1 seen of 3 due among the primaries.
    expect(primary.shareSeenWithinStandard).toBeCloseTo(1 / 3, 12);
    expect(primary.contactsPer100Pupils).toBeCloseTo(1000 / 300, 12);
    expect(secondary).toEqual(s2);
    expect(small).toEqual(primary);
  });

  it("drops cases referred in the warm-up", () => {
    const m = groupMeasures(records, fairnessGroups(schools), 2);
    // Only the day-80 referral of s2 is kept (weeks 0–1 = days 0–13 are dropped, and so is the day-10 one).
    expect(m.map((x) => x.referrals).slice(0, 3)).toEqual([0, 1, 0]);
  });

  it("gives the concentration index of contacts against pupils by hand", () => {
    // Rates 0.1, 0.0333: order s2 (x 0.75, y 0.5) then s1 (x 1, y 1): area 0.375 + 0.375.
    expect(concentrationIndex([100, 300], [10, 10])).toBeCloseTo(0.25, 12);
    expect(concentrationIndex([100, 300], [5, 15])).toBeCloseTo(0, 12);
    // All contacts in the school with a quarter of the pupils: 1 − 1/4.
    expect(concentrationIndex([100, 300], [8, 0])).toBeCloseTo(0.75, 12);
    // s3 (0), s2 (1/60), s1 (1/10): x 1/3, 5/6, 1; y 0, 1/3, 1: 1 − (1/6 + 2/9) = 11/18.
    expect(concentrationIndex([100, 300, 200], [10, 5, 0])).toBeCloseTo(11 / 18, 12);
    expect(concentrationIndex([100, 300], [0, 0])).toBeNull();
    expect(() => concentrationIndex([1], [1, 2])).toThrow(/concentrationIndex/);
  });

  it("gives the best–worst cluster gap with the paired interval of the two clusters", () => {
    const row = (id: string, values: number[]): KpiRow => ({ scope: "cluster", id, kpi: "shareSeenWithinStandard", mean: values.reduce((s, v) => s + v, 0) / values.length, sd: null, lo: null, hi: null, halfWidth: null, n: values.length, values });
    const gap = clusterGap([row("c1", [0.8, 0.9]), row("c2", [0.6, 0.5]), row("c3", [0.7, 0.7])])!;
    expect([gap.best, gap.worst]).toEqual(["c1", "c2"]);
    expect(gap.gap).toBeCloseTo(0.3, 12);
    // Differences 0.2 and 0.4: mean 0.3, sd 0.1414, t(0.975, 1) = 12.706: half-width 1.2706.
    expect(gap.lo).toBeCloseTo(0.3 - 12.7062047 * 0.1, 5);
    expect(gap.hi).toBeCloseTo(0.3 + 12.7062047 * 0.1, 5);
    expect(clusterGap([row("c1", [0.5, 0.5])])).toBeNull();
  });

  it("summarises replications and pairs A with B school by school", () => {
    const a = new FairnessAccumulator(schools);
    a.add(records);
    a.add(records);
    const ra = a.result();
    expect(ra.replications).toBe(2);
    expect(ra.rows[0].measures.shareSeenWithinStandard).toMatchObject({ mean: 0.5, n: 2, values: [0.5, 0.5] });
    expect(ra.concentration.mean).toBeCloseTo(11 / 18, 12);
    // B: s3's child seen on day 10 in both replications.
    const better: RunRecords = { ...records, cases: records.cases.map((c) => (c.id === 5 ? seen(5, "s3", 0, 10, 3) : c)) };
    const b = new FairnessAccumulator(schools);
    b.add(better);
    b.add(better);
    const d = compareFairness(ra, b.result());
    const s3 = d.find((x) => x.id === "s3" && x.measure === "shareSeenWithinStandard")!;
    expect([s3.meanA, s3.meanB, s3.diff, s3.lo, s3.hi]).toEqual([0, 1, 1, 1, 1]);
    const s1 = d.find((x) => x.id === "s1" && x.measure === "contacts")!;
    expect(s1.diff).toBe(0);
  });

  it("adds up to the service over the schools of a simulated run", () => {
    const model = smallService({ rate: 2 });
    const run = simulate(model, { seed: 3, replication: 0 });
    const list = model.schools.map((s) => ({ id: s.id, name: s.name, phase: s.phase, pupils: s.pupils, cluster: s.cluster }));
    const groups = fairnessGroups(list);
    const m = groupMeasures(run, groups);
    const service = computeKpis(run);
    const perSchool = m.slice(0, list.length);
    expect(perSchool.reduce((s, x) => s + x.referrals, 0)).toBe(service.referrals);
    expect(perSchool.reduce((s, x) => s + x.waitingBeyondStandardEnd, 0)).toBe(service.waitingBeyondStandardEnd);
    expect(perSchool.reduce((s, x) => s + x.contacts, 0)).toBe(run.cases.reduce((s, c) => s + c.sessions, 0));
    expect(service.referrals).toBeGreaterThan(50);
    // Each cluster's share equals the cluster KPI: the schools' children are the cluster's children.
    for (const c of model.clusters) {
      const own = list.filter((s) => s.cluster === c.id);
      const pooled = groupMeasures(run, [{ kind: "phase", id: c.id, name: c.id, schools: own.map((s) => s.id), pupils: 1 }])[0];
      expect(pooled.shareSeenWithinStandard).toBeCloseTo(computeKpis(run, { cluster: c.id }).shareSeenWithinStandard, 12);
    }
  });

  it("computes the measures on the worker threads exactly as from the records, replication by replication", async () => {
    const model = smallService({ rate: 2 });
    const groups = fairnessGroups(model.schools.map((s) => ({ id: s.id, name: s.name ?? s.id, phase: s.phase, pupils: s.pupils, cluster: s.cluster })));
    const fromRecords: unknown[] = [];
    const fromWorkers: unknown[] = [];
    const pool = new ExperimentPool({ workers: 2 });
    try {
      await runExperimentParallel(pool, model, {
        replications: 3,
        seed: 4,
        warmup: 2,
        onRecords: (r, i) => void (fromRecords[i] = groupMeasures(r, groups, 2)),
        fairnessGroups: [groups],
        onGroupMeasures: (m, i) => void (fromWorkers[i] = m),
      });
    } finally {
      await pool.close();
    }
    expect(fromWorkers).toHaveLength(3);
    expect(fromWorkers).toEqual(fromRecords);
    expect((fromWorkers[0] as { referrals: number }[])[0].referrals).toBeGreaterThan(0);
  });
});
