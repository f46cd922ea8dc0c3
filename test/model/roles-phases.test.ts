/**
 * Roles and phases have effects: what a role delivers, its caseload and slots a day change the
 * results in the expected direction, and a school's phase sets its referral rate and age bands.
 */

import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../scenarios/index.js";
import { computeKpis, simulate, type RunRecords, type ServiceModel } from "../../sim/model/index.js";
import { errorsOf } from "../scenarios/fixtures.js";

/** One team, two clusters of two schools, two EMHPs and a senior clinician (three days each). */
const TEAM = (extra = "", staff = "") => `name: Roles
calendar: { years: 1 }
teams: [{ id: t }]
clusters: [{ id: a }, { id: b }]
schools:
  - { id: s1, pupils: 900, cluster: a }
  - { id: s2, pupils: 700, cluster: a, phase: secondary }
  - { id: s3, pupils: 800, cluster: b }
  - { id: s4, pupils: 600, cluster: b, phase: secondary }
referrals: { ratePer1000PerWeek: 2.5 }
practitioners:
  - { id: e1, allocation: { clusters: [a], days: 3 } }
  - { id: e2, allocation: { clusters: [b], days: 3 } }
${staff || "  - { id: sc, role: seniorClinician, allocation: { clusters: [a, b], days: 3 } }\n"}${extra}`;

const load = (text: string, overrides: string[] = []) => loadScenarioText(text, { file: "roles.yaml", overrides });
const runs = (m: ServiceModel, reps = 4): RunRecords[] => Array.from({ length: reps }, (_, r) => simulate(m, { seed: 11, replication: r }));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const kpi = (rs: RunRecords[], k: string) => mean(rs.map((r) => computeKpis(r)[k]));
/** Slots of one activity a practitioner spent over the run. */
const slotsOf = (rs: RunRecords[], id: string, activity: string) =>
  mean(rs.map((r) => r.practitionerWeeks.filter((w) => w.practitioner === id).reduce((s, w) => s + (w.slots as Record<string, number>)[activity], 0)));

describe("roles with effects", () => {
  it("a senior clinician holds half the EMHP caseload by default, so swapping the role changes the results", () => {
    const senior = runs(load(TEAM()));
    const emhp = runs(load(TEAM(), ["practitioners[sc].role=emhp"]));
    // Most 1:1 cases the post held open on one day (groups run only from the EMHPs' clusters' lines too).
    const most = (rs: RunRecords[]) =>
      Math.max(...rs.map((r) => {
        const open = new Int32Array(r.horizonDays + 1);
        for (const c of r.cases) if (c.practitioner === "sc" && c.route === "oneToOne" && c.firstContactDay !== null) for (let d = c.firstContactDay; d < (c.endDay ?? r.horizonDays); d++) open[d]++;
        return Math.max(...open);
      }));
    expect(most(senior)).toBeLessThanOrEqual(9);
    expect(most(emhp)).toBeGreaterThan(9);
    // More open cases at once for the EMHP in the same post: more 1:1 work in its slots.
    expect(slotsOf(emhp, "sc", "oneToOne")).toBeGreaterThan(slotsOf(senior, "sc", "oneToOne"));
    expect(kpi(emhp, "waitWeeksMeanCensored")).toBeLessThan(kpi(senior, "waitWeeksMeanCensored"));
  });

  it("an educational psychologist holds no cases: its slots go to tasks or stay idle, never to casework", () => {
    const m = load(TEAM("  - { id: ep, role: educationalPsychologist, fte: 0.4, allocation: { clusters: [a, b] } }\n"));
    const rs = runs(m, 2);
    expect(slotsOf(rs, "ep", "oneToOne") + slotsOf(rs, "ep", "group") + slotsOf(rs, "ep", "mhstPlus")).toBe(0);
    expect(rs.every((r) => r.cases.every((c) => c.practitioner !== "ep"))).toBe(true);
    // Its half-days exist (0.4 WTE = 4 half-days at 2 slots each, 40 slots a term week).
    expect(slotsOf(rs, "ep", "idle")).toBeGreaterThan(0);
  });

  it("more slots a day for EMHPs (roles.emhp.slotsPerDay) shortens the waits; a role that does not deliver groups runs none", () => {
    const base = runs(load(TEAM()));
    const more = runs(load(TEAM(), ["roles.emhp.slotsPerDay=5"]));
    expect(kpi(more, "waitWeeksMeanCensored")).toBeLessThan(kpi(base, "waitWeeksMeanCensored"));
    const noGroups = runs(load(TEAM(), ["roles.emhp.delivers=[oneToOne, consultation]"]));
    expect(slotsOf(noGroups, "e1", "group") + slotsOf(noGroups, "e2", "group")).toBe(0);
    expect(slotsOf(base, "e1", "group") + slotsOf(base, "e2", "group")).toBeGreaterThan(0);
  });

  it("refuses MHST+ with nobody to deliver it, and a role holding MHST+ beside cluster casework", () => {
    expect(errorsOf(TEAM(), ["mhstPlus.enabled=true"])).toEqual([
      "--set: mhstPlus.enabled: true needs a practitioner whose role delivers mhstPlus (role mhstPlus, or roles.<role>.delivers); none is listed",
    ]);
    expect(errorsOf(TEAM(), ["roles.clinician.delivers=[mhstPlus, oneToOne]"])).toEqual([
      '--set: roles.clinician.delivers: ["mhstPlus","oneToOne"] cannot hold mhstPlus beside oneToOne or group (the MHST+ caseload is team-wide, casework is per cluster)',
    ]);
    expect(errorsOf(TEAM(), ["roles.emhp.caseloadCap=-1"])).toEqual(["--set: roles.emhp.caseloadCap: -1 must be >= 0"]);
  });
});

describe("phases", () => {
  it("a phase's referral multiplier scales its schools' referrals", () => {
    const count = (m: ServiceModel, phase: string) => mean(runs(m, 6).map((r) => r.cases.filter((c) => m.schools.find((s) => s.id === c.school)!.phase === phase).length));
    const base = load(TEAM());
    const doubled = load(TEAM(), ["referrals.phaseRate.secondary=2"]);
    const ratio = count(doubled, "secondary") / count(base, "secondary");
    expect(ratio).toBeGreaterThan(1.8);
    expect(ratio).toBeLessThan(2.2);
    expect(count(doubled, "primary")).toBe(count(base, "primary"));
  });

  it("alternative provision and colleges take their own age bands, up to 21", () => {
    const text = TEAM().replace("  - { id: s4, pupils: 600, cluster: b, phase: secondary }", "  - { id: s4, pupils: 600, cluster: b, phase: college }\n  - { id: s5, pupils: 120, cluster: b, phase: alternativeProvision }")
      + "";
    const m = load(text, ['referrals.ageBands.college=[{ label: "16-18", share: 0.7 }, { label: "19-21", share: 0.3 }]']);
    const rs = runs(m, 3);
    const bands = (school: string) => new Set(rs.flatMap((r) => r.cases.filter((c) => c.school === school).map((c) => c.ageBand)));
    expect(bands("s4")).toEqual(new Set(["16-18", "19-21"]));
    expect(bands("s5")).toEqual(new Set(["11-13", "14-16"]));
    expect([...bands("s1")].every((b) => b === "5-7" || b === "8-11")).toBe(true);
    expect(errorsOf(text, ['referrals.ageBands.college=[{ label: "16-18", share: 0.7 }]'])).toEqual([
      "--set: referrals.ageBands.college: shares sum to 0.7; they must sum to 1",
    ]);
  });
});
