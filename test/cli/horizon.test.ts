import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ExperimentResult } from "../../sim/experiment/index.js";
import { mhst, oneLine } from "../experiment/cli-harness.js";

const dir = mkdtempSync(join(tmpdir(), "mhst-horizon-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PILOT = `name: Pilot
calendar:
  horizon: { weeks: 26 }
teams: [{ id: t }]
clusters: [{ id: a }, { id: b }]
schools:
  - { id: s1, pupils: 600, cluster: a }
  - { id: s2, pupils: 300, cluster: b }
practitioners:
  - { id: p1, allocation: { clusters: [a, b] } }
`;

describe("mhst over a horizon", () => {
  it("runs a 26-week pilot file end to end: 26 weekly rows, KPIs, exit 0", async () => {
    const file = join(dir, "pilot.yaml");
    writeFileSync(file, PILOT);
    const check = await mhst("scenario", "check", file);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain("26 weeks, 2025-09-01 to 2026-03-01 (calendar.horizon); terms autumn, spring, summer");
    const r = await mhst("run", file, "--reps", "2", "--workers", "1", "--scope", "service", "--json");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const result = JSON.parse(r.stdout) as ExperimentResult;
    expect(result.horizonWeeks).toBe(26);
    expect(result.weekly.map((w) => w.week)).toEqual(Array.from({ length: 26 }, (_, w) => w));
    expect(result.kpis.find((k) => k.kpi === "referrals")!.mean).toBeGreaterThan(10);
  });

  it("runs one term of a built-in and says how many weeks", async () => {
    const r = await mhst("run", "trailblazer-team", "--set", "calendar.horizon.term=spring", "--reps", "2", "--workers", "1", "--scope", "service", "--kpi", "referrals");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^Trailblazer team: 2 replications \(seed 1\), 12 weeks, warm-up none/);
  });

  it("refuses a warm-up as long as the horizon with one line naming both, exit 2", async () => {
    const r = await mhst("run", "trailblazer-team", "--set", "calendar.horizon.weeks=26", "--warmup", "30", "--reps", "2");
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe("mhst: --warmup: 30 weeks must be less than the run's 26 weeks (calendar.horizon)");
  });

  it.each([
    ["calendar.horizon.weeks=0", "calendar.horizon.weeks: 0 must be >= 1"],
    ["calendar.horizon.weeks=1.5", "calendar.horizon.weeks: 1.5 must be a whole number"],
    ["calendar.horizon.term=winter", 'calendar.horizon.term: "winter" is not a term name (terms: autumn, spring, summer)'],
    ["calendar.horizon.to=2025-06-30", 'calendar.horizon.to: "2025-06-30" must not be before day 0, 2025-09-01 (calendar.startDate)'],
  ])("refuses --set %s with one line, exit 2", async (set, message) => {
    const r = await mhst("run", "trailblazer-team", "--set", set, "--reps", "2");
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(`mhst: --set: ${message}`);
  });

  it("refuses a file whose horizon ends before it starts with its line number, exit 2", async () => {
    const file = join(dir, "backwards.yaml");
    writeFileSync(file, PILOT.replace("horizon: { weeks: 26 }", "horizon: { from: 2026-03-02, to: 2026-01-30 }"));
    for (const argv of [["scenario", "check", file], ["run", file, "--reps", "2"]]) {
      const r = await mhst(...argv);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toBe(`mhst: ${file}:3: calendar.horizon.to: "2026-01-30" must not be before horizon.from 2026-03-02`);
    }
  });
});
