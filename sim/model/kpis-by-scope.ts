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
import { COLUMNS, liveColumns, mechanismsOf, type RunColumns } from "./run-records.js";
import { NA, NK, NW, sums, type Resolved, type ScopedKpiOptions, type ScopedKpis, type Sums } from "./scoped-kpis.js";
import { WAIT_HISTOGRAM_WEEKS, waitBin } from "./wait-bins.js";
import { handBack, scratchInt32, ScratchUse } from "./scratch.js";

export type { ScopeList, ScopedKpiOptions, ScopedKpis, WeeklyCount } from "./scoped-kpis.js";

/**
 * KPIs of one replication for the service, each team and each cluster (keys as
 * `computeKpis`), the weekly series asked for, and waiting-time histograms of the service and
 * each cluster.
 *
 * Cost: O(cases + weeks × clusters × fields) plus one sort of the waits (a counting sort on
 * days), dealt out by team and cluster; memory
 * O(cases + clusters × (weeks × fields + bins)). No record object is built when the
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
  return cols ? fromColumns(liveColumns(cols), o) : fromRecords(records, o, options.scopes ?? scopesOf(records));
}


// fromColumns's loops are functions of their own: each is optimised as a whole after its first
// run, and one that meets a case it had not seen before (a new kind of feedback in the first
// replications) is recompiled alone, not the whole pass with it.
function fromColumns(cols: RunColumns, o: Resolved): ScopedKpis {
  const { model, rec } = cols;
  const nC = model.clusters.length;
  const teamIndex = new Map(model.teams.map((t, i) => [t.id, i]));
  const teamOf = Int32Array.from(model.clusters, (cl) => teamIndex.get(cl.team) ?? -1);
  const nb = o.bins + 1;
  const hist = new Float64Array((1 + (o.clusters ? nC : 0)) * nb);
  const s = sums(nC);
  // Per cluster: the days to date of every accepted child (see Tally.toDate) and their number.
  const toDays = new Float64Array(nC);
  const toN = new Float64Array(nC);
  // Waits are whole days: 32 bits hold them exactly, in half the room of a double.
  const waitOf = scratchInt32(ScratchUse.WaitOf, cols.cases.n);
  const waitCluster = scratchInt32(ScratchUse.WaitCluster, cols.cases.n);
  const nWaits = tallyCases(cols, o, teamOf, standardDaysByTeam(model), s, hist, toDays, toN, waitOf, waitCluster);
  const waits = byScope(waitOf.subarray(0, nWaits), waitCluster, nC, teamOf, o.teams ? model.teams.length : 0, o.clusters);
  // Whole numbers, so the sums are exact in any order: every counter of every cluster summed
  // over the kept weeks in one pass along the rows, then the ones the KPIs read picked out.
  const a = rec.clusterWeeks();
  pickSums(columnSums(a, o.warm, rec.weeks, rec.nC * CF), rec.nC, s);
  const nW = Math.max(0, Math.ceil(cols.horizonDays / 7));
  const weekly = weeklySeries(a, rec.nC, Math.min(nW, rec.weeks), nW, o, nC);
  const m: Finish = { s, toDays, toN, mechanisms: mechanismsOf(model), horizon: Math.max(0, cols.horizonDays - 7 * o.warm) };
  const teams = new Map<string, Record<string, number>>();
  if (o.teams) {
    const members = model.teams.map(() => [] as number[]);
    for (let ci = 0; ci < nC; ci++) if (teamOf[ci] >= 0) members[teamOf[ci]].push(ci);
    model.teams.forEach((t, ti) => teams.set(t.id, kpisOf(m, members[ti], waits.team(ti))));
  }
  const clusters = new Map<string, Record<string, number>>();
  if (o.clusters) model.clusters.forEach((cl, ci) => clusters.set(cl.id, kpisOf(m, [ci], waits.cluster(ci))));
  const service = kpisOf(m, model.clusters.map((_, ci) => ci), waits.all);
  handBack(...waits.owned);
  return {
    service,
    teams,
    clusters,
    clusterIds: o.clusters ? model.clusters.map((cl) => cl.id) : [],
    waitHistogram: { bins: o.bins, data: hist },
    weekly: { fields: o.fields, weeks: nW, data: weekly },
  };
}

/**
 * One pass over the cases: each cluster's counts, first-contact standard and days to date,
 * the wait histograms, and the waits of started cases with their clusters (into `waitOf` and
 * `waitCluster`, in case order). Returns the number of waits.
 */
