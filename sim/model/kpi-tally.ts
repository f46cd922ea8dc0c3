/**
 * The tally every KPI function fills (counts, waits, contacts, slots of one scope) and the one
 * function that turns a tally into KPIs. `computeKpis` and `computeKpisByScope` share both,
 * so they give the same numbers.
 */

import { OutcomeCode } from "./cases.js";
import { ACTIVITIES, KPI_NAMES, type Activity, type Mechanisms } from "./records.js";

/** Case counts of a scope, in the order they appear among the KPI keys. */
export const COUNTS = [
  "referrals", "initialWaiting", "signposted", "declined", "accepted", "started", "completed", "steppedUp", "withdrawn",
  "waitlistEnd", "inTriageEnd", "openEnd", "standardDue", "seenWithinStandard", "waitingBeyondStandardEnd",
] as const;
export type Count = (typeof COUNTS)[number];

/**
 * Weekly counts of the optional mechanisms (cluster-week fields of the same names), reported as
 * KPIs only when the run has the mechanism (see `RunRecords.mechanisms`).
 */
export const WEEK_COUNTS = ["consultations", "consultationsUnanswered", "consultationReferrals", "wholeSchoolSessions", "wholeSchoolDropped"] as const;

/** The mechanism each of {@link WEEK_COUNTS}, and each optional activity, belongs to. */
const MECHANISM_OF: Readonly<Record<string, keyof Mechanisms>> = {
  consultations: "consultations", consultationsUnanswered: "consultations", consultationReferrals: "consultations", consultation: "consultations",
  wholeSchoolSessions: "wholeSchool", wholeSchoolDropped: "wholeSchool", wholeSchool: "wholeSchool",
};

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
  /** Waits (referral → first contact) of started cases, days; sorted in place by {@link finishKpis} unless `sorted`. */
  waits: Float64Array;
  /** Whether `waits` is already ascending (it is then read as it is). */
  sorted?: boolean;
  contacts: number;
  /** Slots by activity, ACTIVITIES order. */
  slots: ArrayLike<number>;
  /**
   * Every accepted child's wait for the Kaplan–Meier estimate: 2 × days + 1 when censored
   * (still waiting at the end, or withdrawn), 2 × days when first seen. Left out when `toDate`
   * gives its sum.
   */
  km?: Float64Array;
  /** The days of every `km` key (⌊key / 2⌋) summed, and their number: what the mean wait to date needs. */
  toDate?: { readonly days: number; readonly n: number };
  /** Sum over started cases of (first contact − concern day), days. */
  concernWait: number;
  /** Weekly counts in {@link WEEK_COUNTS} order (absent: zeros). */
  weekCounts?: ArrayLike<number>;
  /** Optional mechanisms of the run: their KPIs are reported only when present. */
  mechanisms?: Mechanisms;
}

/**
 * Mean wait to date over every accepted child: a child first seen counts its wait, a child
 * still waiting at the end (or who withdrew) the days waited so far. Under common random
 * numbers it cannot rise when no child waits longer, unlike a Kaplan–Meier restricted mean,
 * whose tail beyond the last first contact can grow when a long waiter is seen sooner.
 * @param keys encoded waits (see {@link Tally.km}).
 * @returns days; NaN with no child.
 */
export function waitToDateMean(keys: Float64Array): number {
  const n = keys.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.floor(keys[i] / 2);
  return sum / n;
}

/**
 * Restricted mean of the time to first contact up to `tau` days: the area under the
 * Kaplan–Meier curve of the still-waiting share (events before censorings at equal times).
 * @param keys sorted encoded waits (see {@link Tally.km}).
 * @returns days; NaN with no child.
 */
export function restrictedMeanWait(keys: Float64Array, tau: number): number {
  const n = keys.length;
  if (n === 0) return NaN;
  let atRisk = n;
  let s = 1;
  let prev = 0;
  let area = 0;
  let i = 0;
  while (i < n) {
    const t = Math.floor(keys[i] / 2);
    if (t >= tau) break;
    let d = 0;
    let m = 0;
    while (i < n && Math.floor(keys[i] / 2) === t) {
      if (keys[i] % 2 === 0) d++;
      else m++;
      i++;
    }
    area += s * (t - prev);
    prev = t;
    if (d > 0) s *= 1 - d / atRisk;
    atRisk -= d + m;
  }
  return area + s * (tau - prev);
}

/** The four-week standard, in days (a wait of exactly 28 days meets it). */
export const FOUR_WEEKS_DAYS = 28;

