/**
 * Allocation over a cycle of weeks (week A / week B, a four-week rota) and half-days at a
 * named school.
 */

import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../scenarios/index.js";
import { computeKpis, simulate, type RunRecords, type ServiceModel } from "../../sim/model/index.js";
import { errorsOf } from "../scenarios/fixtures.js";

const BASE = (pattern: string) => `name: Cycles
calendar: { years: 1 }
teams: [{ id: t }]
clusters: [{ id: a }, { id: b }]
schools:
  - { id: s1, pupils: 900, cluster: a }
  - { id: s2, pupils: 700, cluster: a }
  - { id: s3, pupils: 800, cluster: b }
referrals: { ratePer1000PerWeek: 2 }
groups: { enabled: false }
meetings: { linkMeetingSlots: 0, clusterMeetingSlots: 0, trainingPrepSlots: 0, trainingDeliverySlots: 0 }
practitioners:
  - { id: e1, pattern: ${pattern} }
  - { id: e2, pattern: { mon: b, tue: b, wed: b } }
`;

const load = (pattern: string, overrides: string[] = []) => loadScenarioText(BASE(pattern), { file: "cycles.yaml", overrides });
const runs = (m: ServiceModel, reps = 3): RunRecords[] => Array.from({ length: reps }, (_, r) => simulate(m, { seed: 3, replication: r }));
/** Slots (every activity) booked to a cluster over a run, on average. */
const clusterSlots = (rs: RunRecords[], cluster: string) =>
  rs.reduce((s, r) => s + r.weeks.filter((w) => w.cluster === cluster).reduce((x, w) => x + Object.values(w.slots).reduce((a, b) => a + b, 0), 0), 0) / rs.length;

describe("cycles of weeks", () => {
  it("fortnightly visits (week A at cluster a, week B elsewhere) halve the cluster's in-term slots", () => {
    const weekly = runs(load("{ mon: a, tue: a }"));
    const fortnightly = runs(load("[{ mon: a, tue: a }, { mon: b, tue: b }]"));
    const ratio = clusterSlots(fortnightly, "a") / clusterSlots(weekly, "a");
    expect(ratio).toBeGreaterThan(0.45);
    expect(ratio).toBeLessThan(0.55);
    // The days go to cluster b instead, so the team's total time is the same.
    const total = (rs: RunRecords[]) => clusterSlots(rs, "a") + clusterSlots(rs, "b");
    expect(total(fortnightly)).toBeCloseTo(total(weekly), 6);
    // Fewer days for cluster a: its children wait longer.
    const wait = (rs: RunRecords[]) => rs.reduce((s, r) => s + computeKpis(r).waitWeeksMeanCensored, 0) / rs.length;
    expect(wait(fortnightly)).toBeGreaterThan(wait(weekly));
  });

  it("a four-week rota gives each week its own pattern, week 1 from the run's first week", () => {
    const m = load("[{ mon: a }, { mon: b }, { mon: b }, { mon: b }]");
    const r = simulate(m, { seed: 3, replication: 0 });
    // Slots e1 books to cluster a fall only in weeks 0, 4, 8, …
    const weeksInA = new Set(r.weeks.filter((w) => w.cluster === "a" && Object.values(w.slots).some((x) => x > 0)).map((w) => w.week));
    expect(weeksInA.size).toBeGreaterThan(5);
    for (const w of weeksInA) expect(w % 4).toBe(0);
  });

  it("refuses an unknown cluster or school in a cycle week, too many half-days, and cycles that come round together too rarely", () => {
    expect(errorsOf(BASE("[{ mon: a }, { mon: zz }]"))).toEqual(['bad.yaml:13: practitioners[0].pattern[1].mon: "zz" is not a cluster or school']);
    expect(errorsOf(BASE("[{ mon: a }, { mon: a, tue: a, wed: a, thu: a, fri: a, }]"), ["practitioners[e1].fte=0.4"])[0]).toBe(
      "bad.yaml:13: practitioners[0].pattern[1]: allocates 10 half-days, more than fte 0.4 allows (4 = fte x 10)",
    );
    const seven = `[${Array(7).fill("{ mon: a }").join(", ")}]`;
    const nine = `[${Array(9).fill("{ mon: b }").join(", ")}]`;
    expect(errorsOf(BASE(seven).replace("pattern: { mon: b, tue: b, wed: b }", `pattern: ${nine}`))).toEqual([
      "bad.yaml:14: practitioners[1].pattern: a cycle of 9 weeks makes the practitioners' cycles repeat together only every 63 weeks; at most 52 (use cycle lengths that divide each other, such as 2 and 4)",
    ]);
  });
});

describe("a half-day at a named school", () => {
  it("sees and starts only that school's children there", () => {
    const m = load("{ mon: s1, tue: s1 }");
    const rs = runs(m, 2);
    for (const r of rs) {
      const byE1 = r.cases.filter((c) => c.practitioner === "e1");
      expect(byE1.length).toBeGreaterThan(10);
      expect(byE1.every((c) => c.school === "s1")).toBe(true);
    }
    // s2, in the same cluster, gets no practitioner time: its children wait to the end.
    const k = computeKpis(rs[0]!);
    expect(rs[0]!.cases.filter((c) => c.school === "s2" && c.firstContactDay !== null)).toHaveLength(0);
    expect(k.waitingBeyondStandardEnd).toBeGreaterThan(0);
  });

  it("splitting the cluster's days between its schools by name serves both", () => {
    const rs = runs(load("{ mon: s1, tue: s2 }"), 2);
    for (const r of rs) {
      const byE1 = r.cases.filter((c) => c.practitioner === "e1");
      expect(new Set(byE1.map((c) => c.school))).toEqual(new Set(["s1", "s2"]));
    }
  });
});
