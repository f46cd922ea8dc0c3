import { computeKpisByScope, type ScopedKpis } from "../model/kpis-by-scope.js";
import type { CaseRecord, PractitionerWeekRecord, RunRecords, WeekClusterRecord } from "../model/records.js";
import { narrowCounts } from "./narrow-counts.js";
import {
  SCOPE_KINDS,
  SERVICE_ID,
  WEEKLY_FIELDS,
  type PackedHistogram,
  type PackedReplicationSummary,
  type PackedWeekly,
  type ReplicationSummary,
  type ScopeKind,
  type ScopedModel,
  type Simulator,
} from "./types.js";

/** Scope key of a team in {@link ReplicationSummary.kpis}. */
export const teamKey = (id: string): string => `team:${id}`;
/** Scope key of a cluster in {@link ReplicationSummary.kpis} and `.weekly`. */
export const clusterKey = (id: string): string => `cluster:${id}`;

/** Weeks covered by a run of `horizonDays` days (a part week counts). */
export const horizonWeeks = (horizonDays: number): number => Math.max(0, Math.ceil(horizonDays / 7));

/**
 * Drops the warm-up from a run's records: cases referred before day 7·w, and week and
 * practitioner-week rows before week w. The horizon shrinks by the same amount so that
 * per-week rates stay per week of the kept period.
 *
 * @example dropWarmup(records, 0) === records
 */
