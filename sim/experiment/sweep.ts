import { from, type ColumnTable } from "arquero";
import type { ExperimentResult, ScopeKind } from "./types.js";

/** One swept parameter: a scenario path (as in overrides, e.g. `casework.slotsPerDay`) and its values. */
export interface SweepParam {
  readonly path: string;
  readonly values: readonly number[];
}

/** A sweep point: a value for each swept path. */
export type SweepPoint = Readonly<Record<string, number>>;

/**
 * Every combination of the parameters' values, the first parameter varying slowest.
 *
 * @throws RangeError when a parameter has no values or a path repeats.
 * @example sweepGrid([{ path: "a", values: [1, 2] }, { path: "b", values: [5] }]) // [{ a: 1, b: 5 }, { a: 2, b: 5 }]
 */
export function sweepGrid(params: readonly SweepParam[]): SweepPoint[] {
  const seen = new Set<string>();
  for (const p of params) {
    if (p.values.length === 0) throw new RangeError(`sweepGrid: ${p.path} has no values`);
    if (seen.has(p.path)) throw new RangeError(`sweepGrid: ${p.path} is swept twice`);
    seen.add(p.path);
  }
  return params.reduce<SweepPoint[]>(
    (points, p) => points.flatMap((pt) => p.values.map((v) => ({ ...pt, [p.path]: v }))),
    [{}],
  );
}

/** The override strings (`path=value`) that set a sweep point. */
export const pointOverrides = (point: SweepPoint): string[] => Object.entries(point).map(([k, v]) => `${k}=${v}`);

/**
 * A tidy arquero table of a sweep: one row per (point, KPI) with columns `point` (index), one
 * column per swept path, `kpi`, `mean`, `lo`, `hi`, `sd`, `n`. Undefined statistics are null.
 *
 * @param scope which rows of each result to keep; default the service.
 * @throws RangeError when points and results differ in number.
 * @example sweepTable(points, results).filter((d) => d.kpi === "waitWeeksMean").print()
 */
export function sweepTable(
  points: readonly SweepPoint[],
  results: readonly ExperimentResult[],
  options: { scope?: ScopeKind; id?: string; kpis?: readonly string[] } = {},
): ColumnTable {
  if (points.length !== results.length) throw new RangeError(`sweepTable: ${points.length} points but ${results.length} results`);
  const scope = options.scope ?? "service";
  const wanted = options.kpis ? new Set(options.kpis) : null;
  const rows: Record<string, unknown>[] = [];
  results.forEach((result, i) => {
    for (const k of result.kpis) {
      if (k.scope !== scope || (options.id !== undefined && k.id !== options.id)) continue;
      if (wanted && !wanted.has(k.kpi)) continue;
      rows.push({ point: i, ...points[i], kpi: k.kpi, mean: k.mean, lo: k.lo, hi: k.hi, sd: k.sd, n: k.n });
    }
  });
  return from(rows);
}
