/**
 * KPIs of one replication for the whole service, every team and every cluster in one pass,
 * plus the per-cluster weekly series and waiting-time histograms an experiment keeps. Read
 * from the run's columns when the records come straight from `simulate` (no record objects
 * are built), else from the record arrays. Each scope's KPIs equal `computeKpis` for that
 * scope (after the same warm-up), number for number: both finish the same tally.
 */

import { CaseState, OutcomeCode } from "./cases.js";
import { CI, CODE_COUNT, finishKpis, standardDaysByTeam, tallyStandard, WEEK_COUNTS } from "./kpi-tally.js";
import { fromRecords, scopesOf } from "./kpis-by-scope-records.js";
import { CF, F } from "./recorder.js";
import type { RunRecords } from "./records.js";
import { COLUMNS, mechanismsOf, type RunColumns } from "./run-records.js";
import { NA, NK, NW, sums, type Resolved, type ScopedKpiOptions, type ScopedKpis } from "./scoped-kpis.js";
import { WAIT_HISTOGRAM_WEEKS, waitBin } from "./wait-bins.js";

export type { ScopeList, ScopedKpiOptions, ScopedKpis, WeeklyCount } from "./scoped-kpis.js";

/**
 * KPIs of one replication for the service, each team and each cluster (keys as
 * `computeKpis`), the weekly series asked for, and waiting-time histograms of the service and
 * each cluster.
 *
 * Cost: O(cases + weeks × clusters × fields) plus sorting each scope's waits; memory
 * O(cases started + clusters × (weeks × fields + bins)). No record object is built when the
 * records come from `simulate`.
 * @throws RangeError when `warmupWeeks` or `histogramWeeks` is not a whole number >= 0.
 * @example
 * const run = simulate(model, { seed: 1, replication: 0 });
 * computeKpisByScope(run).clusters.get("north")!.waitWeeksMedian === computeKpis(run, { cluster: "north" }).waitWeeksMedian;
 */
export function computeKpisByScope(records: RunRecords, options: ScopedKpiOptions = {}): ScopedKpis {
  const warm = options.warmupWeeks ?? 0;
  const bins = options.histogramWeeks ?? WAIT_HISTOGRAM_WEEKS;
  if (!Number.isInteger(warm) || warm < 0) throw new RangeError(`computeKpisByScope: warmupWeeks ${warm} must be a whole number >= 0`);
  if (!Number.isInteger(bins) || bins < 0) throw new RangeError(`computeKpisByScope: histogramWeeks ${bins} must be a whole number >= 0`);
  const cols = (records as unknown as { [COLUMNS]?: RunColumns })[COLUMNS];
  const o = { warm, bins, teams: options.teams ?? true, clusters: options.clusters ?? true, fields: options.weeklyFields ?? [] };
  return cols ? fromColumns(cols, o) : fromRecords(records, o, options.scopes ?? scopesOf(records));
}