export function dropWarmup(records: RunRecords, warmupWeeks: number): RunRecords {
  if (warmupWeeks <= 0) return records;
  const day = warmupWeeks * 7;
  let pw: readonly PractitionerWeekRecord[] | undefined;
  return {
    cases: records.cases.filter((c) => c.referralDay >= day),
    weeks: records.weeks.filter((w) => w.week >= warmupWeeks),
    // Filtered on first use only: KPI functions seldom read practitioner weeks.
    get practitionerWeeks() {
      return (pw ??= records.practitionerWeeks.filter((w) => w.week >= warmupWeeks));
    },
    events: records.events,
    horizonDays: Math.max(0, records.horizonDays - day),
    warmupDays: (records.warmupDays ?? 0) + day,
  };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/**
 * Weekly series of the service and of each cluster, from the week records (all weeks, warm-up
 * included: charts show it), packed as {@link PackedWeekly}. Clusters with no week rows get
 * zeros.
 *
 * @param clusters whether to include each cluster (else the service only).
 */
export function weeklySeries(
  model: ScopedModel,
  weeks: readonly WeekClusterRecord[],
  nWeeks: number,
  clusters = true,
): PackedWeekly {
  const list = clusters ? model.clusters : [];
  const keys = [SERVICE_ID, ...list.map((c) => clusterKey(c.id))];
  const index = new Map(list.map((c, i) => [c.id, i + 1]));
  const F = WEEKLY_FIELDS.length;
  const data = new Float64Array(keys.length * F * nWeeks);
  // Unrolled over the six fields (order of WEEKLY_FIELDS): this runs once per cluster-week.
  const add = (k: number, w: number, row: WeekClusterRecord) => {
    const o = k * F * nWeeks + w;
    data[o] += row.waitlistEnd;
    data[o + nWeeks] += row.referrals;
    data[o + 2 * nWeeks] += row.accepted;
    data[o + 3 * nWeeks] += row.started;
    data[o + 4 * nWeeks] += row.completed;
    data[o + 5 * nWeeks] += row.signposted;
  };
  for (const row of weeks) {
    const w = row.week;
    if (w < 0 || w >= nWeeks) continue;
    add(0, w, row);
    const k = index.get(row.cluster);
    if (k !== undefined) add(k, w, row);
  }
  return { keys, weeks: nWeeks, data };
}

/**
 * Reduces one replication's records to KPIs per scope (service, each team, each cluster)
 * after the warm-up, weekly series of the service and each cluster (warm-up included), and
 * wait histograms of the service and each cluster (after the warm-up).
 *
 * With a simulator that has `computeKpisByScope` (sim/model) this is one pass over the run's
 * columns: no record object is built. Otherwise the records are split by team and cluster once
 * and `computeKpis` runs per scope, so the cost is still linear in the records.
 *
 * @param warmupWeeks weeks dropped from the KPIs (>= 0).
 * @param scopes scope kinds to compute; the service always is.
 * @example summariseReplication(sim, model, sim.simulate(model, { seed: 1, replication: 0 }), 0, 0)
 */
export function summariseReplication<M extends ScopedModel>(
  sim: Simulator<M>,
  model: M,
  records: RunRecords,
  replication: number,
  warmupWeeks: number,
  scopes: readonly ScopeKind[] = SCOPE_KINDS,
): ReplicationSummary {
  const teams = scopes.includes("team");
  const clusters = scopes.includes("cluster");
  if (sim.computeKpisByScope) {
    const k = sim.computeKpisByScope(records, { warmupWeeks, teams, clusters, weeklyFields: WEEKLY_FIELDS, scopes: model });
    const kpis: Record<string, Record<string, number>> = { [SERVICE_ID]: k.service };
    for (const [id, v] of k.teams) kpis[teamKey(id)] = v;
    for (const [id, v] of k.clusters) kpis[clusterKey(id)] = v;
    const keys = [SERVICE_ID, ...k.clusterIds.map(clusterKey)];
    return { replication, events: records.events, horizonDays: records.horizonDays, kpis, weekly: { keys, ...k.weekly }, waits: packHistogram(keys, k) };
  }
  return splitSummary(sim, model, records, replication, warmupWeeks, teams, clusters);
}

/**
 * The summary with its KPIs as one {@link PackedKpis} table: scopes in the summary's order,
 * the KPI names of the first scope; and its weekly series and wait histograms in the
 * narrowest typed arrays that hold their counts exactly (see {@link narrowCounts}). Worker
 * threads send this form, whose buffers move without a copy. A summary whose scopes do not
 * all have the same names in the same order (the model's always do) is returned as it is.
 * @example packSummary(summary).packedKpis.names[0] === Object.keys(summary.kpis.service)[0]
 */
export function packSummary(s: ReplicationSummary): PackedReplicationSummary | ReplicationSummary {
  const scopes = Object.keys(s.kpis);
  if (scopes.length === 0) return s;
  const names = Object.keys(s.kpis[scopes[0]]);
  const m = names.length;
  const data = new Float64Array(scopes.length * m);
  for (let r = 0; r < scopes.length; r++) {
    const kpis = s.kpis[scopes[r]];
    let j = 0;
    for (const name in kpis) {
      // Another scope with other names, or in another order: keep the object form.
      if (j >= m || names[j] !== name) return s;
      data[r * m + j++] = kpis[name];
    }
    if (j !== m) return s;
  }
  const { kpis: _, weekly, waits, ...rest } = s;
  return {
    ...rest,
    weekly: { ...weekly, data: narrowCounts(weekly.data) },
    ...(waits ? { waits: { ...waits, data: narrowCounts(waits.data) } } : {}),
    packedKpis: { scopes, names, data },
  };
}

/**
 * KPI `name` of scope `key` (see {@link teamKey}, {@link clusterKey}) in a summary of either
 * form; undefined when the summary has no such scope or KPI.
 * @example summaryKpi(summary, SERVICE_ID, "waitWeeksMean")
 */
export function summaryKpi(s: ReplicationSummary | PackedReplicationSummary, key: string, name: string): number | undefined {
  if (!("packedKpis" in s)) return s.kpis[key]?.[name];
  const t = s.packedKpis;
  const row = t.scopes.indexOf(key);
  const j = t.names.indexOf(name);
  return row < 0 || j < 0 ? undefined : t.data[row * t.names.length + j];
}

const packHistogram = (keys: readonly string[], k: ScopedKpis): PackedHistogram => ({ keys, bins: k.waitHistogram.bins, data: k.waitHistogram.data });

// For simulators without computeKpisByScope (test toys): records split by scope.
function splitSummary<M extends ScopedModel>(
  sim: Simulator<M>,
  model: M,
  records: RunRecords,
  replication: number,
  warmupWeeks: number,
  teams: boolean,
  clusters: boolean,
): ReplicationSummary {
  const kept = dropWarmup(records, warmupWeeks);
  const kpis: Record<string, Record<string, number>> = { [SERVICE_ID]: sim.computeKpis(kept) };
  const weekly = weeklySeries(model, records.weeks, horizonWeeks(records.horizonDays), clusters);
  // The histogram is a count over case records, the same whatever the simulator's KPIs.
  const byScope = computeKpisByScope(kept, { teams: false, clusters, scopes: model });
  const waits = packHistogram([SERVICE_ID, ...byScope.clusterIds.map(clusterKey)], byScope);
  const base = { replication, events: records.events, horizonDays: records.horizonDays, kpis, weekly, waits };
  if (!teams && !clusters) return base;
  // One pass per record kind, by cluster; a team's rows are its clusters' rows (KPIs do not
  // depend on row order).
  const casesByCluster = groupBy<CaseRecord>(kept.cases, (c) => c.cluster);
  const weeksByCluster = groupBy<WeekClusterRecord>(kept.weeks, (w) => w.cluster);
  const clustersOfTeam = groupBy(model.clusters, (c) => c.team);
  const ofTeam = <T>(byCluster: Map<string, T[]>, team: string): T[] =>
    (clustersOfTeam.get(team) ?? []).flatMap((c) => byCluster.get(c.id) ?? []);
  // Practitioner weeks are grouped only if a KPI function reads them.
  let pwByTeam: Map<string, PractitionerWeekRecord[]> | undefined;
  const teamPw = (team: string) => (pwByTeam ??= groupBy<PractitionerWeekRecord>(kept.practitionerWeeks, (w) => w.team)).get(team) ?? [];
  const subset = (team: string, cases?: CaseRecord[], weeks?: WeekClusterRecord[]): RunRecords => ({
    cases: cases ?? [],
    weeks: weeks ?? [],
    get practitionerWeeks() {
      return teamPw(team);
    },
    events: kept.events,
    horizonDays: kept.horizonDays,
    ...(kept.warmupDays === undefined ? {} : { warmupDays: kept.warmupDays }),
  });
  for (const t of teams ? model.teams : []) {
    kpis[teamKey(t.id)] = sim.computeKpis(subset(t.id, ofTeam(casesByCluster, t.id), ofTeam(weeksByCluster, t.id)), { team: t.id });
  }
  for (const c of clusters ? model.clusters : []) {
    kpis[clusterKey(c.id)] = sim.computeKpis(subset(c.team, casesByCluster.get(c.id), weeksByCluster.get(c.id)), { cluster: c.id });
  }
  return base;
}

/**
 * The service's weekly waiting list at week end, for the automatic warm-up's pilot. Read from
 * the run's columns when the simulator has `computeKpisByScope`, else from the week records.
 * @example serviceWaitlist(records, modelSimulator).length === horizonWeeks(records.horizonDays)
 */
export function serviceWaitlist(records: RunRecords, sim?: Pick<Simulator, "computeKpisByScope">): number[] {
  if (sim?.computeKpisByScope) {
    return Array.from(sim.computeKpisByScope(records, { teams: false, clusters: false, weeklyFields: ["waitlistEnd"] }).weekly.data);
  }
  const out = new Array<number>(horizonWeeks(records.horizonDays)).fill(0);
  for (const row of records.weeks) if (row.week >= 0 && row.week < out.length) out[row.week] += row.waitlistEnd;
  return out;
}
