import { confidenceInterval } from "../stats/index.js";
import { higherIsBetter, meetsTarget, type Target } from "./target.js";

/** One evaluated point of the response curve. */
export interface CurvePoint {
  readonly value: number;
  /** `search` points share the search seed (common random numbers); `verify` points use fresh replications. */
  readonly phase: "search" | "verify";
  readonly mean: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
  readonly n: number;
  /** Whether the interval meets the target with confidence. */
  readonly met: boolean;
}

/**
 * The solver's answer. `solved`: `value` is the least grid value meeting the target in the
 * search and in fresh replications. `impossible`: not met even at the grid's maximum; `best`
 * is the best point reached. `unverified`: met in the search, but no value up to the maximum
 * met it again with fresh replications.
 */
export interface SolveResult {
  readonly status: "solved" | "impossible" | "unverified";
  readonly value: number | null;
  /** The point that decided the answer (the verified one when solved), or the best reached. */
  readonly best: CurvePoint;
  /** Every point evaluated, ordered by phase then value. */
  readonly curve: readonly CurvePoint[];
}

/** Options of {@link solveCapacity}. */
export interface SolveOptions {
  /** Candidate values, ascending (see {@link valueGrid}). */
  readonly grid: readonly number[];
  readonly target: Target;
  /**
   * Samples (one per replication) of the target KPI with the varied parameter at `value`,
   * from replications seeded by `seed`. Non-finite samples are ignored.
   */
  readonly evaluate: (value: number, seed: number) => Promise<readonly number[]> | readonly number[];
  readonly seed: number;
  /** Seed of the fresh verification replications; must differ from `seed`. */
  readonly verifySeed: number;
  /** Confidence level; default 0.95. */
  readonly level?: number;
  /** Called after each evaluated point. */
  readonly onPoint?: (point: CurvePoint) => void;
}

/**
 * Seed of a solver's verification replications for a search seed: far from it (the golden
 * ratio of 2^32 away), still an unsigned 32-bit integer. The CLI (`mhst solve`) and the
 * dashboard both use it, so they give the same answer for the same seed.
 * @example verifySeedOf(1) === 2654435770
 */
export const verifySeedOf = (seed: number): number => (seed + 0x9e3779b9) >>> 0;

/**
 * The evenly spaced values min, min+step, …, up to max (max included when on the grid),
 * rounded to cancel floating-point drift.
 *
 * @throws RangeError when min > max, step <= 0 or the grid would exceed 10,000 values.
 * @example valueGrid(1, 2, 0.25) // [1, 1.25, 1.5, 1.75, 2]
 */
export function valueGrid(min: number, max: number, step: number): number[] {
  if (!(Number.isFinite(min) && Number.isFinite(max) && min <= max)) throw new RangeError(`valueGrid: min ${min} must be <= max ${max}`);
  if (!(step > 0)) throw new RangeError(`valueGrid: step ${step} must be > 0`);
  const count = Math.floor((max - min) / step + 1e-9) + 1;
  if (count > 10_000) throw new RangeError(`valueGrid: ${count} values is more than 10000`);
  return Array.from({ length: count }, (_, i) => Number((min + i * step).toPrecision(12)));
}

/**
 * Finds the least grid value whose KPI meets the target with confidence (the interval's bound
 * on the far side of the threshold clears it), assuming that meeting it is monotone: once met
 * at a value, met at every larger one. Under common random numbers (one seed for every search
 * point) the sample paths are monotone, so bisection over the grid needs about log2(grid)
 * evaluations. The answer is then re-checked with fresh replications (`verifySeed`); if that
 * fails the solver walks up the grid until a value passes.
 *
 * Cost: 2 + ⌈log2(grid length)⌉ search evaluations, plus one or more verifications.
 *
 * @example
 * ```ts
 * await solveCapacity({ grid: valueGrid(1, 10, 1), target: parseTarget("x >= 5"), seed: 1, verifySeed: 2,
 *   evaluate: (v) => [v - 0.1, v, v + 0.1] }) // status "solved", value 6 (interval at 5 dips below 5)
 * ```
 */
export async function solveCapacity(options: SolveOptions): Promise<SolveResult> {
  const { grid, target, evaluate, seed, verifySeed, level = 0.95, onPoint } = options;
  if (grid.length === 0) throw new RangeError("solveCapacity: empty grid");
  if (seed === verifySeed) throw new RangeError("solveCapacity: verifySeed must differ from seed");
  const curve: CurvePoint[] = [];
  const cache = new Map<string, CurvePoint>();
  const point = async (i: number, phase: CurvePoint["phase"]): Promise<CurvePoint> => {
    const value = grid[i];
    const k = `${phase}:${value}`;
    const hit = cache.get(k);
    if (hit) return hit;
    const samples = (await evaluate(value, phase === "search" ? seed : verifySeed)).filter(Number.isFinite);
    let p: CurvePoint;
    if (samples.length >= 2) {
      const ci = confidenceInterval(samples, level);
      p = { value, phase, mean: ci.mean, lo: ci.lo, hi: ci.hi, n: samples.length, met: false };
    } else {
      const mean = samples.length === 1 ? samples[0] : null;
      p = { value, phase, mean, lo: null, hi: null, n: samples.length, met: false };
    }
    p = { ...p, met: meetsTarget(target, p) };
    cache.set(k, p);
    curve.push(p);
    onPoint?.(p);
    return p;
  };
  const ordered = () =>
    [...curve].sort((a, b) => (a.phase === b.phase ? a.value - b.value : a.phase === "search" ? -1 : 1));
  const bestOf = (points: readonly CurvePoint[]): CurvePoint => {
    const sign = higherIsBetter(target) ? 1 : -1;
    return points.reduce((best, p) => ((p.mean ?? -Infinity * sign) * sign > (best.mean ?? -Infinity * sign) * sign ? p : best));
  };

  const top = await point(grid.length - 1, "search");
  if (!top.met) {
    await point(0, "search");
    return { status: "impossible", value: null, best: bestOf(curve), curve: ordered() };
  }
  let hi = grid.length - 1;
  let lo = -1;
  if ((await point(0, "search")).met) hi = 0;
  else lo = 0;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((await point(mid, "search")).met) hi = mid;
    else lo = mid;
  }
  for (let i = hi; i < grid.length; i++) {
    const v = await point(i, "verify");
    if (v.met) return { status: "solved", value: v.value, best: v, curve: ordered() };
  }
  return { status: "unverified", value: null, best: bestOf(curve.filter((p) => p.phase === "verify")), curve: ordered() };
}
