import type { ObservedReferral } from "./types.js";

/**
 * The records as they stood at the end of day `toDay − 1`: referrals received later are left
 * out, and whatever happened on or after `toDay` is unknown (its date becomes null and the case
 * is open again). Counts of sessions are known only for cases that had ended by then. Other
 * fields of a record (such as its line in the file) are kept.
 * @example cutToPeriod(records, 200).every((r) => r.referralDay < 200) // true
 */
export function cutToPeriod<T extends ObservedReferral>(records: readonly T[], toDay: number): T[] {
  const out: T[] = [];
  const known = (d: number | null) => d !== null && d < toDay;
  for (const r of records) {
    if (r.referralDay >= toDay) continue;
    // Without a triage date the outcome is taken as known (the reader dates a signposted row by its discharge).
    const triaged = r.triageDay === null ? r.triageOutcome !== null : r.triageDay < toDay;
    const consented = known(r.consentDay);
    const started = known(r.firstContactDay);
    const ended = known(r.dischargeDay);
    const triageOutcome = !triaged ? null : r.triageOutcome === "declined" && !consented ? "accepted" : r.triageOutcome;
    out.push({
      ...r,
      triageDay: known(r.triageDay) ? r.triageDay : null,
      triageOutcome: r.waitingAtStart ? r.triageOutcome : triageOutcome,
      consentDay: consented ? r.consentDay : null,
      firstContactDay: started ? r.firstContactDay : null,
      intervention: started ? r.intervention : null,
      attended: ended ? r.attended : started ? null : 0,
      dnas: ended ? r.dnas : started ? null : 0,
      dischargeDay: ended ? r.dischargeDay : null,
      dischargeReason: ended ? r.dischargeReason : triageOutcome === "signposted" || triageOutcome === "declined" ? r.dischargeReason : "open",
    });
  }
  return out;
}
