import type { ExperimentResult } from "../types.js";
import { checkFactors, factorOverrides, quantileOf, unitOf, factorValue, type UncertainFactor } from "./factors.js";
import { latinHypercube } from "./lhs.js";
import { morrisDesign, morrisEffects, type MorrisDesign, type MorrisStats } from "./morris.js";
import { byMagnitude, oatRows, type OatRow } from "./oat.js";
import { prcc, type PrccStats } from "./prcc.js";

/** The three analyses: one at a time, Morris screening, Latin hypercube with PRCC. */
export const SENSITIVITY_METHODS = ["oat", "morris", "lhs"] as const;
export type SensitivityMethod = (typeof SENSITIVITY_METHODS)[number];

/** Options of a sensitivity design. */
export interface SensitivityOptions {
  readonly method: SensitivityMethod;
  /** Morris: trajectories (default 10). */
  readonly trajectories?: number;
  /** Morris: grid levels, even (default 4). */
  readonly levels?: number;
  /** LHS: samples (default 50). */
  readonly samples?: number;
  /** Seed of the design (Morris, LHS); default 1. */
  readonly seed?: number;
}

/** One run of a design: the value of each factor and the overrides that set them. */
export interface DesignPoint {
  /** One value per factor, in the factors' order (OAT's base point holds the scenario's values, null where it has none). */
  readonly values: readonly (number | null)[];
  /** `path=value` strings for the scenario loader; empty for the base. */
  readonly overrides: readonly string[];
}

/** The runs a sensitivity analysis needs, and what it needs to read their results. */
export interface SensitivityPlan {
  readonly method: SensitivityMethod;
  readonly factors: readonly UncertainFactor[];
  readonly points: readonly DesignPoint[];
  readonly morris?: MorrisDesign;
}

/** Default Latin hypercube size. */
export const DEFAULT_LHS_SAMPLES = 50;

/**
 * The design points of an analysis. OAT: the base, then each factor at its low and its high end
 * (1 + 2k runs). Morris: r trajectories of k + 1 points (r(k + 1) runs). LHS: n samples drawn from
 * each factor's law. Whole-number fields are rounded.
 *
 * @throws RangeError for bad factors (see checkFactors) or options, naming the option.
 * @example planSensitivity(factors, { method: "oat" }).points.length // 1 + 2 × factors
 */
export function planSensitivity(factors: readonly UncertainFactor[], options: SensitivityOptions): SensitivityPlan {
  checkFactors(factors);
  const point = (values: number[]): DesignPoint => ({ values, overrides: factorOverrides(factors, values) });
  switch (options.method) {
    case "oat": {
      const points: DesignPoint[] = [{ values: factors.map((f) => f.base ?? null), overrides: [] }];
      for (const f of factors) {
        for (const end of [f.low, f.high]) points.push({ values: factors.map((g) => (g === f ? end : g.base ?? null)), overrides: [`${f.path}=${end}`] });
      }
      return { method: "oat", factors, points };
    }
    case "morris": {
      const design = morrisDesign(factors.length, options);
      const points = design.points.flatMap((tr) => tr.map((x) => point(factors.map((f, i) => factorValue(f, x[i])))));
      return { method: "morris", factors, points, morris: design };
    }
    case "lhs": {
      const n = options.samples ?? DEFAULT_LHS_SAMPLES;
      if (!Number.isInteger(n) || n < factors.length + 2) throw new RangeError(`samples: ${n} must be a whole number >= ${factors.length + 2} (factors + 2)`);
      return { method: "lhs", factors, points: latinHypercube(factors.length, n, options.seed ?? 1).map((u) => point(factors.map((f, i) => quantileOf(f, u[i])))) };
    }
    default:
      throw new RangeError(`method: ${JSON.stringify(options.method)} must be one of ${SENSITIVITY_METHODS.join(", ")}`);
  }
}

/** A Morris row: the factor, its range and its statistics. */
export interface MorrisRow extends MorrisStats {
  readonly parameter: string;
  readonly low: number;
  readonly high: number;
}

/** A Latin hypercube row: the factor, its range and its partial rank correlation with the KPI. */
export interface LhsRow extends PrccStats {
  readonly parameter: string;
  readonly low: number;
  readonly high: number;
}

export type { OatRow };
export type SensitivityRow = OatRow | MorrisRow | LhsRow;

/** The service mean of one KPI in a result, or null. @throws RangeError when the KPI is missing. */
export function serviceMean(result: ExperimentResult, kpi: string): number | null {
  const row = result.kpis.find((k) => k.scope === "service" && k.kpi === kpi);
  if (!row) throw new RangeError(`kpi: ${JSON.stringify(kpi)} is not in the results`);
  return row.mean;
}

