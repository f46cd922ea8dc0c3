import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareResults, type SolveResult } from "../../sim/experiment/index.js";
import {
  buildChart,
  CHART_BACKGROUND,
  chartNames,
  chartSvg,
  contrastRatio,
  LINE_COLOURS,
  NHS_COLOURS,
  SERIES_COLOURS,
  svgToPng,
  TEXT_COLOUR,
  type StoredResult,
} from "../../server/index.js";
import { fixtureResult } from "./fixtures.js";

const labels = { clusters: { north: "North cluster", south: "South cluster" }, teams: { "team-a": "Team A" } };
const a = fixtureResult();
const b = { ...a, kpis: a.kpis.map((k) => ({ ...k, values: k.values.map((v, i) => (v === null ? null : v * 0.9 + i * 0.01)) })) };
const point = (value: number, phase: "search" | "verify", mean: number) => ({ value, phase, mean, lo: mean - 0.02, hi: mean + 0.02, n: 5, met: mean - 0.02 >= 0.8 });
const solve: SolveResult = { status: "solved", value: 4, best: point(4, "verify", 0.86), curve: [point(2, "search", 0.6), point(4, "search", 0.85), point(6, "search", 0.92), point(4, "verify", 0.86)] };
const STORED: StoredResult[] = [
  { kind: "run", labels, experiment: a },
  { kind: "compare", names: { a: "Now", b: "Plus one" }, labels, labelsB: labels, a, b, comparison: compareResults(a, b) },
  { kind: "solve", labels, parameter: "casework.slotsPerDay", target: { kpi: "pctStartedWithin4Weeks", op: ">=", threshold: 0.8 }, replications: 5, seed: 1, solve },
];
const meta = { scenario: "Fixture service", date: "2026-11-25T21:00:00Z", runId: "run-1" };

/** Every `#RRGGBB` in a rendered SVG, with the attribute it sits in. */
function svgColours(svg: string): { attr: string; colour: string }[] {
  return [...svg.matchAll(/(fill|stroke)="(#[0-9a-fA-F]{6})"/g)].map((m) => ({ attr: m[1]!, colour: m[2]!.toUpperCase() }));
}

describe("NHS palette in the report charts", () => {
  it("orders the series NHS Blue, Dark Blue, Light Blue, then the greys", () => {
    expect(SERIES_COLOURS).toEqual(["#005EB8", "#003087", "#41B6E6", "#425563", "#768692"]);
    expect(CHART_BACKGROUND).toBe("#F0F4F5");
    expect(contrastRatio("#005EB8", "#F0F4F5")).toBeCloseTo(5.76, 2);
    // Lines and points reach 3:1 on the background, text 4.5:1 (WCAG 2.1 AA).
    for (const c of LINE_COLOURS) expect(contrastRatio(c, CHART_BACKGROUND), c).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(TEXT_COLOUR, CHART_BACKGROUND)).toBeGreaterThanOrEqual(4.5);
  });

  for (const stored of STORED) {
    for (const name of chartNames(stored)) {
      it(`${stored.kind}/${name}: only NHS colours, Grey 5 background, strokes and text with AA contrast`, async () => {
        const svg = await chartSvg(buildChart(stored, name, meta)!);
        const allowed = new Set<string>(Object.values(NHS_COLOURS).map((c) => c.toUpperCase()));
        const used = svgColours(svg);
        expect(used.length).toBeGreaterThan(5);
        for (const u of used) expect(allowed.has(u.colour), `${u.attr}=${u.colour}`).toBe(true);
        expect(svg).toMatch(/<rect[^>]*fill="#F0F4F5"/i);
        // Strokes (lines, rules, points' edges) must reach 3:1 on white plot areas and the background,
        // except light edges between touching bars and the grid.
        for (const u of used.filter((x) => x.attr === "stroke" && ![NHS_COLOURS.white, NHS_COLOURS.paleGrey].includes(x.colour as never))) {
          expect(contrastRatio(u.colour, CHART_BACKGROUND), u.colour).toBeGreaterThanOrEqual(3);
        }
        // Text fills: 4.5:1.
        for (const m of svg.matchAll(/<text[^>]*fill="(#[0-9a-fA-F]{6})"/g)) expect(contrastRatio(m[1]!, CHART_BACKGROUND), m[1]).toBeGreaterThanOrEqual(4.5);
        mkdirSync("test-output", { recursive: true });
        writeFileSync(join("test-output", `chart-${stored.kind}-${name}.png`), svgToPng(svg, 1));
      });
    }
  }
});
