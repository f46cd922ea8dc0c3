import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { mhst, oneLine } from "../experiment/cli-harness.js";

describe("the work estimate before a run", () => {
  // Load every command module and one scenario once, so the timing below is the refusal's own.
  beforeAll(async () => {
    for (const c of ["run", "compare", "sweep", "solve", "queue"]) await mhst(c, "--help");
    await mhst("scenario", "check", "trailblazer-team");
  });

  afterEach(() => {
    delete process.env.MAX_RUN_WORK;
  });

  it.each([
    [["run", "trailblazer-team", "--set", "referrals.ratePer1000PerWeek=1e12"], /^mhst: referrals\.ratePer1000PerWeek: 1\.0e12 gives about 3\.\de14 referrals per replication; the run is about 6\.\de15 work units, limit 5\.0e9; add --force to run it anyway$/],
    [["compare", "trailblazer-team", "--set-b", "waitlist.initialPerCluster=1e11"], /^mhst: waitlist\.initialPerCluster: 1\.0e11 gives about 5\.0e11 children on the initial lists per replication; .*add --force/],
    [["sweep", "trailblazer-team", "--param", "referrals.ratePer1000PerWeek", "--values", "1,1e12"], /^mhst: referrals\.ratePer1000PerWeek: 1\.0e12 gives about/],
    [["solve", "trailblazer-team", "--target", "waitWeeksMean <= 4", "--vary", "referrals.ratePer1000PerWeek", "--min", "1", "--max", "1e12", "--step", "1e10"], /^mhst: referrals\.ratePer1000PerWeek: 1\.0e12 gives about/],
    [["run", "trailblazer-team", "--reps", "100000", "--set", "calendar.years=20"], /^mhst: --reps: 100000 gives about \d\.\de\d+ work units \(\d+ per replication × 100000 replications\)/],
    [["run", "trailblazer-team", "--set", "calendar.years=10000000"], /^mhst: --set: calendar\.years: 10000000 must be at most 80, the longest horizon \(29120 days\)$/],
    [["run", "trailblazer-team", "--set", "calendar.years=81", "--force"], /^mhst: --set: calendar\.years: 81 must be at most 80/],
  ])("%j is refused at once, naming the field", async (argv, line) => {
    const t0 = Date.now();
    const r = await mhst(...argv);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(line);
    expect(r.stdout).toBe("");
    expect(Date.now() - t0).toBeLessThan(10_000); // a guard against a hang, not a speed target
  });

  it("takes its limit from MAX_RUN_WORK, and --force runs anyway", async () => {
    process.env.MAX_RUN_WORK = "1000";
    const r = await mhst("run", "trailblazer-team", "--reps", "1", "--scope", "service", "--json");
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/limit 1000; add --force to run it anyway$/);
    const forced = await mhst("run", "trailblazer-team", "--reps", "1", "--scope", "service", "--json", "--force");
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout).replications).toBe(1);
    // An automatic warm-up runs every replication twice, so it counts twice (one is about 26,000 units).
    process.env.MAX_RUN_WORK = "40000";
    expect((await mhst("run", "trailblazer-team", "--reps", "1", "--scope", "service", "--json")).code).toBe(0);
    const auto = await mhst("run", "trailblazer-team", "--reps", "1", "--scope", "service", "--json", "--warmup", "auto");
    expect(auto.code).toBe(2);
    expect(oneLine(auto.stderr)).toMatch(/limit 40000; add --force/);
    process.env.MAX_RUN_WORK = "lots";
    const bad = await mhst("run", "trailblazer-team", "--reps", "1");
    expect(bad.code).toBe(2);
    expect(oneLine(bad.stderr)).toBe('mhst: MAX_RUN_WORK: "lots" must be a number > 0');
  });
});
