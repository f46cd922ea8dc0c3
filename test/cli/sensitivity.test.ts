import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sensitivityText } from "../../cli/commands/sensitivity.js";
import type { SensitivityResult } from "../../sim/experiment/sensitivity/plan.js";
import { mhst, oneLine } from "../experiment/cli-harness.js";

const dir = mkdtempSync(join(tmpdir(), "mhst-sensitivity-"));
const TINY = `name: Tiny
calendar: { years: 1 }
generate: { teams: 1, schoolsPerTeam: 4, pupilsPerTeam: 2400, clustersPerTeam: 2, staff: { emhp: 2, seniorClinician: 1 } }
referrals: { ratePer1000PerWeek: 3 }
`;
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const tiny = file("tiny.yaml", `${TINY}uncertainty:
  - { path: generate.staff.emhp, range: [1, 4] }
  - { path: casework.dnaShare, range: [0.05, 0.3] }
`);

describe("mhst sensitivity", () => {
  it("gives one at a time rows with paired intervals, the same for any number of workers", async () => {
    const one = await mhst("sensitivity", tiny, "--method", "oat", "--reps", "3", "--workers", "1", "--json");
    expect(one.code).toBe(0);
    const r = JSON.parse(one.stdout);
    expect(r).toMatchObject({ format: "mhst-sensitivity/1", method: "oat", kpi: "shareSeenWithinStandard", replications: 3, seed: 1, points: 5 });
    expect(r.rows.map((x: { parameter: string }) => x.parameter).sort()).toEqual(["casework.dnaShare", "generate.staff.emhp"]);
    const staff = r.rows.find((x: { parameter: string }) => x.parameter === "generate.staff.emhp");
    expect(Object.keys(staff)).toEqual(expect.arrayContaining(["parameter", "base", "low", "high", "lowDiff", "highDiff", "swing", "swingLo", "swingHi"]));
    expect(staff.base).toBe(2);
    expect(staff.swing).toBeGreaterThan(0);
    const two = await mhst("sensitivity", tiny, "--method", "oat", "--reps", "3", "--workers", "2", "--json");
    expect(two.stdout).toBe(one.stdout);
  });

  it("screens with Morris trajectories and ranks by PRCC, as JSON and text", async () => {
    const m = await mhst("sensitivity", tiny, "--method", "morris", "--trajectories", "3", "--reps", "2", "--json");
    expect(m.code).toBe(0);
    const morris = JSON.parse(m.stdout);
    expect(morris).toMatchObject({ method: "morris", points: 3 * 3, trajectories: 3, levels: 4 });
    for (const row of morris.rows) expect(row).toEqual(expect.objectContaining({ parameter: expect.any(String), mu: expect.any(Number), muStar: expect.any(Number), sigma: expect.any(Number), n: 3 }));
    const l = await mhst("sensitivity", tiny, "--method", "lhs", "--samples", "6", "--reps", "2");
    expect(l.code).toBe(0);
    expect(l.stdout).toMatch(/^Tiny: Latin hypercube with PRCC, 2 inputs, 6 design points × 2 replications \(seed 1\), service shareSeenWithinStandard\n/);
    expect(l.stdout).toMatch(/parameter +range +prcc +p\n/);
  });

  it("writes the rows and the chart with --out", async () => {
    const out = join(dir, "out");
    const r = await mhst("sensitivity", tiny, "--method", "oat", "--reps", "2", "--out", out, "--kpi", "waitWeeksMeanCensored");
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "sensitivity.json"), "utf8")).kpi).toBe("waitWeeksMeanCensored");
    expect(readFileSync(join(out, "sensitivity.csv"), "utf8").split("\n")[0]).toMatch(/^parameter,base,low,high,/);
    const svg = readFileSync(join(out, "tornado.svg"), "utf8");
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain("generate.staff.emhp");
    expect(JSON.parse(readFileSync(join(out, "tornado.vl.json"), "utf8")).usermeta.mhst.scenario).toBe("Tiny");
  });

  it.each([
    [["--method", "best"], /^mhst: option '--method <m>' argument 'best' is invalid\. Allowed choices are oat, morris, lhs\.$/],
    [[], /^mhst: required option '--method <m>' not specified$/],
    [["--method", "oat", "--samples", "10"], /^mhst: --samples: only for --method lhs \(this is --method oat\)$/],
    [["--method", "lhs", "--trajectories", "4"], /^mhst: --trajectories: only for --method morris/],
    [["--method", "morris", "--trajectories", "1"], /^mhst: option '--trajectories <n>' argument '1' is invalid\. "1" must be a whole number from 2 to 1000$/],
    [["--method", "morris", "--levels", "5"], /^mhst: --levels: 5 must be an even whole number >= 2$/],
    [["--method", "lhs", "--samples", "3"], /^mhst: --samples: 3 must be a whole number >= 4 \(factors \+ 2\)$/],
    [["--method", "oat", "--kpi", "speed"], /^mhst: --kpi: unknown KPI "speed"/],
    [["--method", "oat", "--reps", "0"], /--reps/],
  ])("refuses %j with one line and exit code 2", async (flags, message) => {
    const r = await mhst("sensitivity", tiny, ...flags);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("refuses a scenario without an uncertainty block, or with a bad one, naming the field", async () => {
    const none = await mhst("sensitivity", file("none.yaml", TINY), "--method", "oat");
    expect(none.code).toBe(2);
    expect(oneLine(none.stderr)).toMatch(/^mhst: <scenario>: .*none\.yaml has no uncertainty block; list its uncertain inputs there/);
    const bad = await mhst("sensitivity", file("bad.yaml", `${TINY}uncertainty:\n  - { path: casework.dnaShare, range: [0.3, 0.1] }\n`), "--method", "oat");
    expect(bad.code).toBe(2);
    expect(oneLine(bad.stderr)).toMatch(/bad\.yaml:6: uncertainty\[0\]\.range: \[0\.3,0\.1\] low 0\.3 must be < high 0\.1$/);
    const notNumber = await mhst("sensitivity", file("text.yaml", `${TINY}uncertainty:\n  - { path: referrals.mode, range: [1, 2] }\n`), "--method", "oat");
    expect(oneLine(notNumber.stderr)).toMatch(/uncertainty\[0\]\.path: "referrals\.mode" is not a numeric field$/);
  });

  it("says when an input left the KPI the same at low and at high in every replication", () => {
    const row = (parameter: string, swing: number, lo: number, hi: number) => ({ parameter, base: 0.5, low: 0.4, high: 0.8, baseMean: 8.5, lowMean: 8.5, highMean: 8.5 + swing, lowDiff: 0, lowDiffLo: 0, lowDiffHi: 0, highDiff: swing, highDiffLo: lo, highDiffHi: hi, swing, swingLo: lo, swingHi: hi, n: 4 });
    const result = (rows: ReturnType<typeof row>[]): SensitivityResult => ({ format: "mhst-sensitivity/1", method: "oat", scenario: "Ealing", kpi: "waitWeeksMean", replications: 4, seed: 1, level: 0.95, points: 1 + 2 * rows.length, factors: [], rows });
    const text = sensitivityText(result([row("casework.dnaShare", 0.77, 0.26, 1.29), row("mhstPlus.interventionShare", 0, 0, 0), row("casework.slotsPerDay", 0, -0.4, 0.4)]));
    expect(text.split("\n").at(-2)).toBe("note: mhstPlus.interventionShare gave the same waitWeeksMean at low and at high in every replication: within its range it does not move this KPI, though it may move others (try another --kpi)");
    expect(sensitivityText(result([row("casework.dnaShare", 0.77, 0.26, 1.29), row("casework.slotsPerDay", 0, -0.4, 0.4)]))).not.toContain("note:");
  });

  it("prints each input's range and base as the scenario gives them, results to the usual precision", () => {
    const row = { parameter: "casework.dnaShare", base: 0.1, low: 0.05, high: 0.2, baseMean: 8.5, lowMean: 8.25, highMean: 9.125, lowDiff: -0.25, lowDiffLo: -0.5, lowDiffHi: 0, highDiff: 0.625, highDiffLo: 0.5, highDiffHi: 0.75, swing: 0.875, swingLo: 0.5, swingHi: 1.25, n: 4 };
    const slots = { ...row, parameter: "casework.slotsPerDay", base: 3.5, low: 3, high: 4 };
    const text = sensitivityText({ format: "mhst-sensitivity/1", method: "oat", scenario: "Ealing", kpi: "waitWeeksMean", replications: 4, seed: 1, level: 0.95, points: 5, factors: [], rows: [row, slots] });
    const lines = text.split("\n");
    expect(lines.find((l) => l.startsWith("casework.dnaShare"))?.split(/ {2,}/)).toEqual(["casework.dnaShare", "0.05–0.2", "0.1", "8.25", "9.13", "0.875", "[0.500, 1.25]"]);
    expect(lines.find((l) => l.startsWith("casework.slotsPerDay"))?.split(/ {2,}/).slice(0, 3)).toEqual(["casework.slotsPerDay", "3–4", "3.5"]);
  });

  it("refuses a Morris design beyond the work limit unless --force, before running anything", async () => {
    const r = await mhst("sensitivity", "national-2025", "--method", "morris", "--trajectories", "1000");
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/^mhst: --trajectories: 5000 design points × 10 replications; .*work units.*limit 5\.0e9; add --force to run it anyway$/);
  });
});
