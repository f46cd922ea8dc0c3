import { describe, expect, it } from "vitest";
import { loadScenario } from "../../scenarios/index.js";
import { buildCalendar, computeKpis, simulate } from "../../sim/model/index.js";

const SEED = 2026;
const run = (id: string, overrides: string[]) => {
  const model = loadScenario(id, { overrides });
  return { model, out: simulate(model, { seed: SEED, replication: 0 }) };
};

describe("a horizon of weeks or dates", () => {
  it.each(["trailblazer-team", "ealing-primary", "llr"])("gives %s the same results with years: 1 and a horizon of 52 weeks", (id) => {
    const year = run(id, ["calendar.years=1"]).out;
    const weeks = run(id, ["calendar.horizon.weeks=52"]).out;
    expect(weeks.horizonDays).toBe(364);
    expect(weeks.events).toBe(year.events);
    expect(computeKpis(weeks)).toEqual(computeKpis(year));
    expect(weeks.weeks).toEqual(year.weeks);
  });

  it("runs a 26-week pilot: 26 weekly rows per cluster, every referral inside, KPIs over its 182 days", () => {
    const { model, out } = run("trailblazer-team", ["calendar.horizon.weeks=26"]);
    expect(out.horizonDays).toBe(182);
    for (const c of model.clusters) {
      expect(out.weeks.filter((w) => w.cluster === c.id).map((w) => w.week)).toEqual(Array.from({ length: 26 }, (_, w) => w));
    }
    expect(out.cases.length).toBeGreaterThan(100);
    expect(Math.max(...out.cases.map((c) => c.referralDay))).toBeLessThan(182);
    const k = computeKpis(out);
    // Contacts per week count over the pilot's own 26 weeks.
    const contacts = out.weeks.reduce((s, w) => s + w.contacts, 0);
    expect(k.contactsPerWeek).toBeCloseTo(contacts / 26, 9);
    expect(k.referrals).toBe(out.cases.filter((c) => !c.initial).length);
  });

  it.each(["trailblazer-team", "ealing-primary"])("runs a 26-week pilot of %s exactly as the first 26 weeks of its school year", (id) => {
    // The terms are placed as in the whole year (the spring term the pilot cuts included), so
    // referrals, link meetings, groups and every draw agree up to the pilot's last day.
    const pilot = run(id, ["calendar.horizon.weeks=26"]).out;
    const year = run(id, ["calendar.years=1"]).out;
    expect(pilot.weeks).toEqual(year.weeks.filter((w) => w.week < 26));
    expect(pilot.practitionerWeeks).toEqual(year.practitionerWeeks.filter((w) => w.week < 26));
    // Each child referred within the pilot: the same referral, and the same first contact if it fell within it.
    const inside = (d: number | null) => (d !== null && d < 182 ? d : null);
    const key = (c: (typeof pilot.cases)[number]) => [c.school, c.referralDay, c.concernDay, c.need, c.priority, inside(c.firstContactDay)];
    expect(pilot.cases.map(key)).toEqual(year.cases.filter((c) => c.referralDay < 182).map(key));
  });

  it("runs one term: day 0 on the term's Monday, referrals on its in-term days only", () => {
    const { model, out } = run("trailblazer-team", ["calendar.horizon.term=spring"]);
    const cal = buildCalendar(model.calendar);
    expect([cal.startDate, cal.weeks]).toEqual(["2026-01-05", 12]);
    // Spring and the term after it in the same school year; autumn lies before day 0.
    expect(cal.terms.map((t) => t.name)).toEqual(["spring", "summer"]);
    expect(new Set(out.weeks.map((w) => w.week)).size).toBe(12);
    const referred = out.cases.filter((c) => !c.initial);
    expect(referred.length).toBeGreaterThan(50);
    for (const c of referred) expect(cal.inTerm[c.referralDay]).toBe(1);
  });
});
