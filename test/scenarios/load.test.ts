import { describe, expect, it } from "vitest";
import {
  applyOverrides, englandYear, loadScenario, loadScenarioFile, loadScenarioText, ScenarioError,
} from "../../scenarios/index.js";
import { errorsOf, MINIMAL } from "./fixtures.js";

describe("fill defaults", () => {
  const m = loadScenarioText(MINIMAL, { file: "minimal.yaml" });

  it("fills every section from the seeds' figures and documented assumptions", () => {
    expect(m.description).toBe("");
    expect(m.casework).toEqual({
      slotsPerDay: 4, sessions: { kind: "triangular", min: 6, mode: 7, max: 8 }, sessionIntervalDays: 7,
      caseloadCap: 18, traineeCaseloadShare: 0.5, dnaShare: 0.1, stepUpShare: 0.05, stepUpAtTriageShare: 0, stepUpEarlyShare: 0, stepUpEarlyAfterSessions: 2,
    });
    expect(m.groups.slotsPerSession).toBe(3);
    expect(m.meetings.linkMeetingsPerTerm).toBe(1);
    expect(m.workforce.recruitmentLagWeeks).toEqual({ kind: "deterministic", value: 17 });
    expect(m.waitlist).toEqual({ scope: "cluster", initialPerCluster: 0 });
    expect(Object.values(m.referrals.needMix).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(m.mhstPlus.enabled).toBe(false);
    expect(m.groups.maxWaitWeeks).toBe(6);
    expect(m.standards).toEqual({ firstContactWeeks: 4 });
    expect(m.supervision).toEqual({ superviseeRoles: ["emhp"], supervisorRoles: ["seniorClinician"], maxSuperviseesPerSupervisor: 4, supervisorSlotsPerSupervisee: 1 });
  });

  it("fills names, phase, team, FTE and start date of listed items", () => {
    expect(m.teams[0]).toEqual({ id: "t", name: "t" });
    expect(m.clusters[1]).toEqual({ id: "b", name: "b", team: "t" });
    expect(m.schools[0]).toEqual({ id: "s1", name: "s1", phase: "primary", pupils: 600, cluster: "a" });
    const p = m.practitioners[0]!;
    expect([p.role, p.team, p.fte, p.startDate]).toEqual(["emhp", "t", 1, "2025-09-01"]);
  });

  it("turns byPupils into a half-day pattern from Monday morning, bigger cluster first in share", () => {
    // 600 and 300 pupils share 10 half-days 2:1, rounded to 7 and 3.
    expect(m.practitioners[0]!.pattern).toEqual([["a", "a"], ["a", "a"], ["a", "a"], ["a", "b"], ["b", "b"]]);
  });

  it("builds the England calendar: three terms with half-terms, day 0 on the first Monday", () => {
    expect(m.calendar.startDate).toBe("2025-09-01");
    expect(m.calendar.years).toBe(1);
    expect(m.calendar.terms.map((t) => [t.name, t.start, t.end, t.halfTerm?.start])).toEqual([
      ["autumn", "2025-09-01", "2025-12-19", "2025-10-27"],
      ["spring", "2026-01-05", "2026-03-27", "2026-02-16"],
      ["summer", "2026-04-13", "2026-07-22", "2026-05-25"],
    ]);
    expect(m.calendar.closures).toEqual(["2026-05-04"]);
    expect(englandYear(2026).terms[0]!.start).toBe("2026-09-07");
  });

  it("accepts bare numbers as deterministic distributions and explicit patterns", () => {
    const text = `${MINIMAL.replace("allocation: { clusters: [a, b] }", "fte: 0.6, pattern: { mon: a, tue: [a, b], thu: null }")}casework: { sessions: 6 }\n`;
    const x = loadScenarioText(text);
    expect(x.casework.sessions).toEqual({ kind: "deterministic", value: 6 });
    expect(x.practitioners[0]!.pattern).toEqual([["a", "a"], ["a", "b"], [null, null], [null, null], [null, null]]);
  });

  it("fixes a cluster's practitionerDays before sharing out the rest", () => {
    const x = loadScenarioText(MINIMAL.replace("{ id: b }", "{ id: b, practitionerDays: 1.5 }"));
    expect(x.practitioners[0]!.pattern.flat().filter((c) => c === "b")).toHaveLength(3);
  });
});

describe("freeze", () => {
  it("freezes the model all the way down", () => {
    const m = loadScenario("trailblazer-team");
    expect(Object.isFrozen(m)).toBe(true);
    expect(Object.isFrozen(m.calendar.terms[0]!.halfTerm)).toBe(true);
    expect(Object.isFrozen(m.practitioners[0]!.pattern[0])).toBe(true);
    expect(Object.isFrozen(m.casework.sessions)).toBe(true);
    expect(() => { (m.casework as { slotsPerDay: number }).slotsPerDay = 9; }).toThrow(TypeError);
  });

  it("does not share frozen defaults between loads", () => {
    const a = loadScenarioText(MINIMAL);
    const b = loadScenarioText(MINIMAL);
    expect(a.casework.sessions).not.toBe(b.casework.sessions);
  });
});

describe("overrides", () => {
  it("sets fields by path, list index and id, parsing YAML values", () => {
    const m = loadScenario("trailblazer-team", {
      overrides: [
        "calendar.years=3",
        "casework.slotsPerDay=3",
        "practitioners[2].fte=0.8",
        "practitioners[sc-1].fte=0.6",
        "casework.sessions={kind: uniform, min: 4, max: 9}",
        "referrals.seasonality={autumn: 1.2}",
      ],
    });
    expect(m.calendar.years).toBe(3);
    expect(m.casework.slotsPerDay).toBe(3);
    expect(m.practitioners[2]!.fte).toBe(0.8);
    expect(m.practitioners[2]!.pattern.flat().filter((c) => c !== null)).toHaveLength(8);
    const sc1 = m.practitioners.find((p) => p.id === "sc-1")!;
    expect(sc1.fte).toBe(0.6);
    expect(sc1.pattern.flat().filter((c) => c !== null)).toHaveLength(4);
    expect(m.casework.sessions).toEqual({ kind: "uniform", min: 4, max: 9 });
    expect(m.referrals.seasonality).toEqual({ autumn: 1.2 });
  });

  it("applyOverrides works on plain data and returns a changed copy", () => {
    const doc = { name: "x", practitioners: [{ id: "emhp-1", fte: 1 }] };
    const out = applyOverrides(doc, ["practitioners[emhp-1].fte=0.6", "casework.slotsPerDay=3"]);
    expect(out).toEqual({ name: "x", practitioners: [{ id: "emhp-1", fte: 0.6 }], casework: { slotsPerDay: 3 } });
    expect(doc.practitioners[0]!.fte).toBe(1);
  });

  it("null restores the default", () => {
    expect(loadScenario("ealing-primary", { overrides: ["casework.slotsPerDay=null"] }).casework.slotsPerDay).toBe(4);
  });

  it("reports unknown paths, missing items and bad YAML together", () => {
    expect(() => applyOverrides({}, ["casework.slotPerDay=3"])).toThrow(ScenarioError);
    expect(errorsOf(MINIMAL, [
      "casework.slotPerDay=3",
      "foo=1",
      "practitioners[3].fte=1",
      "practitioners[emhp-9].fte=1",
      "nothing",
      "casework.sessions={kind: tri",
    ])).toEqual([
      "--set: casework.slotPerDay=3: casework.slotPerDay is not a field of the scenario format (did you mean slotsPerDay?)",
      "--set: foo=1: foo is not a field of the scenario format",
      "--set: practitioners[3].fte=1: practitioners[3] does not exist (practitioners has 1 items)",
      "--set: practitioners[emhp-9].fte=1: practitioners has no item with id \"emhp-9\"",
      "--set: nothing: must be written path=value, e.g. casework.slotsPerDay=3",
      "--set: casework.sessions={kind: tri: \"{kind: tri\" is not a valid YAML value",
    ]);
  });

  it("refuses Object.prototype names in a path, so an override never reaches the prototype", () => {
    expect(errorsOf(MINIMAL, ["__proto__.x=1", "constructor.x=1", "referrals.seasonality.__proto__=1"])).toEqual([
      "--set: __proto__.x=1: __proto__ is not a field of the scenario format",
      "--set: constructor.x=1: constructor is not a field of the scenario format",
      "--set: referrals.seasonality.__proto__=1: referrals.seasonality.__proto__ is not a field of the scenario format",
    ]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("reports bad override values as coming from --set, with file problems by line", () => {
    expect(errorsOf(MINIMAL, ["casework.slotsPerDay=abc", "calendar.years=0", "practitioners[p1].fte=0.1"])).toEqual([
      "--set: calendar.years: 0 must be >= 1",
      "--set: casework.slotsPerDay: \"abc\" must be a number",
      "bad.yaml:8: practitioners[0].allocation: cannot give each of 2 clusters a half-day (and any fixed practitionerDays) within 1 half-days",
    ]);
  });
});

describe("files", () => {
  it("reports a missing file without a stack trace", () => {
    expect(() => loadScenarioFile("no/such/file.yaml")).toThrow("no/such/file.yaml: file not found");
  });

  it("resolves neither id nor file to a ScenarioError naming the built-ins", () => {
    expect(() => loadScenario("trailblazer")).toThrow(/"trailblazer" is neither a built-in scenario \(ealing-primary, .*\) nor a file/);
  });
});
