import { describe, expect, it } from "vitest";
import { mhst, oneLine } from "../experiment/cli-harness.js";

describe("mhst sweep", () => {
  it("tabulates KPIs per point as JSON, CSV and text", async () => {
    const args = ["sweep", "trailblazer-team", "--param", "casework.slotsPerDay", "--values", "3,4", "--param", "referrals.ratePer1000PerWeek", "--values", "1,2", "--reps", "2", "--workers", "2", "--kpi", "waitWeeksMean,started"];
    const json = await mhst(...args, "--json");
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as Record<string, number | string>[];
    expect(rows).toHaveLength(4 * 2);
    expect(Object.keys(rows[0])).toEqual(["point", "casework.slotsPerDay", "referrals.ratePer1000PerWeek", "kpi", "mean", "lo", "hi", "sd", "n"]);
    expect(rows.map((r) => `${r["casework.slotsPerDay"]}/${r["referrals.ratePer1000PerWeek"]}`)).toEqual(["3/1", "3/1", "3/2", "3/2", "4/1", "4/1", "4/2", "4/2"]);
    const csv = await mhst(...args, "--csv");
    expect(csv.stdout.trimEnd().split("\n")).toHaveLength(1 + 8);
    const text = await mhst(...args);
    expect(text.stdout).toMatch(/4 points × 2 replications/);
  });

  it.each([
    [["--param", "casework.slotsPerDayy", "--values", "3,4"], /^mhst: --param: casework\.slotsPerDayy is not a field/],
    [["--param", "casework.slotsPerDay", "--values", "3,x"], /^mhst: --values: "3,x" has "x", which is not a number/],
    [["--param", "casework.slotsPerDay"], /^mhst: --values: give one list per --param/],
    [["--values", "1,2"], /^mhst: --param/],
    [["--param", "casework.slotsPerDay", "--values", "3,-1"], /^mhst: --values.*slotsPerDay/],
    [["--param", "casework.slotsPerDay", "--values", "3", "--reps", "0"], /--reps/],
    [["--param", "casework.slotsPerDay", "--values", "3", "--kpi", "speed"], /--kpi: unknown KPI "speed"/],
  ])("rejects %j with one line and exit code 2", async (flags, message) => {
    const r = await mhst("sweep", "trailblazer-team", ...flags);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(message);
  });
});
