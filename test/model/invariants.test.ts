import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listBuiltinScenarios, loadScenario } from "../../scenarios/index.js";
import { computeKpis, simulate, type ServiceModel } from "../../sim/model/index.js";
import { emhp, smallService, withPatch } from "./fixtures.js";

/**
 * The lines a segment may start children from, derived from the rules in sim/model/README.md
 * ("Who may start whom"), independently of the model's own tables.
 */
function reachable(model: ServiceModel): (p: number, c: number) => number[] {
  const clusterIx = new Map(model.clusters.map((c, i) => [c.id, i]));
  const halves = model.practitioners.map((p) => {
    const n = new Map<number, number>();
    const weeks = p.cycle ?? [p.pattern];
    for (const week of weeks) for (const day of week) for (const h of day) if (h !== null) n.set(clusterIx.get(h)!, (n.get(clusterIx.get(h)!) ?? 0) + 1 / weeks.length);
    return n;
  });
  const named = model.clusters.map((_, c) => {
    let best = -1;
    model.practitioners.forEach((p, i) => {
      if (p.role !== "mhstPlus" && (halves[i].get(c) ?? 0) > (best < 0 ? 0 : halves[best].get(c) ?? 0)) best = i;
    });
    return best;
  });
  const scope = model.waitlist.scope;
  return (p, c) => {
    if (scope === "team") return model.clusters.map((x, i) => (x.team === model.clusters[c].team ? i : -1)).filter((i) => i >= 0);
    if (scope === "practitioner") return [c, ...named.map((q, i) => (q === p ? i : -1)).filter((i) => i >= 0)];
    return [c];
  };
}

/** Idle slots left on segments that could have started a waiting child, over one run. */
function idleWhileWaiting(model: ServiceModel, replication = 0): { idle: number; violations: number } {
  const reach = reachable(model);
  const teamIx = new Map(model.teams.map((t, i) => [t.id, i]));
  // Cases handed over by a leaver may be picked up anywhere in their team.
  const teamClusters = (c: number) => model.clusters.map((x, i) => (x.team === model.clusters[c].team ? i : -1)).filter((i) => i >= 0);
  let idle = 0;
  let violations = 0;
  simulate(model, {
    seed: 11,
    replication,
    audit: (a) => {
      idle += a.idle;
      if (a.idle === 0 || a.load >= a.cap) return;
      const p = model.practitioners[a.practitioner];
      const waiting = p.role === "mhstPlus"
        ? a.waitingPlus(teamIx.get(p.team)!)
        : a.school >= 0
        ? a.waitingAtSchool(a.school)
        : reach(a.practitioner, a.cluster).some((x) => a.waitingOneToOne(x)) || teamClusters(a.cluster).some((x) => a.handedOver(x));
      if (waiting) violations += a.idle;
    },
  });
  return { idle, violations };
}

