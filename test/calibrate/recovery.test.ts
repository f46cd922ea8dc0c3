import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../scenarios/index.js";
import { TRUE_SCENARIO } from "./fixtures.js";
import { recoverOnce, type Recovered } from "./recovery.js";

const model = loadScenarioText(TRUE_SCENARIO, { file: "known.yaml" });
/** A fixed set of seeds: enough that "at least 90 % inside" can fail for an interval that covers less than 95 %. */
const SEEDS = Array.from({ length: 60 }, (_, i) => i + 1);

/** Per estimate key: seeds fitted, and seeds whose interval held the true value. */
function coverage(runs: readonly Recovered[][]): Map<string, { fitted: number; inside: number }> {
  const out = new Map<string, { fitted: number; inside: number }>();
  for (const run of runs) {
    for (const { key, estimate: e, truth } of run) {
      if (truth === null) continue;
      const c = out.get(key) ?? { fitted: 0, inside: 0 };
      if (e.fitted) {
        c.fitted++;
        if (e.lo! <= truth && truth <= e.hi!) c.inside++;
      }
      out.set(key, c);
    }
  }
  return out;
}

describe("parameter recovery from the simulator's own data", () => {
  it("puts every known input inside its 95 % interval in at least 90 % of the seeds", () => {
    const cov = coverage(SEEDS.map((s) => recoverOnce(model, s, "service")));
    // Every input the data speak to is fitted in every seed (a test that fits nothing cannot pass).
    const always = ["referralRate:service", "seasonality:autumn", "seasonality:spring", "seasonality:summer", "signpostShare", "declineShare", "triageDays", "consentDays", "sessions:oneToOne", "dnaShare", "stepUpShare", "patienceWeeks"];
    for (const k of always) expect(cov.get(k)?.fitted, k).toBe(SEEDS.length);
    for (const h of ["autumn 1", "autumn 2", "spring 1", "spring 2", "summer 1", "summer 2"]) expect(cov.get(`halfTermSeasonality:${h}`)?.fitted).toBe(SEEDS.length);
    for (const [k, c] of cov) if (c.fitted > 0) expect(c.inside / c.fitted, `${k}: ${c.inside} of ${c.fitted}`).toBeGreaterThanOrEqual(0.9);
  });

  it("recovers them from data extracted mid-year, the cases still open then counted as censored", () => {
    // Day 200 is in mid-March: the summer term is not in the data, and many cases are open.
    const cov = coverage(SEEDS.map((s) => recoverOnce(model, s, "service", 200)));
    for (const k of ["referralRate:service", "seasonality:autumn", "seasonality:spring", "signpostShare", "declineShare", "triageDays", "consentDays", "sessions:oneToOne", "dnaShare", "stepUpShare", "patienceWeeks"]) {
      expect(cov.get(k)?.fitted, k).toBe(SEEDS.length);
    }
    expect(cov.has("seasonality:summer")).toBe(false);
    for (const [k, c] of cov) if (c.fitted > 0) expect(c.inside / c.fitted, `${k}: ${c.inside} of ${c.fitted}`).toBeGreaterThanOrEqual(0.9);
  });

  it("recovers each school's referral rate with --by school", () => {
    const cov = coverage(SEEDS.slice(0, 30).map((s) => recoverOnce(model, s, "school")));
    for (const id of ["p1", "p2", "s1", "sp"]) {
      const c = cov.get(`referralRate:${id}`)!;
      expect(c.fitted, id).toBeGreaterThanOrEqual(27);
      expect(c.inside / c.fitted, `${id}: ${c.inside} of ${c.fitted}`).toBeGreaterThanOrEqual(0.9);
    }
  });
});
