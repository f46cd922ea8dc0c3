import { describe, expect, it } from "vitest";
import { buildCalendar } from "../../sim/model/index.js";
import { CALENDAR } from "./fixtures.js";

describe("buildCalendar", () => {
  const cal = buildCalendar(CALENDAR);

  it("spans 52 weeks a year and starts on the start date's weekday", () => {
    expect(cal.horizonDays).toBe(364);
    expect(cal.weeks).toBe(52);
    expect(cal.date(0)).toBe("2025-09-01");
    expect(cal.weekday[0]).toBe(0); // Monday
    expect(cal.weekday[5]).toBe(5); // Saturday
    expect(cal.date(109)).toBe("2025-12-19");
  });

  it("counts in-term days by hand: autumn 73, spring 55, summer 66 (half-terms and 4 May closed)", () => {
    const perTerm = cal.terms.map((t) => t.days.length);
    expect(cal.terms.map((t) => t.name)).toEqual(["autumn", "spring", "summer"]);
    expect(perTerm).toEqual([73, 55, 66]);
    expect(cal.inTerm.reduce((a, b) => a + b, 0)).toBe(194);
    // Per weekday: Mondays lose the 1 Sep (before term) and the 4 May closure.
    const byWeekday = [0, 0, 0, 0, 0, 0, 0];
    cal.inTerm.forEach((v, d) => (byWeekday[cal.weekday[d]] += v));
    expect(byWeekday).toEqual([38, 39, 39, 39, 39, 0, 0]);
  });

  it("marks half-terms, closures and weekends as not in term", () => {
    const day = (iso: string) => (Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) - Date.UTC(2025, 8, 1)) / 86_400_000;
    expect(cal.inTerm[day("2025-10-28")]).toBe(0); // half-term
    expect(cal.termName(day("2025-10-28"))).toBe("autumn");
    expect(cal.closed[day("2026-05-04")]).toBe(1);
    expect(cal.inTerm[day("2026-05-04")]).toBe(0);
    expect(cal.inTerm[day("2026-05-05")]).toBe(1);
    expect(cal.inTerm[day("2025-09-06")]).toBe(0); // Saturday
    expect(cal.termName(day("2025-12-25"))).toBeNull();
    expect(cal.week(day("2025-09-08"))).toBe(1);
  });

  it("repeats the template year every 364 days", () => {
    const two = buildCalendar({ ...CALENDAR, years: 2 });
    expect(two.horizonDays).toBe(728);
    expect(two.terms.length).toBe(6);
    for (let d = 0; d < 364; d++) {
      expect(two.inTerm[d + 364]).toBe(two.inTerm[d]);
      expect(two.weekday[d + 364]).toBe(two.weekday[d]);
    }
    expect(two.terms[3].year).toBe(1);
    expect(two.terms[3].startDay).toBe(two.terms[0].startDay + 364);
  });

  it("simulates a horizon of 26 weeks: arrays of 182 days, the terms as in the whole year", () => {
    const pilot = buildCalendar({ ...CALENDAR, horizonDays: 182 });
    expect(pilot.horizonDays).toBe(182);
    expect(pilot.weeks).toBe(26);
    const arrays = [pilot.weekday, pilot.working, pilot.inTerm, pilot.closed, pilot.termInstance, pilot.termWeek];
    expect(arrays.map((a) => a.length)).toEqual([182, 182, 182, 182, 182, 182]);
    for (let d = 0; d < 182; d++) {
      expect(pilot.inTerm[d]).toBe(cal.inTerm[d]);
      expect(pilot.termInstance[d]).toBe(cal.termInstance[d]);
    }
    // The term the horizon cuts (spring, to 27 March) and the one after it keep their days, so
    // that what is placed by term falls as in the whole year; the run stops at day 181.
    expect(pilot.terms.map((t) => [t.name, t.startDay, t.endDay, t.days.length])).toEqual(cal.terms.map((t) => [t.name, t.startDay, t.endDay, t.days.length]));
    expect(pilot.date(pilot.horizonDays - 1)).toBe("2026-03-01");
    expect(pilot.termName(181)).toBe("spring");
  });

  it("repeats the terms for the school years the horizon needs", () => {
    const long = buildCalendar({ ...CALENDAR, years: 2, horizonDays: 7 * 60 });
    expect(long.weeks).toBe(60);
    expect(long.inTerm.length).toBe(420);
    expect(long.terms.map((t) => `${t.name}${t.year}`)).toEqual(["autumn0", "spring0", "summer0", "autumn1", "spring1", "summer1"]);
    // Autumn of the second year, Wednesday 2 September to the horizon's last day, Sunday 25
    // October 2026: 3 + 7 × 5 in-term days inside the horizon.
    expect(long.inTerm.slice(364).reduce((a, b) => a + b, 0)).toBe(38);
    expect(long.date(419)).toBe("2026-10-25");
  });

  it("names the term before day 0, a year on: the year's last term, or from January the next autumn", () => {
    expect(cal.termBeforeStart).toBe(2);
    const spring = buildCalendar({ ...CALENDAR, startDate: "2026-01-05", horizonDays: 84 });
    expect(spring.terms.map((t) => `${t.name}${t.year}`)).toEqual(["spring0", "summer0", "autumn1"]);
    const before = spring.terms[spring.termBeforeStart];
    expect([before.name, spring.date(before.startDay), spring.date(before.endDay)]).toEqual(["autumn", "2026-09-02", "2026-12-18"]);
    // Its half-term is marked: 73 in-term days, as the first autumn.
    expect(before.days.length).toBe(73);
  });

  it("rejects a horizon that is not a positive whole number of weeks", () => {
    expect(() => buildCalendar({ ...CALENDAR, horizonDays: 100 })).toThrow("calendar.horizonDays: 100 must be a whole number of weeks (a multiple of 7, at least 7)");
    expect(() => buildCalendar({ ...CALENDAR, horizonDays: 0 })).toThrow(/calendar.horizonDays: 0/);
  });

  it("rejects malformed dates and years, naming the field", () => {
    expect(() => buildCalendar({ ...CALENDAR, years: 0 })).toThrow(/calendar.years: 0/);
    expect(() => buildCalendar({ ...CALENDAR, startDate: "1/9/2025" })).toThrow(/YYYY-MM-DD/);
  });
});
