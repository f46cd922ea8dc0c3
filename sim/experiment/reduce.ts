import { interpolate } from "../stats/percentile.js";
import { CountColumn } from "./count-column.js";
import { ColumnSlab, KpiValues } from "./kpi-values.js";
import { summariseValues } from "./summarise-values.js";
import { clusterKey, horizonWeeks, teamKey } from "./summarise-replication.js";
import {
  SCOPE_KINDS,
  SERVICE_ID,
  WEEKLY_FIELDS,
  type ExperimentResult,
  type KpiRow,
  type PackedKpis,
  type PackedReplicationSummary,
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
 * One scope's per-replication KPI values: `values[j]` holds KPI `names[j]` for each
 * replication (a missing or non-finite value is null in the result).
 */
type ScopeValues = { names: string[]; column: Map<string, number>; values: KpiValues[] };

/** Where a packed table's rows and columns go: the accumulator scope of each row, and its columns' slots there. */
type TableLayout = { scopes: readonly string[]; names: readonly string[]; scopeOf: Int32Array; columnOf: Int32Array[] };

/** The row of each weekly scope in a summary's packed rows (-1: absent), for one list of keys. */
type KeyLayout = { keys: readonly string[]; rowOf: Int32Array };

const sameList = (a: readonly string[], b: readonly string[]) => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * Reduces replication summaries one at a time, in replication order, keeping only what the
 * result needs: each KPI's per-replication values, the weekly waiting lists and wait-histogram
 * counts (for the bands) and running sums of the weekly flows. Memory: O(scopes × (KPIs +
 * weeks + bins) × R) numbers, whatever the size of the records: each KPI's values in 32 bits
 * while whole, else 64 (see {@link KpiValues}); waiting lists and
 * histogram counts as compactly as they allow, in 8, 16 or 32 bits while whole, else 64 (see
 * {@link CountColumn}).
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
  private readonly scopeIndex: Map<string, number>;
  private readonly kpiValues: ScopeValues[];
  /** Memory of the KPI columns (see {@link ColumnSlab}). */
  private slab = new ColumnSlab();
  private table: TableLayout | null = null;
  private weeklyLayout: KeyLayout | null = null;
  private histLayout: KeyLayout | null = null;
  /** Weekly waiting lists per weekly scope, week-major (week × R + replication). */
  private waitlist: CountColumn[] = [];
  /**
   * Running sums of the weekly flows per weekly scope, flow-major (flow × weeks + week, flows
   * in FLOWS order): 32-bit while every series came as 16-bit counts (R of them cannot
   * overflow), else doubles. Sums of whole numbers are exact either way, in half the bytes.
   */
  private flows: (Int32Array | Float64Array)[] = [];
  private nWeeks = -1;
  /** Wait-histogram counts per weekly scope, bin-major (bin × R + replication); null once a summary lacks them. */
  private hist: CountColumn[] | null = [];
  private bins = -1;
  private count = 0;
  private lastReplication = -Infinity;
  private events = 0;
  /** The result, once built (the per-replication values are then let go). */
  private finished: ExperimentResult | null = null;

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
    this.scopeIndex = new Map(this.scopes.map((s, i) => [s.key, i]));
    this.kpiValues = this.scopes.map(() => ({ names: [], column: new Map(), values: [] }));
  }

  /** The slot of KPI `name` of scope `v`, added (absent for the replications before) when new. */
  private columnOf(v: ScopeValues, name: string): number {
    let j = v.column.get(name);
    if (j === undefined) {
      j = v.names.length;
      v.names.push(name);
      v.column.set(name, j);
      v.values.push(new KpiValues(this.replications, this.slab));
    }
    return j;
  }

  /** The layout of a packed table, worked out once and reused while its scopes and names stay the same. */
  private layoutOf(t: PackedKpis): TableLayout {
    const known = this.table;
    if (known && sameList(known.scopes, t.scopes) && sameList(known.names, t.names)) return known;
    const scopeOf = Int32Array.from(t.scopes, (key) => this.scopeIndex.get(key) ?? -1);
    const columnOf = Array.from(scopeOf, (x) => (x < 0 ? new Int32Array(0) : Int32Array.from(t.names, (name) => this.columnOf(this.kpiValues[x], name))));
    return (this.table = { scopes: t.scopes, names: t.names, scopeOf, columnOf });
  }

  /** The row of each weekly scope among a summary's keys (the last row of a key given twice), reused while the keys stay the same. */
  private rowsOf(known: KeyLayout | null, keys: readonly string[]): KeyLayout {
    if (known && sameList(known.keys, keys)) return known;
    const at = new Map(keys.map((k, i) => [k, i]));
    return { keys, rowOf: Int32Array.from(this.weeklyScopes, ({ key }) => at.get(key) ?? -1) };
  }

  /**
   * Adds the next replication's summary (KPIs as objects, or packed as one table).
   * @throws Error when it comes out of replication order or beyond the expected count.
   */
  add(s: ReplicationSummary | PackedReplicationSummary): void {
    if (s.replication <= this.lastReplication) throw new Error(`ExperimentAccumulator: replication ${s.replication} out of order`);
    if (this.count >= this.replications) throw new Error(`ExperimentAccumulator: more than ${this.replications} replications`);
    const r = this.count++;
    this.lastReplication = s.replication;
    this.events += s.events;
    if (this.nWeeks < 0) {
      this.nWeeks = horizonWeeks(s.horizonDays);
      this.waitlist = this.weeklyScopes.map(() => new CountColumn(this.nWeeks * this.replications));
      const whole = this.replications <= MAX_WHOLE_FLOW_SUMS;
      this.flows = this.weeklyScopes.map(() => (whole ? new Int32Array(FLOWS.length * this.nWeeks) : new Float64Array(FLOWS.length * this.nWeeks)));
    }
    if ("packedKpis" in s) {
      const t = s.packedKpis;
      const layout = this.layoutOf(t);
      const m = t.names.length;
      for (let row = 0; row < layout.scopeOf.length; row++) {
        const x = layout.scopeOf[row];
        if (x < 0) continue;
        const { values } = this.kpiValues[x];
        const cols = layout.columnOf[row];
        for (let j = 0; j < m; j++) values[cols[j]].set(r, t.data[row * m + j]);
      }
    } else {
      for (let x = 0; x < this.scopes.length; x++) {
        const kpis = s.kpis[this.scopes[x].key];
        if (!kpis) continue;
        const v = this.kpiValues[x];
        for (const name of Object.keys(kpis)) {
          const j = this.columnOf(v, name);
          v.values[j].set(r, kpis[name]);
        }
      }
    }
    this.addHistogram(s, r);
    const { keys, weeks, data } = s.weekly;
    const layout = (this.weeklyLayout = this.rowsOf(this.weeklyLayout, keys));
    // A series of other numbers than 16-bit counts: the sums go on in doubles from here.
    if (!(data instanceof Uint16Array) && this.flows[0] instanceof Int32Array) this.flows = this.flows.map((f) => Float64Array.from(f));
    const F = WEEKLY_FIELDS.length;
    const n = Math.min(weeks, this.nWeeks);
    const nw = this.nWeeks;
    const R = this.replications;
    for (let i = 0; i < this.weeklyScopes.length; i++) {
      const k = layout.rowOf[i];
      if (k < 0) continue;
      this.waitlist[i].setStrided(r, R, data, k * F * weeks, n);
      const sums = this.flows[i];
      for (let f = 0; f < FLOWS.length; f++) {
        const o = (k * F + FLOW_FIELD[f]) * weeks;
        const at = f * nw;
        for (let w = 0; w < n; w++) sums[at + w] += data[o + w];
      }
    }
  }

  private addHistogram(s: ReplicationSummary | PackedReplicationSummary, r: number): void {
    if (!this.hist) return;
    if (!s.waits || (this.bins >= 0 && s.waits.bins !== this.bins)) {
      this.hist = null;
      return;
    }
    const { keys, bins, data } = s.waits;
    const nb = bins + 1;
    if (this.bins < 0) {
      this.bins = bins;
      this.hist = this.weeklyScopes.map(() => new CountColumn(nb * this.replications));
    }
    const layout = (this.histLayout = this.rowsOf(this.histLayout, keys));
    const R = this.replications;
    for (let i = 0; i < this.weeklyScopes.length; i++) {
      const k = layout.rowOf[i];
      if (k < 0) continue;
      this.hist![i].setStrided(r, R, data, k * nb, nb);
    }
  }

  private histogramRows(): WaitHistogramRow[] | undefined {
    if (!this.hist || this.bins < 0) return undefined;
    const R = this.replications;
    const rows: WaitHistogramRow[] = [];
    const column = new Float64Array(R);
    // Counts are finite whole numbers, so the sorted column needs no checks (type-7 percentiles).
    this.weeklyScopes.forEach(({ scope, id }, i) => {
      for (let b = 0; b <= this.bins; b++) {
        const sorted = this.hist![i].sortedInto(column, b * R, (b + 1) * R);
        let sum = 0;
        for (let j = 0; j < R; j++) sum += sorted[j];
        rows.push({
          scope: scope as "service" | "cluster",
          id,
          fromWeeks: b,
          toWeeks: b < this.bins ? b + 1 : null,
          mean: sum / R,
          p10: interpolate(sorted, 0.1),
          p90: interpolate(sorted, 0.9),
        });
      }
      this.hist![i] = new CountColumn(0);
    });
    return rows;
  }

  /**
   * The experiment result, built on the first call (a later call returns the same object).
   * @throws Error when fewer replications than expected were added.
   */
  result(): ExperimentResult {
    if (this.finished) return this.finished;
    const R = this.replications;
    if (this.count !== R) throw new Error(`ExperimentAccumulator: ${this.count} of ${R} replications added`);
    // Each KPI's column becomes its row's values array, and the waiting lists and histograms
    // are let go scope by scope once their rows are built, so the rows mostly take the place
    // of the typed arrays instead of adding to them.
    const kpis: KpiRow[] = [];
    const column = new Float64Array(R);
    this.scopes.forEach(({ scope, id }, x) => {
      const v = this.kpiValues[x];
      v.names.forEach((name, j) => kpis.push(summariseValues(scope, id, name, v.values[j].take(), this.meta.level)));
      this.kpiValues[x] = { names: [], column: new Map(), values: [] };
    });
    this.slab = new ColumnSlab();
    const weekly: WeeklyRow[] = [];
    const nw = this.nWeeks;
    this.weeklyScopes.forEach(({ scope, id }, i) => {
      const f = this.flows[i];
      for (let week = 0; week < nw; week++) {
        const sorted = this.waitlist[i].sortedInto(column, week * R, (week + 1) * R);
        weekly.push({
          scope: scope as "service" | "cluster",
          id,
          week,
          waitlistMedian: interpolate(sorted, 0.5),
          waitlistP10: interpolate(sorted, 0.1),
          waitlistP90: interpolate(sorted, 0.9),
          referrals: f[FLOW_AT.referrals * nw + week] / R,
          accepted: f[FLOW_AT.accepted * nw + week] / R,
          started: f[FLOW_AT.started * nw + week] / R,
          completed: f[FLOW_AT.completed * nw + week] / R,
          signposted: f[FLOW_AT.signposted * nw + week] / R,
        });
      }
      this.flows[i] = new Float64Array(0);
      this.waitlist[i] = new CountColumn(0);
    });
    const waitHistogram = this.histogramRows();
    this.hist = null;
    return (this.finished = {
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
    });
  }
}

