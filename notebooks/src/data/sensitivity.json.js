// Data loader for "Can the model be trusted?", part 2: one-at-a-time sensitivity of the built-in
// `trailblazer-team` scenario to four inputs that no published figure pins down (or only loosely),
// swept with the project's own experiment code (sweepGrid, runExperiment, sweepTable). Every point
// uses the same seed, so the curves differ by the input, not by chance (common random numbers).
import { chartPalette } from "../../../dist/server/charts/palette.js";
import { loadScenario } from "../../../dist/scenarios/index.js";
import { KPI_DOCS } from "../../../dist/sim/model/index.js";
import { modelSimulator, pointOverrides, runExperiment, sweepGrid, sweepTable } from "../../../dist/sim/experiment/index.js";
import { assumptions } from "../../lib/assumptions.js";

const SCENARIO = "trailblazer-team";
const SEED = 2026;
const REPLICATIONS = 10;
const KPIS = ["shareSeenWithinStandard", "waitWeeksMeanCensored", "started", "utilisation"];

// Each input: the values swept, and the plausible range used for the tornado chart (from the
// source named in `range`, or marked as an assumption).
const PARAMETERS = [
  {
    path: "referrals.ratePer1000PerWeek",
    label: "Referrals per 1,000 pupils per term week",
    values: [0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3],
    low: 0.5,
    high: 2,
    range: "assumption: no published referral rate; half to twice the scenario's value",
  },
  {
    path: "triage.signpostShare",
    label: "Share signposted at triage",
    values: [0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5],
    low: 0.1,
    high: 0.4,
    range: "assumption: signposting is described (seeds 000, 001) but no share is published",
  },
  {
    path: "casework.sessions",
    label: "Sessions per case",
    values: [4, 5, 6, 7, 8, 10, 12],
    low: 6,
    high: 8,
    range: "domain-figures: LI-CBT 6–8 sessions",
  },
  {
    path: "groups.slotsPerSession",
    label: "Case slots a group session counts as",
    // Up to a day's slots (casework.slotsPerDay = 4): a group session costing more cannot fit in
    // a day, no group ever runs, and its children never start.
    values: [1, 2, 3, 4],
    low: 2,
    high: 3,
    range: "seed 000 (Ealing): a group 'will count as 2-3 cases'",
  },
];

const base = loadScenario(SCENARIO);
const started = performance.now();
const rows = [];
const baselineValues = {};
for (const p of PARAMETERS) {
  const at = p.path.split(".").reduce((o, k) => o[k], base);
  // A distribution's baseline is its mean, for the chart's marker (sessions: triangular 6/7/8 → 7).
  baselineValues[p.path] = typeof at === "number" ? at : at.kind === "triangular" ? (at.min + at.mode + at.max) / 3 : at.value ?? at.mean;
  const points = sweepGrid([{ path: p.path, values: p.values }]);
  const results = points.map((point) =>
    runExperiment(modelSimulator, loadScenario(SCENARIO, { overrides: pointOverrides(point) }), { replications: REPLICATIONS, seed: SEED }),
  );
  for (const row of sweepTable(points, results, { kpis: KPIS }).objects()) {
    rows.push({ parameter: p.path, label: p.label, value: row[p.path], kpi: row.kpi, mean: row.mean, lo: row.lo, hi: row.hi });
  }
}

// The baseline run: the scenario as written (sessions triangular, not a fixed number).
const baseline = runExperiment(modelSimulator, base, { replications: REPLICATIONS, seed: SEED });
const baselineKpis = Object.fromEntries(
  baseline.kpis.filter((r) => r.scope === "service" && KPIS.includes(r.kpi)).map((r) => [r.kpi, { mean: r.mean, lo: r.lo, hi: r.hi }]),
);

const tornado = [];
for (const p of PARAMETERS) {
  for (const kpi of KPIS) {
    const at = (v) => rows.find((r) => r.parameter === p.path && r.kpi === kpi && r.value === v);
    tornado.push({ parameter: p.path, label: p.label, kpi, lowValue: p.low, highValue: p.high, atLow: at(p.low).mean, atHigh: at(p.high).mean, baseline: baselineKpis[kpi].mean, range: p.range });
  }
}

process.stdout.write(
  JSON.stringify({
    // The NHS chart palette (server/charts/palette.ts), the same as the dashboard's charts.
    palette: chartPalette(),
    settings: { scenario: SCENARIO, name: base.name, seed: SEED, replications: REPLICATIONS, years: base.calendar.years },
    parameters: PARAMETERS.map((p) => ({ ...p, baseline: baselineValues[p.path] })),
    assumptions: assumptions(SCENARIO, base, PARAMETERS.map((p) => p.path)),
    kpiDocs: Object.fromEntries(KPIS.map((k) => [k, KPI_DOCS[k]])),
    baseline: baselineKpis,
    sweep: rows,
    tornado,
    seconds: (performance.now() - started) / 1000,
  }),
);
