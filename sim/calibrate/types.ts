/**
 * What a calibration reads and returns. The input is a service's activity records (one per
 * referral, dates as simulation days); the output is a flat list of estimates, each with its
 * 95 % interval and the number of rows it rests on.
 */

/** One referral as observed (scenarios/activity reads a CSV row into this shape). */
export interface ObservedReferral {
  readonly school: string;
  readonly referralDay: number;
  readonly triageDay: number | null;
  readonly triageOutcome: "signposted" | "accepted" | "declined" | null;
  readonly consentDay: number | null;
  readonly firstContactDay: number | null;
  readonly intervention: string | null;
  readonly attended: number | null;
  readonly dnas: number | null;
  readonly dischargeDay: number | null;
  readonly dischargeReason: "completed" | "steppedUp" | "withdrawn" | "open" | null;
  readonly waitingAtStart: boolean;
}

/** Observation window in simulation days, [fromDay, toDay). */
export interface ObservedPeriod {
  readonly fromDay: number;
  readonly toDay: number;
}

/** Level at which referral rates are fitted. */
export type RateLevel = "service" | "phase" | "school";

/** What an estimate measures. */
export type EstimateKind =
  | "referralRate"
  | "seasonality"
  | "halfTermSeasonality"
  | "signpostShare"
  | "declineShare"
  | "triageDays"
  | "consentDays"
  | "sessions"
  | "dnaShare"
  | "stepUpShare"
  | "patienceWeeks";

/** A whole-number distribution as observed: each value and how often it was seen. */
export interface ObservedDistribution {
  readonly values: readonly number[];
  readonly weights: readonly number[];
}

/**
 * One fitted quantity. `value`, `lo` and `hi` are null when the data were too few (`fitted`
 * false, `note` says why); the scenario then keeps its own value.
 */
export interface Estimate {
  readonly kind: EstimateKind;
  /** The unit: `service`, a phase, a school id, a term name, a half-term (`autumn 1`), an intervention; null for service-wide shares. */
  readonly unit: string | null;
  /** What it is, in words, e.g. `referrals per 1,000 pupils per term week`. */
  readonly label: string;
  readonly value: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
  /** Rows the estimate rests on. */
  readonly n: number;
  readonly fitted: boolean;
  /** How it was fitted, or why it was not. */
  readonly note: string;
  /** The observed distribution (delays, sessions), written to the scenario as `discrete`. */
  readonly distribution?: ObservedDistribution;
}

/** Options of a calibration. */
export interface CalibrateOptions {
  /** Rate level; default the finest level at which every unit has at least {@link MIN_RATE_REFERRALS} referrals. */
  readonly by?: RateLevel;
  /** Confidence level, default 0.95. */
  readonly level?: number;
}

/** Everything a calibration returns. */
export interface Calibration {
  readonly by: RateLevel;
  /** Why the level was chosen (the default) or `given`. */
  readonly byReason: string;
  readonly estimates: readonly Estimate[];
  readonly rows: number;
  readonly period: ObservedPeriod;
}
