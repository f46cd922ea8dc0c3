import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listBuiltinScenarios, loadScenario } from "../../scenarios/index.js";
import { buildParts } from "../../sim/model/parts.js";
import { buildStructure } from "../../sim/model/structure.js";
import { simulate, type RunRecords, type ServiceModel } from "../../sim/model/index.js";
import { bigService, withPatch } from "./fixtures.js";

/** A digest of everything a run records: its cases, both kinds of weekly rows and its event count. */
function digest(r: RunRecords): string {
  const h = createHash("sha256");
  h.update(JSON.stringify(r.cases));
  h.update(JSON.stringify(r.weeks));
  h.update(JSON.stringify(r.practitionerWeeks));
  h.update(String(r.events));
  return h.digest("hex");
}

const partsOf = (m: ServiceModel) => buildParts(m, buildStructure(m));

describe("a service simulated part by part", () => {
  // Every built-in, one year; national-2025 with 12 of its teams (2 parts) to stay quick.
  const cases = listBuiltinScenarios().map((s) => [s.id, s.id === "national-2025" ? ["calendar.years=1", "generate.teams=12"] : ["calendar.years=1"]] as const);
  it.each(cases)("records %s exactly as day by day across the whole service", (id, overrides) => {
    const model = loadScenario(id, { overrides: [...overrides] });
    const whole = simulate(model, { seed: 11, replication: 2, wholeService: true });
    const parts = simulate(model, { seed: 11, replication: 2 });
    expect(digest(parts)).toBe(digest(whole));
  });

  it("splits a wave-sized service into parts and still records it exactly", () => {
    const wave = loadScenario("trailblazer-wave", { overrides: ["calendar.years=1"] });
    expect(partsOf(wave).length).toBeGreaterThan(5);
    // Turnover (hand-overs at leaving days), MHST+ and team-wide parenting-style groups, in 6 teams of 8 posts.
    const model = withPatch(bigService(6, 1), {
      workforce: { annualTurnover: 0.4, recruitmentLagWeeks: { kind: "deterministic", value: 6 } },
      groups: { enabled: true },
      waitlist: { scope: "team", patienceWeeks: { kind: "deterministic", value: 10 } },
    });
    const ps = partsOf(model);
    expect(ps.map((p) => [p.practitionerFrom, p.practitionerTo])).toEqual([[0, 32], [32, 48]]);
    expect(ps.map((p) => [p.clusterFrom, p.clusterTo])).toEqual([[0, 20], [20, 30]]);
    const a = simulate(model, { seed: 5, replication: 0, wholeService: true });
    const b = simulate(model, { seed: 5, replication: 0 });
    expect(a.cases.filter((c) => c.outcome === "withdrawn").length).toBeGreaterThan(0);
    expect(digest(b)).toBe(digest(a));
  });
});

describe("buildParts", () => {
  it("keeps teams joined by a practitioner who works in another team's cluster in one part", () => {
    const base = bigService(8, 1);
    // t0's first post also works Fridays in t5's first cluster: teams 0..5 become one part.
    const practitioners = base.practitioners.map((p, i) => (i === 0 ? { ...p, pattern: [...p.pattern.slice(0, 4), ["t5c0", "t5c0"]] as typeof p.pattern } : p));
    const ps = partsOf({ ...base, practitioners });
    expect(ps.map((p) => [p.practitionerFrom, p.practitionerTo])).toEqual([[0, 48], [48, 64]]);
    expect(ps[0].seatFrom).toBe(0);
    expect(ps[1].seatFrom).toBe(ps[0].seatTo);
  });

  it("is the whole service when teams' practitioners are not listed team by team", () => {
    const base = bigService(6, 1);
    const practitioners = [...base.practitioners].reverse();
    expect(partsOf({ ...base, practitioners })).toHaveLength(1);
    // And records stay exact there too.
    const model = { ...base, practitioners };
    expect(digest(simulate(model, { seed: 1, replication: 0 }))).toBe(digest(simulate(model, { seed: 1, replication: 0, wholeService: true })));
  });

  it("gives each part its own slice of every day's segments", () => {
    const model = bigService(6, 1);
    const st = buildStructure(model);
    const ps = buildParts(model, st);
    for (let d = 0; d < st.daySegments.length; d++) {
      expect(ps.flatMap((p) => Array.from(p.daySegments[d]))).toEqual(Array.from(st.daySegments[d]));
      for (const p of ps) for (const s of p.daySegments[d]) expect(Math.floor(s / st.segsPerPost)).toBeGreaterThanOrEqual(p.practitionerFrom);
    }
  });
});
