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
    // Spring, the term after it, and the next autumn (the term before day 0, a year on); the
    // run stops after spring.
    expect(cal.terms.map((t) => `${t.name}${t.year}`)).toEqual(["spring0", "summer0", "autumn1"]);
    expect(cal.terms[cal.termBeforeStart].name).toBe("autumn");
    expect(new Set(out.weeks.map((w) => w.week)).size).toBe(12);
    const referred = out.cases.filter((c) => !c.initial);
    expect(referred.length).toBeGreaterThan(50);
    for (const c of referred) expect(cal.inTerm[c.referralDay]).toBe(1);
  });

  it("brings a spring pilot in link-meeting mode the autumn's backlog at its first meeting, as the whole year does", () => {
    // Ealing refers at one link meeting a term, early in the term: a spring pilot's first
    // meetings bring what schools gathered since the autumn meeting. Mean over replications of
    // the spring pilot's referrals against the same spring weeks of whole-year runs.
    const reps = 20;
    const spring = loadScenario("ealing-primary", { overrides: ["calendar.horizon.term=spring"] });
    const year = loadScenario("ealing-primary", { overrides: ["calendar.years=1"] });
    const springDays = [126, 126 + 84]; // 5 January to 29 March 2026
    let a = 0;
    let b = 0;
    for (let r = 0; r < reps; r++) {
      a += simulate(spring, { seed: SEED, replication: r }).cases.filter((c) => !c.initial).length;
      b += simulate(year, { seed: SEED, replication: r }).cases.filter((c) => !c.initial && c.referralDay >= springDays[0] && c.referralDay < springDays[1]).length;
    }
    // Poisson counts of about 200: the difference of two means of 20 has a standard error of about 4.5.
    expect(b / reps).toBeGreaterThan(150);
    expect(Math.abs(a / reps - b / reps)).toBeLessThan(4 * Math.sqrt((2 * (b / reps)) / reps));
  });
});