const FLOWS = WEEKLY_FIELDS.filter((f) => f !== "waitlistEnd");
/** Most replications whose 16-bit weekly counts a 32-bit sum holds (65535 × 32768 < 2³¹). */
const MAX_WHOLE_FLOW_SUMS = 32768;
/** Index of each flow in WEEKLY_FIELDS (its rows in a packed weekly series). */
const FLOW_FIELD = FLOWS.map((f) => WEEKLY_FIELDS.indexOf(f));
/** Index of each flow in FLOWS (its rows in the accumulator's sums). */
const FLOW_AT = Object.fromEntries(FLOWS.map((f, i) => [f, i])) as Record<(typeof FLOWS)[number], number>;

/**
 * Turns replication summaries into an {@link ExperimentResult}. Summaries must be in
 * replication order; sums and samples are then taken in that order, so the result does not
 * depend on which thread ran which replication.
 *
 * @throws Error when there are no summaries or they are out of order.
 */
export function reduceReplications(model: ScopedModel, summaries: readonly (ReplicationSummary | PackedReplicationSummary)[], meta: ReduceMeta): ExperimentResult {
  if (summaries.length === 0) throw new Error("reduceReplications: no replications");
  const acc = new ExperimentAccumulator(model, summaries.length, meta);
  for (const s of summaries) acc.add(s);
  return acc.result();
}
