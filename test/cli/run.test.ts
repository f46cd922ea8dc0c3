import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ExperimentResult } from "../../sim/experiment/index.js";
import { mhst, oneLine } from "../experiment/cli-harness.js";

const dir = mkdtempSync(join(tmpdir(), "mhst-run-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("mhst run", () => {
  it("prints clean JSON on stdout, identical for 1 and 2 workers", async () => {
    const one = await mhst("run", "trailblazer-team", "--reps", "3", "--workers", "1", "--json");
    const two = await mhst("run", "trailblazer-team", "--reps", "3", "--workers", "2", "--json");
    expect(one.code).toBe(0);
    expect(one.stderr).toBe("");
    const result = JSON.parse(one.stdout) as ExperimentResult;
    expect(result).toMatchObject({ format: "mhst-experiment/1", replications: 3, seed: 1, warmup: { mode: "none", weeks: 0 } });
    expect(new Set(result.kpis.map((k) => k.scope))).toEqual(new Set(["service", "team", "cluster"]));
    expect(result.weekly.some((w) => w.scope === "cluster")).toBe(true);
    expect(two.stdout).toBe(one.stdout);
  });

  it("prints a KPI table with intervals", async () => {
    const r = await mhst("run", "trailblazer-team", "--reps", "2", "--workers", "2", "--scope", "service", "--kpi", "referrals,waitWeeksMean");
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/2 replications \(seed 1\)/);
    // Title, header, rule, two rows, a blank line and the note naming the started-only KPI.
    expect(lines).toHaveLength(7);
    expect(lines[3]).toMatch(/^service\s+service\s+Trailblazer team\s+referrals\s+[\d.]+\s+\[[\d.]+, [\d.]+\]/);
    expect(lines[6]).toBe("waitWeeksMean: started children only (children still waiting are not counted; see shareSeenWithinStandard and waitWeeksMeanCensored)");
  });

  it("writes records with a replication column and the KPI table with --out", async () => {
    const out = join(dir, "out");
    const r = await mhst("run", "trailblazer-team", "--reps", "2", "--workers", "2", "--out", out, "--json", "--warmup", "4");
    expect(r.code).toBe(0);
    for (const f of ["cases", "weeks", "practitioner-weeks"]) {
      const csv = readFileSync(join(out, `${f}.csv`), "utf8").split("\n");
      expect(csv.pop()).toBe("");
      expect(csv.every((line) => line !== "")).toBe(true);
      const json = JSON.parse(readFileSync(join(out, `${f}.json`), "utf8")) as { replication: number }[];
      expect(csv[0].startsWith("replication,")).toBe(true);
      expect(csv.length - 1).toBe(json.length);
      expect(new Set(json.map((row) => row.replication))).toEqual(new Set([0, 1]));
    }
    expect(readFileSync(join(out, "weeks.csv"), "utf8")).toMatch(/slots\.oneToOne/);
    expect(existsSync(join(out, "kpis.csv"))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, "result.json"), "utf8"))).toEqual(JSON.parse(r.stdout));
    expect(JSON.parse(r.stdout).warmup).toEqual({ mode: "fixed", weeks: 4, batches: null });
  });

  it.each([
    [["--reps", "0"], /--reps/],
    [["--workers", "0"], /--workers/],
    [["--warmup", "soon"], /--warmup/],
    [["--warmup", "60"], /^mhst: --warmup: 60 weeks must be less than the run's 52 weeks$/],
    [["--set", "casework.slotsPerDayy=3"], /--set.*casework\.slotsPerDayy.*not a field/],
    [["--kpi", "nope"], /--kpi: unknown KPI "nope"/],
    [["--scope", "region"], /--scope/],
  ])("rejects %j with one line and exit code 2", async (flags, message) => {
    const r = await mhst("run", "trailblazer-team", ...flags);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("rejects an --out directory it cannot create", async () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    const r = await mhst("run", "trailblazer-team", "--reps", "2", "--out", join(file, "sub"));
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(`mhst: --out: ${join(file, "sub")} cannot be created: ${file} is not a directory`);
  });

  it("rejects an unknown scenario", async () => {
    const r = await mhst("run", "no-such-scenario");
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/no-such-scenario/);
  });
});
