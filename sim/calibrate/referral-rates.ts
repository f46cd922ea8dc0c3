import type { ServiceModel } from "../model/index.js";
import type { TermExposure } from "./exposure.js";
import { poissonInterval } from "./intervals.js";
import type { Estimate, ObservedPeriod, ObservedReferral, RateLevel } from "./types.js";
import { normalQuantile } from "../random/index.js";

/** Fewest referrals in a unit for its rate to be fitted (and, by default, for the level to be chosen: 30). */
export const MIN_RATE_REFERRALS = 10;
export const DEFAULT_LEVEL_REFERRALS = 30;
/** Fewest referrals in each term for seasonality to be fitted. */
export const MIN_TERM_REFERRALS = 10;

const RATE_LABEL = "referrals per 1,000 pupils per term week";

/** The referrals that count for rates: received within the period, not already waiting at its start. */
export function countedReferrals(records: readonly ObservedReferral[], period: ObservedPeriod): ObservedReferral[] {
  return records.filter((r) => !r.waitingAtStart && r.referralDay >= period.fromDay && r.referralDay < period.toDay);
}

/** Unit of a school at a level: `service`, its phase, or its id. */
function unitOf(model: ServiceModel, level: RateLevel): (school: string) => string {
  const phase = new Map(model.schools.map((s) => [s.id, s.phase as string]));
  return level === "service" ? () => "service" : level === "phase" ? (s) => phase.get(s)! : (s) => s;
}

/** Referrals per unit at a level (units with pupils but no referral count 0). */
export function referralsByUnit(model: ServiceModel, referrals: readonly ObservedReferral[], level: RateLevel): Map<string, number> {
  const unit = unitOf(model, level);
  const out = new Map<string, number>(model.schools.map((s) => [unit(s.id), 0]));
  for (const r of referrals) out.set(unit(r.school), (out.get(unit(r.school)) ?? 0) + 1);
  return out;
}

/**
 * The finest level at which every unit had at least 30 referrals: school, else phase, else service.
 * @example defaultRateLevel(model, referrals) // "phase"
 */
export function defaultRateLevel(model: ServiceModel, referrals: readonly ObservedReferral[]): { by: RateLevel; reason: string } {
  for (const level of ["school", "phase"] as const) {
    const counts = [...referralsByUnit(model, referrals, level).values()];
    if (counts.every((c) => c >= DEFAULT_LEVEL_REFERRALS)) return { by: level, reason: `every ${level} has at least ${DEFAULT_LEVEL_REFERRALS} referrals` };
  }
  return { by: "service", reason: `some phase has fewer than ${DEFAULT_LEVEL_REFERRALS} referrals` };
}

/**
 * Referral rate of each unit at a level: the Poisson maximum-likelihood rate, referrals over
 * pupils/1000 × term weeks of the period, with Byar's interval for the count.
 */
export function rateEstimates(model: ServiceModel, referrals: readonly ObservedReferral[], exposure: TermExposure, level: RateLevel, conf: number): Estimate[] {
  const unit = unitOf(model, level);
  const pupils = new Map<string, number>();
  for (const s of model.schools) pupils.set(unit(s.id), (pupils.get(unit(s.id)) ?? 0) + s.pupils);
  const counts = referralsByUnit(model, referrals, level);
  const weeks = exposure.termDays / 5;
  return [...pupils].map(([u, p]) => {
    const x = counts.get(u) ?? 0;
    const e = (p / 1000) * weeks;
    if (x < MIN_RATE_REFERRALS || !(e > 0)) {
      return { kind: "referralRate", unit: u, label: RATE_LABEL, value: null, lo: null, hi: null, n: x, fitted: false, note: `${x} referral${x === 1 ? "" : "s"}; at least ${MIN_RATE_REFERRALS} are needed` };
    }
    const [lo, hi] = poissonInterval(x, conf);
    return { kind: "referralRate", unit: u, label: RATE_LABEL, value: x / e, lo: lo / e, hi: hi / e, n: x, fitted: true, note: `Poisson: ${x} referrals over ${(p / 1000).toFixed(2)} thousand pupils × ${weeks.toFixed(1)} term weeks` };
  });
}

/**
 * Seasonality: each term's (or half-term's) referral rate over the whole period's rate, with a
 * log-scale interval (variance 1/x_t − 1/X, since the term's count is part of the whole).
 * Terms are fitted only when every term of the calendar has at least 10 referrals.
 */
export function seasonalityEstimates(referrals: readonly ObservedReferral[], exposure: TermExposure, kind: "seasonality" | "halfTermSeasonality", conf: number): Estimate[] {
  const days = kind === "seasonality" ? exposure.byTerm : exposure.byHalfTerm;
  const counts = new Map<string, number>([...days.keys()].map((k) => [k, 0]));
  let total = 0;
  for (const r of referrals) {
    const t = exposure.termOf.get(r.referralDay);
    if (!t) continue;
    const k = kind === "seasonality" ? t.term : t.half;
    counts.set(k, counts.get(k)! + 1);
    total++;
  }
  const overall = total / exposure.termDays;
  const few = [...counts].filter(([, x]) => x < MIN_TERM_REFERRALS).map(([k]) => k);
  const q = normalQuantile(1 - (1 - conf) / 2);
  const label = kind === "seasonality" ? "referral multiplier of the term" : "referral multiplier of the half-term";
  return [...counts].map(([k, x]) => {
    if (few.length > 0 || total === 0) {
      return { kind, unit: k, label, value: null, lo: null, hi: null, n: x, fitted: false, note: `needs at least ${MIN_TERM_REFERRALS} referrals in every ${kind === "seasonality" ? "term" : "half-term"} (too few: ${few.join(", ")})` };
    }
    const ratio = x / days.get(k)! / overall;
    const se = Math.sqrt(Math.max(0, 1 / x - 1 / total));
    return { kind, unit: k, label, value: ratio, lo: ratio * Math.exp(-q * se), hi: ratio * Math.exp(q * se), n: x, fitted: true, note: `rate in ${k} over the period's rate (${days.get(k)} of ${exposure.termDays} school days)` };
  });
}
