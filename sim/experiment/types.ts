/**
 * Types of an experiment: the simulator it drives, what one replication reduces to, and the
 * flat, JSON-serialisable {@link ExperimentResult} that the CLI prints, the server stores and
 * the dashboard charts.
 */

import type { ScopedKpiOptions, ScopedKpis } from "../model/kpis-by-scope.js";
import type { RunRecords } from "../model/records.js";
import type { CountArray } from "./narrow-counts.js";

/** A stochastic simulation and its KPI function: `sim/model` in production, a toy in tests. */
export interface Simulator<M extends ScopedModel = ScopedModel> {
  /** One replication; the same (model, seed, replication) gives the same records, bit for bit. */
  simulate(model: M, options: { seed: number; replication: number }): RunRecords;
  /** KPIs of one replication over the whole service, or one team or cluster. */
  computeKpis(records: RunRecords, scope?: { team?: string; cluster?: string }): Record<string, number>;
  /**
   * Optional: KPIs of every scope, weekly series and wait histograms in one pass (sim/model's,
   * read from the run's columns). Without it an experiment splits the records by scope and
   * calls `computeKpis` per scope. The series' and histograms' arrays it returns become the
   * experiment's: a worker thread hands their memory back once it has posted the summary, so
   * they must not be arrays the simulator keeps.
   */
  computeKpisByScope?(records: RunRecords, options?: ScopedKpiOptions): ScopedKpis;
  /**
   * Optional: hands a run's memory to the next run in this thread, once nothing reads its
   * records any more (sim/model reuses the case table's buffer).
   */
  releaseRecords?(records: RunRecords): void;
  /** Optional: lets go of memory kept for the next run (a thread going idle calls it). */
  dropSpareBuffers?(): void;
}

/** The part of a model an experiment needs: its name and the scopes it reports on. */
export interface ScopedModel {
  readonly name: string;
  readonly teams: readonly { readonly id: string }[];
  readonly clusters: readonly { readonly id: string; readonly team: string }[];
}

/** Level of aggregation of a KPI row: the whole service, one team or one cluster. */
export type ScopeKind = "service" | "team" | "cluster";

/** Every scope kind, in report order. */
export const SCOPE_KINDS: readonly ScopeKind[] = ["service", "team", "cluster"];

/** Id of the service scope in {@link KpiRow.id} and {@link WeeklyRow.id}. */
export const SERVICE_ID = "service";

/** How the warm-up period was chosen. */
export type WarmupMode = "none" | "fixed" | "auto";

/**
 * Warm-up requested by the caller: `"none"` (default: a service starts from its real waiting
 * list), a number of weeks to drop, or `"auto"` (MSER-5 on the weekly service waiting list
 * averaged over replications).
 */
export type WarmupOption = "none" | "auto" | number;

/** Weekly counts an experiment keeps per scope; waitlistEnd is a level, the others are flows. */
export const WEEKLY_FIELDS = ["waitlistEnd", "referrals", "accepted", "started", "completed", "signposted"] as const;
export type WeeklyField = (typeof WEEKLY_FIELDS)[number];

/**
 * Weekly series of one replication, packed into one typed array so that a worker can hand it
 * over without copying: field f (index in {@link WEEKLY_FIELDS}) of scope `keys[k]` in week w
 * is `data[(k * WEEKLY_FIELDS.length + f) * weeks + w]`.
 */
export interface PackedWeekly {
  /** Scope keys: `service`, then `cluster:<id>` for each cluster reported. */
  readonly keys: readonly string[];
  readonly weeks: number;
  /** Doubles as computed; a worker thread sends them in the narrowest array that holds them (see `narrowCounts`). */
  readonly data: CountArray;
}

/**
 * Wait histograms of one replication, packed like {@link PackedWeekly}: started cases of scope
 * `keys[k]` in wait bin b at `data[k * (bins + 1) + b]`. Bin b < bins holds waits of more than
 * b and at most b + 1 weeks (bin 0 also same-day starts); bin `bins` holds longer waits.
 */
export interface PackedHistogram {
  readonly keys: readonly string[];
  readonly bins: number;
  /** As {@link PackedWeekly.data}. */
  readonly data: CountArray;
}

/**
 * What one replication reduces to inside a worker: per-scope KPIs and weekly series. Small
 * compared with the records (no case rows), so it is cheap to post between threads.
 */
export interface ReplicationSummary {
  readonly replication: number;
  /** Events the engine executed. */
  readonly events: number;
  readonly horizonDays: number;
  /** KPIs keyed by scope key (`service`, `team:<id>`, `cluster:<id>`), then by KPI name. */
  readonly kpis: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Weekly series of the service and each cluster. */
  readonly weekly: PackedWeekly;
  /** Wait histograms of the service and each cluster, after the warm-up. */
  readonly waits?: PackedHistogram;
}

/**
 * The KPIs of every scope of one replication as one table (what a worker thread sends: one
 * buffer, moved without a copy, instead of an object per scope): scope `scopes[s]`, KPI
 * `names[j]` at `data[s * names.length + j]`.
 */
export interface PackedKpis {
  readonly scopes: readonly string[];
  readonly names: readonly string[];
  readonly data: Float64Array;
}

/** A {@link ReplicationSummary} with its KPIs packed as a {@link PackedKpis} table. */
export type PackedReplicationSummary = Omit<ReplicationSummary, "kpis"> & { readonly packedKpis: PackedKpis };