function tallyCases(cols: RunColumns, o: Resolved, teamOf: Int32Array, std: Float64Array, s: Sums, hist: Float64Array, toDays: Float64Array, toN: Float64Array, waitOf: Int32Array, waitCluster: Int32Array): number {
  const c = cols.cases;
  const k = s.counts;
  const H = cols.horizonDays;
  const fromDay = 7 * o.warm;
  const nb = o.bins + 1;
  let nWaits = 0;
  for (let i = 0; i < c.n; i++) {
    if (c.referralDay[i] < fromDay) continue;
    const ci = c.cluster[i];
    const at = ci * NK;
    const initial = c.initial[i] === 1;
    const st = c.state[i];
    k[at + (initial ? CI.initialWaiting : CI.referrals)]++;
    const accepted = c.consentDay[i] >= 0 && c.outcome[i] !== OutcomeCode.Declined;
    if (!initial && accepted) k[at + CI.accepted]++;
    const km = tallyStandard(k, at, c.referralDay[i], std[teamOf[ci]], accepted, c.firstDay[i], st === CaseState.Waiting, c.endDay[i], H);
    if (km >= 0) {
      toDays[ci] += Math.floor(km / 2);
      toN[ci]++;
    }
    if (c.firstDay[i] >= 0) {
      s.concern[ci] += c.firstDay[i] - c.concernDay[i];
      k[at + CI.started]++;
      const wait = c.firstDay[i] - c.referralDay[i];
      const b = waitBin(wait, o.bins);
      hist[b]++;
      if (o.clusters) hist[(1 + ci) * nb + b]++;
      waitOf[nWaits] = wait;
      waitCluster[nWaits++] = ci;
    }
    k[at + (st === CaseState.Closed ? CODE_COUNT[c.outcome[i]] : st === CaseState.Waiting ? CI.waitlistEnd : st === CaseState.Open || st === CaseState.Between ? CI.openEnd : CI.inTriageEnd)]++;
  }
  return nWaits;
}

/** Each cluster's contacts, slots and weekly counts, picked out of its counters' sums over the kept weeks. */
function pickSums(total: Float64Array, nCr: number, s: Sums): void {
  const weekAt = Int32Array.from(WEEK_COUNTS, (f) => F[f]);
  for (let ci = 0; ci < nCr; ci++) {
    const r = ci * CF;
    s.contacts[ci] = total[r + F.contacts];
    for (let j = 0; j < NA; j++) s.slots[ci * NA + j] = total[r + F.SLOTS + j];
    for (let j = 0; j < NW; j++) s.weekCounts[ci * NW + j] = total[r + weekAt[j]];
  }
}

/** The weekly series of `o.fields`: the service's, then each cluster's (when asked for); `nWr` of the `nW` weeks have rows. */
function weeklySeries(a: Uint8Array | Uint16Array | Int32Array, nCr: number, nWr: number, nW: number, o: Resolved, nC: number): Float64Array {
  const nF = o.fields.length;
  const weekly = new Float64Array((1 + (o.clusters ? nC : 0)) * nF * nW);
  const fieldAt = Int32Array.from(o.fields, (f) => F[f]);
  const byCluster = o.clusters;
  // A series runs along the weeks and the store along the clusters, so the weeks go in blocks
  // of eight: a block's rows stay in cache while each series gets a whole cache line of weeks.
  for (let w0 = 0; w0 < nWr; w0 += 8) {
    const w1 = Math.min(nWr, w0 + 8);
    for (let ci = 0; ci < nCr; ci++) {
      for (let f = 0; f < nF; f++) {
        const at = ci * CF + fieldAt[f];
        const own = ((1 + ci) * nF + f) * nW;
        for (let w = w0; w < w1; w++) {
          const v = a[w * nCr * CF + at];
          weekly[f * nW + w] += v;
          if (byCluster) weekly[own + w] = v;
        }
      }
    }
  }
  return weekly;
}

/** What every scope's KPIs are finished from: the clusters' sums, and the run's mechanisms and kept horizon. */
interface Finish {
  readonly s: Sums;
  readonly toDays: Float64Array;
  readonly toN: Float64Array;
  readonly mechanisms: ReturnType<typeof mechanismsOf>;
  readonly horizon: number;
}

