/**
 * Calibration: estimators that fit a scenario's inputs to a service's activity records, each
 * with a confidence interval and the rows it rests on. Pure functions of readonly records.
 */
export { calibrate } from "./calibrate.js";
export { termExposure, type TermExposure } from "./exposure.js";
export { meanInterval, poissonInterval, ratioInterval, wilsonInterval } from "./intervals.js";
export { countedReferrals, defaultRateLevel, DEFAULT_LEVEL_REFERRALS, MIN_RATE_REFERRALS, MIN_TERM_REFERRALS } from "./referral-rates.js";
export { MIN_SHARE_TRIALS } from "./shares.js";
export { MIN_OBSERVATIONS, observedDistribution } from "./delays.js";
export { MIN_WITHDRAWALS } from "./patience.js";
export type { CalibrateOptions, Calibration, Estimate, EstimateKind, ObservedDistribution, ObservedPeriod, ObservedReferral, RateLevel } from "./types.js";
export { observedFromCase } from "./from-case.js";
export { BACKTEST_MEASURES, compareMonths, monthlyMeasures, monthSpans, waitingAt, waitingAtStart, type BacktestMeasure, type BacktestMonth, type BacktestSummary, type MonthSpan } from "./backtest.js";
export { cutToPeriod } from "./cut-period.js";
