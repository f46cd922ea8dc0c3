/**
 * The intervention catalogue: triage routes each child by need, and each intervention's
 * sessions, slot cost, phone sessions, interval and deliverers change the results in the
 * expected direction; bad catalogues are one-line errors.
 */

import { describe, expect, it } from "vitest";
import { formatIssue, loadScenarioFile, loadScenarioText, scenarioWarnings } from "../../scenarios/index.js";
import { computeKpis, simulate, type RunRecords, type ServiceModel } from "../../sim/model/index.js";
import { errorsOf } from "../scenarios/fixtures.js";

/** One team, two clusters, two EMHPs at four days and a clinician at two; busy enough to queue. */
const TEAM = (interventions: string, extra = "") => `name: Interventions
calendar: { years: 1 }
teams: [{ id: t }]
clusters: [{ id: a }, { id: b }]
schools:
  - { id: s1, pupils: 900, cluster: a }
  - { id: s2, pupils: 700, cluster: a, phase: secondary }
  - { id: s3, pupils: 800, cluster: b }
  - { id: s4, pupils: 600, cluster: b, phase: secondary }
referrals: { ratePer1000PerWeek: 3 }
groups: { enabled: false }
practitioners:
  - { id: e1, allocation: { clusters: [a, b], days: 4 } }
  - { id: e2, allocation: { clusters: [a, b], days: 4 } }
  - { id: c1, role: clinician, allocation: { clusters: [a, b], days: 2 } }
${extra}interventions:
${interventions}`;

const CATALOGUE = `  catalogue:
    - { id: liCbt, sessions: { kind: triangular, min: 6, mode: 7, max: 8 } }
    - { id: brief, sessions: { kind: discrete, values: [1, 2, 3], weights: [0.3, 0.4, 0.3] } }
    - { id: parentLedCbt, sessions: 8, phoneSessions: 4, phoneSlots: 0.5 }
`;
const routes = (lowMood: string, anxiety = lowMood, behaviour = lowMood, sleep = lowMood) =>
  `  routes:\n    lowMood: ${lowMood}\n    anxiety: ${anxiety}\n    behaviour: ${behaviour}\n    sleep: ${sleep}\n`;

const load = (text: string, overrides: string[] = []) => loadScenarioText(text, { file: "iv.yaml", overrides });
const runs = (m: ServiceModel, reps = 3): RunRecords[] => Array.from({ length: reps }, (_, r) => simulate(m, { seed: 5, replication: r }));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => sum(xs) / xs.length;
const kpi = (rs: RunRecords[], k: string) => mean(rs.map((r) => computeKpis(r)[k]));
const slots = (rs: RunRecords[], activity: string, who?: string) =>
  sum(rs.map((r) => sum(r.practitionerWeeks.filter((w) => who === undefined || w.practitioner === who).map((w) => (w.slots as Record<string, number>)[activity]))));
const contacts = (rs: RunRecords[]) => sum(rs.flatMap((r) => r.cases.map((c) => (c.route === "oneToOne" ? c.sessions : 0))));

