/**
 * The tally every KPI function fills (counts, waits, contacts, slots of one scope) and the one
 * function that turns a tally into KPIs. `computeKpis` and `computeKpisByScope` share both,
 * so they give the same numbers.
 */

import { OutcomeCode } from "./cases.js";
import { ACTIVITIES, KPI_NAMES } from "./records.js";

/** Case counts of a scope, in the order they appear among the KPI keys. */
export const COUNTS = ["referrals", "initialWaiting", "signposted", "declined", "accepted", "started", "completed", "steppedUp", "withdrawn", "waitlistEnd", "inTriageEnd", "openEnd"] as const;
export type Count = (typeof COUNTS)[number];

/** Index of each count in {@link COUNTS}. */
export const CI = Object.fromEntries(COUNTS.map((k, i) => [k, i])) as Record<Count, number>;

/** Count index of each closed-case outcome code. */
export const CODE_COUNT: Record<number, number> = {
  [OutcomeCode.Signposted]: CI.signposted,
  [OutcomeCode.Declined]: CI.declined,
  [OutcomeCode.Withdrawn]: CI.withdrawn,
  [OutcomeCode.Completed]: CI.completed,
  [OutcomeCode.SteppedUp]: CI.steppedUp,
};

/** What a scope's KPIs are computed from. */
export interface Tally {
  /** Counts in {@link COUNTS} order. */
  counts: ArrayLike<number>;
  /** Waits (referral → first contact) of started cases, days; sorted in place by {@link finishKpis}. */
  waits: Float64Array;
  contacts: number;
  /** Slots by activity, ACTIVITIES order. */
  slots: ArrayLike<number>;
}

/** The four-week standard, in days (a wait of exactly 28 days meets it). */
export const FOUR_WEEKS_DAYS = 28;

/** KPIs of one tally over a kept period of `horizonDays` days. */
export function finishKpis(t: Tally, horizonDays: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of KPI_NAMES) out[name] = 0;
  COUNTS.forEach((k, i) => (out[k] = t.counts[i]));
  const waits = t.waits.sort();
  const n = waits.length;
  let sum = 0;
  let within = 0;
  for (let i = 0; i < n; i++) {
    sum += waits[i];
    if (waits[i] <= FOUR_WEEKS_DAYS) within++;
  }
  out.waitWeeksMean = n ? sum / n / 7 : NaN;
  out.waitWeeksMedian = n ? (n % 2 ? waits[(n - 1) / 2] : (waits[n / 2 - 1] + waits[n / 2]) / 2) / 7 : NaN;
  out.waitWeeksP90 = n ? waits[Math.max(0, Math.ceil(0.9 * n) - 1)] / 7 : NaN;
  // A share (0–1), so that targets read as in planning documents: `pctStartedWithin4Weeks >= 0.9`.
  out.pctStartedWithin4Weeks = n ? within / n : NaN;
  const nWeeks = horizonDays / 7;
  out.contactsPerWeek = nWeeks > 0 ? t.contacts / nWeeks : 0;
  const s = Array.from(t.slots);
  const total = s.reduce((x, y) => x + y, 0);
  const at = (a: string) => s[ACTIVITIES.indexOf(a as never)];
  const clinical = at("oneToOne") + at("group") + at("mhstPlus");
  const clinicalAvailable = clinical + at("dna") + at("idle");
  out.utilisation = clinicalAvailable > 0 ? clinical / clinicalAvailable : 0;
  ACTIVITIES.forEach((a, i) => (out[`utilisation.${a}`] = total > 0 ? s[i] / total : 0));
  return out;
}
