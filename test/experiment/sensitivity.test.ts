import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../scenarios/index.js";
import {
  analyseSensitivity,
  latinHypercube,
  modelSimulator,
  morrisDesign,
  morrisEffects,
  planSensitivity,
  prcc,
  ranks,
  runExperiment,
  runSensitivity,
  factorValue,
  type ExperimentResult,
  type LhsRow,
  type MorrisRow,
  type OatRow,
  type UncertainFactor,
} from "../../sim/experiment/index.js";
import { tQuantile } from "../../sim/stats/index.js";

/** A stand-in result whose service KPI "y" takes the given value in each replication. */
function fake(values: readonly number[]): ExperimentResult {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return {
    format: "mhst-experiment/1", scenario: "analytic", seed: 1, replications: values.length, level: 0.95,
    warmup: { mode: "none", weeks: 0, batches: null }, scopes: ["service"], horizonWeeks: 1, events: 0,
    kpis: [{ scope: "service", id: "service", kpi: "y", mean, sd: null, lo: null, hi: null, halfWidth: null, n: values.length, values: [...values] }],
    weekly: [],
  };
}

/** Runs an analysis of an analytic output y(values) + a noise shared by every point (common random numbers). */
async function analytic(factors: UncertainFactor[], method: "oat" | "morris" | "lhs", y: (v: number[]) => number, extra: object = {}) {
  const noise = [0.3, -0.1, 0.5, -0.7];
  const base = factors.map((f) => f.base ?? (f.low + f.high) / 2);
  return runSensitivity({
    factors, options: { method, ...extra }, kpi: "y", replications: noise.length, seed: 3,
    load: (overrides) => {
      const v = [...base];
      for (const o of overrides) {
        const [path, value] = o.split("=");
        v[factors.findIndex((f) => f.path === path)] = Number(value);
      }
      return v;
    },
    run: async (models) => models.map((v) => fake(noise.map((e) => y(v) + e))),
  });
}

const RANGES: UncertainFactor[] = [
  { path: "a", low: 0, high: 1, base: 0.5 },
  { path: "b", low: 10, high: 20, base: 12 },
  { path: "c", low: 5, high: 6, base: 5.5 },
];

describe("morrisDesign", () => {
  it("moves one factor at a time by Δ on the grid, up from the lower half and down from the upper", () => {
    const d = morrisDesign(3, { trajectories: 6, levels: 4, seed: 5 });
    expect(d.delta).toBeCloseTo(2 / 3, 15);
    expect(d.points).toHaveLength(6);
    for (const [t, tr] of d.points.entries()) {
      expect(tr).toHaveLength(4);
      expect([...d.order[t]].sort()).toEqual([0, 1, 2]);
      for (const x of tr) for (const v of x) expect([0, 1 / 3, 2 / 3, 1].some((g) => Math.abs(g - v) < 1e-12)).toBe(true);
      for (let s = 0; s < 3; s++) {
        const moved = tr[s + 1].map((v, i) => v - tr[s][i]);
        const i = d.order[t][s];
        expect(Math.abs(moved[i])).toBeCloseTo(d.delta, 12);
        expect(moved.filter((v, j) => j !== i && v !== 0)).toEqual([]);
      }
    }
  });

  it("is fixed by its seed", () => {
    expect(morrisDesign(4, { seed: 9 })).toEqual(morrisDesign(4, { seed: 9 }));
    expect(morrisDesign(4, { seed: 9 }).points).not.toEqual(morrisDesign(4, { seed: 10 }).points);
  });

  it("refuses bad options with the option's name", () => {
    expect(() => morrisDesign(3, { trajectories: 1 })).toThrow("trajectories: 1 must be a whole number >= 2");
    expect(() => morrisDesign(3, { levels: 5 })).toThrow("levels: 5 must be an even whole number >= 2");
  });
});

