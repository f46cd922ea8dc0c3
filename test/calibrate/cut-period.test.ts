import { describe, expect, it } from "vitest";
import { cutToPeriod, type ObservedReferral } from "../../sim/calibrate/index.js";

const base: ObservedReferral = { school: "a", referralDay: 10, triageDay: 14, triageOutcome: "accepted", consentDay: 20, firstContactDay: 40, intervention: "oneToOne", attended: 6, dnas: 1, dischargeDay: 90, dischargeReason: "completed", waitingAtStart: false };

describe("cutting records to the day they were extracted", () => {
  it("forgets what happened on or after the cut, and leaves out later referrals", () => {
    const rows: ObservedReferral[] = [
      base,
      { ...base, referralDay: 60 },
      { ...base, triageOutcome: "declined", firstContactDay: null, intervention: null, attended: 0, dnas: 0, dischargeDay: 20, dischargeReason: null },
      { ...base, triageOutcome: "signposted", triageDay: 16, consentDay: null, firstContactDay: null, intervention: null, attended: 0, dnas: 0, dischargeDay: 16, dischargeReason: null },
    ];
    expect(cutToPeriod(rows, 50)).toEqual([
      { ...base, attended: null, dnas: null, dischargeDay: null, dischargeReason: "open" },
      { ...rows[2] },
      { ...rows[3] },
    ]);
    expect(cutToPeriod(rows, 18)).toEqual([
      { ...base, consentDay: null, firstContactDay: null, intervention: null, attended: 0, dnas: 0, dischargeDay: null, dischargeReason: "open" },
      // Declined at consent (day 20): on day 17 the family had not yet answered.
      { ...rows[2], consentDay: null, triageOutcome: "accepted", dischargeDay: null, dischargeReason: "open" },
      { ...rows[3] },
    ]);
    expect(cutToPeriod(rows, 12).map((r) => [r.triageOutcome, r.triageDay, r.dischargeReason])).toEqual([[null, null, "open"], [null, null, "open"], [null, null, "open"]]);
  });
});
