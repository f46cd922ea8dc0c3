import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadScenarioText } from "../../scenarios/index.js";
import { simulate, type CaseRecord } from "../../sim/model/index.js";
import { monthSpans, type BacktestMonth, type BacktestSummary } from "../../sim/calibrate/index.js";
import { RecordWriter } from "../../cli/record-writer.js";
import { mhst, oneLine } from "../experiment/cli-harness.js";
import { TRUE_SCENARIO } from "../calibrate/fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "mhst-backtest-"));
const scenario = join(dir, "known.yaml");
const data = join(dir, "cases.csv");
let cases: readonly CaseRecord[] = [];
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  writeFileSync(scenario, TRUE_SCENARIO);
  const model = loadScenarioText(TRUE_SCENARIO, { file: scenario });
  // The "service's" data: a replication the back-test's own replications (seed 1) never draw.
  const run = simulate(model, { seed: 101, replication: 0 });
  cases = run.cases;
  const w = new RecordWriter(dir);
  w.write(run, 0);
  w.close();
});

interface Backtest {
  format: string;
  initialWaiting: number;
  initialPerCluster: number;
  months: BacktestMonth[];
  summary: BacktestSummary;
}

describe("mhst backtest", () => {
  it("the true scenario has at least 70 % of the observed months inside the simulated 10–90 % band", async () => {
    const chart = join(dir, "backtest.vl.json");
    const r = await mhst("backtest", scenario, "--data", data, "--reps", "20", "--json", "--chart", chart);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Backtest;
    expect(out.format).toBe("mhst-backtest/1");
    // Four waiting per cluster on day 0, as the scenario started them.
    expect([out.initialWaiting, out.initialPerCluster]).toEqual([8, 4]);
    const months = monthSpans("2025-09-01", { fromDay: 0, toDay: 364 }).map((m) => m.month);
    expect(out.months.filter((m) => m.measure === "referrals").map((m) => m.month)).toEqual(months);
    // Observed referrals per month are the data's own counts.
    const sep = cases.filter((c) => !c.initial && c.referralDay < 30).length;
    expect(out.months.find((m) => m.measure === "referrals" && m.month === "2025-09")!.observed).toBe(sep);
    for (const m of out.months) if (m.p10 !== null) expect(m.p10 <= m.median! && m.median! <= m.p90!).toBe(true);
    expect(out.summary.months).toBeGreaterThan(40);
    expect(out.summary.shareInsideBand).toBeGreaterThanOrEqual(0.7);
    const spec = JSON.parse(readFileSync(chart, "utf8")) as { data: { values: unknown[] }; spec: { layer: { mark: { type: string; color?: string } }[] } };
    expect(spec.data.values).toHaveLength(out.months.length);
    expect(spec.spec.layer.map((l) => l.mark.type)).toEqual(["area", "line", "point"]);
    expect(spec.spec.layer[0].mark.color).toBe("#41B6E6");
  });

  it("a scenario with three times the referrals falls outside the band in most months", async () => {
    const r = await mhst("backtest", scenario, "--data", data, "--reps", "10", "--json", "--set", "referrals.ratePer1000PerWeek=9");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Backtest;
    expect(out.summary.byMeasure.referrals.shareInsideBand).toBeLessThan(0.2);
    expect(out.summary.shareInsideBand).toBeLessThan(0.5);
  });

  it("prints a table with the share inside the band, and refuses unusable data with exit code 2", async () => {
    const r = await mhst("backtest", scenario, "--data", data, "--reps", "4");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^referrals\s+2025-09\s+\d+\s/m);
    expect(r.stdout).toMatch(/Observed months inside the band: \d+ % of \d+ \(referrals \d+ %, firstContacts \d+ %, completions \d+ %, waitlistEnd \d+ %, shareSeenWithinStandard \d+ %\)\n$/);
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "ReferralRequestReceivedDate,OrgIDEduEstab\n2030-01-01,p1\n");
    const b = await mhst("backtest", scenario, "--data", bad);
    expect(b.code).toBe(2);
    expect(oneLine(b.stderr)).toMatch(/^mhst: --data: .*bad\.csv: no usable rows; every row was dropped \(first: line 2, ReferralRequestReceivedDate: "2030-01-01" must lie within the scenario's calendar/);
  });
});
