/**
 * Fairness between schools: waits, the share seen within the standard and contacts per 100
 * pupils by school, by phase and by school size band; the gap between the best and the worst
 * cluster; and a concentration index of contacts against pupils. Pure functions over a run's
 * case records and an experiment's KPI rows; no I/O.
 */

import { computeKpis } from "../model/kpis.js";
import type { CaseRecord, RunRecords } from "../model/records.js";
import { pairedDifference } from "../stats/index.js";
import { dropWarmup } from "./summarise-replication.js";
import { finiteOrNull, summariseValues } from "./summarise-values.js";
import type { KpiRow } from "./types.js";

/** What fairness needs to know of a school. */
export interface FairnessSchool {
  readonly id: string;
  readonly name: string;
  readonly phase: string;
  readonly pupils: number;
  readonly cluster: string;
}

/** The measures kept per school and group, per replication. */
export const FAIRNESS_MEASURES = ["shareSeenWithinStandard", "waitWeeksMeanCensored", "waitWeeksMean", "waitingBeyondStandardEnd", "referrals", "contacts", "contactsPer100Pupils"] as const;
export type FairnessMeasure = (typeof FAIRNESS_MEASURES)[number];

/** School size bands by pupils on roll: a band holds `from` ≤ pupils < `to`. */
export const SIZE_BANDS = [
  { id: "under-250", label: "under 250 pupils", from: 0, to: 250 },
  { id: "250-499", label: "250–499 pupils", from: 250, to: 500 },
  { id: "500-999", label: "500–999 pupils", from: 500, to: 1000 },
  { id: "1000-plus", label: "1,000 pupils or more", from: 1000, to: Infinity },
] as const;

/**
 * The size band of a school with `pupils` pupils.
 * @example sizeBand(320).id // "250-499"
 */
export function sizeBand(pupils: number): (typeof SIZE_BANDS)[number] {
  return SIZE_BANDS.find((b) => pupils >= b.from && pupils < b.to) ?? SIZE_BANDS[0];
}

/** A group the measures are kept for: one school, one phase, or one size band. */
/** One group's measures in one replication. */
export type GroupMeasures = Record<FairnessMeasure, number>;

export interface FairnessGroup {
  readonly kind: "school" | "phase" | "size";
  readonly id: string;
  readonly name: string;
  readonly schools: readonly string[];
  readonly pupils: number;
  /** A school's phase and cluster (groups of several schools have none). */
  readonly phase?: string;
  readonly cluster?: string;
}

/** Every school, then each phase present, then each size band present, in a fixed order. */
export function fairnessGroups(schools: readonly FairnessSchool[]): FairnessGroup[] {
  const sum = (list: readonly FairnessSchool[]) => list.reduce((s, x) => s + x.pupils, 0);
  const groups: FairnessGroup[] = schools.map((s) => ({ kind: "school", id: s.id, name: s.name, schools: [s.id], pupils: s.pupils, phase: s.phase, cluster: s.cluster }));
  for (const phase of ["primary", "secondary", "special", "college", ...new Set(schools.map((s) => s.phase))].filter((p, i, a) => a.indexOf(p) === i)) {
    const list = schools.filter((s) => s.phase === phase);
    if (list.length > 0) groups.push({ kind: "phase", id: phase, name: phase, schools: list.map((s) => s.id), pupils: sum(list) });
  }
  for (const band of SIZE_BANDS) {
    const list = schools.filter((s) => sizeBand(s.pupils).id === band.id);
    if (list.length > 0) groups.push({ kind: "size", id: band.id, name: band.label, schools: list.map((s) => s.id), pupils: sum(list) });
  }
  return groups;
}

/**
 * The measures of each group in one replication, after the warm-up, in the order of `groups`:
 * the model's own KPIs (computeKpis) over the group's children, plus `contacts` (sessions
 * attended: 1:1, group and MHST+) and `contactsPer100Pupils` = 100 × contacts / pupils.
 * NaN where a measure is undefined (nobody due, nobody started).
 * Cost: O(cases + groups).
 */
export function groupMeasures(records: RunRecords, groups: readonly FairnessGroup[], warmupWeeks = 0): GroupMeasures[] {
  const kept = dropWarmup(records, warmupWeeks);
  const bySchool = new Map<string, CaseRecord[]>();
  for (const c of kept.cases) {
    const list = bySchool.get(c.school);
    if (list) list.push(c);
    else bySchool.set(c.school, [c]);
  }
  return groups.map((g) => {
    const cases = g.schools.flatMap((id) => bySchool.get(id) ?? []);
    const k = computeKpis({ cases, weeks: [], practitionerWeeks: [], events: 0, horizonDays: kept.horizonDays, warmupDays: kept.warmupDays ?? 0 });
    const contacts = cases.reduce((s, c) => s + c.sessions, 0);
    return {
      shareSeenWithinStandard: k.shareSeenWithinStandard,
      waitWeeksMeanCensored: k.waitWeeksMeanCensored,
      waitWeeksMean: k.waitWeeksMean,
      waitingBeyondStandardEnd: k.waitingBeyondStandardEnd,
      referrals: k.referrals,
      contacts,
      contactsPer100Pupils: g.pupils > 0 ? (100 * contacts) / g.pupils : NaN,
    };
  });
}

