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

  it("rejects malformed dates and years, naming the field", () => {
    expect(() => buildCalendar({ ...CALENDAR, years: 0 })).toThrow(/calendar.years: 0/);
    expect(() => buildCalendar({ ...CALENDAR, startDate: "1/9/2025" })).toThrow(/YYYY-MM-DD/);
  });
});