/**
 * The rows of an analysis from the results of its plan's points (in the plan's order), for one
 * service KPI, most influential first: OAT by swing, Morris by μ*, LHS by |PRCC|. Morris and LHS
 * read each point's mean over its replications.
 *
 * @throws RangeError when the results do not match the plan, or the KPI is missing.
 * @example analyseSensitivity(plan, results, "shareSeenWithinStandard")[0].parameter
 */
export function analyseSensitivity(plan: SensitivityPlan, results: readonly ExperimentResult[], kpi: string, level?: number): SensitivityRow[] {
  if (results.length !== plan.points.length) throw new RangeError(`analyseSensitivity: ${plan.points.length} points but ${results.length} results`);
  const { factors } = plan;
  const ranges = (i: number) => ({ parameter: factors[i].path, low: factors[i].low, high: factors[i].high });
  if (plan.method === "oat") {
    return oatRows(factors, results[0], factors.map((_, i) => results[1 + 2 * i]), factors.map((_, i) => results[2 + 2 * i]), kpi, level);
  }
  const y = results.map((r) => serviceMean(r, kpi));
  if (plan.method === "morris") {
    const design = plan.morris!;
    const width = factors.length + 1;
    const outputs = design.points.map((_, t) => y.slice(t * width, (t + 1) * width));
    const positions = design.points.map((_, t) => plan.points.slice(t * width, (t + 1) * width).map((p) => p.values.map((v, i) => unitOf(factors[i], v as number))));
    const stats = morrisEffects(design, outputs, positions);
    return byMagnitude(stats.map((s, i): MorrisRow => ({ ...ranges(i), ...s })), (r) => r.muStar);
  }
  const stats = prcc(plan.points.map((p) => p.values as number[]), y);
  return byMagnitude(stats.map((s, i): LhsRow => ({ ...ranges(i), ...s })), (r) => r.prcc);
}

/**
 * A sensitivity analysis as the CLI prints it with `--json`, the server returns it and the
 * notebooks read it: flat and JSON-serialisable.
 */
export interface SensitivityResult {
  readonly format: "mhst-sensitivity/1";
  readonly method: SensitivityMethod;
  readonly scenario: string;
  /** The service KPI analysed. */
  readonly kpi: string;
  /** Replications per design point, and their master seed (shared by every point: common random numbers). */
  readonly replications: number;
  readonly seed: number;
  readonly level: number;
  /** Design points run. */
  readonly points: number;
  /** Morris trajectories and levels, LHS samples (only for that method). */
  readonly trajectories?: number;
  readonly levels?: number;
  readonly samples?: number;
  readonly factors: readonly UncertainFactor[];
  readonly rows: readonly SensitivityRow[];
}

/**
 * Runs an analysis through the caller's model loader and experiment runner (so this module does
 * no I/O itself): plans the design, loads one model per point, runs them all in one call under
 * common random numbers, and analyses. The loader and runner decide where models come from and
 * where replications run (a worker pool, the server's engine, a Redis queue).
 *
 * @throws whatever the loader or runner throws, and RangeError as {@link planSensitivity}.
 * @example await runSensitivity({ factors, options: { method: "morris" }, kpi, replications: 5, seed: 1, load, run })
 */
export async function runSensitivity<M>(args: {
  readonly factors: readonly UncertainFactor[];
  readonly options: SensitivityOptions;
  readonly kpi: string;
  readonly replications: number;
  readonly seed: number;
  readonly level?: number;
  /** A model for a point's overrides (and its index, for error messages); points load one after another. */
  readonly load: (overrides: readonly string[], index: number) => M | Promise<M>;
  /** Called with every model before any run (e.g. to check the work estimate). */
  readonly check?: (models: readonly M[]) => void;
  readonly run: (models: readonly M[]) => Promise<readonly ExperimentResult[]>;
}): Promise<SensitivityResult> {
  const plan = planSensitivity(args.factors, { ...args.options, seed: args.options.seed ?? args.seed });
  const models: M[] = [];
  for (const [i, p] of plan.points.entries()) models.push(await args.load(p.overrides, i));
  args.check?.(models);
  const results = await args.run(models);
  const level = args.level ?? results[0]?.level ?? 0.95;
  const o = args.options;
  return {
    format: "mhst-sensitivity/1",
    method: plan.method,
    scenario: results[0]?.scenario ?? "",
    kpi: args.kpi,
    replications: args.replications,
    seed: args.seed,
    level,
    points: plan.points.length,
    ...(plan.method === "morris" ? { trajectories: o.trajectories ?? 10, levels: o.levels ?? 4 } : {}),
    ...(plan.method === "lhs" ? { samples: o.samples ?? DEFAULT_LHS_SAMPLES } : {}),
    factors: plan.factors,
    rows: analyseSensitivity(plan, results, args.kpi, level),
  };
}
