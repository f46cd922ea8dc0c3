import { describe, expect, it } from "vitest";
import { backtestResult, backtestSetup, simulatedMeasures } from "../../scenarios/calibrate/index.js";
import { loadScenarioText } from "../../scenarios/index.js";
import { observedFromCase, waitingAt } from "../../sim/calibrate/index.js";
import { buildCalendar, simulate } from "../../sim/model/index.js";
import { TRUE_SCENARIO } from "./fixtures.js";

const base = loadScenarioText(TRUE_SCENARIO, { file: "known.yaml" });

describe("back-test set-up", () => {
  it("simulates only the data's period, as calendar.horizon from its first Monday, from its waiting list", () => {
    // Data that start on day 140 (Monday 19 January 2026) and run to the end of the year.
    const all = simulate(base, { seed: 5, replication: 0 }).cases.map((c) => observedFromCase(c));
    const waiting = all.filter((r) => waitingAt(r, 139));
    const records = all.filter((r) => r.referralDay >= 140 || waitingAt(r, 139));
    const setup = backtestSetup(base, records, { fromDay: 140, toDay: 364 });
    expect(setup.from).toBe("2026-01-19");
    expect(setup.to).toBe("2026-08-30");
    expect(setup.initialWaiting).toBe(waiting.length);
    expect(setup.initialPerCluster).toBe(Math.round(waiting.length / 2));
    expect(setup.months.map((m) => m.month)).toEqual(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08"]);
    expect(setup.months[0]).toEqual({ month: "2026-01", fromDay: 140, toDay: 153 });

    const model = loadScenarioText(TRUE_SCENARIO, { file: "known.yaml", overrides: [...setup.overrides] });
    expect(model.calendar.startDate).toBe("2026-01-19");
    // 224 days: 32 weeks, the period exactly; the spring and summer terms are the base's.
    expect(buildCalendar(model.calendar).horizonDays).toBe(224);
    expect(model.waitlist.initialPerCluster).toBe(setup.initialPerCluster);
    const cal = buildCalendar(model.calendar);
    expect(cal.terms.map((t) => t.name)).toContain("summer");

    // Simulated days move into the data's: every simulated referral falls inside the period's months.
    const sims = [1, 2, 3, 4, 5, 6, 7, 8].map((r) => simulatedMeasures(setup, base, model, simulate(model, { seed: 9, replication: r }).cases));
    const referrals = (s: (typeof sims)[number]) => s.referrals.reduce<number>((a, v) => a + (v ?? 0), 0);
    for (const s of sims) {
      const n = simulate(model, { seed: 9, replication: sims.indexOf(s) + 1 }).cases.filter((c) => !c.initial).length;
      expect(referrals(s)).toBe(n);
    }
    const { summary } = backtestResult(setup, sims);
    // The same service, so its referral months mostly fall in the band.
    expect(summary.byMeasure.referrals.shareInsideBand).toBeGreaterThanOrEqual(0.6);
  });

  it("leaves a scenario that gives calendar.startDate and years loading, with day 0 moved to the period", () => {
    const text = TRUE_SCENARIO.replace("calendar: { years: 1 }", "calendar: { years: 1, startDate: 2025-09-01 }");
    const withStart = loadScenarioText(text, { file: "start.yaml" });
    const setup = backtestSetup(withStart, [], { fromDay: 63, toDay: 120 });
    const model = loadScenarioText(text, { file: "start.yaml", overrides: [...setup.overrides] });
    expect(model.calendar.startDate).toBe("2025-11-03");
    expect(buildCalendar(model.calendar).horizonDays).toBe(63);
    expect(setup.initialWaiting).toBe(0);
  });
});
