// Data loader for "Comparing cluster designs": the built-in `trailblazer-team` scenario (20 schools,
// 8,000 pupils, 4 EMHPs and 3 senior clinicians) with its schools grouped into 4, 5 or 7 clusters
// and the same staff, run under common random numbers (replication r of every design uses the
// same random streams) and compared in pairs with the project's own experiment code.
import { chartPalette } from "../../../dist/server/charts/palette.js";
import { timeAxisOf, weekStart } from "../../../dist/server/charts/time-axis.js";
import { loadScenario } from "../../../dist/scenarios/index.js";
import { KPI_DOCS, buildCalendar, computeKpis, simulate } from "../../../dist/sim/model/index.js";
import { compareResults, modelSimulator, reduceReplications, summariseReplication } from "../../../dist/sim/experiment/index.js";
import { pairedDifference, confidenceInterval } from "../../../dist/sim/stats/index.js";
import { assumptions } from "../../lib/assumptions.js";
import { withCases } from "../../lib/records.js";

const SCENARIO = "trailblazer-team";
const SEED = 2026;
const REPLICATIONS = 40;
const DESIGNS = [4, 5, 7]; // numbers of clusters
const BASELINE = 5; // the built-in scenario's number of clusters
const KPIS = ["waitWeeksMeanCensored", "waitWeeksP90", "shareSeenWithinStandard", "started", "completed", "contactsPerWeek", "waitlistEnd"];

const base = loadScenario(SCENARIO);
// Calendar dates of the weeks and the school holidays, from the scenario's own calendar.
const axis = timeAxisOf(buildCalendar(base.calendar));
const schools = base.schools;

// Clusters are runs of neighbouring schools in the scenario's list order (the file lists them
// by area), cut so that the largest cluster is as small as possible (the classic linear
// partition, by dynamic programming), so every design has clusters of similar pupil numbers.
function partition(sizes, k) {
  const n = sizes.length;
  const prefix = [0];
  for (const s of sizes) prefix.push(prefix.at(-1) + s);
  const best = Array.from({ length: k + 1 }, () => new Array(n + 1).fill(Infinity));
  const cut = Array.from({ length: k + 1 }, () => new Array(n + 1).fill(0));
  best[0][0] = 0;
  for (let j = 1; j <= k; j++) {
    for (let i = j; i <= n; i++) {
      for (let m = j - 1; m < i; m++) {
        // Ties go to the later cut, then the sum of squares breaks no further ties: the
        // result is deterministic because the loops run in a fixed order.
        const v = Math.max(best[j - 1][m], prefix[i] - prefix[m]);
        if (v < best[j][i]) {
          best[j][i] = v;
          cut[j][i] = m;
        }
      }
    }
  }
  const groups = [];
  for (let j = k, i = n; j > 0; j--) {
    const m = cut[j][i];
    groups.unshift([m, i]);
    i = m;
  }
  return groups;
}

// Staff: the same seven people and clinical days in every design (the scenario's: EMHPs and one
// senior clinician 5 days, two senior clinicians 4 days). Each cluster gets one named
// practitioner, largest cluster first, full-time staff first; staff left over (when there are
// fewer clusters than people) share their days across all clusters by pupil numbers.
const STAFF = base.practitioners.map((p) => ({
  id: p.id,
  days: p.pattern.reduce((n, [am, pm]) => n + (am ? 0.5 : 0) + (pm ? 0.5 : 0), 0),
}));
const staffOrder = [...STAFF].sort((a, b) => b.days - a.days);

