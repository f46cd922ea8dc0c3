/**
 * KPIs of one replication for the whole service, every team and every cluster in one pass,
 * plus the per-cluster weekly series and waiting-time histograms an experiment keeps. Read
 * from the run's columns when the records come straight from `simulate` (no record objects
 * are built), else from the record arrays. Each scope's KPIs equal `computeKpis` for that
 * scope (after the same warm-up), number for number: both finish the same tally.
 */

import { CaseState, OutcomeCode } from "./cases.js";
import { CI, CODE_COUNT, COUNTS, finishKpis } from "./kpi-tally.js";
import { CF, F } from "./recorder.js";
import { ACTIVITIES, type RunRecords, type WeekClusterRecord } from "./records.js";
import { COLUMNS, type RunColumns } from "./run-records.js";
import { WAIT_HISTOGRAM_WEEKS, waitBin } from "./wait-bins.js";

/** Weekly cluster counts that {@link computeKpisByScope} can return as series. */
export type WeeklyCount = Exclude<keyof WeekClusterRecord, "week" | "cluster" | "team" | "slots">;

/** Teams and clusters to report, in report order (a cluster names its team). */
export interface ScopeList {
  readonly teams: readonly { readonly id: string }[];
  readonly clusters: readonly { readonly id: string; readonly team: string }[];
}

/** Options of {@link computeKpisByScope}. */
export interface ScopedKpiOptions {
  /**
   * Weeks of warm-up dropped from the KPIs and histograms (not from the weekly series): cases
   * referred before day 7·w and week rows before week w are left out, and the horizon shrinks
   * by 7·w days, exactly as `computeKpis(dropWarmup(records, w))`. Default 0.
   */
  readonly warmupWeeks?: number;
  /** KPIs per team; default true. */
  readonly teams?: boolean;
  /** KPIs, weekly series and histograms per cluster; default true. */
  readonly clusters?: boolean;
  /** Weekly counts to return as series (service and clusters, every week); default none. */
  readonly weeklyFields?: readonly WeeklyCount[];
  /** One-week histogram bins before the overflow bin; default {@link WAIT_HISTOGRAM_WEEKS}. */
  readonly histogramWeeks?: number;
  /**
   * Teams and clusters, for records without the run's columns (which know their model).
   * Default: those the records name, in order of first appearance.
   */
  readonly scopes?: ScopeList;
}

/** What {@link computeKpisByScope} returns. Rows of `weekly` and `waitHistogram`: the service, then `clusterIds`. */
export interface ScopedKpis {
  readonly service: Record<string, number>;
  /** KPIs by team id (empty when teams are left out). */
  readonly teams: ReadonlyMap<string, Record<string, number>>;
  /** KPIs by cluster id (empty when clusters are left out). */
  readonly clusters: ReadonlyMap<string, Record<string, number>>;
  readonly clusterIds: readonly string[];
  /**
   * Started cases by wait bin (see `waitBin`): row k, bin b at `data[k * (bins + 1) + b]`;
   * bin `bins` is the overflow.
   */
  readonly waitHistogram: { readonly bins: number; readonly data: Float64Array };
  /** Series: row k, field f (index in `fields`), week w at `data[(k * fields.length + f) * weeks + w]`; weeks = ⌈horizonDays / 7⌉. */
  readonly weekly: { readonly fields: readonly WeeklyCount[]; readonly weeks: number; readonly data: Float64Array };
}

const NK = COUNTS.length;
const NA = ACTIVITIES.length;

/** Per-scope sums: scope s's counts at s × NK, slots at s × NA. */
interface Sums {
  counts: Float64Array;
  contacts: Float64Array;
  slots: Float64Array;
}

const sums = (n: number): Sums => ({ counts: new Float64Array(n * NK), contacts: new Float64Array(n), slots: new Float64Array(n * NA) });

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
 * const k = computeKpisByScope(simulate(model, { seed: 1, replication: 0 }));
 * k.clusters.get("north")!.waitWeeksMedian === computeKpis(records, { cluster: "north" }).waitWeeksMedian;
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

