import { describe, expect, it } from "vitest";
import { loadScenario, loadScenarioText } from "../../scenarios/index.js";
import { errorsOf, MINIMAL } from "./fixtures.js";

/** MINIMAL with a calendar block (it has none; its school year is England 2025/26). */
const withCalendar = (calendar: string) => `${MINIMAL}calendar: ${calendar}\n`;
const CAL_LINE = MINIMAL.split("\n").length;

describe("calendar.horizon", () => {
  it("leaves a file without a horizon as it was: years × 364 days, no horizonDays", () => {
    const m = loadScenarioText(MINIMAL);
    expect(m.calendar).toMatchObject({ startDate: "2025-09-01", years: 1 });
    expect("horizonDays" in m.calendar).toBe(false);
  });

  it("runs weeks from day 0, with the school years it needs", () => {
    const pilot = loadScenarioText(withCalendar("{ horizon: { weeks: 26 } }"));
    expect(pilot.calendar).toMatchObject({ startDate: "2025-09-01", years: 1, horizonDays: 182 });
    // 60 weeks reach the autumn of the second school year.
    expect(loadScenarioText(withCalendar("{ horizon: { weeks: 60 } }")).calendar).toMatchObject({ years: 2, horizonDays: 420 });
    // From a given start date.
    expect(loadScenarioText(withCalendar("{ startDate: 2025-08-25, horizon: { weeks: 6 } }")).calendar).toMatchObject({ startDate: "2025-08-25", horizonDays: 42 });
  });

  it("runs from the Monday of from's week to the end of the week holding to", () => {
    // Wednesday 7 January to Wednesday 1 July 2026: day 0 Monday 5 January, last day Sunday 5 July.
    const m = loadScenarioText(withCalendar("{ horizon: { from: 2026-01-07, to: 2026-07-01 } }"));
    expect(m.calendar).toMatchObject({ startDate: "2026-01-05", years: 1, horizonDays: 182 });
    // Without from, from day 0 (Monday 1 September 2025) to Friday 19 December: 16 weeks.
    expect(loadScenarioText(withCalendar("{ horizon: { to: 2025-12-19 } }")).calendar).toMatchObject({ startDate: "2025-09-01", horizonDays: 112 });
    // from with weeks.
    expect(loadScenarioText(withCalendar("{ horizon: { from: 2026-04-20, weeks: 13 } }")).calendar).toMatchObject({ startDate: "2026-04-20", horizonDays: 91 });
  });

  it("runs one term by name: the weeks from its first day to its last", () => {
    const m = loadScenarioText(withCalendar("{ horizon: { term: spring } }"));
    // England 2025/26: spring from Monday 5 January to Friday 27 March 2026, 12 weeks.
    expect(m.calendar).toMatchObject({ startDate: "2026-01-05", years: 1, horizonDays: 84 });
    const summer = loadScenario("trailblazer-team", { overrides: ["calendar.horizon.term=summer"] });
    expect(summer.calendar.startDate).toBe("2026-04-13");
    expect(summer.calendar.horizonDays).toBe(7 * 15); // 13 April to Wednesday 22 July
  });

  it("takes years when it agrees with the horizon, and gives a horizon of 52 weeks the model of years: 1", () => {
    const a = loadScenarioText(withCalendar("{ years: 1, horizon: { weeks: 52 } }"));
    const b = loadScenarioText(withCalendar("{ years: 1 }"));
    expect(a.calendar).toMatchObject({ startDate: b.calendar.startDate, years: 1, horizonDays: 364 });
    expect({ ...a.calendar, horizonDays: undefined }).toEqual({ ...b.calendar, horizonDays: undefined });
  });

  it("refuses bad horizons with one line each naming the field, the value and the rule", () => {
    const line = CAL_LINE;
    const cases: [string, string][] = [
      ["{ horizon: { weeks: 0 } }", `bad.yaml:${line}: calendar.horizon.weeks: 0 must be >= 1`],
      ["{ horizon: { weeks: -4 } }", `bad.yaml:${line}: calendar.horizon.weeks: -4 must be >= 1`],
      ["{ horizon: { weeks: 2.5 } }", `bad.yaml:${line}: calendar.horizon.weeks: 2.5 must be a whole number`],
      ["{ horizon: { from: 2026-03-02, to: 2026-02-27 } }", `bad.yaml:${line}: calendar.horizon.to: "2026-02-27" must not be before horizon.from 2026-03-02`],
      ["{ horizon: { to: 2025-08-29 } }", `bad.yaml:${line}: calendar.horizon.to: "2025-08-29" must not be before day 0, 2025-09-01 (calendar.startDate)`],
      ["{ horizon: { term: winter } }", `bad.yaml:${line}: calendar.horizon.term: "winter" is not a term name (terms: autumn, spring, summer)`],
      ["{ horizon: { term: spring, weeks: 4 } }", `bad.yaml:${line}: calendar.horizon.term: "spring" must be given alone (not with weeks, from or to)`],
      ["{ horizon: { weeks: 4, to: 2025-12-19 } }", `bad.yaml:${line}: calendar.horizon.to: "2025-12-19" cannot be given with horizon.weeks (4); give one of them`],
      ["{ horizon: { from: 2026-01-05 } }", `bad.yaml:${line}: calendar.horizon: {"from":"2026-01-05"} must give weeks, to or term`],
      ["{ horizon: { weeks: 400000000 } }", `bad.yaml:${line}: calendar.horizon.weeks: 400000000 gives 2800000000 days from 2025-09-01; the longest horizon is 80 school years (29120 days)`],
      ["{ horizon: { weeks: 4161 } }", `bad.yaml:${line}: calendar.horizon.weeks: 4161 gives 29127 days from 2025-09-01; the longest horizon is 80 school years (29120 days)`],
      ["{ horizon: { from: 9999-06-07, weeks: 52 } }", `bad.yaml:${line}: calendar.horizon.weeks: 52 gives 364 days from 9999-06-07, past 9999-12-31, the last date the calendar holds (at most 208 days)`],
      ["{ years: 81 }", `bad.yaml:${line}: calendar.years: 81 must be at most 80, the longest horizon (29120 days)`],
      ["{ years: 3, horizon: { weeks: 26 } }", `bad.yaml:${line}: calendar.years: 3 conflicts with calendar.horizon, which needs 1 school year of terms; leave years out with a horizon`],
      ["{ startDate: 2025-09-01, horizon: { from: 2026-01-07, to: 2026-03-27 } }", `bad.yaml:${line}: calendar.startDate: "2025-09-01" conflicts with calendar.horizon.from 2026-01-07: day 0 is then the Monday of its week, 2026-01-05; give one of them`],
      ["{ horizon: { from: 2026-07-27, to: 2026-08-28 } }", `bad.yaml:${line}: calendar.horizon.to: "2026-08-28" gives the horizon 2026-07-27..2026-08-30, which holds no term day (terms repeat every 364 days from 2025-09-01)`],
    ];
    for (const [calendar, message] of cases) expect(errorsOf(withCalendar(calendar))).toEqual([message]);
  });

  it("repeats listed terms with template none, as years does, and refuses a horizon of none of them", () => {
    const terms = "[{ name: t1, start: 2025-09-03, end: 2025-12-19 }]";
    const m = loadScenarioText(withCalendar(`{ template: none, terms: ${terms}, horizon: { weeks: 60 } }`));
    expect(m.calendar).toMatchObject({ startDate: "2025-09-01", years: 2, horizonDays: 420 });
    expect(errorsOf(withCalendar(`{ template: none, terms: ${terms}, horizon: { from: 2026-01-05, weeks: 30 } }`))).toEqual([
      `bad.yaml:${CAL_LINE}: calendar.horizon.weeks: 30 gives the horizon 2026-01-05..2026-08-02, which holds no term day (terms repeat every 364 days from 2025-09-03)`,
    ]);
  });

  it("measures the first-contact standard against the horizon", () => {
    expect(errorsOf(withCalendar("{ horizon: { weeks: 3 } }"))).toEqual([
      "bad.yaml:1: standards.firstContactWeeks: 4 must be <= the run's 3 weeks (calendar.horizon), or no child's deadline falls within it",
    ]);
  });

  it("reports a bad --set on the horizon as one line", () => {
    expect(errorsOf(MINIMAL, ["calendar.horizon.weeks=0"])).toEqual(["--set: calendar.horizon.weeks: 0 must be >= 1"]);
  });
});
