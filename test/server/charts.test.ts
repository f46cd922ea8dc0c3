import { describe, expect, it } from "vitest";
import { compareResults, type SolveResult } from "../../sim/experiment/index.js";
import {
  buildChart,
  chartCsv,
  chartNames,
  chartSvg,
  chartVegaLite,
  compareChart,
  solverChart,
  svgToPng,
  ChartTooLargeError,
  MAX_PNG_PIXELS,
  type ChartMeta,
  type StoredResult,
} from "../../server/index.js";
import { fixtureResult } from "./fixtures.js";

const meta: ChartMeta = { scenario: "Fixture service", replications: 5, seed: 42, date: "2026-11-25T21:00:00Z", runId: "run-1" };
const stored: StoredResult = { kind: "run", labels: { clusters: { north: "North cluster", south: "South cluster" }, teams: { "team-a": "Team A" } }, experiment: fixtureResult() };

describe("report charts from a fixture result", () => {
  for (const name of chartNames(stored)) {
    it(`${name}: SVG with xmlns and the title, provenance and units inside; CSV; Vega-Lite; PNG`, async () => {
      const chart = buildChart(stored, name, { scenario: meta.scenario, date: meta.date, runId: meta.runId })!;
      const svg = await chartSvg(chart);
      expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(svg).toContain(`>${chart.title}<`);
      expect(svg).toContain("Scenario: Fixture service · 5 replications · seed 42 · run 25 Nov 2026 (run-1)");
      expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
      expect(await chartSvg(chart)).toBe(svg);
      const csv = (await chartCsv(chart)).split("\n");
      expect(csv[0]).toBe(chart.columns.join(","));
      expect(csv.length).toBeGreaterThan(3);
      const vl = JSON.parse(chartVegaLite(chart));
      expect(vl.$schema).toBe("https://vega.github.io/schema/vega-lite/v6.json");
      expect(vl.usermeta.mhst).toMatchObject({ scenario: "Fixture service", seed: 42, replications: 5 });
      const png = svgToPng(svg, 1);
      expect(png.subarray(1, 4).toString()).toBe("PNG");
    });
  }

  it("refuses, before drawing it, a PNG of more than 40 million pixels, and draws one just under", () => {
    // 1000 × 10001 at scale 2 is 2000 × 20002 = 40,004,000 pixels; 1000 × 9999 is 39,996,000.
    const svg = (h: number) => `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="${h}"><rect width="10" height="10"/></svg>`;
    expect(MAX_PNG_PIXELS).toBe(40_000_000);
    expect(() => svgToPng(svg(10_001), 2)).toThrow(ChartTooLargeError);
    expect(() => svgToPng(svg(10_001), 2)).toThrow("png: the chart would be 2000 × 20002 pixels at scale 2, more than the 40 million a PNG may have: use its SVG or CSV, or a smaller scale");
    expect(svgToPng(svg(9_999), 2).subarray(1, 4).toString()).toBe("PNG");
  });

  it("labels clusters by name and draws the four-week line", async () => {
    const svg = await chartSvg(buildChart(stored, "waitlist", meta)!);
    expect(svg).toContain("North cluster");
    const wait = await chartSvg(buildChart(stored, "wait-times", meta)!);
    expect(wait).toContain("4-week standard");
  });

  it("draws the waiting-time distribution: week bars, the four-week rule and the share within four weeks", async () => {
    const chart = buildChart(stored, "wait-times", meta)!;
    expect(chart.title).toBe("Waiting-time distribution from referral to first contact");
    const svg = await chartSvg(chart);
    // Service share 0.45 (fixture) as a percentage in the subtitle; clusters' in their panel labels.
    expect(svg).toContain("45 % of children who started did so within four weeks of referral");
    expect(svg).toContain("North cluster (49 % within 4 wk)");
    expect(svg).toContain("Within 4 weeks");
    expect(svg).toContain("4-week standard");
    // The CSV keeps every bin of every scope, the overflow bin with an empty upper edge.
    const csv = (await chartCsv(chart)).trim().split("\n");
    expect(csv[0]).toBe("scope,bin,fromWeeks,toWeeks,mean,p10,p90");
    expect(csv.length).toBe(1 + 3 * 53);
    expect(csv.find((l) => l.startsWith("Whole service,> 52,52,,"))).toBeDefined();
    const vl = JSON.parse(chartVegaLite(chart));
    const bars = vl.data.values as { bin: string; from: number; standard: string }[];
    expect(bars.filter((b) => b.standard === "Within 4 weeks").map((b) => b.bin).sort()).toEqual(["0–1", "1–2", "2–3", "3–4"].flatMap((b) => [b, b, b]).sort());
  });

  it("draws a stored result without a histogram as the summary of waits", async () => {
    const { waitHistogram: _, ...old } = fixtureResult();
    const chart = buildChart({ ...stored, experiment: old }, "wait-times", meta)!;
    expect(chart.name).toBe("wait-times");
    expect(chart.columns).toContain("statistic");
    expect(await chartSvg(chart)).toContain("4-week standard");
  });

  it("draws a paired comparison and a solver curve", async () => {
    const a = fixtureResult();
    const b = { ...fixtureResult(), kpis: a.kpis.map((k) => ({ ...k, values: k.values.map((v, i) => (v === null ? null : v * 0.9 + i * 0.01)) })) };
    const cmp = compareChart(compareResults(a, b), meta, { a: "Now", b: "Plus one EMHP" });
    const svg = await chartSvg(cmp);
    expect(svg).toContain("Paired comparison: B − A");
    expect(svg).toContain("A = Now, B = Plus one EMHP.");
    expect(cmp.rows.length).toBeGreaterThan(3);
    const point = (value: number, phase: "search" | "verify", mean: number) => ({ value, phase, mean, lo: mean - 0.02, hi: mean + 0.02, n: 5, met: mean - 0.02 >= 0.8 });
    const solve: SolveResult = { status: "solved", value: 4, best: point(4, "verify", 0.86), curve: [point(2, "search", 0.6), point(4, "search", 0.85), point(6, "search", 0.92), point(4, "verify", 0.86)] };
    const chart = solverChart(solve, { kpi: "pctStartedWithin4Weeks", op: ">=", threshold: 0.8 }, "casework.slotsPerDay", meta);
    expect(await chartSvg(chart)).toContain("answer: casework.slotsPerDay = 4");
  });
});
