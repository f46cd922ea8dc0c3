// Data loader for "Staffing scenarios": the built-in `trailblazer-team` scenario with a vacancy,
// with two trainee EMHPs (who stay, or who leave when they qualify) and with one extra
// practitioner, compared in pairs under common random numbers over two school years; then the
// least number of EMHPs that meets a four-week waiting-time target, found with the project's
// capacity solver.
import { chartPalette } from "../../../dist/server/charts/palette.js";
import { timeAxisOf, weekStart } from "../../../dist/server/charts/time-axis.js";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { loadScenario, resolveScenario } from "../../../dist/scenarios/index.js";
import { KPI_DOCS, buildCalendar, computeKpis, simulate } from "../../../dist/sim/model/index.js";
import { modelSimulator, reduceReplications, solveCapacity, summariseReplication, verifySeedOf } from "../../../dist/sim/experiment/index.js";
import { confidenceInterval, pairedDifference } from "../../../dist/sim/stats/index.js";
import { assumptions } from "../../lib/assumptions.js";
import { withCases } from "../../lib/records.js";

const SCENARIO = "trailblazer-team";
const SEED = 2026;
const REPLICATIONS = 30;
const YEARS = 2; // a trainee who leaves on qualifying is missed in the second autumn
// Waits by the school year of referral; "startedInYear" counts first contacts made in the year.
const KPIS = ["waitWeeksMeanCensored", "shareSeenWithinStandard", "startedInYear"];
// The solver: whole EMHPs from 1 to 10, the target as a share of children starting within 4 weeks.
const SOLVE_GRID = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const SOLVE_TARGETS = [0.5, 0.6, 0.7, 0.8];
const SOLVE_REPLICATIONS = 20;

const base = loadScenario(SCENARIO);
// Calendar dates of the weeks and the school holidays, from the scenario's own calendar over the run.
const axis = timeAxisOf(buildCalendar({ ...base.calendar, years: YEARS }));
const raw = parse(readFileSync(resolveScenario(SCENARIO).path, "utf8"));
const autumnHalfTerm = base.calendar.terms[0].halfTerm.start;
const allClusters = base.clusters.map((c) => c.id);
const extraEmhp = (id) => ({ id, role: "emhp", fte: 1, allocation: { clusters: allClusters } });

const years = `calendar.years=${YEARS}`;
const SCENARIOS = [
  { id: "baseline", label: "Full team", overrides: [years], what: "4 qualified EMHPs and 3 senior clinicians, all year (the scenario as written)." },
  {
    id: "vacancy",
    label: "Vacancy from October",
    overrides: [years, `practitioners[emhp-2].endDate=${autumnHalfTerm}`],
    what: `EMHP emhp-2 leaves at the autumn half-term (${autumnHalfTerm}); the post is re-advertised and filled after the recruitment lag.`,
  },
  {
    id: "traineesStay",
    label: "Two trainees who stay",
    overrides: [years, ...["emhp-3", "emhp-4"].map((p) => `practitioners[${p}].training={start: ${base.calendar.startDate}}`), "workforce.leaveAfterTrainingShare=0"],
    what: `Two of the four EMHPs are trainees on the September intake (${base.calendar.startDate}), away at university on training days; both stay when they qualify.`,
  },
  {
    id: "traineesLeave",
    label: "Two trainees who leave on qualifying",
    overrides: [years, ...["emhp-3", "emhp-4"].map((p) => `practitioners[${p}].training={start: ${base.calendar.startDate}}`), "workforce.leaveAfterTrainingShare=1"],
    what: "As above, but both leave when training ends; their posts are re-advertised and filled after the recruitment lag by qualified staff.",
  },
  {
    id: "extra",
    label: "One extra practitioner",
    overrides: [years, `practitioners=${JSON.stringify([...raw.practitioners, extraEmhp("emhp-5")])}`],
    what: "A fifth EMHP, full time, sharing five days a week across all five clusters by pupil numbers.",
  },
];

const started = performance.now();
const yearOf = (day) => Math.floor(day / 364); // the template year repeats every 52 weeks
function perYear(records, y) {
  const k = computeKpis(withCases(records, (c) => !c.initial && yearOf(c.referralDay) === y));
  const startedInYear = records.cases.filter((c) => c.firstContactDay !== null && yearOf(c.firstContactDay) === y).length;
  return { ...k, startedInYear };
}

const runs = new Map(); // scenario id -> { result, values: kpi/year -> per-replication values, staff: weekly present slots }
for (const sc of SCENARIOS) {
  const model = loadScenario(SCENARIO, { overrides: sc.overrides });
  const summaries = [];
  const values = new Map();
  const staffWeeks = new Map();
  for (let r = 0; r < REPLICATIONS; r++) {
    const records = simulate(model, { seed: SEED, replication: r });
    summaries.push(summariseReplication(modelSimulator, model, records, r, 0));
    for (let y = 0; y < YEARS; y++) {
      const k = perYear(records, y);
      for (const kpi of KPIS) {
        const key = `${kpi}/${y}`;
        if (!values.has(key)) values.set(key, []);
        values.get(key).push(k[kpi]);
      }
    }
    // Clinical capacity actually present each week: slots not lost to vacancy or university.
    for (const pw of records.practitionerWeeks) {
      const slots = Object.values(pw.slots).reduce((a, b) => a + b, 0);
      staffWeeks.set(pw.week, (staffWeeks.get(pw.week) ?? 0) + slots / REPLICATIONS);
    }
  }
  const result = reduceReplications(model, summaries, { seed: SEED, level: 0.95, warmup: { mode: "none", weeks: 0, batches: null } });
  runs.set(sc.id, { model, result, values, staffWeeks });
}

