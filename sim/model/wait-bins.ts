/**
 * Week bins of the wait from referral to first contact, for waiting-time histograms.
 */

/** Default number of one-week bins before the overflow bin (a year). */
export const WAIT_HISTOGRAM_WEEKS = 52;

/**
 * Bin of a wait of `days` days among `weeks` one-week bins and one overflow bin: bin k
 * (0 ≤ k < weeks) holds waits with k < days / 7 ≤ k + 1 (bin 0 also holds a same-day start),
 * and bin `weeks` every wait over `weeks` weeks. So bins 0–3 are exactly the waits that meet
 * the four-week standard (≤ 28 days).
 *
 * @example waitBin(0, 52) === 0; waitBin(7, 52) === 0; waitBin(8, 52) === 1; waitBin(28, 52) === 3; waitBin(400, 52) === 52
 */
export function waitBin(days: number, weeks: number): number {
  if (!(days > 0)) return 0;
  const k = Math.ceil(days / 7) - 1;
  return k < weeks ? k : weeks;
}