describe("work-conserving: no slot idles while a child who could be seen in it waits", () => {
  it.each(listBuiltinScenarios().map((s) => s.id))("%s", (id) => {
    const model = loadScenario(id, { overrides: ["calendar.years=1", ...(id === "national-2025" ? ["generate.teams=40"] : [])] });
    const r = idleWhileWaiting(model);
    expect(r.idle).toBeGreaterThan(0);
    expect(r.violations).toBe(0);
  });

  it("on randomly generated services with an intervention catalogue (phone sessions, two-slot sessions, an intervention only a clinician delivers)", () => {
    const week = (a: string, b: string, c: string) => [[a, a], [a, b], [b, b], [c, c], [c, a]] as [string, string][];
    const course = (id: string, sessions: number, extra: object = {}) => ({ id, form: "oneToOne" as const, sessions: { kind: "deterministic" as const, value: sessions }, slotsPerSession: 1, phoneSessions: 0, phoneSlots: 0.5, intervalDays: 7, weeks: 6, minChildren: 3, maxChildren: 8, virtual: false, scope: "cluster" as const, ...extra });
    fc.assert(
      fc.property(
        fc.constantFrom("cluster", "team", "practitioner"),
        fc.double({ min: 1, max: 5, noNaN: true }),
        fc.boolean(),
        fc.integer({ min: 2, max: 20 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 10_000 }),
        (scope, rate, groups, cap, dear, rep) => {
          const base = smallService({ rate, patienceWeeks: 10 });
          const model = withPatch(base, {
            waitlist: { scope: scope as "cluster" },
            casework: { caseloadCap: cap, slotsPerDay: 4 },
            groups: { enabled: groups, minChildren: 3, slotsPerSession: 3 },
            practitioners: [emhp("p1", week("c1", "c2", "c3") as never), emhp("p2", week("c3", "c1", "c2") as never, { fte: 1, role: "clinician" })] as never,
          });
          const interventions = {
            catalogue: [
              course("liCbt", 6),
              course("brief", 2, { slotsPerSession: dear }),
              course("parentLed", 8, { phoneSessions: 4, deliveredBy: ["clinician" as const] }),
              ...(groups ? [{ ...course("group", 6), form: "group" as const, slotsPerSession: 3 }, { ...course("parentingGroup", 6), form: "group" as const, slotsPerSession: 2, weeks: 4, virtual: true, scope: "team" as const }] : []),
            ],
            routes: {
              lowMood: { liCbt: 0.5, brief: 0.5 },
              anxiety: (groups ? { liCbt: 0.6, group: 0.4 } : { liCbt: 1 }) as Record<string, number>,
              behaviour: (groups ? { parentLed: 0.4, liCbt: 0.3, parentingGroup: 0.3 } : { parentLed: 0.7, liCbt: 0.3 }) as Record<string, number>,
              sleep: { brief: 1 },
            },
            fallback: "liCbt",
          };
          expect(idleWhileWaiting({ ...model, interventions }, rep).violations).toBe(0);
        },
      ),
      { numRuns: 20, seed: 3 },
    );
  });

  it("on randomly generated services (scope, rate, groups, caseload, staffing, turnover, consultations and whole-school work)", () => {
    const week = (a: string, b: string, c: string) => [[a, a], [a, b], [b, b], [c, c], [c, a]] as [string, string][];
    fc.assert(
      fc.property(
        fc.constantFrom("cluster", "team", "practitioner"),
        fc.double({ min: 0.5, max: 5, noNaN: true }),
        fc.boolean(),
        fc.integer({ min: 2, max: 20 }),
        fc.constantFrom(3, 3.5, 4),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.boolean(),
        (scope, rate, groups, cap, slotsPerDay, turnover, rep, schoolWork) => {
          const base = smallService({ rate, patienceWeeks: 10 });
          const work: Partial<ServiceModel> = schoolWork
            ? {
                consultations: { ratePerSchoolPerWeek: 1, via: "both", visitShare: 0.5, slots: 1, referralShare: 0.2 },
                wholeSchool: { items: [{ kind: "assembly", per: "school", perTerm: 1, slots: 2 }], onDemand: { ratePerSchoolPerWeek: 0.2, slots: 1 } },
              }
            : {};
          const model = withPatch({ ...base, ...work }, {
            waitlist: { scope: scope as "cluster" },
            casework: { caseloadCap: cap, slotsPerDay },
            groups: { enabled: groups, minChildren: 3, slotsPerSession: 3 },
            workforce: { annualTurnover: turnover, refill: false },
            practitioners: [emhp("p1", week("c1", "c2", "c3") as never), emhp("p2", week("c3", "c1", "c2") as never, { fte: 1 })] as never,
          });
          expect(idleWhileWaiting(model, rep).violations).toBe(0);
        },
      ),
      { numRuns: 25, seed: 7 },
    );
  });
});

describe("common random numbers", () => {
  it("relabelling age bands and every name leaves every KPI bit-identical", () => {
    const a = loadScenario("trailblazer-team");
    const b = loadScenario("trailblazer-team", {
      overrides: [
        "referrals.ageBands.other=[{label: '11-21', share: 1}]",
        "referrals.ageBands.primary=[{label: 'four to eleven', share: 1}]",
        "teams[tb].name=Renamed team",
        "clusters[c1].name=Renamed cluster",
        "practitioners[emhp-1].name=Someone else",
      ],
    });
    const c = loadScenario("trailblazer-team", { overrides: ["referrals.ageBands.other=[{label: 'x', share: 0.5}, {label: 'y', share: 0.5}]"] });
    for (let r = 0; r < 3; r++) {
      const ka = computeKpis(simulate(a, { seed: 4, replication: r }));
      expect(computeKpis(simulate(b, { seed: 4, replication: r }))).toEqual(ka);
      // Splitting a band changes only the labels drawn, never another draw.
      expect(computeKpis(simulate(c, { seed: 4, replication: r }))).toEqual(ka);
    }
  });

  it("a staffing change leaves referrals, triage, consent and each case's own draws identical", () => {
    const a = loadScenario("trailblazer-team");
    const b = loadScenario("trailblazer-team", { overrides: ["practitioners[emhp-2].endDate=2025-10-27", "casework.slotsPerDay=3"] });
    const ra = simulate(a, { seed: 9, replication: 1 }).cases;
    const rb = simulate(b, { seed: 9, replication: 1 }).cases;
    const own = (c: (typeof ra)[number]) => [c.referralDay, c.school, c.need, c.ageBand, c.priority, c.triageDay, c.outcome === "signposted" || c.outcome === "declined" ? c.outcome : c.consentDay];
    expect(rb.map(own)).toEqual(ra.map(own));
  });
});
