import { designStream, permutation, randomIndex } from "./seeded.js";

/** Options of a Morris design. */
export interface MorrisOptions {
  /** Trajectories r, >= 2 (default 10). Each costs k + 1 runs for k factors. */
  readonly trajectories?: number;
  /** Grid levels p, an even whole number >= 2 (default 4). */
  readonly levels?: number;
  /** Seed of the design (default 1). */
  readonly seed?: number;
}

/**
 * A Morris elementary-effects design over k factors in the unit cube: r trajectories of k + 1
 * points each. Within a trajectory, point s + 1 differs from point s in one factor only,
 * `order[s]`, by ±Δ with Δ = p / (2(p − 1)); every coordinate lies on the grid 0, 1/(p−1), …, 1.
 */
export interface MorrisDesign {
  readonly factors: number;
  readonly levels: number;
  readonly delta: number;
  /** `points[t][s]`: point s of trajectory t, one coordinate per factor in [0, 1]. */
  readonly points: readonly (readonly number[])[][];
  /** `order[t][s]`: the factor that changes from point s to s + 1 of trajectory t. */
  readonly order: readonly (readonly number[])[];
}

/** Checks and fills the options. @throws RangeError naming the option, the value and the rule. */
export function morrisOptions(options: MorrisOptions = {}): Required<MorrisOptions> {
  const { trajectories = 10, levels = 4, seed = 1 } = options;
  if (!Number.isInteger(trajectories) || trajectories < 2) throw new RangeError(`trajectories: ${trajectories} must be a whole number >= 2`);
  if (!Number.isInteger(levels) || levels < 2 || levels % 2 !== 0) throw new RangeError(`levels: ${levels} must be an even whole number >= 2`);
  if (!Number.isFinite(seed)) throw new RangeError(`seed: ${seed} must be a finite number`);
  return { trajectories, levels, seed };
}

/**
 * Builds a seeded Morris design (Morris 1991): each trajectory starts at a random grid point,
 * then moves one factor at a time, in a random order, by Δ up (from the lower half of the
 * grid) or down (from the upper half), so each factor moves up and down equally often.
 * Cost O(r k²) numbers. The same seed gives the same design.
 *
 * @throws RangeError for fewer than one factor or bad options (see {@link morrisOptions}).
 * @example morrisDesign(3, { trajectories: 10, seed: 7 }).points.length // 10 trajectories of 4 points
 */
export function morrisDesign(factors: number, options: MorrisOptions = {}): MorrisDesign {
  if (!Number.isInteger(factors) || factors < 1) throw new RangeError(`factors: ${factors} must be a whole number >= 1`);
  const { trajectories, levels, seed } = morrisOptions(options);
  const s = designStream(seed, "morris");
  const step = levels / 2;
  const delta = step / (levels - 1);
  const points: number[][][] = [];
  const order: number[][] = [];
  for (let t = 0; t < trajectories; t++) {
    const grid = Array.from({ length: factors }, () => randomIndex(s, levels));
    const perm = permutation(s, factors);
    const path = [grid.map((j) => j / (levels - 1))];
    for (const i of perm) {
      grid[i] = grid[i] < step ? grid[i] + step : grid[i] - step;
      path.push(grid.map((j) => j / (levels - 1)));
    }
    points.push(path);
    order.push(perm);
  }
  return { factors, levels, delta, points, order };
}

/** Morris statistics of one factor. Null where undefined (no finite effect; sd needs two). */
export interface MorrisStats {
  /** Mean elementary effect: its sign says which way the output moves. */
  readonly mu: number | null;
  /** Mean absolute elementary effect: the factor's overall influence (Campolongo et al. 2007). */
  readonly muStar: number | null;
  /** Standard deviation of the effects (n − 1): interaction with other factors or a non-linear effect. */
  readonly sigma: number | null;
  /** Standard error of μ, σ/√n: a μ further than 2 of these from 0 is unlikely to be chance. */
  readonly sem: number | null;
  /** Effects with a finite value. */
  readonly n: number;
}

/**
 * Elementary effects of a Morris design and their statistics, per factor. The effect of factor
 * i at step s is (y[s+1] − y[s]) / (x[s+1]_i − x[s]_i), with x the factor's position in its range
 * (0 at low, 1 at high): so an effect is in output units per full range, and a linear output
 * y = Σ bᵢ vᵢ over ranges [lowᵢ, highᵢ] gives μ*ᵢ = |bᵢ| (highᵢ − lowᵢ) and σᵢ = 0.
 *
 * @param outputs `outputs[t][s]`, the output at point s of trajectory t; null or non-finite when
 *   undefined (such steps are left out).
 * @param positions optional actual positions `positions[t][s][i]` in [0, 1] (after rounding a
 *   whole-number field); default the design's own points.
 * @throws RangeError when the outputs do not match the design's shape.
 * @example morrisEffects(d, d.points.map((tr) => tr.map(([a, b]) => 3 * a - 2 * b)))[0].muStar // 3
 */
export function morrisEffects(
  design: MorrisDesign,
  outputs: readonly (readonly (number | null)[])[],
  positions: readonly (readonly (readonly number[])[])[] = design.points,
): MorrisStats[] {
  if (outputs.length !== design.points.length || outputs.some((o, t) => o.length !== design.points[t].length)) {
    throw new RangeError(`morrisEffects: outputs must be ${design.points.length} trajectories of ${design.factors + 1} values`);
  }
  const effects: number[][] = Array.from({ length: design.factors }, () => []);
  design.order.forEach((perm, t) => {
    perm.forEach((i, s) => {
      const y0 = outputs[t][s];
      const y1 = outputs[t][s + 1];
      const dx = positions[t][s + 1][i] - positions[t][s][i];
      if (y0 === null || y1 === null || !Number.isFinite(y0) || !Number.isFinite(y1) || dx === 0) return;
      effects[i].push((y1 - y0) / dx);
    });
  });
  return effects.map(stats);
}

function stats(e: readonly number[]): MorrisStats {
  const n = e.length;
  if (n === 0) return { mu: null, muStar: null, sigma: null, sem: null, n };
  const mu = e.reduce((a, b) => a + b, 0) / n;
  const muStar = e.reduce((a, b) => a + Math.abs(b), 0) / n;
  const sigma = n >= 2 ? Math.sqrt(e.reduce((a, b) => a + (b - mu) ** 2, 0) / (n - 1)) : null;
  return { mu, muStar, sigma, sem: sigma === null ? null : sigma / Math.sqrt(n), n };
}
