import { percentile } from "../stats/index.js";
import { finiteOrNull, summariseValues } from "./summarise-values.js";
import { clusterKey, horizonWeeks, teamKey } from "./summarise-replication.js";
import {
  SCOPE_KINDS,
  SERVICE_ID,
  WEEKLY_FIELDS,
  type ExperimentResult,
  type KpiRow,
  type ReplicationSummary,
  type ScopeKind,
  type ScopedModel,
  type WaitHistogramRow,
  type WarmupMode,
  type WeeklyRow,
} from "./types.js";

/** Metadata of an experiment that the replication summaries do not carry. */
export interface ReduceMeta {
  readonly seed: number;
  /** Scope kinds computed; default all. */
  readonly scopes?: readonly ScopeKind[];
  readonly level: number;
  readonly warmup: { readonly mode: WarmupMode; readonly weeks: number; readonly batches: number | null };
}

type Scope = { scope: ScopeKind; id: string; key: string };

/**
 * Reduces replication summaries one at a time, in replication order, keeping only what the
 * result needs: each KPI's per-replication values, the weekly waiting lists and wait-histogram
 * counts (for the bands) and running sums of the weekly flows. Memory: O(scopes × (KPIs +
 * weeks + bins) × R) numbers, in typed arrays, whatever the size of the records.
 *
 * @example
 * const acc = new ExperimentAccumulator(model, 10, meta);
 * for (const s of summaries) acc.add(s);
 * const result = acc.result();
 */
export class ExperimentAccumulator {
  private readonly scopes: Scope[];
  private readonly kinds: ScopeKind[];
  private readonly weeklyScopes: Scope[];
  private readonly kpiValues = new Map<string, Map<string, (number | null)[]>>();
  private waitlist: Float64Array[] = [];
  private flows: Record<string, Float64Array>[] = [];
  private nWeeks = -1;
  /** Wait-histogram counts per weekly scope, bin-major (bin × R + replication); null once a summary lacks them. */
  private hist: Float64Array[] | null = [];
  private bins = -1;
  private count = 0;
  private lastReplication = -Infinity;
  private events = 0;

  constructor(
    private readonly model: ScopedModel,
    private readonly replications: number,
    private readonly meta: ReduceMeta,
  ) {
    const kinds = meta.scopes ?? SCOPE_KINDS;
    this.kinds = SCOPE_KINDS.filter((k) => k === "service" || kinds.includes(k));
    this.scopes = [
      { scope: "service", id: SERVICE_ID, key: SERVICE_ID },
      ...(kinds.includes("team") ? model.teams : []).map((t) => ({ scope: "team" as const, id: t.id, key: teamKey(t.id) })),
      ...(kinds.includes("cluster") ? model.clusters : []).map((c) => ({ scope: "cluster" as const, id: c.id, key: clusterKey(c.id) })),
    ];
    this.weeklyScopes = this.scopes.filter((s) => s.scope !== "team");
    for (const s of this.scopes) this.kpiValues.set(s.key, new Map());
  }

  /**
   * Adds the next replication's summary.
   * @throws Error when it comes out of replication order or beyond the expected count.
   */
  add(s: ReplicationSummary): void {
    if (s.replication <= this.lastReplication) throw new Error(`ExperimentAccumulator: replication ${s.replication} out of order`);
    if (this.count >= this.replications) throw new Error(`ExperimentAccumulator: more than ${this.replications} replications`);
    const r = this.count++;
    this.lastReplication = s.replication;
    this.events += s.events;
    if (this.nWeeks < 0) {
      this.nWeeks = horizonWeeks(s.horizonDays);
      this.waitlist = this.weeklyScopes.map(() => new Float64Array(this.nWeeks * this.replications));
      this.flows = this.weeklyScopes.map(() => Object.fromEntries(FLOWS.map((f) => [f, new Float64Array(this.nWeeks)])));
    }
    for (const { key } of this.scopes) {
      const byName = this.kpiValues.get(key)!;
      const kpis = s.kpis[key] ?? {};
      for (const name of Object.keys(kpis)) {
        if (!byName.has(name)) byName.set(name, new Array<number | null>(r).fill(null));
        byName.get(name)!.push(finiteOrNull(kpis[name]));
      }
      for (const values of byName.values()) if (values.length === r) values.push(null);
    }
    this.addHistogram(s, r);
    const { keys, weeks, data } = s.weekly;
    const at = new Map(keys.map((k, i) => [k, i]));
    const F = WEEKLY_FIELDS.length;
    const n = Math.min(weeks, this.nWeeks);
    this.weeklyScopes.forEach(({ key }, i) => {
      const k = at.get(key);
      if (k === undefined) return;
      const wl = this.waitlist[i];
      const flows = this.flows[i];
      for (let w = 0; w < n; w++) wl[w * this.replications + r] = data[k * F * weeks + w];
      FLOWS.forEach((f) => {
        const o = (k * F + WEEKLY_FIELDS.indexOf(f)) * weeks;
        const sums = flows[f];
        for (let w = 0; w < n; w++) sums[w] += data[o + w];
      });
    });
  }

