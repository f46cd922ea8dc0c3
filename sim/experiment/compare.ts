import { pairedDifference } from "../stats/index.js";
import type { ExperimentResult, KpiRow, ScopeKind } from "./types.js";
import { welchInterval } from "./welch-interval.js";

/**
 * One KPI of one scope in two scenarios A and B: each one's mean and interval, and the
 * difference B − A with its paired interval (common random numbers: replication r of A and
 * of B share their random streams) and, for contrast, Welch's unpaired interval. Flat and
 * JSON-serialisable; null where undefined (fewer than two finite pairs).
 */
export interface ComparisonRow {
  readonly scope: ScopeKind;
  readonly id: string;
  readonly kpi: string;
  readonly meanA: number | null;
  readonly loA: number | null;
  readonly hiA: number | null;
  readonly meanB: number | null;
  readonly loB: number | null;
  readonly hiB: number | null;
  /** Mean over replications of B − A. */
  readonly diff: number | null;
  /** Paired interval of the mean difference. */
  readonly lo: number | null;
  readonly hi: number | null;
  readonly halfWidth: number | null;
  /** Welch's unpaired interval of the same difference. */
  readonly welchLo: number | null;
  readonly welchHi: number | null;
  readonly welchHalfWidth: number | null;
  /** Replications where both values are finite. */
  readonly n: number;
}

const keyOf = (r: KpiRow) => `${r.scope}\u0000${r.id}\u0000${r.kpi}`;
const orNull = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);

/**
 * Compares two experiments KPI by KPI (rows in A's order; rows missing from B are left out).
 * Run both with the same seed and replication count so that the pairing is under common
 * random numbers; the paired interval is then usually far narrower than Welch's.
 *
 * @param scopes which scopes to compare; default all.
 * @throws RangeError when the replication counts differ.
 * @example compareResults(base, extraDay).find((r) => r.kpi === "waitWeeksMean") // diff -1.2, lo -1.4, hi -1.0
 */
export function compareResults(
  a: ExperimentResult,
  b: ExperimentResult,
  options: { level?: number; scopes?: readonly ScopeKind[] } = {},
): ComparisonRow[] {
  if (a.replications !== b.replications) {
    throw new RangeError(`compareResults: replications differ (${a.replications} vs ${b.replications}); pairing needs the same`);
  }
  const level = options.level ?? a.level;
  const scopes = new Set<ScopeKind>(options.scopes ?? ["service", "team", "cluster"]);
  const bRows = new Map(b.kpis.map((r) => [keyOf(r), r]));
  const rows: ComparisonRow[] = [];
  for (const ra of a.kpis) {
    const rb = bRows.get(keyOf(ra));
    if (!rb || !scopes.has(ra.scope)) continue;
    const xa: number[] = [];
    const xb: number[] = [];
    ra.values.forEach((va, i) => {
      const vb = rb.values[i];
      if (va !== null && vb !== null && vb !== undefined) {
        xa.push(va);
        xb.push(vb);
      }
    });
    const paired = xa.length >= 2 ? pairedDifference(xa, xb, level) : null;
    const welch = xa.length >= 2 ? welchInterval(xa, xb, level) : null;
    const diff = xa.length >= 1 ? xb.reduce((s, v, i) => s + v - xa[i], 0) / xa.length : null;
    rows.push({
      scope: ra.scope,
      id: ra.id,
      kpi: ra.kpi,
      meanA: ra.mean,
      loA: ra.lo,
      hiA: ra.hi,
      meanB: rb.mean,
      loB: rb.lo,
      hiB: rb.hi,
      diff: paired ? orNull(paired.mean) : diff,
      lo: orNull(paired?.lo),
      hi: orNull(paired?.hi),
      halfWidth: orNull(paired?.halfWidth),
      welchLo: orNull(welch?.lo),
      welchHi: orNull(welch?.hi),
      welchHalfWidth: orNull(welch?.halfWidth),
      n: xa.length,
    });
  }
  return rows;
}
