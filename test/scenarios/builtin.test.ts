import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { listBuiltinScenarios, loadScenario, resolveScenario, scenarioHead } from "../../scenarios/index.js";
import type { ServiceModel } from "../../sim/model/config.js";

const pupils = (m: ServiceModel) => m.schools.reduce((a, s) => a + s.pupils, 0);
const halfDays = (m: ServiceModel, id: string) => {
  const count = new Map<string, number>();
  for (const p of m.practitioners) for (const day of p.pattern) for (const c of day) if (c !== null) count.set(c, (count.get(c) ?? 0) + 1);
  return count.get(id) ?? 0;
};

describe("built-in scenarios", () => {
  const ids = listBuiltinScenarios().map((s) => s.id);

  it("lists the six built-ins with names and descriptions", () => {
    expect(ids).toEqual(["ealing-primary", "llr", "national-2025", "trailblazer-team", "trailblazer-wave", "workforce-turnover"]);
    for (const s of listBuiltinScenarios()) {
      expect(s.name.length).toBeGreaterThan(0);
      expect(s.description.length).toBeGreaterThan(20);
      expect(resolveScenario(s.id).path).toBe(s.path);
    }
  });

  it.each(ids)("%s: the list reads the same name and description as the whole file's parse", (id) => {
    const text = readFileSync(resolveScenario(id).path, "utf8");
    const whole = parse(text) as { name: string; description: string };
    expect(scenarioHead(text)).toEqual({ name: whole.name, description: whole.description });
  });

  it("reads a head from any plain block mapping as the whole parse does, and parses the rest whole", () => {
    const cases = [
      "# comment\nname: A\ncalendar:\n  name: not this\ndescription: >\n  folded\n\n  text\n# a comment at the top\nschools: []\n",
      "description: |\n  kept\n  lines\nname: 'quoted: yes'\n",
      '{"name": "JSON", "description": "from JSON", "calendar": {"years": 1}}',
      "---\nname: after a marker\n",
      "base: &b Anchored\nname: *b\ndescription: alias to an anchor outside the head\n",
      "calendar:\n  years: 1\n",
      "",
    ];
    for (const text of cases) {
      const whole = (parse(text) ?? {}) as { name?: unknown; description?: unknown };
      const head = scenarioHead(text);
      expect([head.name, head.description]).toEqual([whole.name, whole.description]);
    }
    expect(scenarioHead(cases[4]).name).toBe("Anchored");
    expect(() => scenarioHead("name: [unclosed\n")).toThrow();
    // Only the two entries are read: a fault elsewhere is the loader's to report.
    expect(() => parse("name: A\ndescription: B\ncalendar: [unclosed\n")).toThrow();
    expect(scenarioHead("name: A\ndescription: B\ncalendar: [unclosed\n")).toEqual({ name: "A", description: "B" });
  });

  it.each(ids)("%s loads, every practitioner within FTE and every reference known", (id) => {
    const m = loadScenario(id);
    const clusters = new Set(m.clusters.map((c) => c.id));
    const teams = new Set(m.teams.map((t) => t.id));
    for (const c of m.clusters) expect(teams.has(c.team)).toBe(true);
    for (const s of m.schools) expect(clusters.has(s.cluster)).toBe(true);
    for (const p of m.practitioners) {
      expect(teams.has(p.team)).toBe(true);
      expect(p.pattern).toHaveLength(5);
      const used = p.pattern.flat().filter((c) => c !== null);
      expect(used.length).toBeLessThanOrEqual(Math.floor(p.fte * 10 + 1e-9));
      for (const c of used) expect(clusters.has(c!)).toBe(true);
    }
    expect(m.calendar.terms.length).toBe(3);
  });

  it("trailblazer-team: one team, about 20 schools and 8,000 pupils, 4 EMHPs and 3 senior clinicians", () => {
    const m = loadScenario("trailblazer-team");
    expect(m.teams).toHaveLength(1);
    expect(m.schools).toHaveLength(20);
    expect(pupils(m)).toBe(8000);
    expect(m.practitioners.filter((p) => p.role === "emhp")).toHaveLength(4);
    expect(m.practitioners.filter((p) => p.role === "seniorClinician")).toHaveLength(3);
    expect(m.calendar.years).toBe(1);
  });

  it("trailblazer-wave has 59 teams of 20 schools and 8,000 pupils", () => {
    const m = loadScenario("trailblazer-wave");
    expect(m.teams).toHaveLength(59);
    expect(m.schools).toHaveLength(59 * 20);
    expect(pupils(m)).toBe(59 * 8000);
    expect(m.practitioners).toHaveLength(59 * 7);
  });

  it("trailblazer-wave: the twelve pilot teams are measured against four weeks, the others against the scenario's standard", async () => {
    const m = loadScenario("trailblazer-wave", { overrides: ["generate.teams=14", "calendar.horizon={weeks: 13}"] });
    expect(m.teams.map((t) => t.firstContactWeeks)).toEqual([...Array(12).fill(4), undefined, undefined]);
    const { simulate } = await import("../../sim/model/index.js");
    const r = simulate(m, { seed: 3, replication: 0 });
    const days = new Map(r.cases.map((c) => [c.team, c.standardDays]));
    expect(days.get("tb001")).toBe(28);
    expect(days.get("tb012")).toBe(28);
    expect(days.get("tb013")).toBe(7 * m.standards.firstContactWeeks);
  });

  it("national-2025 has about 600 teams of about 17 settings and 8,400 pupils", () => {
    const m = loadScenario("national-2025");
    expect(m.teams.length).toBeGreaterThanOrEqual(590);
    expect(m.teams.length).toBeLessThanOrEqual(620);
    expect(m.schools.length / m.teams.length).toBeCloseTo(17, 0);
    expect(pupils(m) / m.teams.length).toBeCloseTo(8400, -1);
  });

  it("llr: about 100 schools in 5 teams, mixed roles, ages 5-18, 1:1 LI-CBT, school groups, virtual parenting groups and contacts", () => {
    const m = loadScenario("llr");
    expect(m.teams).toHaveLength(5);
    expect(m.schools.length).toBeGreaterThanOrEqual(90);
    expect(m.schools.length).toBeLessThan(100);
    expect(new Set(m.practitioners.map((p) => p.role))).toEqual(new Set(["emhp", "clinician", "seniorClinician"]));
    expect(m.referrals.ageBands.primary[0]!.label.startsWith("5")).toBe(true);
    expect(m.referrals.ageBands.other.at(-1)!.label.endsWith("18")).toBe(true);
    // Seed 001: school groups in school; parenting groups virtual and open across the team's clusters.
    const cat = m.interventions!.catalogue;
    expect(cat.map((x) => x.id)).toEqual(["liCbt", "schoolGroup", "parentingGroup"]);
    expect(cat.find((x) => x.id === "schoolGroup")).toMatchObject({ form: "group", virtual: false, scope: "cluster" });
    expect(cat.find((x) => x.id === "parentingGroup")).toMatchObject({ form: "group", virtual: true, scope: "team" });
    expect(m.calendar.virtualOutsideTermShare).toBeGreaterThan(0);
  });

  it("ealing-primary: a named EMHP gives each cluster 1-1.5 days, bigger clusters at least as much", () => {
    const m = loadScenario("ealing-primary");
    expect(m.referrals.mode).toBe("linkMeeting");
    expect(m.mhstPlus.enabled).toBe(true);
    expect(m.practitioners.some((p) => p.role === "mhstPlus")).toBe(true);
    expect(m.groups.formation).toBe("planned");
    expect(m.schools.every((s) => s.phase === "primary")).toBe(true);
    const clusterPupils = new Map<string, number>();
    for (const s of m.schools) clusterPupils.set(s.cluster, (clusterPupils.get(s.cluster) ?? 0) + s.pupils);
    for (const p of m.practitioners.filter((x) => x.role === "emhp")) {
      const mine = [...new Set(p.pattern.flat().filter((c): c is string => c !== null))];
      const given = (c: string) => p.pattern.flat().filter((x) => x === c).length;
      for (const c of mine) expect([2, 3]).toContain(given(c));
      for (const a of mine) for (const b of mine) {
        if (clusterPupils.get(a)! > clusterPupils.get(b)!) expect(given(a)).toBeGreaterThanOrEqual(given(b));
      }
    }
    expect(halfDays(m, "e01")).toBeGreaterThan(0);
  });

  it("workforce-turnover: trainees with a training year, a vacancy, a leaver and a recruitment lag", () => {
    const m = loadScenario("workforce-turnover");
    const trainees = m.practitioners.filter((p) => p.training);
    expect(trainees).toHaveLength(4);
    const uniDays = trainees[0]!.training!.phases.reduce((a, ph) => a + ph.weeks * ph.universityDays, 0);
    expect(uniDays).toBe(64);
    expect(m.practitioners.some((p) => p.startDate! > m.calendar.startDate)).toBe(true);
    expect(m.practitioners.some((p) => p.endDate !== undefined)).toBe(true);
    expect(m.workforce.recruitmentLagWeeks).toEqual({ kind: "triangular", min: 13, mode: 17, max: 26 });
    expect(m.workforce.refill).toBe(true);
  });

  it("expands templates deterministically", () => {
    expect(JSON.stringify(loadScenario("trailblazer-wave"))).toBe(JSON.stringify(loadScenario("trailblazer-wave")));
  });
});