  private addHistogram(s: ReplicationSummary, r: number): void {
    if (!this.hist) return;
    if (!s.waits || (this.bins >= 0 && s.waits.bins !== this.bins)) {
      this.hist = null;
      return;
    }
    const { keys, bins, data } = s.waits;
    const nb = bins + 1;
    if (this.bins < 0) {
      this.bins = bins;
      this.hist = this.weeklyScopes.map(() => new Float64Array(nb * this.replications));
    }
    const at = new Map(keys.map((k, i) => [k, i]));
    this.weeklyScopes.forEach(({ key }, i) => {
      const k = at.get(key);
      if (k === undefined) return;
      const h = this.hist![i];
      for (let b = 0; b < nb; b++) h[b * this.replications + r] = data[k * nb + b];
    });
  }

  private histogramRows(): WaitHistogramRow[] | undefined {
    if (!this.hist || this.bins < 0) return undefined;
    const R = this.replications;
    const rows: WaitHistogramRow[] = [];
    this.weeklyScopes.forEach(({ scope, id }, i) => {
      for (let b = 0; b <= this.bins; b++) {
        const sorted = Array.from(this.hist![i].subarray(b * R, (b + 1) * R).sort());
        const mean = sorted.reduce((x, y) => x + y, 0) / R;
        rows.push({
          scope: scope as "service" | "cluster",
          id,
          fromWeeks: b,
          toWeeks: b < this.bins ? b + 1 : null,
          mean,
          p10: percentile(sorted, 0.1),
          p90: percentile(sorted, 0.9),
        });
      }
    });
    return rows;
  }

  /**
   * The experiment result.
   * @throws Error when fewer replications than expected were added.
   */
  result(): ExperimentResult {
    const R = this.replications;
    if (this.count !== R) throw new Error(`ExperimentAccumulator: ${this.count} of ${R} replications added`);
    const kpis: KpiRow[] = [];
    for (const { scope, id, key } of this.scopes) {
      for (const [name, values] of this.kpiValues.get(key)!) kpis.push(summariseValues(scope, id, name, values, this.meta.level));
    }
    const weekly: WeeklyRow[] = [];
    const column = new Float64Array(R);
    this.weeklyScopes.forEach(({ scope, id }, i) => {
      for (let week = 0; week < this.nWeeks; week++) {
        column.set(this.waitlist[i].subarray(week * R, (week + 1) * R));
        const sorted = Array.from(column.sort());
        const f = this.flows[i];
        weekly.push({
          scope: scope as "service" | "cluster",
          id,
          week,
          waitlistMedian: percentile(sorted, 0.5),
          waitlistP10: percentile(sorted, 0.1),
          waitlistP90: percentile(sorted, 0.9),
          referrals: f.referrals[week] / R,
          accepted: f.accepted[week] / R,
          started: f.started[week] / R,
          completed: f.completed[week] / R,
          signposted: f.signposted[week] / R,
        });
      }
    });
    const waitHistogram = this.histogramRows();
    return {
      format: "mhst-experiment/1",
      scenario: this.model.name,
      seed: this.meta.seed,
      replications: R,
      level: this.meta.level,
      warmup: this.meta.warmup,
      scopes: this.kinds,
      horizonWeeks: this.nWeeks,
      events: this.events,
      kpis,
      weekly,
      ...(waitHistogram ? { waitHistogram } : {}),
    };
  }
}

const FLOWS = WEEKLY_FIELDS.filter((f) => f !== "waitlistEnd");

/**
 * Turns replication summaries into an {@link ExperimentResult}. Summaries must be in
 * replication order; sums and samples are then taken in that order, so the result does not
 * depend on which thread ran which replication.
 *
 * @throws Error when there are no summaries or they are out of order.
 */
export function reduceReplications(model: ScopedModel, summaries: readonly ReplicationSummary[], meta: ReduceMeta): ExperimentResult {
  if (summaries.length === 0) throw new Error("reduceReplications: no replications");
  const acc = new ExperimentAccumulator(model, summaries.length, meta);
  for (const s of summaries) acc.add(s);
  return acc.result();
}
