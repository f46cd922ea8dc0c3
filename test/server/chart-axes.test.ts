import { describe, expect, it } from "vitest";
import { compareResults } from "../../sim/experiment/index.js";
import { ACTIVITIES } from "../../sim/model/index.js";
import { ACTIVITY_LABELS, chartCsv, chartSvg, compareChart, differenceTicks, NHS_COLOURS, practitionerTimeChart, waitlistAbChart, type ChartMeta } from "../../server/index.js";
import { fixtureResult } from "./fixtures.js";

const meta: ChartMeta = { scenario: "Fixture service", replications: 5, seed: 42, date: "2026-11-25T21:00:00Z", runId: "run-1" };
const axis = { startDate: "2025-09-01", holidays: [{ from: "2025-10-27", to: "2025-11-03" }] };

/** The tick labels of an SVG's axes (the text of every `role-axis-label` group). */
function tickLabels(svg: string): string[] {
  return [...svg.matchAll(/<g class="mark-text role-axis-label"[^>]*>(.*?)<\/g>/g)].flatMap((g) => [...g[1]!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]!));
}

describe("difference axes read in round steps of their unit", () => {
  it("cuts a domain holding zero and every value at 1, 2 or 5 × 10^k, with the decimals the step needs", () => {
    expect(differenceTicks([0.3, -0.1, 0.72])).toEqual({ domain: [-0.2, 0.8], values: [-0.2, 0, 0.2, 0.4, 0.6, 0.8], format: ",.1f" });
    expect(differenceTicks([-61.7, -44, -77.2])).toEqual({ domain: [-80, 0], values: [-80, -60, -40, -20, 0], format: ",.0f" });
    expect(differenceTicks([0.0021, 0.0003, 0.0042])).toEqual({ domain: [0, 0.005], values: [0, 0.001, 0.002, 0.003, 0.004, 0.005], format: ",.3f" });
    // No difference at all: −1 to 1, never a zero-width axis.
    expect(differenceTicks([0, 0, 0])).toEqual({ domain: [-1, 1], values: [-1, -0.5, 0, 0.5, 1], format: ",.1f" });
    expect(differenceTicks([null, Number.NaN])).toEqual(differenceTicks([0]));
    // No tick is −0.
    for (const t of [differenceTicks([-0.3, 0.2]), differenceTicks([-3, -1])]) expect(t.values.some((v) => Object.is(v, -0))).toBe(false);
  });

  it("a comparison of a scenario with itself prints no 0.000000 tick, and shares are in percentage points", async () => {
    const a = fixtureResult();
    const same = compareChart(compareResults(a, a), meta, { a: "Now", b: "Now again" });
    const svg = await chartSvg(same);
    const ticks = tickLabels(svg);
    expect(ticks.length).toBeGreaterThan(20);
    expect(ticks.filter((t) => /0\.0000/.test(t))).toEqual([]);
    expect(new Set(ticks)).toEqual(new Set(["−1.0", "−0.5", "0.0", "0.5", "1.0"]));
    expect(svg).toContain("Started within 4 weeks (started only) (percentage points)");
    expect(svg).toContain("Mean wait (started only) (weeks)");
    expect(svg).not.toContain("share, 0–1");
  });

  it("draws a share difference of −1.8 points on a percentage-point axis, and its CSV in the same unit", async () => {
    const a = fixtureResult();
    const b = { ...a, kpis: a.kpis.map((k) => (k.kpi === "pctStartedWithin4Weeks" ? { ...k, mean: (k.mean ?? 0) - 0.018, values: k.values.map((v, i) => (v === null ? null : v - 0.018 + (i - 2) * 0.001)) } : k)) };
    const chart = compareChart(compareResults(a, b), meta, { a: "Now", b: "Fewer" });
    const row = chart.rows.find((r) => String(r.kpi).startsWith("Started within 4 weeks"))!;
    // Fixture: A's service share is 0.45; B is 1.8 points lower, paired over 5 replications.
    expect(row).toMatchObject({ unit: "% (B − A in percentage points)", meanA: 45, meanB: 43.2, difference: -1.8 });
    const csv = (await chartCsv(chart)).split("\n");
    expect(csv[0]).toBe("kpi,unit,meanA,meanB,difference,lo,hi,n");
    const ticks = tickLabels(await chartSvg(chart));
    // The share panel's ticks, in points, with one decimal at most.
    expect(ticks).toEqual(expect.arrayContaining(["−2.0", "−1.5", "−1.0", "−0.5", "0.0"]));
    expect(ticks.every((t) => /^−?\d+\.\d$/.test(t))).toBe(true);
  });

  it("the A/B waiting-list chart labels both lines and reads B − A in whole or half children", async () => {
    const a = fixtureResult();
    const same = await chartSvg(waitlistAbChart(a, a, meta, { a: "Now", b: "Now again" }, axis));
    expect(tickLabels(same).filter((t) => /0\.0000/.test(t))).toEqual([]);
    expect(tickLabels(same)).toEqual(expect.arrayContaining(["−1.0", "0.0", "1.0"]));
    // The legend names each side (dashes tell them apart besides colour).
    expect(same).toContain(">A: Now<");
    expect(same).toContain(">B: Now again<");
    const b = { ...a, weekly: a.weekly.map((w) => ({ ...w, waitlistMedian: w.waitlistMedian + w.week * 1.5 })) };
    const more = await chartSvg(waitlistAbChart(a, b, meta, { a: "Now", b: "Fewer staff" }, axis));
    // 38 weeks × 1.5 = 57 children more at the end: ticks every 20.
    expect(tickLabels(more)).toEqual(expect.arrayContaining(["0", "20", "40", "60"]));
  });
});