describe("Morris elementary effects", () => {
  it("give μ* = |coefficient| × range and σ = 0 for a linear function", async () => {
    const r = await analytic(RANGES, "morris", ([a, b, c]) => 3 * a - 2 * b + 0 * c, { trajectories: 8 });
    const rows = r.rows as MorrisRow[];
    expect(rows.map((x) => x.parameter)).toEqual(["b", "a", "c"]);
    const [b, a, c] = rows;
    expect(b.muStar).toBeCloseTo(20, 9);
    expect(b.mu).toBeCloseTo(-20, 9);
    expect(a.muStar).toBeCloseTo(3, 9);
    expect(a.mu).toBeCloseTo(3, 9);
    expect(c.muStar).toBeCloseTo(0, 9);
    for (const x of rows) {
      expect(x.sigma).toBeCloseTo(0, 9);
      expect(x.n).toBe(8);
    }
    expect(r).toMatchObject({ method: "morris", points: 8 * 4, trajectories: 8, levels: 4, kpi: "y" });
  });

  it("give σ > 0 to factors that interact, and nothing to an inert one", () => {
    const d = morrisDesign(3, { trajectories: 10, seed: 2 });
    const stats = morrisEffects(d, d.points.map((tr) => tr.map(([a, b]) => a * b)));
    expect(stats[0].sigma!).toBeGreaterThan(0.1);
    expect(stats[1].sigma!).toBeGreaterThan(0.1);
    expect(stats[2]).toMatchObject({ mu: 0, muStar: 0, sigma: 0 });
    // y = ab on the unit square: the effect of a is b (or b after a step), so μ lies in (0, 1).
    expect(stats[0].mu!).toBeGreaterThan(0);
    expect(stats[0].mu!).toBeLessThan(1);
  });

  it("divide by the step actually taken when a whole-number field is rounded", async () => {
    const f: UncertainFactor[] = [{ path: "n", low: 1, high: 4, integer: true }, { path: "x", low: 0, high: 1 }];
    const r = await analytic(f, "morris", ([n, x]) => 5 * n + x, { trajectories: 6, levels: 6 });
    const n = (r.rows as MorrisRow[]).find((x) => x.parameter === "n")!;
    // 5 per unit × range 3, whatever the rounding of the levels 1, 1.6, 2.2, … to whole numbers.
    expect(n.muStar).toBeCloseTo(15, 9);
    expect(n.sigma).toBeCloseTo(0, 9);
    expect(factorValue(f[0], 0.2)).toBe(2);
  });
});

describe("Latin hypercube and PRCC", () => {
  it("puts exactly one point in each stratum of every dimension", () => {
    const pts = latinHypercube(3, 20, 4);
    for (let i = 0; i < 3; i++) expect(pts.map((p) => Math.floor(p[i] * 20)).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, j) => j));
    expect(latinHypercube(3, 20, 4)).toEqual(pts);
  });

  it("ranks ties by their mean rank", () => {
    expect(ranks([10, 30, 20, 20])).toEqual([1, 4, 2.5, 2.5]);
  });

  it("is Spearman's ρ for one factor", () => {
    // d = −1, 1, −1, 1, 0: ρ = 1 − 6 × 4 / (5 × 24) = 0.8.
    const [s] = prcc([[1], [2], [3], [4], [5]], [2, 1, 4, 3, 5]);
    expect(s.prcc).toBeCloseTo(0.8, 12);
    expect(s.df).toBe(3);
    // The two-sided p-value is where the t statistic sits in Student's t.
    expect(tQuantile(1 - s.p! / 2, 3)).toBeCloseTo(s.t!, 6);
  });

  it("is 1 for an output that rises with one factor alone", () => {
    const x = latinHypercube(3, 30, 8);
    const stats = prcc(x, x.map(([a]) => Math.exp(3 * a)));
    expect(stats[0].prcc).toBeCloseTo(1, 12);
  });

  it("finds the sign of monotone effects and leaves an inert factor near 0", async () => {
    const f: UncertainFactor[] = [
      { path: "up", low: 0, high: 1 },
      { path: "down", low: 0, high: 1, law: { kind: "triangular", mode: 0.2 } },
      { path: "inert", low: -1, high: 1, law: { kind: "normal", mean: 0, sd: 0.5 } },
    ];
    // A deterministic wobble stands in for noise: unrelated to any factor, but not shared by all points.
    let k = 0;
    const r = await analytic(f, "lhs", ([u, d]) => u ** 3 + Math.exp(-2 * d) + 0.2 * Math.sin(17 * k++), { samples: 120 });
    const rows = r.rows as LhsRow[];
    const byName = Object.fromEntries(rows.map((x) => [x.parameter, x]));
    expect(byName.up.prcc!).toBeGreaterThan(0.8);
    expect(byName.down.prcc!).toBeLessThan(-0.8);
    expect(Math.abs(byName.inert.prcc!)).toBeLessThan(0.25);
    expect(byName.up.p!).toBeLessThan(1e-6);
    expect(rows[2].parameter).toBe("inert");
    expect(r).toMatchObject({ method: "lhs", points: 120, samples: 120 });
  });

  it("draws each factor within its range", () => {
    const f: UncertainFactor[] = [{ path: "t", low: 2, high: 8, law: { kind: "triangular", mode: 3 } }, { path: "n", low: 0, high: 1, law: { kind: "normal", mean: 0.9, sd: 0.5 } }];
    const plan = planSensitivity(f, { method: "lhs", samples: 40 });
    for (const p of plan.points) {
      expect(p.values[0]!).toBeGreaterThanOrEqual(2);
      expect(p.values[0]!).toBeLessThanOrEqual(8);
      expect(p.values[1]!).toBeGreaterThanOrEqual(0);
      expect(p.values[1]!).toBeLessThanOrEqual(1);
    }
    // A triangle peaking at 3 on [2, 8]: a sixth of its mass lies below the mode.
    expect(plan.points.filter((p) => p.values[0]! < 3).length).toBeGreaterThanOrEqual(5);
    expect(plan.points.filter((p) => p.values[0]! < 3).length).toBeLessThanOrEqual(9);
  });

  it("refuses a hypercube too small for its factors", () => {
    expect(() => planSensitivity(RANGES, { method: "lhs", samples: 4 })).toThrow("samples: 4 must be a whole number >= 5 (factors + 2)");
  });
});

