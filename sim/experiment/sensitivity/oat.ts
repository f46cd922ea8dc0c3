import { compareResults } from "../compare.js";
import type { ExperimentResult } from "../types.js";
import type { UncertainFactor } from "./factors.js";

/**
 * One factor of a one-at-a-time analysis: the KPI at the scenario as it stands (base), with the
 * factor at its low end and at its high end (everything else as in the base), and the paired
 * differences with their intervals. All runs share seed and replication indices (common random
 * numbers), so each difference is paired replication by replication. Null where undefined.
 */
export interface OatRow {
  readonly parameter: string;
  /** The scenario's own value of the parameter (null when it has none, e.g. an unset optional field). */
  readonly base: number | null;
  readonly low: number;
  readonly high: number;
  readonly baseMean: number | null;
  readonly lowMean: number | null;
  readonly highMean: number | null;
  /** Low − base: mean of the paired differences and its interval. */
  readonly lowDiff: number | null;
  readonly lowDiffLo: number | null;
  readonly lowDiffHi: number | null;
  /** High − base. */
  readonly highDiff: number | null;
  readonly highDiffLo: number | null;
  readonly highDiffHi: number | null;
  /** High − low: how far the KPI moves over the whole range, with its paired interval. The tornado's bar length. */
  readonly swing: number | null;
  readonly swingLo: number | null;
  readonly swingHi: number | null;
  /** Replication pairs with both values finite (base against high). */
  readonly n: number;
}

/** The service row of one KPI in a comparison of two results. */
function paired(a: ExperimentResult, b: ExperimentResult, kpi: string, level?: number) {
  const row = compareResults(a, b, { scopes: ["service"], level }).find((r) => r.kpi === kpi);
  if (!row) throw new RangeError(`oat: KPI ${JSON.stringify(kpi)} is not in the results`);
  return row;
}

/**
 * One-at-a-time rows from the results of a base run and of each factor at its low and high end,
 * for one service KPI, sorted by the size of the swing (largest first, undefined last).
 *
 * @param lows `lows[i]`: the run with factor i at its low end; `highs[i]` likewise.
 * @throws RangeError when the lists do not match the factors, the replication counts differ, or
 *   the KPI is missing.
 * @example oatRows(factors, base, lows, highs, "shareSeenWithinStandard")[0].parameter // the factor that moves it most
 */
export function oatRows(
  factors: readonly UncertainFactor[],
  base: ExperimentResult,
  lows: readonly ExperimentResult[],
  highs: readonly ExperimentResult[],
  kpi: string,
  level?: number,
): OatRow[] {
  if (lows.length !== factors.length || highs.length !== factors.length) {
    throw new RangeError(`oatRows: ${factors.length} factors but ${lows.length} low and ${highs.length} high runs`);
  }
  const rows = factors.map((f, i): OatRow => {
    const lo = paired(base, lows[i], kpi, level);
    const hi = paired(base, highs[i], kpi, level);
    const sw = paired(lows[i], highs[i], kpi, level);
    return {
      parameter: f.path,
      base: f.base ?? null,
      low: f.low,
      high: f.high,
      baseMean: lo.meanA,
      lowMean: lo.meanB,
      highMean: hi.meanB,
      lowDiff: lo.diff,
      lowDiffLo: lo.lo,
      lowDiffHi: lo.hi,
      highDiff: hi.diff,
      highDiffLo: hi.lo,
      highDiffHi: hi.hi,
      swing: sw.diff,
      swingLo: sw.lo,
      swingHi: sw.hi,
      n: hi.n,
    };
  });
  return byMagnitude(rows, (r) => r.swing);
}

/** Rows sorted by |key| descending, nulls last; stable otherwise. */
export function byMagnitude<T>(rows: readonly T[], key: (r: T) => number | null): T[] {
  const size = (r: T) => {
    const v = key(r);
    return v === null || !Number.isFinite(v) ? -1 : Math.abs(v);
  };
  return rows.map((r, i) => ({ r, i })).sort((a, b) => size(b.r) - size(a.r) || a.i - b.i).map((x) => x.r);
}
