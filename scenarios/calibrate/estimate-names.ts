import type { Estimate } from "../../sim/calibrate/index.js";

/**
 * Each calibration estimate's name in a table (the CLI's and the dashboard's), e.g.
 * `triage delay (days)`.
 */
export const ESTIMATE_NAMES: Readonly<Record<Estimate["kind"], string>> = {
  referralRate: "referral rate",
  seasonality: "seasonality (term)",
  halfTermSeasonality: "seasonality (half-term)",
  signpostShare: "signposted share",
  declineShare: "declined share",
  triageDays: "triage delay (days)",
  consentDays: "consent delay (days)",
  sessions: "sessions",
  dnaShare: "DNA share",
  stepUpShare: "step-up share",
  patienceWeeks: "patience (weeks)",
};