describe("practitioner time names and colours every activity the recorder counts", () => {
  const withSchoolWork = () => {
    const r = fixtureResult();
    const extra = r.kpis.filter((k) => k.kpi === "utilisation.training").flatMap((k) => [
      { ...k, kpi: "utilisation.consultation", mean: 0.07 },
      { ...k, kpi: "utilisation.wholeSchool", mean: 0.03 },
    ]);
    return { ...r, kpis: [...r.kpis, ...extra] };
  };

  it("has a label and a kind for each activity", () => {
    expect(Object.keys(ACTIVITY_LABELS).sort()).toEqual([...ACTIVITIES].sort());
    const labels = Object.values(ACTIVITY_LABELS).map((a) => a.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("labels consultations and whole-school work, grouped with the rest of the work with schools", async () => {
    const chart = practitionerTimeChart(withSchoolWork(), meta, new Map([["team-a", "Team A"]]));
    const service = chart.rows.filter((r) => r.scope === "Whole service");
    expect(service.map((r) => r.activity)).toEqual([
      "1:1 sessions", "Group sessions", "MHST+",
      "Consultations with school staff", "Whole-school work", "Link meetings", "Cluster meetings", "Training for schools",
      "Supervision", "Admin", "Did not attend", "Unused (idle)",
    ]);
    expect(service.find((r) => r.activity === "Whole-school work")).toMatchObject({ kind: "With schools", share: 0.03 });
    const svg = await chartSvg(chart);
    for (const raw of ["consultation", "wholeSchool", "oneToOne", "clusterMeeting"]) expect(svg).not.toContain(`>${raw}<`);
    expect(svg).toContain(">Consultations with school staff<");
    // One NHS colour per kind of time, each in the legend and on bars.
    const fills = new Set([...svg.matchAll(/<path[^>]*fill="(#[0-9A-Fa-f]{6})"/g)].map((m) => m[1]!.toUpperCase()));
    for (const c of [NHS_COLOURS.blue, NHS_COLOURS.darkBlue, NHS_COLOURS.darkGrey, NHS_COLOURS.lightBlue]) expect(fills.has(c), c).toBe(true);
    for (const kind of ["With children and families", "With schools", "Supervision and admin", "Lost or unused"]) expect(svg).toContain(`>${kind}<`);
  });
});
