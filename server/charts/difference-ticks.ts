/**
 * Axis ticks for a difference B − A: a domain holding zero and every value, cut at a round step
 * (1, 2 or 5 × 10^k) into about five intervals, and a number format with just the decimals that
 * step needs. A difference of exactly zero gets the domain −1 to 1, never a zero-width axis
 * whose single tick prints as `0.000000`.
 */

/** The domain, tick values and d3 number format of a difference axis. */
export interface DifferenceTicks {
  readonly domain: readonly [number, number];
  readonly values: readonly number[];
  /** d3-format specifier, e.g. `,.1f`. */
  readonly format: string;
}

/** The round step (1, 2 or 5 × 10^k) nearest above `rough`. */
function roundStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const m = rough / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

/**
 * Ticks for an axis that must show zero and each of `values` (nulls and non-finite values are
 * left out).
 * @example differenceTicks([0.3, -0.1, 0.72]) // { domain: [-0.2, 0.8], values: [-0.2, 0, 0.2, 0.4, 0.6, 0.8], format: ",.1f" }
 * @example differenceTicks([0, 0, 0]) // { domain: [-1, 1], values: [-1, -0.5, 0, 0.5, 1], format: ",.1f" }
 */
export function differenceTicks(values: readonly (number | null | undefined)[], intervals = 5): DifferenceTicks {
  const finite = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  let lo = Math.min(0, ...finite);
  let hi = Math.max(0, ...finite);
  if (hi - lo < 1e-12) [lo, hi] = [-1, 1];
  const step = roundStep((hi - lo) / intervals);
  const from = Math.floor(lo / step + 1e-9);
  const to = Math.ceil(hi / step - 1e-9);
  const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  // Rounded to the step's decimals, and + 0 turns a −0 tick into 0.
  const at = (k: number) => Number((k * step).toFixed(digits)) + 0;
  const ticks: number[] = [];
  for (let k = from; k <= to; k++) ticks.push(at(k));
  return { domain: [at(from), at(to)], values: ticks, format: `,.${digits}f` };
}