/**
 * Concentration index of contacts against pupils (a Gini coefficient of contacts per pupil,
 * weighted by pupils). Schools are ordered by contacts per pupil, lowest first (ties by input
 * order); with x the cumulative share of pupils and y the cumulative share of contacts along
 * that order (the concentration curve), the index is 1 − Σ (x_k − x_{k−1})(y_k + y_{k−1}),
 * one minus twice the area under the curve. 0 when every school's contacts are in proportion
 * to its pupils; it grows towards 1 as contacts gather in schools holding few of the pupils
 * (all contacts in one school with a share p of the pupils gives 1 − p).
 * @returns null when there are no pupils or no contacts.
 * @example concentrationIndex([100, 300], [10, 10]) // 0.25
 */
export function concentrationIndex(pupils: readonly number[], contacts: readonly number[]): number | null {
  if (pupils.length !== contacts.length) throw new RangeError(`concentrationIndex: ${pupils.length} pupil counts but ${contacts.length} contact counts`);
  const P = pupils.reduce((s, x) => s + x, 0);
  const C = contacts.reduce((s, x) => s + x, 0);
  if (!(P > 0) || !(C > 0)) return null;
  const order = pupils.map((_, i) => i).filter((i) => pupils[i] > 0).sort((a, b) => contacts[a] / pupils[a] - contacts[b] / pupils[b] || a - b);
  let x = 0;
  let y = 0;
  let area = 0;
  for (const i of order) {
    const x1 = x + pupils[i] / P;
    const y1 = y + contacts[i] / C;
    area += (x1 - x) * (y1 + y);
    x = x1;
    y = y1;
  }
  return 1 - area;
}

/** A measure of a group summarised across replications (Student-t 95 % interval). */
export interface FairnessValue {
  readonly mean: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
  readonly n: number;
  /** One value per replication, in order (null where undefined). */
  readonly values: readonly (number | null)[];
}

/** One group's measures across replications. */
export interface FairnessRow extends FairnessGroup {
  readonly measures: Readonly<Record<FairnessMeasure, FairnessValue>>;
}

/** The gap in a KPI between the best and the worst cluster (by mean), with a paired interval. */
export interface ClusterGap {
  readonly kpi: string;
  readonly best: string;
  readonly worst: string;
  readonly bestMean: number;
  readonly worstMean: number;
  /** best − worst of the means; the interval is of the per-replication difference of the two. */
  readonly gap: number;
  readonly lo: number | null;
  readonly hi: number | null;
  readonly values: readonly (number | null)[];
}

/** Per-school results and fairness measures of an experiment. */
export interface FairnessResult {
  readonly replications: number;
  readonly rows: readonly FairnessRow[];
  /** Concentration index of contacts against pupils (see {@link concentrationIndex}), across replications. */
  readonly concentration: FairnessValue;
  /** Best–worst cluster gap in shareSeenWithinStandard; null with fewer than two clusters. */
  readonly clusterGap: ClusterGap | null;
}

const value = (values: readonly (number | null)[], level: number): FairnessValue => {
  const s = summariseValues("service", "", "", values, level);
  return { mean: s.mean, lo: s.lo, hi: s.hi, n: s.n, values };
};

/**
 * The gap between the best and the worst cluster in a KPI where higher is better (by default
 * shareSeenWithinStandard), from an experiment's cluster KPI rows: the clusters with the
 * highest and the lowest mean, the difference of their means, and the Student-t interval of
 * their per-replication differences (the two share each replication's random numbers).
 * @returns null with fewer than two clusters that have a mean.
 * @example clusterGap(result.kpis)?.gap // 0.13: best cluster 85 %, worst 72 %
 */
export function clusterGap(kpis: readonly KpiRow[], kpi = "shareSeenWithinStandard", level = 0.95): ClusterGap | null {
  const rows = kpis.filter((k) => k.scope === "cluster" && k.kpi === kpi && k.mean !== null);
  if (rows.length < 2) return null;
  let best = rows[0];
  let worst = rows[0];
  for (const r of rows) {
    if (r.mean! > best.mean!) best = r;
    if (r.mean! < worst.mean!) worst = r;
  }
  const values = best.values.map((b, i) => (b !== null && worst.values[i] !== null && worst.values[i] !== undefined ? b - worst.values[i]! : null));
  const v = value(values, level);
  return { kpi, best: best.id, worst: worst.id, bestMean: best.mean!, worstMean: worst.mean!, gap: best.mean! - worst.mean!, lo: v.lo, hi: v.hi, values };
}

