import type { ServiceModel } from "../model/index.js";
import { consentDays, sessionsByIntervention, triageDays } from "./delays.js";
import { termExposure } from "./exposure.js";
import { patienceWeeks } from "./patience.js";
import { countedReferrals, defaultRateLevel, rateEstimates, seasonalityEstimates } from "./referral-rates.js";
import { declineShare, dnaShare, signpostShare, stepUpShare } from "./shares.js";
import type { CalibrateOptions, Calibration, ObservedPeriod, ObservedReferral } from "./types.js";

/**
 * Fits a scenario's inputs to a service's activity records: the referral rate (per service,
 * phase or school), seasonality by term and half-term, signposting and decline shares, triage
 * and consent delays, sessions per intervention, the DNA share, the step-up share and patience
 * while waiting. Each estimate has its interval at `level` (0.95) and the rows it rests on; an
 * estimate with too few rows is returned unfitted, with the reason.
 *
 * Cost: a few passes over the records and one calendar build.
 * @throws RangeError when the period is empty.
 * @example calibrate(records, model, { fromDay: 0, toDay: 364 }).estimates.find((e) => e.kind === "dnaShare")
 */
export function calibrate(records: readonly ObservedReferral[], model: ServiceModel, period: ObservedPeriod, options: CalibrateOptions = {}): Calibration {
  if (!(period.toDay > period.fromDay)) throw new RangeError(`calibrate: period [${period.fromDay}, ${period.toDay}) is empty`);
  const conf = options.level ?? 0.95;
  const exposure = termExposure(model, period);
  const referrals = countedReferrals(records, period);
  const chosen = options.by ? { by: options.by, reason: "given" } : defaultRateLevel(model, referrals);
  return {
    by: chosen.by,
    byReason: chosen.reason,
    rows: records.length,
    period,
    estimates: [
      ...rateEstimates(model, referrals, exposure, chosen.by, conf),
      ...seasonalityEstimates(referrals, exposure, "seasonality", conf),
      ...seasonalityEstimates(referrals, exposure, "halfTermSeasonality", conf),
      signpostShare(records, period, conf),
      declineShare(records, period, conf),
      triageDays(records, period, conf),
      consentDays(records, period, conf),
      ...sessionsByIntervention(records, period, conf),
      dnaShare(records, period, conf),
      stepUpShare(records, conf),
      patienceWeeks(records, period, conf),
    ],
  };
}