/**
 * KPIs of a scope: its clusters' sums added up. Counts, contacts, slots and days to date are
 * whole numbers, so summing clusters into teams and the service gives exactly computeKpis's
 * sums, whatever the order.
 */
function kpisOf(m: Finish, members: readonly number[], w: Float64Array): Record<string, number> {
  const { s, toDays, toN } = m;
  const k = s.counts;
  const t = sums(1);
  let days = 0;
  let n = 0;
  for (const ci of members) {
    for (let j = 0; j < NK; j++) t.counts[j] += k[ci * NK + j];
    t.contacts[0] += s.contacts[ci];
    t.concern[0] += s.concern[ci];
    for (let j = 0; j < NA; j++) t.slots[j] += s.slots[ci * NA + j];
    for (let j = 0; j < NW; j++) t.weekCounts[j] += s.weekCounts[ci * NW + j];
    days += toDays[ci];
    n += toN[ci];
  }
  return finishKpis({ counts: t.counts, waits: w, sorted: true, contacts: t.contacts[0], slots: t.slots, toDate: { days, n }, concernWait: t.concern[0], weekCounts: t.weekCounts, mechanisms: m.mechanisms }, m.horizon);
}

/** Sum of each of the `width` counters of rows `from` … `to` − 1 (rows of `width`, one after another). */
function columnSums(rows: Uint8Array | Uint16Array | Int32Array, from: number, to: number, width: number): Float64Array {
  const out = new Float64Array(width);
  for (let w = from; w < to; w++) {
    const o = w * width;
    for (let j = 0; j < width; j++) out[j] += rows[o + j];
  }
  return out;
}

/** Values of the service, each team and each cluster, ascending within each. */
interface Sorted {
  /** Every value (the service). */
  readonly all: Float64Array;
  /** The values of team `ti` (a view; empty when teams were not asked for). */
  team(ti: number): Float64Array;
  /** The values of cluster `ci` (a view; empty when clusters were not asked for). */
  cluster(ci: number): Float64Array;
  /** The arrays behind the views, each with a buffer of its own (see `handBack`). */
  readonly owned: readonly Float64Array[];
}

/**
 * Groups values (waits in days) by the service, each team and each cluster, every group
 * ascending: one stable sort of all values, then stable passes that deal them out by cluster
 * and by team. Each scope's KPIs then read their slice as it is, instead of sorting the same
 * waits once per scope kind.
 * @param group cluster of each value; `teamOf`: team of each cluster (-1: none).
 */
function byScope(values: Float64Array | Int32Array, group: Int32Array, nC: number, teamOf: Int32Array, nT: number, clusters: boolean): Sorted {
  const n = values.length;
  const counted = countedByScope(values, group, nC, teamOf, nT, clusters);
  if (counted !== null) return counted;
  const order = ascendingOrder(values);
  const all = new Float64Array(n);
  for (let j = 0; j < n; j++) all[j] = values[order[j]];
  const owned = [all];
  const deal = (groups: number, groupOf: Int32Array) => {
    const off = new Int32Array(groups + 1);
    for (let i = 0; i < n; i++) if (groupOf[i] >= 0) off[groupOf[i] + 1]++;
    for (let g = 0; g < groups; g++) off[g + 1] += off[g];
    const out = new Float64Array(off[groups]);
    owned.push(out);
    const next = off.slice(0, groups);
    for (let j = 0; j < n; j++) {
      const i = order[j];
      const g = groupOf[i];
      if (g >= 0) out[next[g]++] = values[i];
    }
    return (g: number) => out.subarray(off[g], off[g + 1]);
  };
  const none = () => new Float64Array(0);
  const teamOfValue = () => {
    const t = new Int32Array(n);
    for (let i = 0; i < n; i++) t[i] = teamOf[group[i]];
    return t;
  };
  return {
    all,
    cluster: clusters ? deal(nC, group) : none,
    team: nT > 0 ? deal(nT, teamOfValue()) : none,
    owned,
  };
}

/**
 * {@link byScope} for whole numbers within a modest range (waits in days are): each cluster's
 * count of each value, summed into its team's and the service's, then each scope's values
 * written out from its counts in ascending order. No value is moved one by one, and the
 * slices hold the same numbers in the same order as the sort's. Null when the values are not
 * whole or the counts would take more room than the values.
 */