const weekly = [];
const capacity = [];
for (const sc of SCENARIOS) {
  const { result, staffWeeks } = runs.get(sc.id);
  for (const w of result.weekly) {
    if (w.scope === "service") weekly.push({ scenario: sc.label, week: w.week, date: weekStart(axis, w.week), waitlistMedian: w.waitlistMedian, waitlistP10: w.waitlistP10, waitlistP90: w.waitlistP90 });
  }
  for (const [week, slots] of [...staffWeeks].sort((a, b) => a[0] - b[0])) capacity.push({ scenario: sc.label, week, date: weekStart(axis, week), slots: Math.round(slots * 100) / 100 });
}

const kpis = [];
const comparisons = [];
const baseline = runs.get("baseline");
for (const sc of SCENARIOS) {
  const run = runs.get(sc.id);
  for (const kpi of KPIS) {
    for (let y = 0; y < YEARS; y++) {
      const v = run.values.get(`${kpi}/${y}`);
      const ci = confidenceInterval(v, 0.95);
      kpis.push({ scenario: sc.label, kpi, year: y + 1, mean: ci.mean, lo: ci.lo, hi: ci.hi });
      if (sc.id === "baseline") continue;
      const d = pairedDifference(baseline.values.get(`${kpi}/${y}`), v, 0.95);
      comparisons.push({ scenario: sc.label, versus: "Full team", kpi, year: y + 1, diff: d.mean, lo: d.lo, hi: d.hi });
    }
  }
}

// Least staffing: the scenario's three senior clinicians plus n EMHPs, one school year. With n <= 4
// the scenario's own EMHPs 1..n keep their clusters; each further EMHP shares five days across
// all clusters by pupils, so n = 4 is the scenario as written and n = 5 the "extra" scenario above.
const seniors = raw.practitioners.filter((p) => p.role !== "emhp");
const emhps = raw.practitioners.filter((p) => p.role === "emhp");
function withEmhps(n) {
  const list = emhps.slice(0, n);
  for (let i = emhps.length; i < n; i++) list.push(extraEmhp(`emhp-${i + 1}`));
  return loadScenario(SCENARIO, { overrides: [`practitioners=${JSON.stringify([...list, ...seniors])}`] });
}
const staffModels = new Map(SOLVE_GRID.map((n) => [n, withEmhps(n)]));
const kpiCache = new Map();
// The solver asks for (value, seed); runs are cached so the curve and every target share them.
function evaluate(n, seed) {
  const key = `${n}/${seed}`;
  if (!kpiCache.has(key)) {
    const model = staffModels.get(n);
    kpiCache.set(
      key,
      Array.from({ length: SOLVE_REPLICATIONS }, (_, r) => computeKpis(simulate(model, { seed, replication: r })).shareSeenWithinStandard),
    );
  }
  return kpiCache.get(key);
}
const VERIFY_SEED = verifySeedOf(SEED); // fresh replications to confirm an answer, as `mhst solve` does
const curve = SOLVE_GRID.map((n) => {
  const ci = confidenceInterval(evaluate(n, SEED), 0.95);
  return { emhps: n, mean: ci.mean, lo: ci.lo, hi: ci.hi };
});
const solutions = [];
for (const threshold of SOLVE_TARGETS) {
  const r = await solveCapacity({
    grid: SOLVE_GRID,
    target: { kpi: "shareSeenWithinStandard", op: ">=", threshold },
    evaluate,
    seed: SEED,
    verifySeed: VERIFY_SEED,
  });
  solutions.push({ target: threshold, status: r.status, emhps: r.value, bestEmhps: r.best.value, bestMean: r.best.mean, bestLo: r.best.lo, evaluations: r.curve.length });
}

process.stdout.write(
  JSON.stringify({
    // The NHS chart palette (server/charts/palette.ts), the same as the dashboard's charts.
    palette: chartPalette(),
    holidays: axis.holidays,
    settings: {
      scenario: SCENARIO,
      name: base.name,
      seed: SEED,
      replications: REPLICATIONS,
      years: YEARS,
      startDate: base.calendar.startDate,
      solveReplications: SOLVE_REPLICATIONS,
      solveGrid: SOLVE_GRID,
    },
    scenarios: SCENARIOS.map(({ id, label, what, overrides }) => ({ id, label, what, overrides: overrides.filter((o) => !o.startsWith("practitioners=")) })),
    assumptions: assumptions(SCENARIO, base, [
      "workforce.recruitmentLagWeeks",
      "workforce.refill",
      "workforce.leaveAfterTrainingShare",
      "referrals.ratePer1000PerWeek",
      "triage.triageDays",
      "triage.consentDays",
      "casework.slotsPerDay",
      "casework.sessions",
      "casework.caseloadCap",
      "meetings.supervisionSlotsPerWeek",
      "meetings.adminSlotsPerWeek",
    ]),
    kpiDocs: {
      ...Object.fromEntries(KPIS.filter((k) => KPI_DOCS[k]).map((k) => [k, KPI_DOCS[k]])),
      startedInYear: { label: "Started in the year", unit: "cases", description: "Children whose help started (first contact) during the school year." },
    },
    kpis,
    comparisons,
    weekly,
    capacity,
    curve,
    solutions,
    seconds: (performance.now() - started) / 1000,
  }),
);
