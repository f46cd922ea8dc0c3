import { describe, expect, it } from "vitest";
import { formatIssue, loadScenarioText, scenarioWarnings } from "../../scenarios/index.js";
import { parseTarget } from "../../sim/experiment/index.js";
import { errorsOf, MINIMAL } from "./fixtures.js";

const seniors = (n: number) =>
  MINIMAL.replace("practitioners:\n", `practitioners:\n${Array.from({ length: n }, (_, i) => `  - { id: sc${i}, role: seniorClinician, allocation: { clusters: [a], days: 1 } }\n`).join("")}`);
const emhps = (n: number) => Array.from({ length: n }, (_, i) => `  - { id: e${i}, allocation: { clusters: [b], days: 1 } }\n`).join("");

describe("standards, group waits and supervision: bad input", () => {
  it("refuses a standard of 0 weeks, one longer than the run, and a negative group wait", () => {
    expect(errorsOf(MINIMAL, ["standards.firstContactWeeks=0"])).toEqual(["--set: standards.firstContactWeeks: 0 must be > 0"]);
    expect(errorsOf(MINIMAL, ["standards.firstContactWeeks=60"])).toEqual([
      "--set: standards.firstContactWeeks: 60 must be <= the run's 52 weeks (calendar.years x 52), or no child's deadline falls within it",
    ]);
    expect(errorsOf(MINIMAL.replace("teams: [{ id: t }]", "teams: [{ id: t, firstContactWeeks: 80 }]"))[0]).toMatch(/^bad\.yaml:2: teams\[0\]\.firstContactWeeks: 80 must be <= the run's 52 weeks/);
    expect(errorsOf(MINIMAL, ["groups.maxWaitWeeks=-1"])).toEqual(["--set: groups.maxWaitWeeks: -1 must be >= 0"]);
  });

  it("refuses more supervisees than the ratio allows, and supervision beyond a supervisor's week", () => {
    const text = seniors(1) + emhps(5);
    expect(errorsOf(text)[0]).toMatch(/supervision\.maxSuperviseesPerSupervisor: 4 is exceeded: team t gives sc0 6 supervisees/);
    expect(errorsOf(seniors(2) + emhps(5))).toEqual([]);
    expect(errorsOf(seniors(1) + emhps(1), ["supervision.supervisorSlotsPerSupervisee=30"])).toEqual([
      "--set: supervision.supervisorSlotsPerSupervisee: 30 needs 60 slots a week of sc0, more than the 20 its fte 1 holds",
    ]);
  });

  it("warns, with a one-line migration message, about fields whose meaning changed", () => {
    const m = loadScenarioText(MINIMAL.replace("practitioners:", "waitlist: { scope: practitioner }\ncasework: { caseloadCap: 12 }\npractitioners:"), { file: "old.yaml" });
    expect(scenarioWarnings(m).map(formatIssue)).toEqual([
      'old.yaml:7: waitlist.scope: "practitioner" changed meaning: every practitioner working in a cluster now starts its children too (the named practitioner\'s list spans their clusters); write `cluster` for per-cluster lists',
      "old.yaml:8: casework.caseloadCap: 12 changed meaning: the cap is now per full-time post across all its clusters (round(cap x fte)), no longer split per cluster by half-days",
    ]);
    expect(scenarioWarnings(loadScenarioText(MINIMAL))).toEqual([]);
  });

  it("a solve target without a KPI name is on shareSeenWithinStandard", () => {
    expect(parseTarget(">= 0.85")).toEqual({ kpi: "shareSeenWithinStandard", op: ">=", threshold: 0.85 });
    expect(parseTarget("waitWeeksMeanCensored <= 6").kpi).toBe("waitWeeksMeanCensored");
  });
});