describe("one at a time", () => {
  it("pairs each end with the base and sorts by swing", async () => {
    const r = await analytic(RANGES, "oat", ([a, b, c]) => 3 * a - 2 * b + c * c);
    const rows = r.rows as OatRow[];
    expect(rows.map((x) => x.parameter)).toEqual(["b", "c", "a"]);
    const b = rows[0];
    expect(b).toMatchObject({ base: 12, low: 10, high: 20, n: 4 });
    // Common random numbers: the shared noise cancels, so each difference is exact with a zero-width interval.
    expect(b.lowDiff).toBeCloseTo(4, 12);
    expect(b.highDiff).toBeCloseTo(-16, 12);
    expect(b.swing).toBeCloseTo(-20, 12);
    expect(b.swingHi! - b.swingLo!).toBeCloseTo(0, 12);
    expect(rows[1].swing).toBeCloseTo(36 - 25, 12);
    expect(r.points).toBe(7);
  });

  it("finds that more practitioners never lower the share seen within the standard (the MHST model)", async () => {
    const text = `name: Tiny
calendar: { years: 1 }
generate: { teams: 1, schoolsPerTeam: 4, pupilsPerTeam: 2400, clustersPerTeam: 2, staff: { emhp: 2, seniorClinician: 1 } }
referrals: { ratePer1000PerWeek: 3 }
uncertainty:
  - { path: generate.staff.emhp, range: [1, 4] }
`;
    const factors: UncertainFactor[] = [{ path: "generate.staff.emhp", low: 1, high: 4, integer: true, base: 2 }];
    const r = await runSensitivity({
      factors, options: { method: "oat" }, kpi: "shareSeenWithinStandard", replications: 4, seed: 1,
      load: (overrides) => loadScenarioText(text, { overrides }),
      run: async (models) => models.map((m) => runExperiment(modelSimulator, m, { replications: 4, seed: 1, scopes: ["service"] })),
    });
    const [row] = r.rows as OatRow[];
    expect(row.lowDiff!).toBeLessThanOrEqual(0);
    expect(row.highDiff!).toBeGreaterThanOrEqual(0);
    expect(row.swing!).toBeGreaterThan(0);
    expect(row.swingLo!).toBeGreaterThan(0);
    expect(row.baseMean!).toBeGreaterThan(0);
    expect(row.baseMean!).toBeLessThan(1);
  });
});
