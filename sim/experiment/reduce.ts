import { confidenceInterval, percentile } from "../stats/index.js";
import { clusterKey, horizonWeeks, teamKey } from "./summarise-replication.js";
import {
  SERVICE_ID,
  WEEKLY_FIELDS,
  type ExperimentResult,
  type KpiRow,
  type ReplicationSummary,
  type ScopeKind,
  type ScopedModel,
  type WarmupMode,
  type WeeklyRow,
} from "./types.js";

/** Metadata of an experiment that the replication summaries do not carry. */
export interface ReduceMeta {
  readonly seed: number;
  readonly level: number;
  readonly warmup: { readonly mode: WarmupMode; readonly weeks: number; readonly batches: number | null };
}

const finiteOrNull = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);

/**
 * Summarises one KPI's per-replication values: mean, sd and Student-t interval of the finite
 * values. With one finite value only the mean is defined; with none, nothing is.
 *
 * @example summariseValues("service", "service", "referrals", [10, 12, 14], 0.95).mean === 12
 */
export function summariseValues(
  scope: ScopeKind,
  id: string,
  kpi: string,
  values: readonly (number | null)[],
  level: number,
): KpiRow {
  const finite = values.filter((v): v is number => v !== null);
  if (finite.length === 0) return { scope, id, kpi, mean: null, sd: null, lo: null, hi: null, halfWidth: null, n: 0, values };
  if (finite.length === 1) {
    return { scope, id, kpi, mean: finite[0], sd: null, lo: null, hi: null, halfWidth: null, n: 1, values };
  }
  const ci = confidenceInterval(finite, level);
  return {
    scope,
    id,
    kpi,
    mean: finiteOrNull(ci.mean),
    sd: finiteOrNull(ci.sd),
    lo: finiteOrNull(ci.lo),
    hi: finiteOrNull(ci.hi),
    halfWidth: finiteOrNull(ci.halfWidth),
    n: finite.length,
    values,
  };
}

/** KPI names of one scope across replications, in first-seen order. */
function kpiNames(summaries: readonly ReplicationSummary[], key: string): string[] {
  const names = new Set<string>();
  for (const s of summaries) for (const name of Object.keys(s.kpis[key] ?? {})) names.add(name);
  return [...names];
}

function weeklyRows(
  scope: "service" | "cluster",
  id: string,
  key: string,
  summaries: readonly ReplicationSummary[],
  nWeeks: number,
): WeeklyRow[] {
  const rows: WeeklyRow[] = [];
  const reps = summaries.length;
  for (let week = 0; week < nWeeks; week++) {
    const waitlist: number[] = [];
    const sums = { referrals: 0, accepted: 0, started: 0, completed: 0, signposted: 0 };
    for (const s of summaries) {
      const series = s.weekly[key];
      waitlist.push(series?.waitlistEnd[week] ?? 0);
      for (const f of WEEKLY_FIELDS) if (f !== "waitlistEnd") sums[f] += series?.[f][week] ?? 0;
    }
    waitlist.sort((a, b) => a - b);
    rows.push({
      scope,
      id,
      week,
      waitlistMedian: percentile(waitlist, 0.5),
      waitlistP10: percentile(waitlist, 0.1),
      waitlistP90: percentile(waitlist, 0.9),
      referrals: sums.referrals / reps,
      accepted: sums.accepted / reps,
      started: sums.started / reps,
      completed: sums.completed / reps,
      signposted: sums.signposted / reps,
    });
  }
  return rows;
}

/**
 * Turns replication summaries into an {@link ExperimentResult}. Summaries must be in
 * replication order; sums and samples are then taken in that order, so the result does not
 * depend on which thread ran which replication.
 *
 * @throws Error when there are no summaries or they are out of order.
 */
export function reduceReplications(model: ScopedModel, summaries: readonly ReplicationSummary[], meta: ReduceMeta): ExperimentResult {
  if (summaries.length === 0) throw new Error("reduceReplications: no replications");
  summaries.forEach((s, i) => {
    if (i > 0 && s.replication <= summaries[i - 1].replication) {
      throw new Error(`reduceReplications: replication ${s.replication} out of order`);
    }
  });
  const scopes: { scope: ScopeKind; id: string; key: string }[] = [
    { scope: "service", id: SERVICE_ID, key: SERVICE_ID },
    ...model.teams.map((t) => ({ scope: "team" as const, id: t.id, key: teamKey(t.id) })),
    ...model.clusters.map((c) => ({ scope: "cluster" as const, id: c.id, key: clusterKey(c.id) })),
  ];
  const kpis: KpiRow[] = [];
  for (const { scope, id, key } of scopes) {
    for (const name of kpiNames(summaries, key)) {
      const values = summaries.map((s) => finiteOrNull(s.kpis[key]?.[name]));
      kpis.push(summariseValues(scope, id, name, values, meta.level));
    }
  }
  const nWeeks = horizonWeeks(summaries[0].horizonDays);
  const weekly = [
    ...weeklyRows("service", SERVICE_ID, SERVICE_ID, summaries, nWeeks),
    ...model.clusters.flatMap((c) => weeklyRows("cluster", c.id, clusterKey(c.id), summaries, nWeeks)),
  ];
  return {
    format: "mhst-experiment/1",
    scenario: model.name,
    seed: meta.seed,
    replications: summaries.length,
    level: meta.level,
    warmup: meta.warmup,
    horizonWeeks: nWeeks,
    events: summaries.reduce((sum, s) => sum + s.events, 0),
    kpis,
    weekly,
  };
}
