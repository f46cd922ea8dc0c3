import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextBatch, parsePrecision, precisionOf, type ComparisonRow, type ExperimentResult } from "../../sim/experiment/index.js";
import { mhst, oneLine } from "../experiment/cli-harness.js";
import { TRUE_SCENARIO } from "../calibrate/fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "mhst-precision-"));
const scenario = join(dir, "known.yaml");
beforeAll(() => writeFileSync(scenario, TRUE_SCENARIO));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const service = (r: ExperimentResult, kpi: string) => r.kpis.find((k) => k.scope === "service" && k.kpi === kpi)!;

describe("replications on demand", () => {
  it("parses absolute and relative targets and sizes the next batch by 1/√n, at most doubling", () => {
    expect(parsePrecision("0.05")).toEqual({ value: 0.05, relative: false });
    expect(parsePrecision("5%")).toEqual({ value: 0.05, relative: true });
    expect(() => parsePrecision("-1")).toThrow(/must be a number > 0/);
    const s = precisionOf([1, 2, 3, 4], { kpi: "x", value: 0.5, relative: false });
    // mean 2.5, sd 1.29, t(0.975, 3) = 3.182: half-width 2.054.
    expect(s.halfWidth).toBeCloseTo(2.054, 3);
    expect(s.met).toBe(false);
    expect(nextBatch(4, s, 500)).toBe(4);
    expect(nextBatch(40, { ...s, halfWidth: 0.6, wanted: 0.5 }, 500)).toBe(Math.ceil(40 * 1.44) - 40);
    expect(nextBatch(40, { ...s, halfWidth: 0.51, wanted: 0.5 }, 500)).toBe(5);
    expect(nextBatch(498, s, 500)).toBe(2);
    expect(precisionOf([10, 10.1, 9.9], { kpi: "x", value: 0.05, relative: true }).met).toBe(true);
  });

  it("run adds replications until the half-width is below P, and equals a plain run of that many", async () => {
    const r = await mhst("run", scenario, "--reps", "5", "--precision", "0.03", "--kpi", "shareSeenWithinStandard", "--scope", "service", "--json", "--workers", "2");
    expect(r.code).toBe(0);
    const m = /^mhst: --precision: half-width of the service's shareSeenWithinStandard ([\d.]+) < 0\.03 after n = (\d+) replications\n$/.exec(r.stderr)!;
    expect(m).not.toBeNull();
    const n = Number(m[2]);
    expect(n).toBeGreaterThan(5);
    const result = JSON.parse(r.stdout) as ExperimentResult;
    expect(result.replications).toBe(n);
    expect(service(result, "shareSeenWithinStandard").halfWidth).toBeLessThan(0.03);
    expect(service(result, "shareSeenWithinStandard").halfWidth).toBeCloseTo(Number(m[1]), 3);
    const plain = await mhst("run", scenario, "--reps", String(n), "--scope", "service", "--json", "--workers", "1");
    expect(plain.stdout).toBe(r.stdout);
  });

  it("stops at --max-reps and says the target was not reached", async () => {
    const r = await mhst("run", scenario, "--reps", "4", "--precision", "1%", "--kpi", "waitWeeksMeanCensored", "--max-reps", "11", "--scope", "service", "--json");
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^mhst: --precision: not reached at --max-reps 11: half-width of the service's waitWeeksMeanCensored [\d.]+, wanted < 1 % of the mean, [\d.]+, n = 11 replications\n$/);
    expect((JSON.parse(r.stdout) as ExperimentResult).replications).toBe(11);
  });

  it("compare adds paired replications until B − A is known to ± P", async () => {
    const r = await mhst("compare", scenario, "--set-b", "casework.slotsPerDay=5", "--reps", "5", "--precision", "0.5", "--kpi", "waitWeeksMeanCensored", "--json");
    expect(r.code).toBe(0);
    const n = Number(/after n = (\d+) replications/.exec(r.stderr)![1]);
    const out = JSON.parse(r.stdout) as { replications: number; rows: ComparisonRow[] };
    expect(out.replications).toBe(n);
    expect(out.rows).toHaveLength(1);
    expect(out.rows[0].halfWidth).toBeLessThan(0.5);
    expect(out.rows[0].n).toBe(n);
  });

  it("refuses a bad target in one line with exit code 2", async () => {
    const cases: [string[], RegExp][] = [
      [["--precision", "0.1"], /^mhst: --kpi: give one KPI with --precision/],
      [["--precision", "0.1", "--kpi", "referrals,completed"], /^mhst: --kpi: give one KPI with --precision/],
      [["--precision", "abc", "--kpi", "referrals"], /^mhst: --precision: "abc" must be a number > 0, or a percentage such as 5%$/],
      [["--precision", "0.1", "--kpi", "referrals", "--warmup", "auto"], /^mhst: --warmup: auto needs every replication/],
      [["--max-reps", "50"], /^mhst: --max-reps: only with --precision$/],
      [["--precision", "0.1", "--kpi", "referrals", "--reps", "30", "--max-reps", "20"], /^mhst: --max-reps: 20 must be at least --reps \(30\)/],
    ];
    for (const [flags, message] of cases) {
      const r = await mhst("run", scenario, ...flags);
      expect(r.code, flags.join(" ")).toBe(2);
      expect(oneLine(r.stderr)).toMatch(message);
    }
  });
});