describe("intervention catalogue", () => {
  it("triage routes accepted children by need in the route shares, and the records name the intervention", () => {
    const m = load(TEAM(CATALOGUE + routes("{ liCbt: 0.7, brief: 0.3 }", "{ liCbt: 1 }", "{ parentLedCbt: 1 }", "{ brief: 1 }")));
    const cases = runs(m, 2).flatMap((r) => r.cases).filter((c) => c.route === "oneToOne");
    const of = (need: string) => cases.filter((c) => c.need === need);
    const lowMood = of("lowMood");
    expect(lowMood.length).toBeGreaterThan(100);
    const brief = lowMood.filter((c) => c.intervention === "brief").length / lowMood.length;
    // Binomial 0.3: within four standard errors.
    expect(Math.abs(brief - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / lowMood.length));
    expect(of("anxiety").every((c) => c.intervention === "liCbt")).toBe(true);
    expect(of("behaviour").every((c) => c.intervention === "parentLedCbt")).toBe(true);
    expect(of("sleep").every((c) => c.intervention === "brief")).toBe(true);
    // A finished brief intervention has 1-3 contacts; a parent-led course 8.
    const done = (id: string) => cases.filter((c) => c.intervention === id && c.outcome === "completed");
    expect(done("brief").every((c) => c.sessions >= 1 && c.sessions <= 3)).toBe(true);
    expect(done("parentLedCbt").every((c) => c.sessions === 8)).toBe(true);
    expect(done("liCbt").every((c) => c.sessions >= 6 && c.sessions <= 8)).toBe(true);
  });

  it("a brief-intervention route raises the children seen per practitioner-day", () => {
    const all = runs(load(TEAM(CATALOGUE + routes("{ liCbt: 1 }"))));
    const half = runs(load(TEAM(CATALOGUE + routes("{ liCbt: 0.5, brief: 0.5 }"))));
    // Same staff (10 days a week), same referrals: more children started and a shorter wait.
    expect(kpi(half, "started")).toBeGreaterThan(1.2 * kpi(all, "started"));
    expect(kpi(half, "waitWeeksMeanCensored")).toBeLessThan(kpi(all, "waitWeeksMeanCensored"));
  });

  it("phone sessions share a slot: parent-led CBT at half a slot a phone call uses fewer slots per contact", () => {
    const whole = runs(load(TEAM(CATALOGUE + routes("{ parentLedCbt: 1 }"), ""), ["interventions.catalogue[parentLedCbt].phoneSlots=1"]));
    const half = runs(load(TEAM(CATALOGUE + routes("{ parentLedCbt: 1 }"))));
    // A phone call at a whole slot costs what a face-to-face session does: one slot per attended contact.
    expect(slots(whole, "oneToOne")).toBe(contacts(whole));
    const ratio = slots(half, "oneToOne") / contacts(half);
    // Half the contacts are by phone; two calls in one segment share a slot, so 0.75 at best.
    expect(ratio).toBeGreaterThanOrEqual(0.75);
    expect(ratio).toBeLessThan(0.97);
    expect(kpi(half, "started")).toBeGreaterThan(kpi(whole, "started"));
  });

  it("slots per session: a two-slot session takes two slots per attended contact", () => {
    const rs = runs(load(TEAM(CATALOGUE + routes("{ liCbt: 1 }")), ["interventions.catalogue[liCbt].slotsPerSession=2"]), 2);
    expect(slots(rs, "oneToOne")).toBe(2 * contacts(rs));
    const one = runs(load(TEAM(CATALOGUE + routes("{ liCbt: 1 }"))), 2);
    expect(kpi(rs, "waitWeeksMeanCensored")).toBeGreaterThan(kpi(one, "waitWeeksMeanCensored"));
  });

  it("the session interval spaces a course's sessions", () => {
    const rs = runs(load(TEAM(CATALOGUE + routes("{ brief: 1 }")), ["interventions.catalogue[brief].intervalDays=14", "casework.dnaShare=0"]), 1);
    const done = rs[0].cases.filter((c) => c.outcome === "completed" && c.sessions === 3 && c.firstContactDay !== null);
    expect(done.length).toBeGreaterThan(20);
    // Three sessions a fortnight apart: at least 28 days from first to last.
    expect(done.every((c) => c.endDay! - c.firstContactDay! >= 28)).toBe(true);
  });

  it("only the roles that deliver an intervention hold it", () => {
    const cat = CATALOGUE.replace("phoneSlots: 0.5 }", "phoneSlots: 0.5, deliveredBy: [clinician] }");
    const rs = runs(load(TEAM(cat + routes("{ liCbt: 0.5, parentLedCbt: 0.5 }"))), 2);
    const held = rs.flatMap((r) => r.cases).filter((c) => c.intervention === "parentLedCbt" && c.practitioner !== null);
    expect(held.length).toBeGreaterThan(10);
    expect(held.every((c) => c.practitioner === "c1")).toBe(true);
    // The EMHPs see the LI-CBT children meanwhile.
    expect(rs.flatMap((r) => r.cases).some((c) => c.intervention === "liCbt" && (c.practitioner === "e1" || c.practitioner === "e2"))).toBe(true);
  });

  it("a group route sends children to the groups block's groups; urgent ones get the fallback", () => {
    const cat = CATALOGUE + "    - { id: schoolGroup, form: group }\n";
    const m = load(TEAM(cat + routes("{ schoolGroup: 1 }", "{ liCbt: 1 }")).replace("groups: { enabled: false }", "groups: { enabled: true, minChildren: 3 }"));
    const cases = runs(m, 2).flatMap((r) => r.cases);
    const lowMood = cases.filter((c) => c.need === "lowMood" && c.firstContactDay !== null);
    expect(lowMood.filter((c) => c.route === "group").length).toBeGreaterThan(20);
    expect(lowMood.filter((c) => c.route === "group").every((c) => c.intervention === "schoolGroup")).toBe(true);
    // On 1:1 (urgent, or no group in time) they take the fallback, the first oneToOne intervention.
    expect(lowMood.filter((c) => c.route === "oneToOne").every((c) => c.intervention === "liCbt")).toBe(true);
    expect(cases.filter((c) => c.need === "anxiety").every((c) => c.route !== "group")).toBe(true);
  });

  it("a virtual parenting group open across the team's clusters takes children from both clusters, beside in-school groups", () => {
    const cat = CATALOGUE + "    - { id: schoolGroup, form: group }\n    - { id: parentingGroup, form: group, scope: team, virtual: true, weeks: 4, slotsPerSession: 2 }\n";
    const text = TEAM(cat + routes("{ schoolGroup: 1 }", "{ liCbt: 1 }", "{ parentingGroup: 1 }", "{ liCbt: 1 }"))
      .replace("groups: { enabled: false }", "groups: { enabled: true, minChildren: 3 }")
      .replace("calendar: { years: 1 }", "calendar: { years: 1, virtualOutsideTermShare: 0.3 }");
    const cases = runs(load(text), 2).flatMap((r, i) => r.cases.map((c) => ({ ...c, rep: i })));
    const grouped = (id: string) => {
      const by = new Map<string, Set<string>>();
      for (const c of cases) if (c.route === "group" && c.intervention === id && c.firstContactDay !== null) {
        const k = `${c.rep}/${c.practitioner}/${c.firstContactDay}`;
        by.set(k, (by.get(k) ?? new Set()).add(c.cluster));
      }
      return [...by.values()];
    };
    const parenting = grouped("parentingGroup");
    const school = grouped("schoolGroup");
    expect(parenting.length).toBeGreaterThan(5);
    expect(school.length).toBeGreaterThan(5);
    // A parenting group mixes the team's clusters; an in-school group never does.
    expect(parenting.some((cl) => cl.size === 2)).toBe(true);
    expect(school.every((cl) => cl.size === 1)).toBe(true);
    // Four weekly sessions for a parenting group's completers, six for a school group's.
    const done = (id: string) => cases.filter((c) => c.route === "group" && c.intervention === id && c.outcome === "completed");
    expect(done("parentingGroup").every((c) => c.sessions === 4)).toBe(true);
    expect(done("schoolGroup").every((c) => c.sessions === 6)).toBe(true);
  });

  it("the example catalogue (scenarios/examples/intervention-catalogue.yaml) gives every one of its five interventions children", () => {
    const m = loadScenarioFile("scenarios/examples/intervention-catalogue.yaml");
    expect(scenarioWarnings(m)).toEqual([]);
    const r = simulate(m, { seed: 2, replication: 0 });
    const started = new Map<string, number>();
    for (const c of r.cases) if (c.firstContactDay !== null && c.intervention) started.set(c.intervention, (started.get(c.intervention) ?? 0) + 1);
    expect([...started.keys()].sort()).toEqual(["brief", "liCbt", "parentLedCbt", "parentingGroup", "schoolGroup"]);
    for (const n of started.values()) expect(n).toBeGreaterThan(5);
    // Parent-led CBT is delivered by EMHPs only.
    expect(r.cases.filter((c) => c.intervention === "parentLedCbt" && c.practitioner !== null).every((c) => c.practitioner!.startsWith("emhp"))).toBe(true);
  });

  it("without a catalogue the records name no intervention", () => {
    const text = TEAM("").replace(/interventions:\n$/, "");
    const r = simulate(load(text), { seed: 5, replication: 0 });
    expect(r.cases.every((c) => c.intervention === null)).toBe(true);
  });
});

