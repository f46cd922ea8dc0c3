import { ratioInterval, wilsonInterval } from "./intervals.js";
import type { Estimate, EstimateKind, ObservedPeriod, ObservedReferral } from "./types.js";

/** Fewest trials for a share to be fitted. */
export const MIN_SHARE_TRIALS = 20;

function share(kind: EstimateKind, label: string, k: number, n: number, conf: number, what: string): Estimate {
  if (n < MIN_SHARE_TRIALS) return { kind, unit: null, label, value: null, lo: null, hi: null, n, fitted: false, note: `${n} ${what}; at least ${MIN_SHARE_TRIALS} are needed` };
  const [lo, hi] = wilsonInterval(k, n, conf);
  return { kind, unit: null, label, value: k / n, lo, hi, n, fitted: true, note: `Wilson: ${k} of ${n} ${what}` };
}

/**
 * Signposting share: signposted among the referrals triaged in the period (those already waiting
 * at its start were triaged before it).
 */
export function signpostShare(records: readonly ObservedReferral[], period: ObservedPeriod, conf: number): Estimate {
  const triaged = records.filter((r) => !r.waitingAtStart && r.triageOutcome !== null && r.referralDay >= period.fromDay);
  return share("signpostShare", "share signposted at triage", triaged.filter((r) => r.triageOutcome === "signposted").length, triaged.length, conf, "triaged referrals");
}

/** Decline share: families who declined among those with a consent decision (declined, or accepted and consented). */
export function declineShare(records: readonly ObservedReferral[], period: ObservedPeriod, conf: number): Estimate {
  const decided = records.filter((r) => !r.waitingAtStart && r.referralDay >= period.fromDay && (r.triageOutcome === "declined" || (r.triageOutcome === "accepted" && r.consentDay !== null)));
  return share("declineShare", "share of families declining consent", decided.filter((r) => r.triageOutcome === "declined").length, decided.length, conf, "consent decisions");
}

/** Step-up share: stepped up among the cases that ended after starting (completed or stepped up). */
export function stepUpShare(records: readonly ObservedReferral[], conf: number): Estimate {
  const ended = records.filter((r) => r.dischargeReason === "completed" || r.dischargeReason === "steppedUp");
  return share("stepUpShare", "share of finished cases stepped up", ended.filter((r) => r.dischargeReason === "steppedUp").length, ended.length, conf, "finished cases");
}

/**
 * DNA share: booked sessions not attended, over the sessions booked after the first contact
 * (the model counts the first contact as attended), for 1:1 and MHST+ cases (group sessions
 * are not booked one by one). The interval treats cases, not sessions, as independent. When
 * some open cases' counts are unknown (data cut before they ended), only cases that started
 * early enough for the longest course seen to have ended count: otherwise the quick cases,
 * with few DNAs, would be over-represented.
 */
export function dnaShare(records: readonly ObservedReferral[], period: ObservedPeriod, conf: number): Estimate {
  const y: number[] = [];
  const x: number[] = [];
  const started = records.filter((r) => r.firstContactDay !== null && r.intervention !== "group");
  let cut = Infinity;
  if (started.some((r) => r.attended === null && r.dischargeDay === null)) {
    const longest = started.reduce((m, r) => (r.dischargeDay !== null ? Math.max(m, r.dischargeDay - r.firstContactDay!) : m), 0);
    cut = period.toDay - longest;
  }
  for (const r of started) {
    if (r.firstContactDay! >= cut || r.attended === null || r.dnas === null || r.attended < 1) continue;
    y.push(r.dnas);
    x.push(r.dnas + r.attended - 1);
  }
  const label = "share of booked sessions not attended";
  const booked = x.reduce((a, b) => a + b, 0);
  const dna = y.reduce((a, b) => a + b, 0);
  if (y.length < MIN_SHARE_TRIALS || booked === 0) {
    return { kind: "dnaShare", unit: null, label, value: null, lo: null, hi: null, n: y.length, fitted: false, note: `${y.length} started cases with ${booked} booked sessions; at least ${MIN_SHARE_TRIALS} cases are needed` };
  }
  const [lo, hi] = ratioInterval(y, x, conf);
  return { kind: "dnaShare", unit: null, label, value: dna / booked, lo, hi, n: y.length, fitted: true, note: `${dna} DNAs of ${booked} sessions booked after the first contact` };
}
