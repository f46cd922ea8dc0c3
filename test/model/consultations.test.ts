import { describe, expect, it } from "vitest";
import { buildCalendar, computeKpis, simulate, type ConsultationConfig, type ServiceModel } from "../../sim/model/index.js";
import { errorsOf, MINIMAL } from "../scenarios/fixtures.js";
import { emhp, smallService, withPatch } from "./fixtures.js";
import { balance, slotSum } from "./helpers.js";

const consult = (o: Partial<ConsultationConfig> = {}): ConsultationConfig => ({ ratePerSchoolPerWeek: 1, via: "visit", visitShare: 0.5, slots: 1, referralShare: 0, ...o });
const withConsultations = (m: ServiceModel, o: Partial<ConsultationConfig> | null): ServiceModel => (o === null ? m : { ...m, consultations: consult(o) });
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const REPS = [0, 1, 2, 3];
const kpisOver = (m: ServiceModel, seed = 5) => REPS.map((r) => computeKpis(simulate(m, { seed, replication: r })));
/** In-term weeks of the fixture's year (in-term days / 5). */
const termWeeks = (m: ServiceModel) => buildCalendar(m.calendar).terms.reduce((s, t) => s + t.days.length, 0) / 5;

describe("consultations take practitioner time and open no case", () => {
  const busy = smallService({ rate: 1.2 });

  it("consultation slots rise with the rate, and so do the waits under load", () => {
    const rates = [0, 0.5, 1.5];
    const runs = rates.map((rate) => kpisOver(withConsultations(busy, { ratePerSchoolPerWeek: rate, slots: 2 })));
    const slots = runs.map((ks) => mean(ks.map((k) => k.consultationSlots)));
    const waits = runs.map((ks) => mean(ks.map((k) => k.waitWeeksMeanCensored)));
    expect(slots[0]).toBe(0);
    expect(slots[1]).toBeGreaterThan(0);
    expect(slots[2]).toBeGreaterThan(2 * slots[1]);
    expect(waits[1]).toBeGreaterThan(waits[0]);
    expect(waits[2]).toBeGreaterThan(waits[1]);
    // Each held consultation took its 2 slots (some slots go to ones the term end then dropped).
    for (const k of runs[2]) {
      expect(k.consultationSlots).toBeGreaterThanOrEqual(2 * k.consultations);
      expect(k.consultationSlots).toBeLessThanOrEqual(2 * (k.consultations + k.consultationsUnanswered));
    }
    // About rate × schools × term weeks of them, held or not.
    const drawn = mean(runs[2].map((k) => k.consultations + k.consultationsUnanswered));
    expect(drawn).toBeGreaterThan(0.85 * 1.5 * 6 * termWeeks(busy));
    expect(drawn).toBeLessThan(1.15 * 1.5 * 6 * termWeeks(busy));
  });

  it("they only relabel time: each practitioner-week holds the same slots, the referrals are the same, and no case opens", () => {
    const a = simulate(busy, { seed: 3, replication: 1 });
    const b = simulate(withConsultations(busy, { ratePerSchoolPerWeek: 1, via: "both" }), { seed: 3, replication: 1 });
    expect(b.practitionerWeeks.map((w) => slotSum(w) + w.vacantSlots + w.universitySlots)).toEqual(a.practitionerWeeks.map((w) => slotSum(w) + w.vacantSlots + w.universitySlots));
    const own = (c: (typeof a.cases)[number]) => [c.referralDay, c.school, c.need, c.ageBand, c.priority, c.triageDay];
    expect(b.cases.map(own)).toEqual(a.cases.map(own));
    expect(b.weeks.reduce((s, w) => s + w.slots.consultation, 0)).toBeGreaterThan(0);
    const bal = balance(b);
    expect(bal.parts).toBe(bal.total);
    // The record arrays (a spread copy has no run columns) give the same KPIs as the columns.
    expect(computeKpis({ ...b })).toEqual(computeKpis(b));
    expect(computeKpis({ ...b }, { cluster: "c2" })).toEqual(computeKpis(b, { cluster: "c2" }));
  });

  it("the referral share adds about rate × share × term weeks × schools referrals, arriving on the consultation day", () => {
    const rate = 1;
    const share = 0.5;
    const base = kpisOver(busy);
    const more = kpisOver(withConsultations(busy, { ratePerSchoolPerWeek: rate, referralShare: share }));
    const extra = more.map((k, r) => k.referrals - base[r].referrals);
    // Common random numbers: the ordinary referrals are unchanged, so the difference is exactly those from consultations.
    more.forEach((k, r) => expect(extra[r]).toBe(k.consultationReferrals));
    const expected = rate * share * termWeeks(busy) * busy.schools.length;
    expect(mean(extra)).toBeGreaterThan(0.85 * expected);
    expect(mean(extra)).toBeLessThan(1.15 * expected);
    const run = simulate(withConsultations(busy, { referralShare: 1 }), { seed: 5, replication: 0 });
    // In continuous mode a consultation's referral is referred on the day of the concern.
    expect(run.cases.every((c) => c.referralDay === c.concernDay)).toBe(true);
  });

  it("in link-meeting mode consultation referrals wait for the school's next link meeting", () => {
    const link = withPatch(busy, { referrals: { mode: "linkMeeting" }, meetings: { linkMeetingsPerTerm: 1, linkMeetingSlots: 1 } });
    const a = simulate(link, { seed: 2, replication: 0 }).cases.filter((c) => !c.initial);
    const b = simulate(withConsultations(link, { referralShare: 0.5 }), { seed: 2, replication: 0 }).cases.filter((c) => !c.initial);
    expect(b.length).toBeGreaterThan(a.length);
    // Every referral, from a consultation or not, reaches the team on a day some ordinary referral of its school does.
    const days = new Set(a.map((c) => `${c.school}/${c.referralDay}`));
    expect(b.every((c) => days.has(`${c.school}/${c.referralDay}`))).toBe(true);
    expect(b.some((c) => c.concernDay < c.referralDay)).toBe(true);
  });

  it("advice-line calls are answered in any segment of an answering practitioner; visits only in the school's cluster", () => {
    // An educational psychologist who works in c1 only answers; EMHPs do not.
    const ep = { ...emhp("ep", [["c1", "c1"], [null, null], [null, null], [null, null], [null, null]]), role: "educationalPsychologist" as const, fte: 0.2 };
    const m = { ...busy, practitioners: [...busy.practitioners, ep] };
    const at = (via: ConsultationConfig["via"]) => {
      const out = simulate(withConsultations(m, { ratePerSchoolPerWeek: 0.2, via, roles: ["educationalPsychologist"] }), { seed: 1, replication: 0 });
      return { out, c1: computeKpis(out, { cluster: "c1" }), c3: computeKpis(out, { cluster: "c3" }) };
    };
    const line = at("adviceLine");
    expect(line.c3.consultations).toBeGreaterThan(0);
    expect(line.c3.consultationsUnanswered).toBe(0);
    expect(line.c3.consultationSlots).toBe(0); // answered in the psychologist's c1 time
    const visit = at("visit");
    expect(visit.c3.consultations).toBe(0);
    expect(visit.c3.consultationsUnanswered).toBeGreaterThan(0);
    expect(visit.c1.consultations).toBeGreaterThan(0);
    for (const { out } of [line, visit]) {
      for (const w of out.practitionerWeeks) if (w.practitioner !== "ep") expect(w.slots.consultation).toBe(0);
      expect(out.cases.some((c) => c.practitioner === "ep")).toBe(false);
    }
  });
});

