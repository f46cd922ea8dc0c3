// Data loader for "Can the model be trusted?", part 2: how the built-in `trailblazer-team`
// scenario's answer depends on inputs that no published figure pins down. Response curves of four
// inputs (sweepGrid, runExperiment, sweepTable), then the analyses of `mhst sensitivity` on the
// scenario's own `uncertainty` block (uncertaintyOf, runSensitivity): one at a time with paired
// intervals (the tornado) and a Morris screening (μ*, σ). Every point uses the same seed, so
// results differ by the inputs, not by chance (common random numbers).
import { chartPalette } from "../../../dist/server/charts/palette.js";
import { loadScenario, uncertaintyOf } from "../../../dist/scenarios/index.js";
import { KPI_DOCS } from "../../../dist/sim/model/index.js";
import { DEFAULT_TARGET_KPI, ExperimentPool, modelSimulator, pointOverrides, runExperiment, runExperimentsParallel, runSensitivity, sweepGrid, sweepTable } from "../../../dist/sim/experiment/index.js";
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { resolveScenario } from "../../../dist/scenarios/index.js";
import { assumptions } from "../../lib/assumptions.js";

/** The comment that gives the reasoning for the i-th range of a scenario's uncertainty block. */
function rangeReasons(scenarioId) {
  const doc = parseDocument(readFileSync(resolveScenario(scenarioId).path, "utf8"));
  const seq = doc.get("uncertainty", true);
  return (seq?.items ?? []).map((item, i) => {
    // Reasoning above an entry wins over its line's comment ("see the reasoning above"); a
    // comment above the first entry belongs to the list itself in the YAML tree.
    const above = item.commentBefore ?? (i === 0 ? seq.commentBefore : undefined);
    const range = item.get?.("range", true) ?? item.get?.("distribution", true);
    return (above ?? item.comment ?? range?.comment ?? "").replace(/\s*\n\s*/g, " ").trim();
  });
}

const SCENARIO = "trailblazer-team";
const SEED = 2026;
const REPLICATIONS = 10;
// Morris: trajectories × (inputs + 1) points, fewer replications each (a point's mean is all it reads).
const MORRIS_TRAJECTORIES = 6;
const MORRIS_REPLICATIONS = 3;
const KPIS = ["shareSeenWithinStandard", "waitWeeksMeanCensored", "started", "utilisation"];

// Each input: the values swept, and its plausible range, shaded on its curve (from the source
// named in `range`, or marked as an assumption).
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

// The analyses `mhst sensitivity` runs, on the ranges the scenario file documents for its
// assumptions (its uncertainty block), each point on the same seed.
const factors = uncertaintyOf(SCENARIO);
const pool = new ExperimentPool({ workers: 2 });
const analyse = (options, replications) =>
  runSensitivity({
    factors,
    options,
    kpi: DEFAULT_TARGET_KPI,
    replications,
    seed: SEED,
    load: (overrides) => loadScenario(SCENARIO, { overrides }),
    run: (models) => runExperimentsParallel(pool, models, { replications, seed: SEED, scopes: ["service"] }),
  });
// The mechanisms beyond the single casework course (consultations, whole-school work, the
// virtual parenting groups of the intervention catalogue, virtual time out of term), one at a
// time over the ranges LLR's uncertainty block gives them: LLR is the built-in that uses them all.
const MECH_SCENARIO = "llr";
const MECH_REPLICATIONS = 4;
const MECHANISMS = /^(consultations|wholeSchool|interventions|calendar\.virtualOutsideTermShare)/;
const mechReasons = rangeReasons(MECH_SCENARIO);
const mechAll = uncertaintyOf(MECH_SCENARIO).map((f, i) => ({ f, reason: mechReasons[i] }));
const mechFactors = mechAll.filter((x) => MECHANISMS.test(x.f.path));
let oat;
let morris;
let mechanisms;
try {
  oat = await analyse({ method: "oat" }, REPLICATIONS);
  morris = await analyse({ method: "morris", trajectories: MORRIS_TRAJECTORIES }, MORRIS_REPLICATIONS);
  mechanisms = await runSensitivity({
    factors: mechFactors.map((x) => x.f),
    options: { method: "oat" },
    kpi: DEFAULT_TARGET_KPI,
    replications: MECH_REPLICATIONS,
    seed: SEED,
    load: (overrides) => loadScenario(MECH_SCENARIO, { overrides }),
    run: (models) => runExperimentsParallel(pool, models, { replications: MECH_REPLICATIONS, seed: SEED, scopes: ["service"] }),
  });
} finally {
  await pool.close();
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
    // Ranges from the scenario's uncertainty block, with the comment that gives each its reasoning.
    uncertainty: factors.map((f, i) => ({ field: f.path, value: f.base ?? null, low: f.low, high: f.high, reason: rangeReasons(SCENARIO)[i] })),
    oat,
    morris,
    mechanisms: {
      scenario: MECH_SCENARIO,
      name: loadScenario(MECH_SCENARIO).name,
      replications: MECH_REPLICATIONS,
      uncertainty: mechFactors.map((x) => ({ field: x.f.path, value: x.f.base ?? null, low: x.f.low, high: x.f.high, reason: x.reason })),
      oat: mechanisms,
    },
    seconds: (performance.now() - started) / 1000,
  }),
);
