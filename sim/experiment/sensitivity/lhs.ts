import { designStream, permutation } from "./seeded.js";

/**
 * A seeded Latin hypercube of n points in k dimensions, in the open unit cube: in every
 * dimension each of the n equal strata (j/n, (j+1)/n) holds exactly one point, at a uniform
 * random place within it; strata are matched across dimensions by independent random
 * permutations (McKay, Beckman & Conover 1979). Cost O(n k). The same seed gives the same design.
 *
 * @returns `points[j][i]`: coordinate i of point j, in (0, 1).
 * @throws RangeError when k < 1 or n < 2.
 * @example latinHypercube(2, 10, 1).map(([u]) => Math.floor(u * 10)).sort() // 0..9, each once
 */
export function latinHypercube(k: number, n: number, seed = 1): number[][] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`latinHypercube: factors ${k} must be a whole number >= 1`);
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`latinHypercube: samples ${n} must be a whole number >= 2`);
  const s = designStream(seed, "lhs");
  const points = Array.from({ length: n }, () => new Array<number>(k));
  for (let i = 0; i < k; i++) {
    const strata = permutation(s, n);
    for (let j = 0; j < n; j++) points[j][i] = (strata[j] + s.next()) / n;
  }
  return points;
}
