import { confidenceInterval } from "../stats/index.js";
import type { KpiRow, ScopeKind } from "./types.js";

/** The value when finite, else null (JSON has no NaN). */
export const finiteOrNull = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);

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
  // Most KPIs have a value in every replication: their array is read as it is, not copied.
  const finite = values.includes(null) ? values.filter((v): v is number => v !== null) : (values as readonly number[]);
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
