import { describe, expect, it } from "vitest";
import type { ExperimentResult, WeeklyRow } from "../../sim/experiment/index.js";
import { chartCsv, chartSvg, type ChartMeta } from "../../server/index.js";
import { MAX_WAITLIST_PANELS, waitlistChart } from "../../server/charts/waitlist.js";
import { fixtureResult } from "./fixtures.js";

const meta: ChartMeta = { scenario: "Many clusters", replications: 3, seed: 1, date: "2026-12-03T10:00:00Z", runId: "run-many" };

/** Weekly rows of `clusters` clusters over 4 weeks: cluster k's median list peaks at `peak(k)` in week 2. */
function weekly(clusters: number, peak: (k: number) => number): WeeklyRow[] {
  const row = (scope: WeeklyRow["scope"], id: string, week: number, list: number): WeeklyRow => ({
    scope, id, week, waitlistMedian: list, waitlistP10: list / 2, waitlistP90: list * 2, referrals: 1, accepted: 1, started: 1, completed: 1, signposted: 0,
  });
  const rows: WeeklyRow[] = [];
  for (let w = 0; w < 4; w++) {
    let total = 0;
    for (let k = 0; k < clusters; k++) total += w === 2 ? peak(k) : 1;
    rows.push(row("service", "service", w, total));
  }
  for (let k = 0; k < clusters; k++) for (let w = 0; w < 4; w++) rows.push(row("cluster", `c${k}`, w, w === 2 ? peak(k) : 1));
  return rows;
}

const result = (rows: WeeklyRow[]): ExperimentResult => ({ ...fixtureResult(), weekly: rows, horizonWeeks: 4 });
/** The panels the spec draws, in order, and the clusters its data holds. */
const panels = (spec: Record<string, unknown>) => (spec.facet as { sort: string[] }).sort;
const plotted = (spec: Record<string, unknown>) => new Set(((spec.data as { values: { cluster: string }[] }).values).map((v) => v.cluster));

describe("waitlist chart panels", () => {
  it(`draws every cluster up to ${MAX_WAITLIST_PANELS}, without a service panel`, () => {
    const chart = waitlistChart(result(weekly(12, (k) => k)), meta);
    expect(MAX_WAITLIST_PANELS).toBe(12);
    expect(panels(chart.spec)).toEqual(Array.from({ length: 12 }, (_, k) => `c${k}`));
    expect(chart.rows).toHaveLength(12 * 4);
    expect(JSON.stringify(chart.spec)).not.toContain("clusters whose median list peaks highest");
    expect(chart.spec.resolve).toEqual({ axis: { x: "independent" } });
  });

  it("beyond 12 clusters draws the whole service and the 12 whose median list peaks highest, in the scenario's order; the CSV keeps every cluster", async () => {
    // Peaks 10, 3, 17, 3, 8, ... : clusters 1, 3, 13 and 20 peak lowest (3, 3, 2 and 1; ties go to the earlier cluster).
    const peaks = [10, 3, 17, 3, 8, 9, 11, 12, 13, 14, 15, 16, 18, 2, 19, 20, 4, 21, 22, 23, 1];
    const chart = waitlistChart(result(weekly(peaks.length, (k) => peaks[k])), meta, new Map([["c2", "Cluster two"]]));
    const drawn = peaks.map((p, k) => ({ p, k })).sort((a, b) => b.p - a.p || a.k - b.k).slice(0, 12).map(({ k }) => k).sort((a, b) => a - b);
    expect(drawn).toEqual([2, 7, 8, 9, 10, 11, 12, 14, 15, 17, 18, 19]);
    const names = drawn.map((k) => (k === 2 ? "Cluster two" : `c${k}`));
    expect(panels(chart.spec)).toEqual(["Whole service", ...names]);
    expect(plotted(chart.spec)).toEqual(new Set(["Whole service", ...names]));
    expect((chart.spec.title as { subtitle: string[] }).subtitle.join(" ")).toContain("21 clusters: the whole service and the 12 clusters whose median list peaks highest are drawn, each panel on its own scale; the CSV holds every cluster.");
    expect(chart.spec.resolve).toEqual({ axis: { x: "independent" }, scale: { y: "independent" } });
    // The CSV: the service's 4 weeks and every cluster's.
    expect(chart.rows).toHaveLength(4 + 21 * 4);
    const csv = (await chartCsv(chart)).trim().split("\n");
    expect(csv).toHaveLength(1 + 4 + 21 * 4);
    expect(csv.filter((l) => l.startsWith("c20,"))).toEqual(["c20,0,1,0.5,2", "c20,1,1,0.5,2", "c20,2,1,0.5,2", "c20,3,1,0.5,2"]);
    const svg = await chartSvg(chart);
    expect(svg).toContain(">Whole service<");
    expect(svg).toContain(">Cluster two<");
    expect(svg).not.toContain(">c20<");
  });
});