function countedByScope(values: Float64Array | Int32Array, group: Int32Array, nC: number, teamOf: Int32Array, nT: number, clusters: boolean): Sorted | null {
  // Each loop is a function of its own, optimised as a whole (see drawReferrals in referrals.ts).
  const n = values.length;
  const range = wholeRange(values);
  if (range === null || n === 0) return null;
  const lo = range[0];
  const r = range[1] - lo + 1;
  if ((1 + nC + nT) * r > 4 * n + 4096) return null;
  const byCluster = countByGroup(values, group, nC, r, lo);
  const service = new Int32Array(r);
  const byTeam = new Int32Array(Math.max(0, nT) * r);
  sumGroups(byCluster, nC, r, nT > 0 ? teamOf : null, service, byTeam);
  const none = () => new Float64Array(0);
  const all = writeOut(service, 1, r, lo);
  const ofClusters = clusters ? writeOut(byCluster, nC, r, lo) : null;
  const ofTeams = nT > 0 ? writeOut(byTeam, nT, r, lo) : null;
  handBack(byCluster, byTeam);
  return {
    all: all.out,
    cluster: ofClusters ? sliceOf(ofClusters) : none,
    team: ofTeams ? sliceOf(ofTeams) : none,
    owned: [all.out, ...(ofClusters ? [ofClusters.out] : []), ...(ofTeams ? [ofTeams.out] : [])],
  };
}

/** [smallest, largest] of the values, or null when one is not a whole number (or there are none). */
function wholeRange(values: Float64Array | Int32Array): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v)) return null;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return values.length > 0 ? [lo, hi] : null;
}

/** Count of each value (lo + v) in each group g, at g × r + v. */
function countByGroup(values: Float64Array | Int32Array, group: Int32Array, groups: number, r: number, lo: number): Int32Array {
  const counts = new Int32Array(groups * r);
  for (let i = 0; i < values.length; i++) counts[group[i] * r + values[i] - lo]++;
  return counts;
}

/** Adds each cluster's row of counts into `service`, and into its team's row of `byTeam` (teamOf null or -1: none). */
function sumGroups(byCluster: Int32Array, nC: number, r: number, teamOf: Int32Array | null, service: Int32Array, byTeam: Int32Array): void {
  for (let ci = 0; ci < nC; ci++) {
    const t = teamOf === null ? -1 : teamOf[ci];
    for (let v = 0; v < r; v++) {
      const k = byCluster[ci * r + v];
      service[v] += k;
      if (t >= 0) byTeam[t * r + v] += k;
    }
  }
}

/** Each of `groups` rows of value counts (value lo + v at row × r + v) written out ascending, one row after another, with each row's start. */
function writeOut(counts: Int32Array, groups: number, r: number, lo: number): { out: Float64Array; off: Int32Array } {
  const off = new Int32Array(groups + 1);
  for (let g = 0; g < groups; g++) {
    let k = 0;
    for (let v = 0; v < r; v++) k += counts[g * r + v];
    off[g + 1] = off[g] + k;
  }
  const out = new Float64Array(off[groups]);
  let j = 0;
  for (let g = 0; g < groups; g++) {
    for (let v = 0; v < r; v++) for (let k = counts[g * r + v]; k > 0; k--) out[j++] = lo + v;
  }
  return { out, off };
}

const sliceOf = ({ out, off }: { out: Float64Array; off: Int32Array }) => (g: number) => out.subarray(off[g], off[g + 1]);

/**
 * Indices of `values` in ascending order of value, ties in index order. Whole numbers within a
 * modest range (waits in days are) take a counting sort; anything else a comparison sort.
 */
function ascendingOrder(values: Float64Array | Int32Array): Int32Array {
  const n = values.length;
  const order = new Int32Array(n);
  let lo = Infinity;
  let hi = -Infinity;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (!Number.isInteger(v)) whole = false;
  }
  if (n > 0 && whole && hi - lo <= 4 * n + 4096) {
    const count = new Int32Array(hi - lo + 2);
    for (let i = 0; i < n; i++) count[values[i] - lo + 1]++;
    for (let v = 1; v < count.length; v++) count[v] += count[v - 1];
    for (let i = 0; i < n; i++) order[count[values[i] - lo]++] = i;
    return order;
  }
  const idx = Array.from({ length: n }, (_, i) => i).sort((x, y) => values[x] - values[y] || x - y);
  order.set(idx);
  return order;
}