function fromColumns(cols: RunColumns, o: Resolved): ScopedKpis {
  const { model, cases: c, rec } = cols;
  const nC = model.clusters.length;
  const teamIndex = new Map(model.teams.map((t, i) => [t.id, i]));
  const fromDay = 7 * o.warm;
  const nb = o.bins + 1;
  const hist = new Float64Array((1 + (o.clusters ? nC : 0)) * nb);
  const s = sums(nC);
  const k = s.counts;
  const std = standardDaysByTeam(model);
  const H = cols.horizonDays;
  const kmKey = new Float64Array(c.n);
  const kmOff = new Int32Array(nC + 1);
  for (let i = 0; i < c.n; i++) {
    if (c.referralDay[i] < fromDay) continue;
    const ci = c.cluster[i];
    const at = ci * NK;
    const initial = c.initial[i] === 1;
    const st = c.state[i];
    k[at + (initial ? CI.initialWaiting : CI.referrals)]++;
    const accepted = c.consentDay[i] >= 0 && c.outcome[i] !== OutcomeCode.Declined;
    if (!initial && accepted) k[at + CI.accepted]++;
    kmKey[i] = tallyStandard(k, at, c.referralDay[i], std[c.team[i]], accepted, c.firstDay[i], st === CaseState.Waiting, c.endDay[i], H);
    if (kmKey[i] >= 0) kmOff[ci + 1]++;
    if (c.firstDay[i] >= 0) {
      s.concern[ci] += c.firstDay[i] - c.concernDay[i];
      k[at + CI.started]++;
      const b = waitBin(c.firstDay[i] - c.referralDay[i], o.bins);
      hist[b]++;
      if (o.clusters) hist[(1 + ci) * nb + b]++;
    }
    k[at + (st === CaseState.Closed ? CODE_COUNT[c.outcome[i]] : st === CaseState.Waiting ? CI.waitlistEnd : st === CaseState.Open || st === CaseState.Between ? CI.openEnd : CI.inTriageEnd)]++;
  }
  // Waits grouped by cluster (a counting sort on the cluster index), so that a scope's waits
  // are one slice (a cluster) or a few (a team).
  const off = new Int32Array(nC + 1);
  for (let ci = 0; ci < nC; ci++) off[ci + 1] = off[ci] + k[ci * NK + CI.started];
  const waits = new Float64Array(off[nC]);
  const next = off.slice(0, nC);
  for (let ci = 0; ci < nC; ci++) kmOff[ci + 1] += kmOff[ci];
  const km = new Float64Array(kmOff[nC]);
  const kmNext = kmOff.slice(0, nC);
  for (let i = 0; i < c.n; i++) {
    if (c.referralDay[i] < fromDay) continue;
    if (c.firstDay[i] >= 0) waits[next[c.cluster[i]]++] = c.firstDay[i] - c.referralDay[i];
    if (kmKey[i] >= 0) km[kmNext[c.cluster[i]]++] = kmKey[i];
  }
  const a = rec.cw;
  const weekAt = WEEK_COUNTS.map((f) => F[f]);
  for (let w = o.warm; w < rec.weeks; w++) {
    for (let ci = 0; ci < rec.nC; ci++) {
      const r = (w * rec.nC + ci) * CF;
      s.contacts[ci] += a[r + F.contacts];
      for (let j = 0; j < NA; j++) s.slots[ci * NA + j] += a[r + F.SLOTS + j];
      for (let j = 0; j < NW; j++) s.weekCounts[ci * NW + j] += a[r + weekAt[j]];
    }
  }
  const mechanisms = mechanismsOf(model);
  const horizon = Math.max(0, cols.horizonDays - fromDay);
  const nW = Math.max(0, Math.ceil(cols.horizonDays / 7));
  const nF = o.fields.length;
  const weekly = new Float64Array((1 + (o.clusters ? nC : 0)) * nF * nW);
  const fieldAt = o.fields.map((f) => F[f]);
  for (let w = 0; w < Math.min(nW, rec.weeks); w++) {
    for (let ci = 0; ci < rec.nC; ci++) {
      const r = (w * rec.nC + ci) * CF;
      for (let f = 0; f < nF; f++) {
        const v = a[r + fieldAt[f]];
        weekly[f * nW + w] += v;
        if (o.clusters) weekly[((1 + ci) * nF + f) * nW + w] = v;
      }
    }
  }
  // Counts, contacts and slots are whole numbers, so summing clusters into teams and the
  // service gives exactly computeKpis's sums, whatever the order.
  const kpisOf = (members: readonly number[]): Record<string, number> => {
    const t = sums(1);
    let n = 0;
    let nk = 0;
    for (const ci of members) {
      n += off[ci + 1] - off[ci];
      nk += kmOff[ci + 1] - kmOff[ci];
    }
    const w = new Float64Array(n);
    const kw = new Float64Array(nk);
    n = 0;
    nk = 0;
    for (const ci of members) {
      for (let j = 0; j < NK; j++) t.counts[j] += k[ci * NK + j];
      t.contacts[0] += s.contacts[ci];
      t.concern[0] += s.concern[ci];
      for (let j = 0; j < NA; j++) t.slots[j] += s.slots[ci * NA + j];
      for (let j = 0; j < NW; j++) t.weekCounts[j] += s.weekCounts[ci * NW + j];
      w.set(waits.subarray(off[ci], off[ci + 1]), n);
      n += off[ci + 1] - off[ci];
      kw.set(km.subarray(kmOff[ci], kmOff[ci + 1]), nk);
      nk += kmOff[ci + 1] - kmOff[ci];
    }
    return finishKpis({ counts: t.counts, waits: w, contacts: t.contacts[0], slots: t.slots, km: kw, concernWait: t.concern[0], weekCounts: t.weekCounts, mechanisms }, horizon);
  };
  const all = model.clusters.map((_, ci) => ci);
  const teams = new Map<string, Record<string, number>>();
  if (o.teams) {
    const members = model.teams.map(() => [] as number[]);
    model.clusters.forEach((cl, ci) => {
      const ti = teamIndex.get(cl.team);
      if (ti !== undefined) members[ti].push(ci);
    });
    model.teams.forEach((t, ti) => teams.set(t.id, kpisOf(members[ti])));
  }
  const clusters = new Map<string, Record<string, number>>();
  if (o.clusters) model.clusters.forEach((cl, ci) => clusters.set(cl.id, kpisOf([ci])));
  return {
    service: kpisOf(all),
    teams,
    clusters,
    clusterIds: o.clusters ? model.clusters.map((cl) => cl.id) : [],
    waitHistogram: { bins: o.bins, data: hist },
    weekly: { fields: o.fields, weeks: nW, data: weekly },
  };
}
