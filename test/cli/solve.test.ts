import { describe, expect, it } from "vitest";
import type { SolveResult } from "../../sim/experiment/index.js";
import { mhst, oneLine } from "../experiment/cli-harness.js";

const base = ["solve", "trailblazer-team", "--reps", "4", "--workers", "2", "--set", "referrals.ratePer1000PerWeek=3"];

describe("mhst solve", () => {
  it("finds the least value meeting the target and prints the curve", async () => {
    // The target names no KPI, so it is on shareSeenWithinStandard (still-waiting children count).
    const r = await mhst(...base, "--target", ">= 0.3", "--vary", "casework.slotsPerDay", "--min", "3", "--max", "8", "--step", "0.5", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as SolveResult & { target: string; verifySeed: number };
    expect(out.status).toBe("solved");
    expect(out.target).toBe("shareSeenWithinStandard >= 0.3");
    expect(out.best).toMatchObject({ phase: "verify", met: true, value: out.value });
    expect(out.best.lo!).toBeGreaterThanOrEqual(0.3);
    // The value just below the least one the search found does not meet the target.
    const found = Math.min(...out.curve.filter((p) => p.phase === "search" && p.met).map((p) => p.value));
    expect(out.curve.find((p) => p.phase === "search" && p.value === found - 0.5)?.met).toBe(false);
    expect(out.curve.filter((p) => p.phase === "search").length).toBeLessThanOrEqual(2 + 4);
  });

  it("says when the target is impossible, with the best value reached, exit code 3", async () => {
    const r = await mhst(...base, "--target", "waitWeeksMean <= 0.01", "--vary", "casework.slotsPerDay", "--min", "3", "--max", "4", "--step", "1");
    expect(r.code).toBe(3);
    expect(oneLine(r.stderr)).toMatch(/^mhst: --target: waitWeeksMean <= 0.01 is not met even at --max 4; best reached: waitWeeksMean .* at casework\.slotsPerDay=4/);
    expect(r.stdout).toMatch(/phase\s+casework\.slotsPerDay/);
  });

  it.each([
    [["--target", "speed >= 1", "--vary", "casework.slotsPerDay"], /^mhst: --target: .*unknown KPI "speed"/],
    [["--target", "waitWeeksMean == 4", "--vary", "casework.slotsPerDay"], /^mhst: --target: .*is not "\[<kpi>\] <op> <number>"/],
    [["--target", "waitWeeksMean <= 4", "--vary", "casework.slots"], /^mhst: --vary: casework\.slots is not a field/],
    [["--target", "waitWeeksMean <= 4", "--vary", "casework.slotsPerDay", "--min", "5", "--max", "2"], /^mhst: --min: 5 must be <= --max 2/],
    [["--target", "waitWeeksMean <= 4", "--vary", "casework.slotsPerDay", "--step", "0"], /--step/],
    [["--target", "waitWeeksMean <= 4", "--vary", "casework.slotsPerDay", "--min", "-2", "--max", "2"], /^mhst: --vary.*slotsPerDay/],
    [["--vary", "casework.slotsPerDay"], /--target/],
    [["--target", "pctStartedWithin4Weeks >= 90", "--vary", "casework.slotsPerDay"], /^mhst: --target: pctStartedWithin4Weeks is a share \(0–1\); 90 must lie in \[0, 1\]/],
    [["--target", "waitWeeksMean <= 4", "--vary", "casework.slotsPerDay", "--min", "1", "--max", "4"], /^mhst: --vary casework\.slotsPerDay=1: .*groups\.slotsPerSession/],
  ])("rejects %j with one line and exit code 2", async (flags, message) => {
    const r = await mhst(...base, ...flags);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(message);
  });
});