/** Index of each activity in ACTIVITIES. */
const ACT = Object.fromEntries(ACTIVITIES.map((a, i) => [a, i])) as Record<Activity, number>;

/** Whether a run with these mechanisms reports KPI or activity `name` (see MECHANISM_OF). */
const reports = (name: string, mechanisms: Mechanisms | undefined) => {
  const m = MECHANISM_OF[name];
  return m === undefined || mechanisms?.[m] === true;
};

/**
 * KPIs of one tally over a kept period of `horizonDays` days. Keys, in this order: `KPI_NAMES`,
 * the other counts, `utilisation.<activity>`, then the optional mechanisms' counts and slots
 * (only when the tally's run has them).
 */
export function finishKpis(t: Tally, horizonDays: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of KPI_NAMES) out[name] = 0;
  const counts = t.counts;
  for (let i = 0; i < COUNTS.length; i++) out[COUNTS[i]] = counts[i];
  const waits = t.sorted ? t.waits : t.waits.sort();
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
  out.waitFromConcernWeeksMean = n ? t.concernWait / n / 7 : NaN;
  const due = counts[CI.standardDue];
  out.shareSeenWithinStandard = due > 0 ? counts[CI.seenWithinStandard] / due : NaN;
  // The days are whole numbers, so their sum is exact in any order.
  const toDate = t.toDate;
  out.waitWeeksMeanCensored = (toDate ? (toDate.n > 0 ? toDate.days / toDate.n : NaN) : waitToDateMean(t.km ?? new Float64Array(0))) / 7;
  const nWeeks = horizonDays / 7;
  out.contactsPerWeek = nWeeks > 0 ? t.contacts / nWeeks : 0;
  const s = t.slots;
  let total = 0;
  for (let i = 0; i < ACTIVITIES.length; i++) total += s[i];
  const clinical = s[ACT.oneToOne] + s[ACT.group] + s[ACT.mhstPlus];
  const clinicalAvailable = clinical + s[ACT.dna] + s[ACT.idle];
  out.utilisation = clinicalAvailable > 0 ? clinical / clinicalAvailable : 0;
  const m = t.mechanisms;
  for (let i = 0; i < ACTIVITIES.length; i++) if (reports(ACTIVITIES[i], m)) out[UTILISATION[i]] = total > 0 ? s[i] / total : 0;
  for (let i = 0; i < WEEK_COUNTS.length; i++) if (reports(WEEK_COUNTS[i], m)) out[WEEK_COUNTS[i]] = t.weekCounts?.[i] ?? 0;
  if (reports("consultation", m)) out.consultationSlots = s[ACT.consultation];
  if (reports("wholeSchool", m)) out.wholeSchoolSlots = s[ACT.wholeSchool];
  return out;
}

/** KPI key of each activity's share of slots. */
const UTILISATION = ACTIVITIES.map((a) => `utilisation.${a}`);

/**
 * Adds one case's waiting-standard counts to a tally's counts at offset `at`, and returns its
 * Kaplan–Meier key (see {@link Tally.km}), or -1 for a child never accepted onto a line.
 * Accepted: consented (the initial list included). Due: the deadline (referral + standard)
 * falls within the run (≤ its last day, `horizon` − 1). Beyond at end: still waiting at the
 * end, referred more than the standard before it.
 * @param first first-contact day or -1; `end`: day the case closed or -1.
 */
export function tallyStandard(k: Float64Array, at: number, referral: number, standard: number, accepted: boolean, first: number, waiting: boolean, end: number, horizon: number): number {
  if (!accepted) return -1;
  const deadline = referral + standard;
  if (deadline <= horizon - 1) {
    k[at + CI.standardDue]++;
    if (first >= 0 && first <= deadline) k[at + CI.seenWithinStandard]++;
  }
  if (waiting && horizon - referral > standard) k[at + CI.waitingBeyondStandardEnd]++;
  return first >= 0 ? 2 * (first - referral) : 2 * ((end >= 0 ? end : horizon) - referral) + 1;
}

/** Days of the first-contact standard of each team of a model (a team's own, else the service's). */
export function standardDaysByTeam(model: { teams: readonly { firstContactWeeks?: number }[]; standards: { firstContactWeeks: number } }): Float64Array {
  return Float64Array.from(model.teams, (t) => Math.round(7 * (t.firstContactWeeks ?? model.standards.firstContactWeeks)));
}