function design(k) {
  const groups = partition(schools.map((s) => s.pupils), k);
  const clusters = groups.map(([from, to], i) => ({
    id: `k${i + 1}`,
    name: `${schools[from].id}–${schools[to - 1].id}`,
    schools: schools.slice(from, to).map((s) => s.id),
    pupils: schools.slice(from, to).reduce((n, s) => n + s.pupils, 0),
  }));
  const bySize = [...clusters].sort((a, b) => b.pupils - a.pupils);
  const named = new Map();
  staffOrder.forEach((p, i) => {
    if (i < k) named.set(p.id, bySize[i].id);
  });
  const overrides = [`clusters=${JSON.stringify(clusters.map(({ id, name }) => ({ id, name })))}`];
  for (const c of clusters) for (const s of c.schools) overrides.push(`schools[${s}].cluster=${c.id}`);
  for (const p of STAFF) {
    const own = named.get(p.id);
    // A shared post covers at most one cluster per half-day it has, the largest first.
    const allocation = { clusters: own ? [own] : bySize.slice(0, Math.floor(p.days * 2)).map((c) => c.id), days: p.days };
    overrides.push(`practitioners[${p.id}].pattern=null`, `practitioners[${p.id}].allocation=${JSON.stringify(allocation)}`);
  }
  const model = loadScenario(SCENARIO, { overrides });
  const staffing = STAFF.map((p) => ({
    design: `${k} clusters`,
    practitioner: p.id,
    days: p.days,
    named: named.get(p.id) ?? "shared by pupils",
  }));
  return { k, label: `${k} clusters`, model, clusters, staffing };
}

// Small schools: the half of the schools with the fewest pupils.
const ranked = [...schools].sort((a, b) => a.pupils - b.pupils || a.id.localeCompare(b.id));
const small = new Set(ranked.slice(0, schools.length / 2).map((s) => s.id));
const totalPupils = schools.reduce((n, s) => n + s.pupils, 0);
const smallPupilShare = schools.filter((s) => small.has(s.id)).reduce((n, s) => n + s.pupils, 0) / totalPupils;

const designs = DESIGNS.map(design);
const started = performance.now();
const results = new Map();
// Per design, per replication: small schools' share of attended sessions ÷ their share of
// pupils (1 = in proportion), and their children's mean wait minus the other schools'.
const equity = new Map();
const waitGap = new Map();
const perSchool = new Map(); // design -> school -> contacts per replication
for (const d of designs) {
  const summaries = [];
  const ratios = [];
  const gaps = [];
  const contacts = new Map(schools.map((s) => [s.id, []]));
  for (let r = 0; r < REPLICATIONS; r++) {
    const records = simulate(d.model, { seed: SEED, replication: r });
    summaries.push(summariseReplication(modelSimulator, d.model, records, r, 0));
    const bySchool = new Map(schools.map((s) => [s.id, 0]));
    for (const c of records.cases) bySchool.set(c.school, bySchool.get(c.school) + c.sessions);
    const total = [...bySchool.values()].reduce((a, b) => a + b, 0);
    const smallContacts = [...bySchool].filter(([id]) => small.has(id)).reduce((n, [, v]) => n + v, 0);
    ratios.push(smallContacts / total / smallPupilShare);
    const waitOf = (keep) => computeKpis(withCases(records, (c) => keep(small.has(c.school)))).waitWeeksMeanCensored;
    gaps.push(waitOf((isSmall) => isSmall) - waitOf((isSmall) => !isSmall));
    for (const [id, v] of bySchool) contacts.get(id).push(v);
  }
  results.set(d.k, reduceReplications(d.model, summaries, { seed: SEED, level: 0.95, warmup: { mode: "none", weeks: 0, batches: null } }));
  equity.set(d.k, ratios);
  waitGap.set(d.k, gaps);
  perSchool.set(d.k, contacts);
}

const kpiRows = [];
for (const d of designs) {
  for (const row of results.get(d.k).kpis) {
    if (row.scope === "service" && KPIS.includes(row.kpi)) kpiRows.push({ design: d.label, kpi: row.kpi, mean: row.mean, lo: row.lo, hi: row.hi });
  }
  for (const [kpi, values] of [["smallSchoolContactRatio", equity], ["smallSchoolWaitGap", waitGap]]) {
    const e = confidenceInterval(values.get(d.k), 0.95);
    kpiRows.push({ design: d.label, kpi, mean: e.mean, lo: e.lo, hi: e.hi });
  }
}

