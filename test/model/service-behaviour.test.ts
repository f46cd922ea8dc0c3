import { describe, expect, it } from "vitest";
import { listBuiltinScenarios, loadScenario } from "../../scenarios/index.js";
import { computeKpis, computeKpisByScope, simulate, type Practitioner, type ServiceModel } from "../../sim/model/index.js";
import { pairedDifference } from "../../sim/stats/index.js";

/** KPIs of replications 0..n−1 (seed 3) for the service, or for one cluster. */
function kpis(model: ServiceModel, n: number, cluster?: string): Record<string, number>[] {
  return Array.from({ length: n }, (_, r) => computeKpis(simulate(model, { seed: 3, replication: r }), cluster ? { cluster } : {}));
}
const mean = (rows: Record<string, number>[], k: string) => rows.reduce((s, r) => s + r[k], 0) / rows.length;

/** A copy of a model with extra posts (ids made unique). */
const withPosts = (m: ServiceModel, extra: readonly Practitioner[]): ServiceModel => ({ ...m, practitioners: [...m.practitioners, ...extra] });

describe("the service behaves as a service manager expects", () => {
  it("ealing-primary: clusters e01 and e02 (1,000 and 950 pupils, 1.5 days each) wait within 15 % of each other", () => {
    const m = loadScenario("ealing-primary");
    const runs = Array.from({ length: 100 }, (_, r) => computeKpisByScope(simulate(m, { seed: 3, replication: r })).clusters);
    for (const k of ["waitWeeksMean", "waitWeeksMeanCensored"]) {
      const [e01, e02] = ["e01", "e02"].map((c) => runs.reduce((s, x) => s + x.get(c)![k], 0) / runs.length);
      expect(Math.abs(e01 - e02) / Math.max(e01, e02), k).toBeLessThan(0.15);
    }
  });

  it("ealing-primary: doubling the staff cuts the mean wait with the still-waiting counted by at least half", () => {
    const m = loadScenario("ealing-primary");
    const doubled = withPosts(m, m.practitioners.map((p) => ({ ...p, id: `${p.id}-b`, name: `${p.name} (b)` })));
    const before = mean(kpis(m, 10), "waitWeeksMeanCensored");
    const after = mean(kpis(doubled, 10), "waitWeeksMeanCensored");
    expect(after).toBeLessThanOrEqual(before / 2);
  });

  it("trailblazer-team: children served in groups wait at most groups.maxWaitWeeks + 2 weeks (P90)", () => {
    const m = loadScenario("trailblazer-team");
    const waits: number[] = [];
    for (let r = 0; r < 10; r++) {
      for (const c of simulate(m, { seed: 3, replication: r }).cases) if (c.route === "group" && c.firstContactDay !== null) waits.push((c.firstContactDay - c.referralDay) / 7);
    }
    waits.sort((a, b) => a - b);
    expect(waits.length).toBeGreaterThan(20);
    expect(waits[Math.ceil(0.9 * waits.length) - 1]).toBeLessThanOrEqual(m.groups.maxWaitWeeks + 2);
  });

  it("generated teams: clinical utilisation of a team's clusters is within a factor of 2", () => {
    const m = loadScenario("trailblazer-wave", { overrides: ["generate.teams=2", "referrals.ratePer1000PerWeek=1.8"] });
    const sums = new Map<string, number>();
    for (let r = 0; r < 5; r++) {
      for (const [id, k] of computeKpisByScope(simulate(m, { seed: 3, replication: r })).clusters) sums.set(id, (sums.get(id) ?? 0) + k.utilisation / 5);
    }
    for (const t of m.teams) {
      const u = m.clusters.filter((c) => c.team === t.id).map((c) => sums.get(c.id)!);
      expect(Math.max(...u) / Math.min(...u), t.id).toBeLessThanOrEqual(2);
    }
  });

  it("without refill no case stays open more than a year after its first contact: leavers hand their cases over", () => {
    const m = loadScenario("workforce-turnover", { overrides: ["workforce.refill=false"] });
    for (let r = 0; r < 3; r++) {
      const out = simulate(m, { seed: 3, replication: r });
      const open = out.cases.filter((c) => c.firstContactDay !== null).map((c) => (c.endDay ?? out.horizonDays) - c.firstContactDay!);
      expect(Math.max(...open)).toBeLessThanOrEqual(364);
    }
  });
});

/** One more practitioner (a copy of the first post), one more slot a day, one more day for a cluster. */
function staffingChanges(m: ServiceModel): [string, ServiceModel][] {
  const first = m.practitioners.find((p) => p.role === "emhp") ?? m.practitioners[0];
  const morePost = withPosts(m, [{ ...first, id: `${first.id}-extra`, name: "extra" }]);
  const moreSlots: ServiceModel = { ...m, casework: { ...m.casework, slotsPerDay: m.casework.slotsPerDay + 1 } };
  // A day for the first cluster: a post's free weekday if it has one, else a one-day post.
  const i = m.practitioners.findIndex((p) => p.role !== "mhstPlus" && p.pattern.some((d) => d[0] === null && d[1] === null) && p.pattern.some((d) => d[0] !== null));
  let moreDay: ServiceModel;
  if (i >= 0) {
    const p = m.practitioners[i];
    const c = p.pattern.flat().find((x) => x !== null)!;
    const free = p.pattern.findIndex((d) => d[0] === null && d[1] === null);
    const pattern = p.pattern.map((d, k) => (k === free ? ([c, c] as const) : d));
    moreDay = { ...m, practitioners: m.practitioners.map((q, k) => (k === i ? { ...q, pattern } : q)) };
  } else {
    const c = m.clusters[0];
    moreDay = withPosts(m, [{ ...first, id: "one-day", name: "one day", team: c.team, fte: 0.2, pattern: [[c.id, c.id], [null, null], [null, null], [null, null], [null, null]] }]);
  }
  return [["one more practitioner", morePost], ["one more slot a day", moreSlots], ["one more day for a cluster", moreDay]];
}

describe("monotone in staff: under common random numbers more staff never worsens the waiting measures (paired 95 % interval)", () => {
  const cases = listBuiltinScenarios().flatMap((s) => {
    const m = loadScenario(s.id, { overrides: ["calendar.years=1", ...(s.id === "national-2025" || s.id === "trailblazer-wave" ? ["generate.teams=3"] : [])] });
    return staffingChanges(m).map(([what, b]) => [s.id, what, m, b] as const);
  });
  it.each(cases)("%s: %s", (_id, _what, a, b) => {
    const ka = kpis(a, 8);
    const kb = kpis(b, 8);
    const d = (k: string) => pairedDifference(ka.map((r) => r[k]), kb.map((r) => r[k]));
    expect(d("shareSeenWithinStandard").hi).toBeGreaterThanOrEqual(0);
    expect(d("waitingBeyondStandardEnd").lo).toBeLessThanOrEqual(0);
    expect(d("waitWeeksMeanCensored").lo).toBeLessThanOrEqual(0);
  });
});
