import type { CaseRecord } from "../model/records.js";
import type { ObservedReferral } from "./types.js";

/**
 * A simulated case as a service would record it, dates shifted by `shift` days (the day the
 * simulation's day 0 is in the data's days): the same reading `scenarios/activity` gives the
 * cases.csv of `mhst run --out`.
 * @example observedFromCase(run.cases[0]).triageOutcome // "accepted"
 */
export function observedFromCase(c: CaseRecord, shift = 0): ObservedReferral {
  const o = c.outcome;
  const at = (d: number | null) => (d === null ? null : d + shift);
  const open = o === "open" || o === "waiting" || o === "inTriage";
  return {
    school: c.school,
    referralDay: c.referralDay + shift,
    triageDay: at(c.triageDay),
    triageOutcome: o === "signposted" || o === "declined" ? o : o === "inTriage" ? (c.triageDay === null ? null : "accepted") : "accepted",
    consentDay: at(c.consentDay),
    firstContactDay: at(c.firstContactDay),
    intervention: c.route === "none" ? null : c.route,
    attended: c.sessions,
    dnas: c.dnas,
    dischargeDay: open ? null : at(c.endDay),
    dischargeReason: o === "completed" || o === "steppedUp" || o === "withdrawn" ? o : open ? "open" : null,
    waitingAtStart: c.initial,
  };
}
