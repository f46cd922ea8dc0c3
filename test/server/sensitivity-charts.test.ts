import { describe, expect, it } from "vitest";
import { runSensitivity, type ExperimentResult, type SensitivityMethod, type UncertainFactor } from "../../sim/experiment/index.js";
import { chartSvg, CHART_BACKGROUND, contrastRatio, NHS_COLOURS } from "../../server/index.js";
import { sensitivityChart } from "../../server/charts/sensitivity.js";

const FACTORS: UncertainFactor[] = [
  { path: "referrals.ratePer1000PerWeek", low: 1, high: 2.2, base: 1.8 },
  { path: "casework.dnaShare", low: 0.05, high: 0.2, base: 0.1 },
  { path: "casework.slotsPerDay", low: 3, high: 4, base: 4 },
];

/** A result whose service share falls with the rate and DNAs and rises with the slots, with a noise shared by every point. */
function analytic(v: number[]): ExperimentResult {
  const [rate, dna, slots] = v;
  const values = [0.02, -0.01, 0.03].map((e) => 0.9 - 0.4 * (rate - 1) - 0.8 * dna + 0.3 * (slots - 3) - 0.1 * (rate - 1) * (slots - 3) + e);
  return {
    format: "mhst-experiment/1", scenario: "Analytic", seed: 1, replications: 3, level: 0.95, warmup: { mode: "none", weeks: 0, batches: null }, scopes: ["service"], horizonWeeks: 1, events: 0,
    kpis: [{ scope: "service", id: "service", kpi: "shareSeenWithinStandard", mean: values.reduce((a, b) => a + b) / 3, sd: null, lo: null, hi: null, halfWidth: null, n: 3, values }],
    weekly: [],
  };
}

const resultOf = (method: SensitivityMethod) =>
  runSensitivity({
    factors: FACTORS, options: { method, trajectories: 6, samples: 30 }, kpi: "shareSeenWithinStandard", replications: 3, seed: 1,
    load: (overrides) => FACTORS.map((f) => Number(overrides.find((o) => o.startsWith(`${f.path}=`))?.split("=")[1] ?? f.base)),
    run: async (models) => models.map(analytic),
  });
const meta = { scenario: "Analytic", replications: 3, seed: 1, date: "2026-12-01T00:00:00Z", runId: "s-1" };

describe("sensitivity charts", () => {
  for (const [method, name, marks] of [["oat", "tornado", /aria-roledescription="bar"/g], ["morris", "morris", /aria-roledescription="point"/g], ["lhs", "prcc", /aria-roledescription="bar"/g]] as const) {
    it(`${name}: one mark per input (per end for the tornado), NHS colours with AA contrast, largest first`, async () => {
      const result = await resultOf(method);
      const chart = sensitivityChart(result, meta);
      expect(chart.name).toBe(name);
      const svg = await chartSvg(chart);
      expect(svg.match(marks)?.length).toBe(method === "oat" ? 2 * FACTORS.length : FACTORS.length);
      // The rate moves the share most over its range in this analytic service.
      expect(result.rows[0].parameter).toBe("referrals.ratePer1000PerWeek");
      expect(chart.rows[0]).toMatchObject({ parameter: "referrals.ratePer1000PerWeek" });
      const allowed = new Set<string>(Object.values(NHS_COLOURS).map((c) => c.toUpperCase()));
      const used = [...svg.matchAll(/(fill|stroke)="(#[0-9a-fA-F]{6})"/g)].map((m) => ({ attr: m[1]!, colour: m[2]!.toUpperCase() }));
      for (const u of used) expect(allowed.has(u.colour), `${u.attr}=${u.colour}`).toBe(true);
      expect(svg).toMatch(/<rect[^>]*fill="#F0F4F5"/i);
      for (const u of used.filter((x) => x.attr === "stroke" && ![NHS_COLOURS.white, NHS_COLOURS.paleGrey].includes(x.colour as never))) {
        expect(contrastRatio(u.colour, CHART_BACKGROUND), u.colour).toBeGreaterThanOrEqual(3);
      }
      for (const m of svg.matchAll(/<text[^>]*fill="(#[0-9a-fA-F]{6})"/g)) expect(contrastRatio(m[1]!, CHART_BACKGROUND), m[1]).toBeGreaterThanOrEqual(4.5);
      expect(svg).toContain("Scenario: Analytic · 3 replications · seed 1");
    });
  }
});
