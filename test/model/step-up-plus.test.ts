/**
 * Step-up when it is decided (triage, assessment, end of course) and MHST+ in two steps
 * (assessment, then a second wait for the intervention package).
 */

import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../scenarios/index.js";
import { computeKpis, simulate, type RunRecords, type ServiceModel } from "../../sim/model/index.js";

const TEAM = `name: Pathways
calendar: { years: 1 }
teams: [{ id: t }]
clusters: [{ id: a }, { id: b }]
schools:
  - { id: s1, pupils: 1200, cluster: a }
  - { id: s2, pupils: 1000, cluster: b }
referrals: { ratePer1000PerWeek: 3, mhstPlusShare: 0.2 }
groups: { enabled: false }
practitioners:
  - { id: e1, allocation: { clusters: [a], days: 3 } }
  - { id: e2, allocation: { clusters: [b], days: 3 } }
  - { id: plus1, role: mhstPlus, fte: 0.4, allocation: { clusters: [a, b] } }
mhstPlus:
  enabled: true
  assessmentSessions: 3
  interventionShare: 0.5
  interventionSessions: 6
`;

const load = (overrides: string[] = []) => loadScenarioText(TEAM, { file: "pathways.yaml", overrides });
const runs = (m: ServiceModel, reps = 4): RunRecords[] => Array.from({ length: reps }, (_, r) => simulate(m, { seed: 5, replication: r }));
const all = (rs: RunRecords[]) => rs.flatMap((r) => r.cases);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("step-up when it is decided", () => {
  it("triage steps up its share at once: those children leave at triage and never wait", () => {
    const cs = all(runs(load(["casework.stepUpAtTriageShare=0.3"])));
    const triaged = cs.filter((c) => c.triageDay !== null && c.outcome !== "signposted" && !c.initial);
    const up = triaged.filter((c) => c.stepUpAt === "triage");
    expect(up.length / triaged.length).toBeGreaterThan(0.25);
    expect(up.length / triaged.length).toBeLessThan(0.35);
    expect(up.every((c) => c.outcome === "steppedUp" && c.consentDay === null && c.firstContactDay === null && c.endDay === c.triageDay)).toBe(true);
  });

  it("an early step-up ends the course after its first sessions, which frees capacity for the children waiting", () => {
    const base = runs(load());
    const early = runs(load(["casework.stepUpEarlyShare=0.4", "casework.stepUpEarlyAfterSessions=2"]));
    const atAssessment = all(early).filter((c) => c.stepUpAt === "assessment");
    expect(atAssessment.length).toBeGreaterThan(0);
    expect(atAssessment.every((c) => c.route === "oneToOne" && c.sessions === 2 && c.outcome === "steppedUp")).toBe(true);
    const k = (rs: RunRecords[], name: string) => mean(rs.map((r) => computeKpis(r)[name]));
    expect(k(early, "waitWeeksMeanCensored")).toBeLessThan(k(base, "waitWeeksMeanCensored"));
    expect(k(early, "started")).toBeGreaterThanOrEqual(k(base, "started"));
    // The end-of-course step-up still applies to the courses that run to the end.
    expect(all(early).some((c) => c.stepUpAt === "end")).toBe(true);
  });
});

describe("MHST+ in two steps", () => {
  it("an assessed child offered an intervention waits again, then has the package's sessions", () => {
    const cs = all(runs(load())).filter((c) => c.route === "mhstPlus");
    const offered = cs.filter((c) => c.assessedDay !== null);
    const finished = offered.filter((c) => c.outcome === "completed" || c.outcome === "steppedUp");
    expect(offered.length).toBeGreaterThan(10);
    expect(finished.length).toBeGreaterThan(0);
    for (const c of offered) {
      expect(c.assessedDay!).toBeGreaterThanOrEqual(c.firstContactDay!);
      if (c.interventionDay !== null) expect(c.interventionDay).toBeGreaterThan(c.assessedDay!);
    }
    // Assessment (3) plus the package (6).
    expect(finished.every((c) => c.sessions === 9)).toBe(true);
    // Those not offered one end after the assessment's 3 sessions.
    expect(cs.filter((c) => c.assessedDay === null && c.outcome === "completed").every((c) => c.sessions === 3)).toBe(true);
    // A 0.4-WTE MHST+ post is busy: the second wait is real.
    const second = offered.filter((c) => c.interventionDay !== null).map((c) => c.interventionDay! - c.assessedDay!);
    expect(mean(second)).toBeGreaterThan(7);
  });

  it("with no intervention offered, nobody waits a second time", () => {
    const cs = all(runs(load(["mhstPlus.interventionShare=0"]), 2)).filter((c) => c.route === "mhstPlus");
    expect(cs.length).toBeGreaterThan(10);
    expect(cs.every((c) => c.assessedDay === null && c.interventionDay === null)).toBe(true);
  });
});