describe("intervention catalogue: bad input", () => {
  const one = (errs: string[]) => {
    expect(errs.length).toBe(1);
    return errs[0];
  };
  it("route shares that do not sum to 1", () => {
    expect(one(errorsOf(TEAM(CATALOGUE + routes("{ liCbt: 0.5, brief: 0.3 }", "{ liCbt: 1 }", "{ liCbt: 1 }", "{ liCbt: 1 }"))))).toMatch(/interventions\.routes\.lowMood.*sum to 0\.8.*must sum to 1/);
  });
  it("a route to an unknown intervention", () => {
    expect(one(errorsOf(TEAM(CATALOGUE + routes("{ cbt: 1 }", "{ liCbt: 1 }", "{ liCbt: 1 }", "{ liCbt: 1 }"))))).toMatch(/interventions\.routes\.lowMood\.cbt.*names no intervention/);
  });
  it("an intervention that no role on the team can deliver", () => {
    const cat = CATALOGUE.replace("phoneSlots: 0.5 }", "phoneSlots: 0.5, deliveredBy: [seniorClinician] }");
    expect(one(errorsOf(TEAM(cat + routes("{ parentLedCbt: 1 }"))))).toMatch(/interventions\.catalogue\[2\]\.deliveredBy.*cannot be delivered in team t/);
  });
  it("a deliverer whose role does not do that work", () => {
    const cat = CATALOGUE.replace("phoneSlots: 0.5 }", "phoneSlots: 0.5, deliveredBy: [educationalPsychologist] }");
    expect(errorsOf(TEAM(cat + routes("{ liCbt: 1 }")))[0]).toMatch(/deliveredBy\[0\].*educationalPsychologist.*does not deliver oneToOne/);
  });
  it("a group route while groups are off, and a fallback that is a group", () => {
    const cat = CATALOGUE + "    - { id: schoolGroup, form: group }\n";
    expect(one(errorsOf(TEAM(cat + routes("{ schoolGroup: 1 }"))))).toMatch(/interventions\.catalogue\[3\]\.form.*groups\.enabled is false/);
    expect(errorsOf(TEAM(cat + routes("{ liCbt: 1 }") + "  fallback: schoolGroup\n")).join("\n")).toMatch(/interventions\.fallback.*must name a oneToOne intervention/);
  });
  it("a session dearer than a day", () => {
    expect(one(errorsOf(TEAM(CATALOGUE + routes("{ liCbt: 1 }")), ["interventions.catalogue[liCbt].slotsPerSession=6"]))).toMatch(/slotsPerSession.*must be <= the slots a day/);
  });
});

describe("intervention catalogue: no silent no-ops", () => {
  it("warns about groups.suitableShare, unused interventions and phone settings without phone sessions", () => {
    const cat = CATALOGUE.replace("{ id: brief,", "{ id: brief, phoneSlots: 0.25,");
    const text = TEAM(cat + routes("{ liCbt: 1 }"), "").replace("groups: { enabled: false }", "groups: { enabled: false, suitableShare: { lowMood: 0.5 } }");
    const warnings = loadWarnings(text);
    expect(warnings.some((w) => /interventions\.catalogue\[1\].*never routed/.test(w))).toBe(true);
    expect(warnings.some((w) => /interventions\.catalogue\[1\]\.phoneSlots.*no phone sessions/.test(w))).toBe(true);
    expect(warnings.some((w) => /groups\.suitableShare/.test(w))).toBe(true);
  });
});

function loadWarnings(text: string): string[] {
  return scenarioWarnings(load(text)).map(formatIssue);
}
