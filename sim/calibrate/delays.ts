import { meanInterval } from "./intervals.js";
import type { Estimate, EstimateKind, ObservedDistribution, ObservedPeriod, ObservedReferral } from "./types.js";

/** Fewest observations for a delay or a number of sessions to be fitted. */
export const MIN_OBSERVATIONS = 10;

/** The whole-number values seen and how often (values ascending). */
export function observedDistribution(values: readonly number[]): ObservedDistribution {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(Math.round(v), (counts.get(Math.round(v)) ?? 0) + 1);
  const keys = [...counts.keys()].sort((a, b) => a - b);
  return { values: keys, weights: keys.map((k) => counts.get(k)!) };
}

function meanEstimate(kind: EstimateKind, unit: string | null, label: string, values: readonly number[], conf: number, note: string): Estimate {
  if (values.length < MIN_OBSERVATIONS) {
    return { kind, unit, label, value: null, lo: null, hi: null, n: values.length, fitted: false, note: `${values.length} observations; at least ${MIN_OBSERVATIONS} are needed` };
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const [lo, hi] = meanInterval(values, conf);
  return { kind, unit, label, value: mean, lo, hi, n: values.length, fitted: true, note, distribution: observedDistribution(values) };
}

/**
 * Delays from one date to the next over the rows that have both, counting only rows whose first
 * date lies early enough in the period that the longest delay seen could have ended by its end
 * (otherwise the long delays near the end would be missing, and the mean too short).
 */
function settledDelays(rows: readonly ObservedReferral[], from: (r: ObservedReferral) => number | null, to: (r: ObservedReferral) => number | null, period: ObservedPeriod): { values: number[]; cut: number } {
  const pairs = rows.map((r) => [from(r), to(r)] as const).filter((p): p is readonly [number, number] => p[0] !== null && p[1] !== null);
  const longest = pairs.reduce((m, [a, b]) => Math.max(m, b - a), 0);
  const cut = period.toDay - longest;
  return { values: pairs.filter(([a]) => a < cut).map(([a, b]) => b - a), cut };
}

/** Days from referral to the triage decision (mean, interval, observed distribution). */
export function triageDays(records: readonly ObservedReferral[], period: ObservedPeriod, conf: number): Estimate {
  const rows = records.filter((r) => !r.waitingAtStart && r.referralDay >= period.fromDay && r.triageOutcome !== null);
  const { values, cut } = settledDelays(rows, (r) => r.referralDay, (r) => r.triageDay, period);
  return meanEstimate("triageDays", null, "days from referral to triage", values, conf, `mean of referrals before day ${cut}`);
}

/** Days from triage to the consent decision (consented or declined). */
export function consentDays(records: readonly ObservedReferral[], period: ObservedPeriod, conf: number): Estimate {
  const rows = records.filter((r) => !r.waitingAtStart && r.referralDay >= period.fromDay && (r.triageOutcome === "accepted" || r.triageOutcome === "declined"));
  const { values, cut } = settledDelays(rows, (r) => r.triageDay, (r) => r.consentDay, period);
  return meanEstimate("consentDays", null, "days from triage to consent", values, conf, `mean of triages before day ${cut}`);
}

/**
 * Sessions attended per intervention by the cases that finished (completed or stepped up),
 * counting only cases whose first contact lies early enough in the period that the longest
 * course seen of that intervention could have finished by its end.
 */
export function sessionsByIntervention(records: readonly ObservedReferral[], period: ObservedPeriod, conf: number): Estimate[] {
  const byIntervention = new Map<string, ObservedReferral[]>();
  for (const r of records) {
    if (r.intervention === null || r.firstContactDay === null) continue;
    const list = byIntervention.get(r.intervention) ?? [];
    list.push(r);
    byIntervention.set(r.intervention, list);
  }
  return [...byIntervention].sort(([a], [b]) => a.localeCompare(b)).map(([name, rows]) => {
    const done = rows.filter((r) => (r.dischargeReason === "completed" || r.dischargeReason === "steppedUp") && r.attended !== null && r.dischargeDay !== null);
    const longest = done.reduce((m, r) => Math.max(m, r.dischargeDay! - r.firstContactDay!), 0);
    const cut = period.toDay - longest;
    const values = done.filter((r) => r.firstContactDay! < cut).map((r) => r.attended!);
    return meanEstimate("sessions", name, `sessions attended (${name})`, values, conf, `mean of finished cases started before day ${cut}`);
  });
}