describe("bad consultation input is refused with one line naming the field", () => {
  const file = (block: string) => `${MINIMAL}consultations: ${block}\n`;

  it("a rate below 0, a share outside 0..1, a role that does not consult, a team nobody can answer for", () => {
    expect(errorsOf(file("{ ratePerSchoolPerWeek: -1 }"))).toEqual(["bad.yaml:9: consultations.ratePerSchoolPerWeek: -1 must be >= 0"]);
    expect(errorsOf(file("{ referralShare: 1.5 }"))).toEqual(["bad.yaml:9: consultations.referralShare: 1.5 must be <= 1"]);
    expect(errorsOf(file("{ via: both, visitShare: -0.5 }"))).toEqual(["bad.yaml:9: consultations.visitShare: -0.5 must be >= 0"]);
    const noOne = errorsOf(file("{ roles: [educationalPsychologist] }"));
    expect(noOne).toHaveLength(1);
    expect(noOne[0]).toMatch(/consultations\.roles: \["educationalPsychologist"\] cannot be delivered in team t: none of its practitioners/);
    const wrong = errorsOf(file("{ roles: [emhp] }"), ["roles.emhp.delivers=[oneToOne]"]);
    expect(wrong[0]).toMatch(/consultations\.roles\[0\]: "emhp" does not deliver consultation/);
    expect(errorsOf(file("{ ratePerSchoolPerWeek: 1 }"))).toEqual([]);
  });
});
