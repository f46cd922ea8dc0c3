import { describe, expect, it } from "vitest";
import { compareResults, type ExperimentResult } from "../../sim/experiment/index.js";
import { buildChart, chartCsv, chartNames, chartSvg, formatDifference, formatValue, kpiTable, reportHtml, type RunInfo, type StoredResult } from "../../server/index.js";
import { fixtureResult } from "./fixtures.js";

const labels = { clusters: { north: "North cluster", south: "South cluster" }, teams: { "team-a": "Team A" } };

/** B = A with the service's share within four weeks up 3.2 points and North's down by a hair. */
function shifted(a: ExperimentResult): ExperimentResult {
  const shift = (scope: string, id: string, kpi: string) => (scope === "service" && kpi === "pctStartedWithin4Weeks" ? 0.032 : scope === "cluster" && id === "north" && kpi === "pctStartedWithin4Weeks" ? -1e-7 : 0);
  return {
    ...a,
    kpis: a.kpis.map((k) => {
      const d = shift(k.scope, k.id, k.kpi);
      // Paired values that differ by d in every replication, with a little spread for an interval.
      return { ...k, values: k.values.map((v, i) => (v === null ? null : v + d + (d === 0 ? 0 : (i - 2) * 1e-9))), mean: k.mean === null ? null : k.mean + d };
    }),
  };
}

const run = (kind: RunInfo["kind"], scenarioName: string): RunInfo => ({
  id: "run-7",
  kind,
  status: "done",
  scenarioName,
  request: {},
  progress: { done: 5, total: 5 },
  error: null,
  createdAt: "2026-11-25T20:00:00Z",
  startedAt: "2026-11-25T20:00:01Z",
  finishedAt: "2026-11-25T20:01:00Z",
});

async function rendered(stored: StoredResult, name: string) {
  return Promise.all(
    chartNames(stored).map(async (c) => {
      const chart = buildChart(stored, c, { scenario: name, date: "2026-11-25T20:01:00Z", runId: "run-7" })!;
      return { chart, svg: await chartSvg(chart), csv: await chartCsv(chart) };
    }),
  );
}

describe("report tables and captions", () => {
  it("prints differences with a sign, shares in percentage points, and no negative zero", () => {
    expect(formatDifference(-1e-7, "share (0–1)")).toBe("0.0 pp");
    expect(formatDifference(-0.0004, "weeks")).toBe("0.00");
    expect(formatDifference(0.032, "share (0–1)")).toBe("+3.2 pp");
    expect(formatDifference(-0.41, "weeks")).toBe("-0.41");
    expect(formatValue(0.4512, "share (0–1)")).toBe("45.1 %");
    expect(formatValue(null, "weeks")).toBe("–");
    // An index (the concentration index) keeps three decimals, so A and B line up.
    expect([formatValue(0.1, "index"), formatValue(0.1043, "index"), formatDifference(0.0062, "index"), formatDifference(-0.0001, "index")]).toEqual(["0.100", "0.104", "+0.006", "0.000"]);
  });

  it("a comparison report has service, team and cluster rows, signed differences and one caption per figure", async () => {
    const a = fixtureResult();
    const b = shifted(a);
    const stored: StoredResult = { kind: "compare", names: { a: "Now", b: "Now with casework.slotsPerDay=5" }, labels, labelsB: labels, a, b, comparison: compareResults(a, b) };
    const rows = kpiTable(stored);
    expect(new Set(rows.map((r) => r.scope))).toEqual(new Set(["Whole service", "Team: Team A", "Cluster: North cluster", "Cluster: South cluster"]));
    const html = reportHtml(run("compare", "Now vs Now with casework.slotsPerDay=5"), stored, await rendered(stored, "Now vs Now with casework.slotsPerDay=5"));
    expect(html).not.toContain("-0.00");
    expect(html).not.toMatch(/>-0(\.0+)?( pp)?</);
    const row = (scope: string) => html.split("\n").find((l) => l.startsWith(`<tr><td>${scope}</td><td>Started within 4 weeks (started only)</td>`))!;
    expect(row("Whole service")).toContain("<td>45.0 %</td><td>48.2 %</td><td>+3.2 pp</td>");
    expect(row("Cluster: North cluster")).toContain("<td>0.0 pp</td>");
    expect(row("Team: Team A")).toContain("<td>0.0 pp</td>");
    const captions = [...html.matchAll(/<figcaption>(.*?)<\/figcaption>/g)].map((m) => m[1]);
    expect(captions).toHaveLength(4);
    expect(new Set(captions).size).toBe(4);
    expect(captions[1]).toContain("Waiting list over time, whole service: A and B on one scale, and B − A");
    expect(captions[1]).toContain("A = Now; B = Now with casework.slotsPerDay=5");
    expect(captions[2]).toContain("Waiting list over time, by cluster: A (Now)");
    expect(captions[3]).toContain("Waiting list over time, by cluster: B (Now with casework.slotsPerDay=5)");
  });

  it("a run report has service, team and cluster rows with intervals", async () => {
    const stored: StoredResult = { kind: "run", labels, experiment: fixtureResult() };
    const html = reportHtml(run("run", "Fixture service"), stored, await rendered(stored, "Fixture service"));
    expect(html).toContain("<tr><td>Team: Team A</td><td>Mean wait (started only)</td><td>weeks</td><td>5.20</td><td>4.77 to 5.63</td></tr>");
    expect(html).toContain("<tr><td>Whole service</td><td>Started within 4 weeks (started only)</td><td>%</td><td>45.0 %</td>");
  });
});
