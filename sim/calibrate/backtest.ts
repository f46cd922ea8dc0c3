/**
 * Back-testing: the same monthly measures from observed and simulated records (referrals,
 * first contacts, completions, the waiting list at month end and the share seen within the
 * standard), and where each observed month falls against the simulated 10–90 % band.
 */

import { percentile } from "../stats/index.js";
import type { ObservedPeriod, ObservedReferral } from "./types.js";

/** The measures compared month by month. */
export const BACKTEST_MEASURES = ["referrals", "firstContacts", "completions", "waitlistEnd", "shareSeenWithinStandard"] as const;
export type BacktestMeasure = (typeof BACKTEST_MEASURES)[number];

/** A calendar month within the period, in days [fromDay, toDay). */
export interface MonthSpan {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly fromDay: number;
  readonly toDay: number;
}

const DAY_MS = 86_400_000;

/**
 * The calendar months a period covers, each cut to the period.
 * @example monthSpans("2025-09-01", { fromDay: 0, toDay: 45 }) // 2025-09 [0, 30), 2025-10 [30, 45)
 */
export function monthSpans(startDate: string, period: ObservedPeriod): MonthSpan[] {
  const start = Date.parse(`${startDate}T00:00:00Z`);
  const out: MonthSpan[] = [];
  let d = period.fromDay;
  while (d < period.toDay) {
    const date = new Date(start + d * DAY_MS);
    const next = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    const end = Math.min(period.toDay, Math.round((next - start) / DAY_MS));
    out.push({ month: date.toISOString().slice(0, 7), fromDay: d, toDay: end });
    d = end;
  }
  return out;
}

/** The day a referral joined the waiting list (consent), −Infinity for one waiting at the start, or null. */
function joined(r: ObservedReferral): number | null {
  if (r.waitingAtStart) return -Infinity;
  return r.triageOutcome === "accepted" ? r.consentDay : null;
}

/** Whether a referral is on the waiting list (consented, not started, not withdrawn) at the end of `day`. */
export function waitingAt(r: ObservedReferral, day: number): boolean {
  const j = joined(r);
  if (j === null || j > day) return false;
  if (r.firstContactDay !== null && r.firstContactDay <= day) return false;
  return !(r.dischargeReason === "withdrawn" && r.dischargeDay !== null && r.dischargeDay <= day);
}

/**
 * Children on the waiting list on the period's first day: those waiting at its start, and
 * those who joined before it and had not started or withdrawn by it.
 */
export function waitingAtStart(records: readonly ObservedReferral[], fromDay: number): ObservedReferral[] {
  return records.filter((r) => waitingAt(r, fromDay - 1));
}

/**
 * Each measure in each month (null where undefined: no deadline fell in the month).
 * `standardDays` gives a school's first-contact standard in days.
 */
export function monthlyMeasures(records: readonly ObservedReferral[], months: readonly MonthSpan[], standardDays: (school: string) => number): Record<BacktestMeasure, (number | null)[]> {
  const n = months.length;
  const out = Object.fromEntries(BACKTEST_MEASURES.map((m) => [m, new Array<number | null>(n).fill(0)])) as Record<BacktestMeasure, (number | null)[]>;
  const due = new Array<number>(n).fill(0);
  const seen = new Array<number>(n).fill(0);
  const idx = (day: number | null): number => {
    if (day === null) return -1;
    let lo = 0;
    let hi = n - 1;
    if (n === 0 || day < months[0].fromDay || day >= months[hi].toDay) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (months[mid].fromDay <= day) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const bump = (m: BacktestMeasure, k: number) => {
    if (k >= 0) out[m][k] = (out[m][k] as number) + 1;
  };
  for (const r of records) {
    if (!r.waitingAtStart) bump("referrals", idx(r.referralDay));
    bump("firstContacts", idx(r.firstContactDay));
    if (r.dischargeReason === "completed") bump("completions", idx(r.dischargeDay));
    if (joined(r) !== null) {
      const deadline = r.referralDay + standardDays(r.school);
      const k = idx(deadline);
      if (k >= 0) {
        due[k]++;
        if (r.firstContactDay !== null && r.firstContactDay <= deadline) seen[k]++;
      }
    }
  }
  months.forEach((m, k) => {
    out.waitlistEnd[k] = records.reduce((s, r) => s + (waitingAt(r, m.toDay - 1) ? 1 : 0), 0);
    out.shareSeenWithinStandard[k] = due[k] > 0 ? seen[k] / due[k] : null;
  });
  return out;
}

/** One measure in one month: observed against the simulated band. */
export interface BacktestMonth {
  readonly measure: BacktestMeasure;
  readonly month: string;
  readonly observed: number | null;
  readonly p10: number | null;
  readonly median: number | null;
  readonly p90: number | null;
  /** Observed within [p10, p90]; null when either side is undefined, or both are 0 throughout (nothing happened). */
  readonly inside: boolean | null;
}

/** The share of observed months inside the band, over all measures and per measure. */
export interface BacktestSummary {
  readonly shareInsideBand: number | null;
  readonly months: number;
  readonly byMeasure: Readonly<Record<BacktestMeasure, { readonly shareInsideBand: number | null; readonly months: number }>>;
}

/**
 * Observed months against the simulated replications' 10th, 50th and 90th percentiles.
 * @example compareMonths(months, observed, simulated).summary.shareInsideBand // 0.84
 */
export function compareMonths(months: readonly MonthSpan[], observed: Record<BacktestMeasure, (number | null)[]>, simulated: readonly Record<BacktestMeasure, (number | null)[]>[]): { months: BacktestMonth[]; summary: BacktestSummary } {
  const rows: BacktestMonth[] = [];
  for (const measure of BACKTEST_MEASURES) {
    months.forEach((m, k) => {
      const values = simulated.map((s) => s[measure][k]).filter((v): v is number => v !== null).sort((a, b) => a - b);
      const q = (p: number) => (values.length ? percentile(values, p) : null);
      const [p10, median, p90] = [q(0.1), q(0.5), q(0.9)];
      const obs = observed[measure][k];
      // A month with nothing on either side (a summer holiday) is shown but not judged.
      const idle = obs === 0 && p10 === 0 && p90 === 0;
      rows.push({ measure, month: m.month, observed: obs, p10, median, p90, inside: obs === null || p10 === null || p90 === null || idle ? null : obs >= p10 - 1e-9 && obs <= p90 + 1e-9 });
    });
  }
  const share = (list: readonly BacktestMonth[]) => {
    const judged = list.filter((r) => r.inside !== null);
    return { shareInsideBand: judged.length ? judged.filter((r) => r.inside).length / judged.length : null, months: judged.length };
  };
  const all = share(rows);
  const byMeasure = Object.fromEntries(BACKTEST_MEASURES.map((m) => [m, share(rows.filter((r) => r.measure === m))])) as BacktestSummary["byMeasure"];
  return { months: rows, summary: { shareInsideBand: all.shareInsideBand, months: all.months, byMeasure } };
}