const comparisons = [];
for (const d of designs) {
  if (d.k === BASELINE) continue;
  for (const row of compareResults(results.get(BASELINE), results.get(d.k), { scopes: ["service"] })) {
    if (!KPIS.includes(row.kpi)) continue;
    comparisons.push({ design: d.label, versus: `${BASELINE} clusters`, kpi: row.kpi, diff: row.diff, lo: row.lo, hi: row.hi, welchLo: row.welchLo, welchHi: row.welchHi });
  }
  for (const [kpi, values] of [["smallSchoolContactRatio", equity], ["smallSchoolWaitGap", waitGap]]) {
    const p = pairedDifference(values.get(BASELINE), values.get(d.k), 0.95);
    comparisons.push({ design: d.label, versus: `${BASELINE} clusters`, kpi, diff: p.mean, lo: p.lo, hi: p.hi, welchLo: null, welchHi: null });
  }
}

const clusterRows = [];
for (const d of designs) {
  const result = results.get(d.k);
  for (const c of d.clusters) {
    const wait = result.kpis.find((r) => r.scope === "cluster" && r.id === c.id && r.kpi === "waitWeeksMeanCensored");
    const days = d.model.practitioners.reduce(
      (n, p) => n + p.pattern.reduce((h, [am, pm]) => h + (am === c.id ? 0.5 : 0) + (pm === c.id ? 0.5 : 0), 0),
      0,
    );
    clusterRows.push({
      design: d.label,
      cluster: c.id,
      schools: c.schools.join(" "),
      schoolCount: c.schools.length,
      pupils: c.pupils,
      practitionerDaysPerWeek: days,
      daysPer1000Pupils: (days / c.pupils) * 1000,
      waitWeeksMeanCensored: wait?.mean ?? null,
      waitLo: wait?.lo ?? null,
      waitHi: wait?.hi ?? null,
    });
  }
}

const schoolRows = [];
for (const d of designs) {
  for (const s of schools) {
    const e = confidenceInterval(perSchool.get(d.k).get(s.id), 0.95);
    const cluster = d.clusters.find((c) => c.schools.includes(s.id)).id;
    schoolRows.push({
      design: d.label,
      school: s.id,
      phase: s.phase,
      pupils: s.pupils,
      small: small.has(s.id),
      cluster,
      contactsPer1000Pupils: (e.mean / s.pupils) * 1000,
      contactsPerYear: e.mean,
    });
  }
}

const weekly = [];
for (const d of designs) {
  for (const w of results.get(d.k).weekly) {
    if (w.scope === "service") weekly.push({ design: d.label, week: w.week, date: weekStart(axis, w.week), waitlistMedian: w.waitlistMedian, waitlistP10: w.waitlistP10, waitlistP90: w.waitlistP90 });
  }
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
      baseline: `${BASELINE} clusters`,
      years: base.calendar.years,
      startDate: base.calendar.startDate,
      schools: schools.length,
      pupils: totalPupils,
      smallSchools: [...small],
      smallPupilShare,
    },
    assumptions: assumptions(SCENARIO, base, [
      "referrals.ratePer1000PerWeek",
      "referrals.mode",
      "referrals.urgentShare",
      "triage.signpostShare",
      "casework.slotsPerDay",
      "casework.sessions",
      "casework.caseloadCap",
      "groups.slotsPerSession",
      "meetings.linkMeetingSlots",
      "meetings.clusterMeetingSlots",
      "meetings.trainingDeliverySlots",
      "waitlist.scope",
      "waitlist.initialPerCluster",
      "calendar.years",
    ]),
    kpiDocs: {
      ...Object.fromEntries(KPIS.map((k) => [k, KPI_DOCS[k]])),
      smallSchoolContactRatio: { label: "Small schools' contacts ÷ pupils", unit: "ratio", description: "Small schools' share of attended sessions divided by their share of pupils; 1 means in proportion." },
      smallSchoolWaitGap: { label: "Small minus other schools' wait", unit: "weeks", description: "Mean wait of children from small schools minus that of children from the other schools." },
    },
    staffing: designs.flatMap((d) => d.staffing),
    kpis: kpiRows,
    comparisons,
    clusters: clusterRows,
    schools: schoolRows,
    weekly,
    seconds: (performance.now() - started) / 1000,
  }),
);
