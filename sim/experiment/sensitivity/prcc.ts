import { sampleCorrelation } from "simple-statistics";
import { incompleteBeta } from "../../stats/incomplete-beta.js";

/**
 * Ranks 1..n of the values, ties sharing their mean rank (so tied values get equal ranks).
 * @example ranks([10, 30, 20, 20]) // [1, 4, 2.5, 2.5]
 */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let lo = 0; lo < order.length; ) {
    let hi = lo;
    while (hi + 1 < order.length && order[hi + 1][0] === order[lo][0]) hi++;
    const rank = (lo + hi) / 2 + 1;
    for (let j = lo; j <= hi; j++) out[order[j][1]] = rank;
    lo = hi + 1;
  }
  return out;
}

/**
 * Residuals of the least-squares fit of y on the columns (with an intercept), by modified
 * Gram–Schmidt: y minus its projection on the span of the constant and the columns. Columns
 * that add nothing to the span (constant, or a combination of others) are skipped.
 */
export function residuals(y: readonly number[], columns: readonly (readonly number[])[]): number[] {
  const n = y.length;
  const basis: number[][] = [];
  const project = (v: number[]) => {
    for (const q of basis) {
      let dot = 0;
      for (let j = 0; j < n; j++) dot += q[j] * v[j];
      for (let j = 0; j < n; j++) v[j] -= dot * q[j];
    }
    return v;
  };
  for (const c of [new Array<number>(n).fill(1), ...columns]) {
    const v = project([...c]);
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    const scale = Math.sqrt(c.reduce((s, x) => s + x * x, 0));
    if (norm > 1e-10 * Math.max(1, scale)) basis.push(v.map((x) => x / norm));
  }
  return project([...y]);
}

/** The partial rank correlation of one factor with the output. Null where undefined. */
export interface PrccStats {
  /** PRCC in [−1, 1]: the monotone association of the factor with the output, the other factors held fixed. */
  readonly prcc: number | null;
  /** t statistic r √(df / (1 − r²)), df = n − 2 − (k − 1). */
  readonly t: number | null;
  /** Two-sided p-value of r = 0 (Student t with df degrees of freedom). */
  readonly p: number | null;
  readonly df: number;
}

/**
 * Partial rank correlation coefficients (Saltelli & Marivoet 1990; Marino et al. 2008): rank
 * every input column and the output, then for each input correlate (Pearson) the residuals of
 * its ranks and of the output's ranks, each regressed on the ranks of the other inputs. For k = 1
 * this is Spearman's ρ. Rows with a null or non-finite output are left out. Cost O(n k³).
 *
 * @param inputs `inputs[j][i]`: factor i at sample j.
 * @param outputs `outputs[j]`: the output at sample j.
 * @throws RangeError when the lengths differ, or there are fewer samples than k + 2.
 * @example prcc([[1], [2], [3], [4], [5]], [2, 1, 4, 3, 5])[0].prcc // 0.8
 */
export function prcc(inputs: readonly (readonly number[])[], outputs: readonly (number | null)[]): PrccStats[] {
  if (inputs.length !== outputs.length) throw new RangeError(`prcc: ${inputs.length} samples but ${outputs.length} outputs`);
  const keep = outputs.flatMap((y, j) => (y !== null && Number.isFinite(y) ? [j] : []));
  const k = inputs[0]?.length ?? 0;
  const n = keep.length;
  if (k < 1 || n < k + 2) throw new RangeError(`prcc: ${n} samples with an output for ${k} factors; at least ${k + 2} are needed`);
  const rankedX = Array.from({ length: k }, (_, i) => ranks(keep.map((j) => inputs[j][i])));
  const rankedY = ranks(keep.map((j) => outputs[j] as number));
  const df = n - 2 - (k - 1);
  return rankedX.map((xi, i) => {
    const others = rankedX.filter((_, m) => m !== i);
    const rx = residuals(xi, others);
    const ry = residuals(rankedY, others);
    const sx = rx.reduce((s, v) => s + v * v, 0);
    const sy = ry.reduce((s, v) => s + v * v, 0);
    // Either residual is nil when the factor (or the output) is fixed by the others: no partial correlation.
    if (sx < 1e-18 * n * n || sy < 1e-18 * n * n) return { prcc: null, t: null, p: null, df };
    const r = Math.max(-1, Math.min(1, sampleCorrelation(rx, ry)));
    if (df < 1) return { prcc: r, t: null, p: null, df };
    if (Math.abs(r) === 1) return { prcc: r, t: r * Infinity, p: 0, df };
    const t = r * Math.sqrt(df / (1 - r * r));
    const p = incompleteBeta(df / 2, 0.5, df / (df + t * t), (t * t) / (df + t * t));
    return { prcc: r, t, p, df };
  });
}
