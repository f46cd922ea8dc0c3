/**
 * What a finished run or comparison stores: its result document and its KPI rows, built from
 * the experiments' results. The one place both are built, whether on the event loop or on the
 * result thread (server/result-thread), so the stored text is the same either way.
 */
import type { CapacityAnalysis } from "../sim/capacity/index.js";
import { compareResults } from "../sim/experiment/compare.js";
import type { ExperimentResult } from "../sim/experiment/types.js";
import type { Labels, StoredResult } from "./charts/index.js";
import type { TimeAxis } from "./charts/time-axis.js";
import { experimentKpiRows } from "./run-service.js";
import { unpackParts } from "./scenario-parts.js";
import type { SchoolCollector } from "./school-results.js";
import type { KpiRow } from "./storage/run-store.js";

/** Where a precision target stood at the end of a run: the replications reached and the half-width. */
export interface PrecisionOutcome {
  readonly kpi: string;
  readonly target: number;
  readonly relative: boolean;
  readonly maxReps: number;
  /** Replications run. */
  readonly n: number;
  readonly met: boolean;
  readonly mean: number | null;
  readonly halfWidth: number | null;
  /** The half-width asked for (a relative target: at the final mean). */
  readonly wanted: number | null;
}

/** What a run's stored result holds beside the charts' fields. */
export interface RunExtras {
  readonly precision?: PrecisionOutcome;
  /** The analytic cross-check of the scenario run (for a comparison, of A and B), as `mhst capacity --json`. */
  readonly capacity?: CapacityAnalysis;
  readonly capacityB?: CapacityAnalysis;
}

/**
 * Everything a stored result holds besides the experiments and the per-school results: plain
 * data (it crosses to the result thread). `run`: one scenario; `compare`: A and B.
 */
export type ResultRecipe =
  | { readonly kind: "run"; readonly labels: Labels; readonly axis?: TimeAxis; readonly precision?: PrecisionOutcome; readonly capacity?: CapacityAnalysis }
  | {
      readonly kind: "compare";
      readonly names: { readonly a: string; readonly b: string };
      readonly labels: Labels;
      readonly labelsB: Labels;
      readonly axis?: TimeAxis;
      readonly axisB?: TimeAxis;
      readonly precision?: PrecisionOutcome;
      readonly capacity?: CapacityAnalysis;
      readonly capacityB?: CapacityAnalysis;
    };

/**
 * A {@link ResultRecipe} whose scenario parts (labels, axis, capacity check) are still packed
 * (see packParts): what the event loop holds and posts to the result thread, which unpacks it
 * with {@link recipeOf}. `run`: one scenario's parts; `compare`: A's and B's.
 */
export type PackedRecipe =
  | { readonly kind: "run"; readonly parts: Uint8Array; readonly precision?: PrecisionOutcome }
  | { readonly kind: "compare"; readonly names: { readonly a: string; readonly b: string }; readonly parts: readonly [Uint8Array, Uint8Array]; readonly precision?: PrecisionOutcome };

/**
 * The recipe of a packed one, its parts unpacked (on the thread that builds the result).
 * @throws Error when a part's bytes are not packParts's.
 * @example const recipe = recipeOf({ kind: "run", parts: prepared.parts });
 */
export function recipeOf(packed: PackedRecipe): ResultRecipe {
  const precision = packed.precision ? { precision: packed.precision } : {};
  if (packed.kind === "run") {
    const p = unpackParts(packed.parts);
    return { kind: "run", labels: p.labels, axis: p.axis, ...precision, ...(p.capacity ? { capacity: p.capacity } : {}) };
  }
  const [a, b] = packed.parts.map(unpackParts);
  return {
    kind: "compare",
    names: packed.names,
    labels: a.labels,
    labelsB: b.labels,
    axis: a.axis,
    axisB: b.axis,
    ...precision,
    ...(a.capacity ? { capacity: a.capacity } : {}),
    ...(b.capacity ? { capacityB: b.capacity } : {}),
  };
}

/** A stored result and its KPI rows, as the run store saves them. */
export interface StoredRun {
  readonly result: StoredResult & RunExtras;
  readonly kpis: KpiRow[];
}

/**
 * The stored result and KPI rows of a run (one experiment) or a comparison (two: A, B), with
 * the per-school results that `schools` gathered. A comparison's KPI rows are its paired
 * differences (scope `diff:<scope>`).
 * @throws RangeError when a comparison's replication counts differ.
 * @example const { result, kpis } = storedRun({ kind: "run", labels }, [experiment], schools);
 */
export function storedRun(recipe: ResultRecipe, experiments: readonly ExperimentResult[], schools: SchoolCollector): StoredRun {
  const precision = recipe.precision ? { precision: recipe.precision } : {};
  if (recipe.kind === "run") {
    const [experiment] = experiments;
    const [fairness] = schools.finish([experiment]);
    const result: StoredResult & RunExtras = { kind: "run", labels: recipe.labels, axis: recipe.axis, experiment, ...(fairness ? { fairness } : {}), fairnessNote: schools.note, ...precision, ...(recipe.capacity ? { capacity: recipe.capacity } : {}) };
    return { result, kpis: experimentKpiRows(experiment) };
  }
  const [ra, rb] = experiments;
  const comparison = compareResults(ra, rb);
  const [fairnessA, fairnessB] = schools.finish([ra, rb]);
  const fairnessDiff = schools.compare(fairnessA, fairnessB);
  const fairness = fairnessA && fairnessB && fairnessDiff ? { fairnessA, fairnessB, fairnessDiff } : {};
  const { names, labels, labelsB, axis, axisB } = recipe;
  const result: StoredResult & RunExtras = { kind: "compare", names, labels, labelsB, axis, axisB, a: ra, b: rb, comparison, ...fairness, fairnessNote: schools.note, ...precision, ...(recipe.capacity ? { capacity: recipe.capacity } : {}), ...(recipe.capacityB ? { capacityB: recipe.capacityB } : {}) };
  const kpis = comparison.map((c) => ({ scope: `diff:${c.scope === "service" ? "service" : `${c.scope}:${c.id}`}`, kpi: c.kpi, mean: c.diff, lo: c.lo, hi: c.hi }));
  return { result, kpis };
}
