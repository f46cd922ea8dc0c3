import { describe, expect, it } from "vitest";
import { calibrate, meanInterval, poissonInterval, ratioInterval, wilsonInterval, type ObservedReferral } from "../../sim/calibrate/index.js";
import { loadScenarioText } from "../../scenarios/index.js";
import { TRUE_SCENARIO } from "./fixtures.js";

const model = loadScenarioText(TRUE_SCENARIO, { file: "known.yaml" });

/** A referral accepted on its day, with the given later history. */
function referral(o: Partial<ObservedReferral>): ObservedReferral {
  return { school: "p1", referralDay: 10, triageDay: 12, triageOutcome: "accepted", consentDay: 14, firstContactDay: null, intervention: null, attended: null, dnas: null, dischargeDay: null, dischargeReason: "open", waitingAtStart: false, ...o };
}

describe("calibration intervals", () => {
  it("match the exact Poisson limits and Wilson's score interval to a few parts in a thousand", () => {
    // Exact (chi-square) 95 % limits for a count of 100: 81.37 and 121.63.
    const [lo, hi] = poissonInterval(100);
    expect(lo).toBeCloseTo(81.37, 1);
    expect(hi).toBeCloseTo(121.63, 1);
    expect(poissonInterval(0)[0]).toBe(0);
    expect(poissonInterval(0)[1]).toBeCloseTo(3.69, 1);
    const [wl, wh] = wilsonInterval(30, 100);
    expect(wl).toBeCloseTo(0.2189, 3);
    expect(wh).toBeCloseTo(0.3958, 3);
    expect(meanInterval([5, 6, 7])[0]).toBeCloseTo(6 - 4.303 / Math.sqrt(3), 3);
  });

  it("gives a ratio of sums an interval with the cases as clusters", () => {
    // Ratio 3/22; residuals 1 − 7r, −6r, 2 − 9r.
    const r = 3 / 22;
    const ss = (1 - 7 * r) ** 2 + (6 * r) ** 2 + (2 - 9 * r) ** 2;
    const se = Math.sqrt((ss * 3) / 2) / 22;
    const [lo, hi] = ratioInterval([1, 0, 2], [7, 6, 9]);
    expect(hi - r).toBeCloseTo(1.959964 * se, 6);
    expect(lo).toBeCloseTo(r - 1.959964 * se, 6);
  });
});

describe("calibrate on hand-made records", () => {
  const period = { fromDay: 0, toDay: 200 };

  it("fits patience as an exponential with censoring: withdrawals over weeks waited", () => {
    // Six withdrawals after 14 days each; four children seen after 7 days; two still waiting at the end (day 200).
    const rows = [
      ...Array.from({ length: 6 }, () => referral({ dischargeReason: "withdrawn", dischargeDay: 28 })),
      ...Array.from({ length: 4 }, () => referral({ firstContactDay: 21, dischargeReason: "open" })),
      ...Array.from({ length: 2 }, () => referral({})),
    ];
    const e = calibrate(rows, model, period).estimates.find((x) => x.kind === "patienceWeeks")!;
    const weeks = (6 * 14 + 4 * 7 + 2 * 186) / 7;
    expect(e).toMatchObject({ fitted: true, n: 12 });
    expect(e.value).toBeCloseTo(weeks / 6, 10);
    const [lo, hi] = poissonInterval(6);
    expect(e.lo).toBeCloseTo(weeks / hi, 10);
    expect(e.hi).toBeCloseTo(weeks / lo, 10);
  });

  it("leaves an estimate unfitted, saying why, when the rows are too few", () => {
    const c = calibrate([referral({ triageOutcome: "signposted", consentDay: null, dischargeReason: null })], model, period);
    const s = c.estimates.find((x) => x.kind === "signpostShare")!;
    expect(s).toMatchObject({ fitted: false, value: null, n: 1, note: "1 triaged referrals; at least 20 are needed" });
    expect(c.by).toBe("service");
  });

  it("counts DNAs over the sessions booked after the first contact, groups left out", () => {
    const rows = [
      ...Array.from({ length: 15 }, () => referral({ firstContactDay: 20, intervention: "oneToOne", attended: 6, dnas: 1, dischargeDay: 80, dischargeReason: "completed" })),
      ...Array.from({ length: 5 }, () => referral({ firstContactDay: 20, intervention: "oneToOne", attended: 3, dnas: 0 })),
      ...Array.from({ length: 5 }, () => referral({ firstContactDay: 20, intervention: "group", attended: 6, dnas: 0, dischargeDay: 60, dischargeReason: "completed" })),
    ];
    const c = calibrate(rows, model, period);
    const dna = c.estimates.find((x) => x.kind === "dnaShare")!;
    expect(dna.n).toBe(20);
    expect(dna.value).toBeCloseTo(15 / (15 * 6 + 5 * 2), 12);
    const ses = c.estimates.find((x) => x.kind === "sessions" && x.unit === "oneToOne")!;
    expect(ses).toMatchObject({ value: 6, lo: 6, hi: 6, n: 15, distribution: { values: [6], weights: [15] } });
    const up = c.estimates.find((x) => x.kind === "stepUpShare")!;
    expect(up).toMatchObject({ value: 0, n: 20 });
  });
});