/**
 * Collects each replication's group measures and contacts, in replication order, and
 * summarises them (see {@link FairnessResult}).
 * @example
 * const acc = new FairnessAccumulator(schools);
 * for (const [r, records] of runs.entries()) acc.add(records, 0);
 * const fairness = acc.result(experiment.kpis);
 */
export class FairnessAccumulator {
  readonly groups: readonly FairnessGroup[];
  private readonly values: (number | null)[][][];
  private readonly concentration: (number | null)[] = [];
  private readonly schoolAt: number[];

  constructor(private readonly schools: readonly FairnessSchool[]) {
    this.groups = fairnessGroups(schools);
    this.values = this.groups.map(() => FAIRNESS_MEASURES.map(() => []));
    this.schoolAt = schools.map((_, i) => i);
  }

  /** Adds the next replication's records. */
  add(records: RunRecords, warmupWeeks = 0): void {
    this.addMeasures(groupMeasures(records, this.groups, warmupWeeks));
  }

  /**
   * Adds the next replication's measures of {@link groups}, in their order, as
   * {@link groupMeasures} gives them (a worker thread computes them where the records are).
   */
  addMeasures(measures: readonly GroupMeasures[]): void {
    measures.forEach((m, g) => FAIRNESS_MEASURES.forEach((name, k) => this.values[g][k].push(finiteOrNull(m[name]))));
    // Schools come first in the groups, in input order.
    this.concentration.push(concentrationIndex(this.schools.map((s) => s.pupils), this.schoolAt.map((i) => measures[i].contacts)));
  }

  /** The summary, with the cluster gap from the experiment's KPI rows. */
  result(kpis: readonly KpiRow[] = [], level = 0.95): FairnessResult {
    const rows = this.groups.map((g, i) => ({ ...g, measures: Object.fromEntries(FAIRNESS_MEASURES.map((name, k) => [name, value(this.values[i][k], level)])) as Record<FairnessMeasure, FairnessValue> }));
    return { replications: this.concentration.length, rows, concentration: value(this.concentration, level), clusterGap: clusterGap(kpis, "shareSeenWithinStandard", level) };
  }
}

/** A measure of one group in A and B, and the paired difference B − A. */
export interface FairnessDifference {
  readonly kind: FairnessGroup["kind"];
  readonly id: string;
  readonly name: string;
  readonly measure: FairnessMeasure | "concentration" | "clusterGap";
  readonly meanA: number | null;
  readonly meanB: number | null;
  readonly diff: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
}

function paired(a: FairnessValue, b: FairnessValue, level: number): Pick<FairnessDifference, "meanA" | "meanB" | "diff" | "lo" | "hi"> {
  const xa: number[] = [];
  const xb: number[] = [];
  a.values.forEach((va, i) => {
    const vb = b.values[i];
    if (va !== null && vb !== null && vb !== undefined) xa.push(va), xb.push(vb);
  });
  const iv = xa.length >= 2 ? pairedDifference(xa, xb, level) : null;
  const diff = xa.length > 0 ? xb.reduce((s, v, i) => s + v - xa[i], 0) / xa.length : null;
  return { meanA: a.mean, meanB: b.mean, diff, lo: finiteOrNull(iv?.lo), hi: finiteOrNull(iv?.hi) };
}

/**
 * Differences B − A of every measure of every group found in both (by kind and id; a school
 * moved to another cluster is the same school), paired replication by replication, then the
 * concentration index and the cluster gap (each side's own best and worst clusters).
 * @example compareFairness(a, b).find((d) => d.id === "p03" && d.measure === "shareSeenWithinStandard")
 */
export function compareFairness(a: FairnessResult, b: FairnessResult, level = 0.95): FairnessDifference[] {
  const inB = new Map(b.rows.map((r) => [`${r.kind}:${r.id}`, r]));
  const out: FairnessDifference[] = [];
  for (const ra of a.rows) {
    const rb = inB.get(`${ra.kind}:${ra.id}`);
    if (!rb) continue;
    for (const m of FAIRNESS_MEASURES) out.push({ kind: ra.kind, id: ra.id, name: ra.name, measure: m, ...paired(ra.measures[m], rb.measures[m], level) });
  }
  out.push({ kind: "school", id: "", name: "all schools", measure: "concentration", ...paired(a.concentration, b.concentration, level) });
  if (a.clusterGap && b.clusterGap) {
    const gap = (g: ClusterGap): FairnessValue => ({ mean: g.gap, lo: g.lo, hi: g.hi, n: g.values.length, values: g.values });
    out.push({ kind: "school", id: "", name: "between clusters", measure: "clusterGap", ...paired(gap(a.clusterGap), gap(b.clusterGap), level), meanA: a.clusterGap.gap, meanB: b.clusterGap.gap });
  }
  return out;
}
