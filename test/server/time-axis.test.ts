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

  it("follows a horizon: a 26-week pilot ends in February, one spring term runs January to March", async () => {
    const pilot = timeAxisOf(buildCalendar(loadScenario("trailblazer-team", { overrides: ["calendar.horizon.weeks=26"] }).calendar));
    expect(pilot.startDate).toBe("2025-09-01");
    expect(pilot.holidays).toEqual([
      { from: "2025-10-27", to: "2025-11-03" },
      { from: "2025-12-22", to: "2026-01-05" },
      { from: "2026-02-16", to: "2026-02-23" },
    ]);
    const svg = await chartSvg(buildChart({ kind: "run", labels, axis: pilot, experiment: fixtureResult({ weeks: 26 }) }, "waitlist", meta)!);
    // Two panels of a short run label every month; the last is February.
    for (const month of ["Sep 2025", "Oct", "Nov", "Dec", "Jan 2026", "Feb"]) expect(svg, month).toContain(`>${month}<`);
    for (const month of ["Mar", "Apr", "Jul"]) expect(svg, month).not.toContain(`>${month}<`);
    const spring = timeAxisOf(buildCalendar(loadScenario("trailblazer-team", { overrides: ["calendar.horizon.term=spring"] }).calendar));
    expect(spring).toEqual({ startDate: "2026-01-05", holidays: [{ from: "2026-02-16", to: "2026-02-23" }] });
    expect(weekStart(spring, 11)).toBe("2026-03-23");
    const one = await chartSvg(buildChart({ kind: "run", labels, axis: spring, experiment: fixtureResult({ weeks: 12 }) }, "throughput", meta)!);
    // The first tick is 1 February (day 0 is 5 January): the year goes on it.
    for (const month of ["Feb 2026", "Mar"]) expect(one, month).toContain(`>${month}<`);
    expect(one).not.toContain(">Apr<");
    // Every other month on narrow panels of a year from January: the year on the first shown, March.
    const jan = timeAxisOf(buildCalendar(loadScenario("trailblazer-team", { overrides: ["calendar.years=null", "calendar.horizon.from=2026-01-05", "calendar.horizon.weeks=52"] }).calendar));
    const wide = await chartSvg(buildChart({ kind: "run", labels, axis: jan, experiment: fixtureResult({ weeks: 52 }) }, "waitlist", meta)!);
    for (const month of ["Mar 2026", "May", "Jan 2027"]) expect(wide, month).toContain(`>${month}<`);
    expect(wide).not.toContain(">Feb<");
    mkdirSync("test-output", { recursive: true });
    writeFileSync(join("test-output", "chart-dates-pilot-26-weeks.png"), svgToPng(svg, 1));
  });

  it("keeps weeks from the start for results stored without an axis", async () => {
    const svg = await chartSvg(buildChart({ kind: "run", labels, experiment: fixtureResult() }, "waitlist", meta)!);
    expect(svg).toContain("Week from scenario start");
  });
});