interface Resolved {
  warm: number;
  bins: number;
  teams: boolean;
  clusters: boolean;
  fields: readonly WeeklyCount[];
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
  for (let i = 0; i < c.n; i++) {
    if (c.referralDay[i] < fromDay) continue;
    const ci = c.cluster[i];
    const at = ci * NK;
    const initial = c.initial[i] === 1;
    k[at + (initial ? CI.initialWaiting : CI.referrals)]++;
    if (!initial && c.consentDay[i] >= 0 && c.outcome[i] !== OutcomeCode.Declined) k[at + CI.accepted]++;
    if (c.firstDay[i] >= 0) {
      k[at + CI.started]++;
      const b = waitBin(c.firstDay[i] - c.referralDay[i], o.bins);
      hist[b]++;
      if (o.clusters) hist[(1 + ci) * nb + b]++;
    }
    const st = c.state[i];
    k[at + (st === CaseState.Closed ? CODE_COUNT[c.outcome[i]] : st === CaseState.Waiting ? CI.waitlistEnd : st === CaseState.Open ? CI.openEnd : CI.inTriageEnd)]++;
  }
  // Waits grouped by cluster (a counting sort on the cluster index), so that a scope's waits
  // are one slice (a cluster) or a few (a team).
  const off = new Int32Array(nC + 1);
  for (let ci = 0; ci < nC; ci++) off[ci + 1] = off[ci] + k[ci * NK + CI.started];
  const waits = new Float64Array(off[nC]);
  const next = off.slice(0, nC);
  for (let i = 0; i < c.n; i++) {
    if (c.referralDay[i] >= fromDay && c.firstDay[i] >= 0) waits[next[c.cluster[i]]++] = c.firstDay[i] - c.referralDay[i];
  }
  const a = rec.cw;
  for (let w = o.warm; w < rec.weeks; w++) {
    for (let ci = 0; ci < rec.nC; ci++) {
      const r = (w * rec.nC + ci) * CF;
      s.contacts[ci] += a[r + F.contacts];
      for (let j = 0; j < NA; j++) s.slots[ci * NA + j] += a[r + F.SLOTS + j];
    }
  }
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
    for (const ci of members) n += off[ci + 1] - off[ci];
    const w = new Float64Array(n);
    n = 0;
    for (const ci of members) {
      for (let j = 0; j < NK; j++) t.counts[j] += k[ci * NK + j];
      t.contacts[0] += s.contacts[ci];
      for (let j = 0; j < NA; j++) t.slots[j] += s.slots[ci * NA + j];
      w.set(waits.subarray(off[ci], off[ci + 1]), n);
      n += off[ci + 1] - off[ci];
    }
    return finishKpis({ counts: t.counts, waits: w, contacts: t.contacts[0], slots: t.slots }, horizon);
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

/** Teams and clusters named by the records, in order of first appearance. */
function scopesOf(records: RunRecords): ScopeList {
  const teams = new Map<string, { id: string }>();
  const clusters = new Map<string, { id: string; team: string }>();
  for (const r of [...records.cases, ...records.weeks]) {
    if (!teams.has(r.team)) teams.set(r.team, { id: r.team });
    if (!clusters.has(r.cluster)) clusters.set(r.cluster, { id: r.cluster, team: r.team });
  }
  return { teams: [...teams.values()], clusters: [...clusters.values()] };
}

// Each record is added to its service, team and cluster tallies in record order, exactly as
// computeKpis's record path adds it to one scope's (so sums of fractional values match too).
function fromRecords(records: RunRecords, o: Resolved, list: ScopeList): ScopedKpis {
  const teamIds = o.teams ? list.teams.map((t) => t.id) : [];
  const clusterIds = o.clusters ? list.clusters.map((c) => c.id) : [];
  const nT = teamIds.length;
  const teamAt = new Map(teamIds.map((id, i) => [id, 1 + i]));
  const clusterAt = new Map(clusterIds.map((id, i) => [id, 1 + nT + i]));
  const nS = 1 + nT + clusterIds.length;
  const s = sums(nS);
  const waits: number[][] = Array.from({ length: nS }, () => []);
  const nb = o.bins + 1;
  const hist = new Float64Array((1 + clusterIds.length) * nb);
  const fromDay = 7 * o.warm;
  const targets = (r: { team: string; cluster: string }) => {
    const out = [0];
    const t = teamAt.get(r.team);
    const c = clusterAt.get(r.cluster);
    if (t !== undefined) out.push(t);
    if (c !== undefined) out.push(c);
    return out;
  };
  for (const c of records.cases) {
    if (c.referralDay < fromDay) continue;
    const o2 = c.outcome;
    const end = o2 === "waiting" ? CI.waitlistEnd : o2 === "inTriage" ? CI.inTriageEnd : o2 === "open" ? CI.openEnd : CI[o2];
    const wait = c.firstContactDay === null ? null : c.firstContactDay - c.referralDay;
    for (const x of targets(c)) {
      const at = x * NK;
      s.counts[at + (c.initial ? CI.initialWaiting : CI.referrals)]++;
      if (!c.initial && c.consentDay !== null && o2 !== "declined") s.counts[at + CI.accepted]++;
      if (wait !== null) {
        s.counts[at + CI.started]++;
        waits[x].push(wait);
      }
      s.counts[at + end]++;
    }
    if (wait !== null) {
      const b = waitBin(wait, o.bins);
      hist[b]++;
      const ci = clusterAt.get(c.cluster);
      if (ci !== undefined) hist[(ci - nT) * nb + b]++;
    }
  }
  for (const w of records.weeks) {
    if (w.week < o.warm) continue;
    for (const x of targets(w)) {
      s.contacts[x] += w.contacts;
      ACTIVITIES.forEach((a, j) => (s.slots[x * NA + j] += w.slots[a]));
    }
  }
  const nW = Math.max(0, Math.ceil(records.horizonDays / 7));
  const nF = o.fields.length;
  const weekly = new Float64Array((1 + clusterIds.length) * nF * nW);
  for (const w of records.weeks) {
    if (w.week < 0 || w.week >= nW) continue;
    const ci = clusterAt.get(w.cluster);
    o.fields.forEach((f, j) => {
      weekly[j * nW + w.week] += w[f];
      if (ci !== undefined) weekly[((ci - nT) * nF + j) * nW + w.week] += w[f];
    });
  }
  const horizon = Math.max(0, records.horizonDays - fromDay);
  const kpisOf = (x: number) =>
    finishKpis({ counts: s.counts.subarray(x * NK, (x + 1) * NK), waits: Float64Array.from(waits[x]), contacts: s.contacts[x], slots: s.slots.subarray(x * NA, (x + 1) * NA) }, horizon);
  return {
    service: kpisOf(0),
    teams: new Map(teamIds.map((id, i) => [id, kpisOf(1 + i)])),
    clusters: new Map(clusterIds.map((id, i) => [id, kpisOf(1 + nT + i)])),
    clusterIds,
    waitHistogram: { bins: o.bins, data: hist },
    weekly: { fields: o.fields, weeks: nW, data: weekly },
  };
}
