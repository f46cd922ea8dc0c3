/**
 * Types shared by {@link computeKpisByScope}'s two readers (the run's columns and the record
 * arrays): its options, its answer and the per-scope sums both fill.
 */

import { COUNTS, WEEK_COUNTS } from "./kpi-tally.js";
import { ACTIVITIES, type WeekClusterRecord } from "./records.js";

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
  /** One-week histogram bins before the overflow bin; default `WAIT_HISTOGRAM_WEEKS` (52). */
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

/** Counts per scope. */
export const NK = COUNTS.length;
/** Activities per scope. */
export const NA = ACTIVITIES.length;

/** Weekly counts per scope (see `WEEK_COUNTS`). */
export const NW = WEEK_COUNTS.length;

/** Per-scope sums: scope s's counts at s × NK, slots at s × NA, weekly counts at s × NW. */
export interface Sums {
  counts: Float64Array;
  weekCounts: Float64Array;
  contacts: Float64Array;
  slots: Float64Array;
  /** Days from concern to first contact, summed over started cases. */
  concern: Float64Array;
}

export const sums = (n: number): Sums => ({ counts: new Float64Array(n * NK), weekCounts: new Float64Array(n * NW), contacts: new Float64Array(n), slots: new Float64Array(n * NA), concern: new Float64Array(n) });

/** Options with defaults filled. */
export interface Resolved {
  warm: number;
  bins: number;
  teams: boolean;
  clusters: boolean;
  fields: readonly WeeklyCount[];
}
