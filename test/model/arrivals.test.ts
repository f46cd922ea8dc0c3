import { describe, expect, it } from "vitest";
import { buildCalendar, NEEDS, simulate } from "../../sim/model/index.js";
import { smallService, withPatch } from "./fixtures.js";

const REPS = 30;

describe("referral arrivals", () => {
  it("match rate × pupils/1000 × (in-term days / 5) × seasonality per term, within 4 standard errors", () => {
    const m = withPatch(smallService({ rate: 0.5 }), { waitlist: { initialPerCluster: 0 } });
    const cal = buildCalendar(m.calendar);
    const pupils = m.schools.reduce((s, x) => s + x.pupils, 0) / 1000;
    const season: Record<string, number> = { autumn: 1.2, spring: 1, summer: 0.8 };
    const expected = cal.terms.map((t) => 0.5 * pupils * (t.days.length / 5) * season[t.name]);
    const got = cal.terms.map(() => 0);
    for (let r = 0; r < REPS; r++) {
      for (const c of simulate(m, { seed: 21, replication: r }).cases) {
        expect(cal.inTerm[c.referralDay]).toBe(1);
        got[cal.termInstance[c.referralDay]]++;
      }
    }
    expected.forEach((mu, i) => {
      // Poisson: the mean of REPS counts has standard error sqrt(mu / REPS).
      expect(Math.abs(got[i] / REPS - mu)).toBeLessThan(4 * Math.sqrt(mu / REPS));
    });
    expect(got[0] / got[2]).toBeGreaterThan(1.2); // autumn (1.2 × 73 days) busier than summer (0.8 × 66)
  });

  it("a school's own referralRate overrides the service rate", () => {
    const base = withPatch(smallService({ rate: 0.5 }), { waitlist: { initialPerCluster: 0 } });
    const m = withPatch(base, { schools: base.schools.map((s) => (s.id === "s6" ? { ...s, referralRate: 20 } : s)) as never });
    let s6 = 0;
    let s5 = 0;
    for (let r = 0; r < 5; r++) {
      for (const c of simulate(m, { seed: 2, replication: r }).cases) {
        if (c.school === "s6") s6++;
        if (c.school === "s5") s5++;
      }
    }
    // s6: 20 × 0.12 = 2.4 a week; s5: 0.5 × 1.1 = 0.55 a week.
    expect(s6 / 5 / 38.8).toBeGreaterThan(2.0);
    expect(s6 / 5 / 38.8).toBeLessThan(2.8);
    expect(s5).toBeLessThan(s6 / 3);
  });

  it("draws needs, priorities and MHST+ eligibility at their shares; age bands follow the school's phase", () => {
    const m = withPatch(smallService({ rate: 15 }), { referrals: { mhstPlusShare: 0.25 } });
    const cases = simulate(m, { seed: 3, replication: 0 }).cases.filter((c) => !c.initial);
    const n = cases.length;
    expect(n).toBeGreaterThan(1500);
    const share = (f: (c: (typeof cases)[number]) => boolean) => cases.filter(f).length / n;
    const mix = m.referrals.needMix;
    for (const need of NEEDS) expect(Math.abs(share((c) => c.need === need) - mix[need])).toBeLessThan(4 * Math.sqrt(0.25 / n));
    expect(Math.abs(share((c) => c.priority === "urgent") - 0.1)).toBeLessThan(0.03);
    expect(Math.abs(share((c) => c.mhstPlusEligible) - 0.25)).toBeLessThan(0.04);
    const primary = new Set(m.schools.filter((s) => s.phase === "primary").map((s) => s.id));
    for (const c of cases) expect(c.ageBand === "5-10").toBe(primary.has(c.school));
  });

  it("the initial waiting list has its own stream: its size never changes the referrals", () => {
    const a = simulate(withPatch(smallService(), { waitlist: { initialPerCluster: 0 } }), { seed: 1, replication: 0 });
    const b = simulate(withPatch(smallService(), { waitlist: { initialPerCluster: 5 } }), { seed: 1, replication: 0 });
    const key = (r: typeof a) => r.cases.filter((c) => !c.initial).map((c) => [c.referralDay, c.school, c.need, c.priority]);
    expect(b.cases.filter((c) => c.initial).length).toBe(15);
    expect(key(b)).toEqual(key(a));
  });

  it("DNAs waste about dnaShare of booked sessions", () => {
    const out = simulate(smallService({ rate: 1, dnaShare: 0.25, years: 2 }), { seed: 6, replication: 0 });
    const dna = out.weeks.reduce((s, w) => s + w.slots.dna, 0);
    const attended = out.weeks.reduce((s, w) => s + w.slots.oneToOne, 0);
    const started = out.cases.filter((c) => c.firstContactDay !== null).length;
    // First contacts always attend; later booked sessions DNA with probability 0.25.
    const booked = dna + attended - started;
    expect(Math.abs(dna / booked - 0.25)).toBeLessThan(4 * Math.sqrt((0.25 * 0.75) / booked));
  });
});
