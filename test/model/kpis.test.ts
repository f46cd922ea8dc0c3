import { describe, expect, it } from "vitest";
import { ACTIVITIES, computeKpis, KPI_DOCS, KPI_NAMES, simulate, type CaseRecord, type RunRecords, type WeekClusterRecord } from "../../sim/model/index.js";
import { smallService } from "./fixtures.js";

const base: CaseRecord = {
  id: 0, school: "s1", cluster: "c1", team: "t1", need: "anxiety", ageBand: "5-10", priority: "routine", mhstPlusEligible: false,
  initial: false, referralDay: 0, concernDay: 0, standardDays: 28, triageDay: 3, consentDay: 5, firstContactDay: null, endDay: null, outcome: "waiting",
  route: "oneToOne", intervention: null, practitioner: null, sessions: 0, dnas: 0, stepUpAt: null, assessedDay: null, interventionDay: null,
};
const started = (id: number, wait: number, cluster = "c1", outcome: CaseRecord["outcome"] = "completed"): CaseRecord =>
  ({ ...base, id, cluster, referralDay: 10, concernDay: 10, firstContactDay: 10 + wait, endDay: outcome === "open" ? null : 80, outcome, sessions: 6 });
const slots = (o: Partial<Record<(typeof ACTIVITIES)[number], number>>) => Object.fromEntries(ACTIVITIES.map((a) => [a, o[a] ?? 0])) as WeekClusterRecord["slots"];
const week = (cluster: string, contacts: number, s: WeekClusterRecord["slots"]): WeekClusterRecord => ({
  week: 0, cluster, team: "t1", referrals: 0, signposted: 0, accepted: 0, declined: 0, waitlistEnd: 0, started: 0, completed: 0,
  steppedUp: 0, withdrawn: 0, contacts, groupSessions: 0, consultations: 0, consultationsUnanswered: 0, consultationReferrals: 0,
  wholeSchoolSessions: 0, wholeSchoolDropped: 0, slots: s,
});

const records: RunRecords = {
  cases: [
    started(1, 7), started(2, 14), started(3, 28), started(4, 29), started(5, 70, "c2", "open"),
    { ...base, id: 6, outcome: "signposted", consentDay: null, route: "none" },
    { ...base, id: 7, outcome: "declined", route: "none" },
    { ...base, id: 8, outcome: "withdrawn", endDay: 40 },
    { ...base, id: 9, outcome: "waiting", initial: true },
    { ...base, id: 10, outcome: "inTriage", triageDay: null, consentDay: null, route: "none" },
  ],
  weeks: [week("c1", 10, slots({ oneToOne: 10, dna: 2, supervision: 4, idle: 4 })), week("c2", 4, slots({ oneToOne: 4, group: 3, idle: 3 }))],
  practitionerWeeks: [],
  events: 0,
  horizonDays: 14,
};

describe("computeKpis", () => {
  it("computes counts, waits and the four-week share by hand", () => {
    const k = computeKpis(records);
    expect(k.referrals).toBe(9);
    expect(k.initialWaiting).toBe(1);
    expect([k.signposted, k.declined, k.withdrawn, k.waitlistEnd, k.inTriageEnd]).toEqual([1, 1, 1, 1, 1]);
    expect([k.started, k.completed, k.openEnd]).toEqual([5, 4, 1]);
    expect(k.accepted).toBe(6); // consented, not declined, not initial: 5 started + 1 withdrawn
    // Waits 7, 14, 28, 29, 70 days.
    expect(k.waitWeeksMean).toBeCloseTo(148 / 5 / 7, 12);
    expect(k.waitWeeksMedian).toBe(4);
    expect(k.waitWeeksP90).toBe(10);
    expect(k.pctStartedWithin4Weeks).toBe(0.6);
    expect(k.contactsPerWeek).toBe(7);
    // Clinical 17 of clinical-available 17 + 2 dna + 7 idle; shares over all 30 slots.
    expect(k.utilisation).toBeCloseTo(17 / 26, 12);
    expect(k["utilisation.supervision"]).toBeCloseTo(4 / 30, 12);
    // Without consultations or whole-school work their shares are not reported (they are 0).
    expect(k["utilisation.consultation"]).toBeUndefined();
    expect(ACTIVITIES.reduce((s, a) => s + (k[`utilisation.${a}`] ?? 0), 0)).toBeCloseTo(1, 12);
  });

  it("restricts to a cluster or a team", () => {
    const c2 = computeKpis(records, { cluster: "c2" });
    expect([c2.started, c2.openEnd, c2.waitWeeksMean, c2.contactsPerWeek]).toEqual([1, 1, 10, 2]);
    expect(c2.utilisation).toBeCloseTo(7 / 10, 12);
    expect(computeKpis(records, { team: "t1" })).toEqual(computeKpis(records));
    const none = computeKpis(records, { team: "nope" });
    expect(none.referrals).toBe(0);
    expect(none.waitWeeksMean).toBeNaN();
  });

  it("reads a spread copy's own records, not the run's columns", () => {
    const run = simulate(smallService(), { seed: 1, replication: 0 });
    const cluster = run.cases[0].cluster;
    const subset = { ...run, cases: run.cases.filter((c) => c.cluster === cluster), weeks: run.weeks.filter((w) => w.cluster === cluster) };
    const whole = computeKpis(run);
    const part = computeKpis(subset);
    expect(part.referrals).toBe(subset.cases.filter((c) => !c.initial).length);
    expect(part.referrals).toBeLessThan(whole.referrals);
    expect(part).toEqual(computeKpis(run, { cluster }));
  });

  it("documents every key it returns", () => {
    const k = computeKpis(simulate(smallService(), { seed: 1, replication: 0 }));
    for (const name of KPI_NAMES) expect(k).toHaveProperty(name);
    for (const key of Object.keys(k)) expect(KPI_DOCS[key]?.description.length).toBeGreaterThan(10);
    expect(KPI_DOCS.pctStartedWithin4Weeks.description).toMatch(/28 days/);
  });
});
