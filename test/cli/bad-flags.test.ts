import { describe, expect, it } from "vitest";
import { mhst } from "../experiment/cli-harness.js";

const ABSOLUTE = /(^|[\s"'(])\/(tmp|work|home|root|usr|srv|var)\//m;
const Q = ["queue", "--servers", "1", "--arrival-rate", "0.5", "--service-rate", "1"];
const SOLVE = ["solve", "trailblazer-team", "--target", "waitWeeksMean <= 4", "--vary", "casework.slotsPerDay"];

/** [argv, the flag (or field) the one-line message must name] */
const cases: readonly (readonly [readonly string[], string])[] = [
  [["run", "trailblazer-team", "--reps", "0"], "--reps"],
  [["run", "trailblazer-team", "--reps", "abc"], "--reps"],
  [["run", "trailblazer-team", "--reps", "100001"], "--reps"],
  [["run", "trailblazer-team", "--seed", "-1"], "--seed"],
  [["run", "trailblazer-team", "--seed", "1.5"], "--seed"],
  [["run", "trailblazer-team", "--seed", "1e300"], "--seed"],
  [["run", "trailblazer-team", "--workers", "0"], "--workers"],
  [["run", "trailblazer-team", "--workers", "2000"], "--workers"],
  [["run", "trailblazer-team", "--warmup", "soon"], "--warmup"],
  [["run", "trailblazer-team", "--warmup", "60"], "--warmup"],
  [["run", "trailblazer-team", "--scope", "region"], "--scope"],
  [["run", "trailblazer-team", "--kpi", "happiness"], "--kpi"],
  [["run", "trailblazer-team", "--set", "casework.slotz=3"], "casework.slotz"],
  [["run", "trailblazer-team", "--set", "casework.slotsPerDay=lots"], "casework.slotsPerDay"],
  [["run", "trailblazer-team", "--set", "__proto__.x=1"], "__proto__"],
  [["run", "trailblazer-team", "--out", "/proc/self/out"], "--out"],
  [["run", "trailblazer-team", "--bogus"], "--bogus"],
  [["run", "trailblazer-team", "--set", "referrals.ratePer1000PerWeek=1e12"], "referrals.ratePer1000PerWeek"],
  [["run"], "scenario"],
  [["compare", "trailblazer-team"], "<b>"],
  [["compare", "trailblazer-team", "--set-b", "casework.nope=1"], "casework.nope"],
  [["compare", "trailblazer-team", "--set-b", "casework.slotsPerDay=3", "--scope", "planet"], "--scope"],
  [["sweep", "trailblazer-team", "--param", "casework.slotsPerDay", "--values", "1,a"], "--values"],
  [["sweep", "trailblazer-team", "--param", "casework.slotsPerDayy", "--values", "1,2"], "--param"],
  [["sweep", "trailblazer-team", "--param", "casework.slotsPerDay", "--values", "3", "--json", "--csv"], "--csv"],
  [["solve", "trailblazer-team", "--vary", "casework.slotsPerDay"], "--target"],
  [[...SOLVE.slice(0, 2), "--target", "happiness >= 1", "--vary", "casework.slotsPerDay"], "--target"],
  [[...SOLVE.slice(0, 2), "--target", "pctStartedWithin4Weeks >= 90", "--vary", "casework.slotsPerDay"], "--target"],
  [[...SOLVE, "--min", "5", "--max", "1"], "--min"],
  [[...SOLVE, "--step", "0"], "--step"],
  [[...SOLVE, "--min", "3", "--max", "6", "--step", "1e-9"], "--step"],
  [[...SOLVE, "--min", "abc"], "--min"],
  [["queue", "--arrival-rate", "0.5", "--service-rate", "1"], "--servers"],
  [[...Q.slice(0, 3), "--arrival-rate", "-1", "--service-rate", "1"], "--arrival-rate"],
  [[...Q, "--customers", "0"], "--customers"],
  [[...Q, "--priority-shares", "0.5,0.6"], "--priority-shares"],
  [[...Q, "--service", "gamma"], "--service"],
  [[...Q, "--warmup-fraction", "1"], "--warmup-fraction"],
  [["queue", "--servers", "1", "--arrival-rate", "2", "--service-rate", "1"], "--customers"],
  [["scenario", "check", "trailblazer-team", "--set", "calendar.years=0"], "calendar.years"],
  [["scenario", "schema", "--out", "/no/such/dir/schema.json"], "--out"],
  [["scenario", "frobnicate"], "frobnicate"],
  [["runn", "trailblazer-team"], "runn"],
];

describe("bad flags: exit 2, one line naming the flag, no stack trace", () => {
  it("has at least 30 of them", () => expect(cases.length).toBeGreaterThanOrEqual(30));

  it.each(cases)("%j", async (argv, named) => {
    const r = await mhst(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    // `scenario check` lists every problem under a heading; every other command says one line.
    if (argv[0] !== "scenario" || argv[1] !== "check") expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^mhst: /);
    expect(r.stderr).toContain(named);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toMatch(ABSOLUTE);
  });
});
