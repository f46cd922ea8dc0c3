import { poissonInterval } from "./intervals.js";
import type { Estimate, ObservedPeriod, ObservedReferral } from "./types.js";

/** Fewest withdrawals for patience to be fitted. */
export const MIN_WITHDRAWALS = 5;

/**
 * Withdrawal while waiting, as an exponential patience with censoring: each accepted child is at
 * risk from joining the list (consent, or the period's start for one already waiting) until
 * withdrawal (an event), the first contact or the period's end (censored: still-open cases
 * count their time waited, not a withdrawal). The rate is withdrawals over weeks at risk; the
 * mean patience is its inverse, with the Poisson interval of the count turned over.
 */
export function patienceWeeks(records: readonly ObservedReferral[], period: ObservedPeriod, conf: number): Estimate {
  let events = 0;
  let days = 0;
  let n = 0;
  for (const r of records) {
    const joined = r.waitingAtStart ? Math.max(r.consentDay ?? period.fromDay, period.fromDay) : r.triageOutcome === "accepted" ? r.consentDay : null;
    if (joined === null || joined >= period.toDay) continue;
    let end = period.toDay;
    let event = false;
    if (r.firstContactDay !== null) end = Math.min(end, r.firstContactDay);
    else if (r.dischargeReason === "withdrawn" && r.dischargeDay !== null && r.dischargeDay < end) {
      end = r.dischargeDay;
      event = true;
    }
    if (end < joined) continue;
    n++;
    days += end - joined;
    if (event) events++;
  }
  const label = "weeks a family waits before withdrawing (mean)";
  const weeks = days / 7;
  if (events < MIN_WITHDRAWALS || !(weeks > 0)) {
    return { kind: "patienceWeeks", unit: null, label, value: null, lo: null, hi: null, n, fitted: false, note: `${events} withdrawals in ${weeks.toFixed(0)} weeks waited; at least ${MIN_WITHDRAWALS} are needed` };
  }
  const [lo, hi] = poissonInterval(events, conf);
  return { kind: "patienceWeeks", unit: null, label, value: weeks / events, lo: weeks / hi, hi: lo > 0 ? weeks / lo : Infinity, n, fitted: true, note: `exponential with censoring: ${events} withdrawals in ${weeks.toFixed(0)} weeks waited by ${n} children` };
}
