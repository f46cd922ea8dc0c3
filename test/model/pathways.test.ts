import { describe, expect, it } from "vitest";
import { buildCalendar, computeKpis, simulate, type Practitioner } from "../../sim/model/index.js";
import { emhp, smallService, withPatch } from "./fixtures.js";

const plusPost: Practitioner = { ...emhp("plus1", [[null, null], [null, null], [null, null], [null, null], ["c1", "c1"]]), role: "mhstPlus" };
const plusOn = (practitioners?: Practitioner[]) => {
  const m = smallService({ rate: 1.5, years: 2 });
  return withPatch(m, {
    referrals: { mhstPlusShare: 0.3 },
    mhstPlus: { enabled: true },
    casework: { dnaShare: 0 },
    practitioners: (practitioners ?? [...m.practitioners, plusPost]) as never,
  });
};

describe("MHST+ pathway", () => {
  const m = plusOn();
  const out = simulate(m, { seed: 7, replication: 0 });

  it("routes eligible consented cases to the team's MHST+ practitioner; others never go there", () => {
    const consented = out.cases.filter((c) => c.consentDay !== null && c.outcome !== "declined");
    expect(consented.some((c) => c.route === "mhstPlus")).toBe(true);
    for (const c of consented) expect(c.route === "mhstPlus").toBe(c.mhstPlusEligible);
    for (const c of out.cases) if (c.route === "mhstPlus" && c.practitioner !== null) expect(c.practitioner).toBe("plus1");
    for (const c of out.cases) if (c.route === "oneToOne" && c.practitioner !== null) expect(c.practitioner).not.toBe("plus1");
  });

  it("finished MHST+ cases had the assessment (2 sessions), plus the intervention package (6) when offered", () => {
    const done = out.cases.filter((c) => c.route === "mhstPlus" && (c.outcome === "completed" || c.outcome === "steppedUp"));
    expect(done.length).toBeGreaterThan(3);
    expect(new Set(done.map((c) => c.sessions))).toEqual(new Set([2, 8]));
  });

  it("books MHST+ contacts as mhstPlus slots of the specialist only (cases from every cluster, seen on its Friday in c1)", () => {
    const plus = out.practitionerWeeks.filter((r) => r.practitioner === "plus1");
    expect(plus.reduce((s, r) => s + r.slots.mhstPlus, 0)).toBeGreaterThan(0);
    expect(plus.reduce((s, r) => s + r.slots.oneToOne, 0)).toBe(0);
    expect(out.practitionerWeeks.filter((r) => r.practitioner !== "plus1").reduce((s, r) => s + r.slots.mhstPlus, 0)).toBe(0);
    expect(new Set(out.cases.filter((c) => c.route === "mhstPlus" && c.firstContactDay !== null).map((c) => c.cluster)).size).toBe(3);
  });

  it("without an MHST+ practitioner in the team (or with MHST+ disabled) eligible cases take the ordinary route", () => {
    const none = simulate(plusOn(smallService().practitioners as Practitioner[]), { seed: 7, replication: 0 });
    expect(none.cases.some((c) => c.route === "mhstPlus")).toBe(false);
    expect(none.cases.some((c) => c.mhstPlusEligible && c.route === "oneToOne")).toBe(true);
    const off = simulate(withPatch(m, { mhstPlus: { enabled: false } }), { seed: 7, replication: 0 });
    expect(off.cases.some((c) => c.route === "mhstPlus")).toBe(false);
  });
});

describe("link-meeting referral mode", () => {
  const m = withPatch(smallService({ rate: 2 }), { referrals: { mode: "linkMeeting" }, meetings: { ...smallService().meetings, linkMeetingsPerTerm: 2 } });
  const out = simulate(m, { seed: 5, replication: 0 });
  const cal = buildCalendar(m.calendar);

  it("brings each school's referrals in on at most two in-term meeting days a term", () => {
    const fresh = out.cases.filter((c) => !c.initial);
    expect(fresh.length).toBeGreaterThan(30);
    for (const s of m.schools) {
      for (let t = 0; t < cal.terms.length; t++) {
        const days = new Set(fresh.filter((c) => c.school === s.id && cal.termInstance[c.referralDay] === t).map((c) => c.referralDay));
        expect(days.size).toBeLessThanOrEqual(2);
        for (const d of days) expect(cal.inTerm[d]).toBe(1);
      }
    }
  });

  it("keeps the year's demand: the first meetings bring what schools gathered before day 0", () => {
    // Sums over 4 seeds. Before day 0 the schools gathered referrals after their last summer
    // meeting; the run's first meetings bring them in, so the first term is not starved and the
    // year's total matches continuous mode's up to the tails (summer's tail in, the last out).
    let link = 0;
    let cont = 0;
    let linkFirst = 0;
    let contFirst = 0;
    for (const seed of [5, 6, 7, 8]) {
      const a = simulate(m, { seed, replication: 0 }).cases.filter((c) => !c.initial);
      const b = simulate(withPatch(m, { referrals: { mode: "continuous" } }), { seed, replication: 0 }).cases.filter((c) => !c.initial);
      link += a.length;
      cont += b.length;
      linkFirst += a.filter((c) => cal.termInstance[c.referralDay] === 0).length;
      contFirst += b.filter((c) => cal.termInstance[c.referralDay] === 0).length;
    }
    // Poisson totals of about 1,000: a 15 % gap is over 3 standard deviations of the difference.
    expect(link / cont).toBeGreaterThan(0.85);
    expect(link / cont).toBeLessThan(1.15);
    // Without the referrals from before day 0 the first term gets only those made before each
    // school's first autumn meeting, a few per cent of continuous mode's.
    expect(linkFirst / contFirst).toBeGreaterThan(0.6);
  });
});

describe("waiting-list scope", () => {
  it("who may start whom: every practitioner in a cluster starts its children; the named practitioner's list spans their clusters; a team list spans the team", () => {
    const m = smallService({ rate: 2 });
    const cal = buildCalendar(m.calendar);
    const run = (scope: "cluster" | "team" | "practitioner") => simulate(withPatch(m, { waitlist: { scope } }), { seed: 8, replication: 0 }).cases;
    // Weekdays on which each practitioner started a child of each cluster.
    const startDays = (cases: ReturnType<typeof run>, cluster: string, p: string) =>
      new Set(cases.filter((c) => c.cluster === cluster && c.practitioner === p && c.firstContactDay !== null).map((c) => cal.weekday[c.firstContactDay!]));
    const cl = run("cluster");
    expect(startDays(cl, "c2", "p1")).toEqual(new Set([2])); // p1 works c2 on Wednesdays only
    expect(startDays(cl, "c2", "p2").size).toBeGreaterThan(0); // p2's Thursday morning in c2
    // p1 is c2's named practitioner (2 half-days against p2's 1): its list spans c1 and c2.
    const pr = run("practitioner");
    expect([...startDays(pr, "c2", "p1")].some((d) => d < 2)).toBe(true);
    expect(startDays(pr, "c2", "p2").size).toBeGreaterThan(0);
    expect(startDays(pr, "c1", "p2").size).toBe(0); // p2 is named for c3 only, and never works in c1
    const tm = run("team");
    expect(startDays(tm, "c1", "p2").size).toBeGreaterThan(0);
  });

  it("withdrawal: with patience, cases leave after exactly patienceWeeks; without, nobody withdraws", () => {
    const k = (p?: number) => computeKpis(simulate(smallService({ rate: 3, patienceWeeks: p }), { seed: 8, replication: 0 }));
    expect(k(4).withdrawn).toBeGreaterThan(0);
    expect(k(undefined).withdrawn).toBe(0);
  });
});
