import { normalCdf } from "../../random/normal-cdf.js";
import { normalQuantile } from "../../random/normal-quantile.js";

/**
 * How an uncertain input is spread over its range: evenly (a `[low, high]` range or a uniform
 * distribution), as a triangle with its peak at `mode`, or as a normal cut at the range's ends.
 */
export type FactorLaw =
  | { readonly kind: "uniform" }
  | { readonly kind: "triangular"; readonly mode: number }
  | { readonly kind: "normal"; readonly mean: number; readonly sd: number };

/**
 * One uncertain scenario input: a parameter path (as in overrides, e.g. `casework.dnaShare` or
 * `practitioners[emhp-1].fte`), the range it may take, and how likely each value is. One at a
 * time and Morris designs use the ends `low` and `high`; a Latin hypercube draws from `law`.
 */
export interface UncertainFactor {
  readonly path: string;
  /** Least value (the support's lower end, or a normal's cut). */
  readonly low: number;
  /** Greatest value; > low. */
  readonly high: number;
  /** Whole-number field: values are rounded to the nearest whole number. */
  readonly integer?: boolean;
  /** Default uniform. */
  readonly law?: FactorLaw;
  /** The scenario's own value of the field, when it has one (shown beside the range). */
  readonly base?: number;
}

/**
 * Checks a list of factors: paths non-empty and distinct, finite ends with low < high, a
 * triangle's mode inside the range, a normal's sd > 0.
 * @throws RangeError naming the factor, the value and the rule.
 * @example checkFactors([{ path: "casework.dnaShare", low: 0.05, high: 0.2 }])
 */
export function checkFactors(factors: readonly UncertainFactor[]): void {
  if (factors.length === 0) throw new RangeError("factors: none given; a sensitivity analysis needs at least one uncertain input");
  const seen = new Set<string>();
  for (const f of factors) {
    if (f.path.trim() === "") throw new RangeError("factors: a path is empty");
    if (seen.has(f.path)) throw new RangeError(`${f.path}: is listed twice`);
    seen.add(f.path);
    if (!Number.isFinite(f.low) || !Number.isFinite(f.high) || !(f.low < f.high)) {
      throw new RangeError(`${f.path}: range [${f.low}, ${f.high}] must have finite low < high`);
    }
    const law = f.law;
    if (law?.kind === "triangular" && !(law.mode >= f.low && law.mode <= f.high)) {
      throw new RangeError(`${f.path}: mode ${law.mode} must lie in [${f.low}, ${f.high}]`);
    }
    if (law?.kind === "normal" && !(law.sd > 0)) throw new RangeError(`${f.path}: sd ${law.sd} must be > 0`);
  }
}

/** The factor's value at a point x in [0, 1] of its range (low + x × (high − low)), rounded for whole-number fields. */
export function factorValue(f: UncertainFactor, x: number): number {
  const v = f.low + x * (f.high - f.low);
  return f.integer ? Math.round(v) : v;
}

/** Where a value sits in the factor's range, 0 at low and 1 at high. */
export const unitOf = (f: UncertainFactor, value: number): number => (value - f.low) / (f.high - f.low);

/**
 * The factor's value at probability u in (0, 1) of its law (inverse CDF), rounded for
 * whole-number fields: the map a Latin hypercube uses to turn strata into values.
 * A normal is cut at [low, high], so its values stay in the range.
 * @example quantileOf({ path: "a", low: 0, high: 10, law: { kind: "triangular", mode: 0 } }, 0.75) // 5
 */
export function quantileOf(f: UncertainFactor, u: number): number {
  const { low: a, high: b } = f;
  const law = f.law ?? { kind: "uniform" };
  let v: number;
  switch (law.kind) {
    case "uniform":
      v = a + u * (b - a);
      break;
    case "triangular": {
      const c = law.mode;
      const fc = (c - a) / (b - a);
      v = u < fc ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
      break;
    }
    case "normal": {
      const lo = normalCdf((a - law.mean) / law.sd);
      const hi = normalCdf((b - law.mean) / law.sd);
      v = law.mean + law.sd * normalQuantile(lo + u * (hi - lo));
      v = Math.min(b, Math.max(a, v));
      break;
    }
  }
  return f.integer ? Math.round(v) : v;
}

/**
 * The override strings (`path=value`) that set a design point: one value per factor, in the
 * factors' order.
 * @example factorOverrides([{ path: "a", low: 0, high: 1 }], [0.5]) // ["a=0.5"]
 */
export function factorOverrides(factors: readonly UncertainFactor[], values: readonly number[]): string[] {
  return factors.map((f, i) => `${f.path}=${values[i]}`);
}