/**
 * One KPI over one scope, summarised across replications. Statistics are null when they are
 * undefined (no finite sample; or fewer than two for sd and the interval).
 */
export interface KpiRow {
  readonly scope: ScopeKind;
  /** `service`, a team id or a cluster id. */
  readonly id: string;
  /** A name from KPI_NAMES, or `utilisation.<activity>`. */
  readonly kpi: string;
  /** Mean across replications of the finite values. */
  readonly mean: number | null;
  /** Sample standard deviation (n − 1). */
  readonly sd: number | null;
  /** Student-t confidence interval for the mean at {@link ExperimentResult.level}. */
  readonly lo: number | null;
  readonly hi: number | null;
  readonly halfWidth: number | null;
  /** Replications with a finite value (a KPI like a mean wait is undefined when no case started). */
  readonly n: number;
  /** The value in each replication, in replication order (null where undefined). */
  readonly values: readonly (number | null)[];
}

/**
 * One week of one scope across replications: the waiting list at week end by its median and
 * 10–90 % band, and the mean weekly flows.
 */
export interface WeeklyRow {
  readonly scope: "service" | "cluster";
  readonly id: string;
  /** Week from day 0 (week w covers days 7w..7w+6). */
  readonly week: number;
  readonly waitlistMedian: number;
  readonly waitlistP10: number;
  readonly waitlistP90: number;
  readonly referrals: number;
  readonly accepted: number;
  readonly started: number;
  readonly completed: number;
  readonly signposted: number;
}

/**
 * One week-bin of the waiting-time distribution (referral → first contact) of one scope:
 * started cases per replication with a wait in the bin, after the warm-up.
 */
export interface WaitHistogramRow {
  readonly scope: "service" | "cluster";
  readonly id: string;
  /** The bin holds waits w (weeks) with fromWeeks < w ≤ toWeeks; the first bin also holds w = 0. */
  readonly fromWeeks: number;
  /** Upper edge (weeks), or null for the overflow bin (every wait over `fromWeeks` weeks). */
  readonly toWeeks: number | null;
  /** Mean count across replications. */
  readonly mean: number;
  /** 10th and 90th percentiles (type 7) of the count across replications. */
  readonly p10: number;
  readonly p90: number;
}

/**
 * The result of R replications of one scenario. Flat and JSON-serialisable: two arrays of
 * tidy rows plus metadata; no Maps, typed arrays, NaN or Infinity (undefined statistics are
 * null). `JSON.parse(JSON.stringify(r))` deep-equals `r`.
 *
 * @example
 * ```ts
 * const r = runExperiment(sim, model, { replications: 20, seed: 1 });
 * r.kpis.find((k) => k.scope === "service" && k.kpi === "waitWeeksMean");
 * // { scope: "service", id: "service", kpi: "waitWeeksMean", mean: 5.1, lo: 4.8, hi: 5.4, ... }
 * ```
 */
export interface ExperimentResult {
  /** Format tag for stored results. */
  readonly format: "mhst-experiment/1";
  /** Scenario (model) name. */
  readonly scenario: string;
  /** Master seed; replication r uses streams (seed, r). */
  readonly seed: number;
  /** Replications run, indices 0..replications−1. */
  readonly replications: number;
  /** Confidence level of every interval (0.95). */
  readonly level: number;
  /**
   * Warm-up dropped from the KPIs (not from the weekly rows): cases referred and weeks before
   * week `weeks` are ignored. `mode: "auto"` means chosen by MSER-5 on the weekly service
   * waiting list averaged over replications, with `batches` the number of 5-week batches.
   */
  readonly warmup: { readonly mode: WarmupMode; readonly weeks: number; readonly batches: number | null };
  /** Scopes reported: always `service`; `team` and `cluster` unless left out (cluster also gates the cluster weekly rows). */
  readonly scopes: readonly ScopeKind[];
  /** Weeks simulated (the weekly rows run 0..horizonWeeks−1). */
  readonly horizonWeeks: number;
  /** Events executed, summed over replications. */
  readonly events: number;
  /** One row per (scope, id, KPI): the service first, then teams, then clusters, in model order. */
  readonly kpis: readonly KpiRow[];
  /** One row per (scope, id, week): the service, then each cluster, weeks ascending. */
  readonly weekly: readonly WeeklyRow[];
  /**
   * Waiting-time distribution: one row per (scope, id, bin), the service then each cluster
   * (when cluster is a scope), bins ascending; one-week bins up to 52 weeks, then an overflow
   * bin. Added within format 1 (readers ignore fields they do not know): absent from results
   * stored before it.
   */
  readonly waitHistogram?: readonly WaitHistogramRow[];
}

/** Options of an experiment. */
export interface ExperimentOptions {
  /** Replications R >= 1. */
  readonly replications: number;
  /** Master seed (an unsigned 32-bit integer is safest). Default 1. */
  readonly seed?: number;
  /** Warm-up; default "none". */
  readonly warmup?: WarmupOption;
  /** Confidence level; default 0.95. */
  readonly level?: number;
  /**
   * Scopes to compute KPIs for; default all. The service is always included. Leaving out
   * clusters also leaves out their weekly rows and wait histograms.
   */
  readonly scopes?: readonly ScopeKind[];
}
