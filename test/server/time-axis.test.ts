import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../scenarios/index.js";
import { buildCalendar } from "../../sim/model/index.js";
import { buildChart, chartCsv, chartSvg, chartVegaLite, svgToPng, timeAxisOf, weekStart, type StoredResult } from "../../server/index.js";
import { fixtureResult } from "./fixtures.js";

const labels = { clusters: { north: "North cluster", south: "South cluster" }, teams: { "team-a": "Team A" } };
const meta = { scenario: "Fixture service", date: "2026-11-25T21:00:00Z", runId: "run-1" };

describe("time axes in calendar months with school holidays shaded", () => {
  // trailblazer-team: English terms 2025/26 from Monday 1 September 2025.
  const axis = timeAxisOf(buildCalendar(loadScenario("trailblazer-team").calendar));

  it("reads day 0 and the holidays off the scenario's calendar", () => {
    expect(axis.startDate).toBe("2025-09-01");
    expect(weekStart(axis, 8)).toBe("2025-10-27");
    // Autumn half-term, Christmas, spring half-term, Easter, summer half-term, summer.
    expect(axis.holidays).toEqual([
      { from: "2025-10-27", to: "2025-11-03" },
      { from: "2025-12-22", to: "2026-01-05" },
      { from: "2026-02-16", to: "2026-02-23" },
      { from: "2026-03-30", to: "2026-04-13" },
      { from: "2026-05-25", to: "2026-06-01" },
      { from: "2026-07-27", to: "2026-08-31" },
    ]);
  });

  it("draws the waiting list and throughput against months, shading each holiday", async () => {
    const stored: StoredResult = { kind: "run", labels, axis, experiment: fixtureResult({ weeks: 52 }) };
    for (const name of ["waitlist", "throughput"]) {
      const chart = buildChart(stored, name, meta)!;
      const svg = await chartSvg(chart);
      for (const month of ["Sep 2025", "Nov", "Jan 2026", "Jul"]) expect(svg, `${name}: ${month}`).toContain(`>${month}<`);
      expect(svg).toContain("Week starting (calendar month)");
      expect(svg).not.toContain("Week from scenario start");
      expect(svg).toContain("grey shading = school holidays");
      const vl = JSON.parse(chartVegaLite(chart));
      const shaded = (vl.data.values as { holidayFrom?: string }[]).filter((r) => r.holidayFrom !== undefined);
      const panels = name === "waitlist" ? 2 : 5;
      expect(shaded).toHaveLength(6 * panels);
      expect((await chartCsv(chart)).split("\n")[1]).toMatch(/^(North cluster,0,2025-09-01|0,2025-09-01,Referrals),/);
      mkdirSync("test-output", { recursive: true });
      writeFileSync(join("test-output", `chart-dates-${name}.png`), svgToPng(svg, 1));
    }
  });

  it("keeps weeks from the start for results stored without an axis", async () => {
    const svg = await chartSvg(buildChart({ kind: "run", labels, experiment: fixtureResult() }, "waitlist", meta)!);
    expect(svg).toContain("Week from scenario start");
  });
});
