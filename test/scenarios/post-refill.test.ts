import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import { formatIssue, listBuiltinScenarios, loadScenarioText, scenarioWarnings, ScenarioError } from "../../scenarios/index.js";
import { simulate, type ServiceModel } from "../../sim/model/index.js";

/**
 * A post's own `refill`: a post that is not refilled stays vacant from the day its holder
 * leaves, while every other post keeps the scenario's refilling, draw for draw (each post's
 * leaving and recruitment lag come from its own random stream).
 */
const builtin = listBuiltinScenarios().find((b) => b.id === "workforce-turnover")!;
const text = readFileSync(builtin.path, "utf8");

/** Each post's slots lost to vacancy, week by week, and its slots at work, in one replication. */
function posts(m: ServiceModel, replication: number): Map<string, { vacant: number[]; working: number[] }> {
  const out = new Map<string, { vacant: number[]; working: number[] }>();
  for (const w of simulate(m, { seed: 7, replication }).practitionerWeeks) {
    const p = out.get(w.practitioner) ?? { vacant: [], working: [] };
    p.vacant[w.week] = w.vacantSlots;
    p.working[w.week] = Object.values(w.slots).reduce((a, b) => a + b, 0);
    out.set(w.practitioner, p);
  }
  return out;
}

describe("practitioners[].refill: a post not refilled, the others as they were", () => {
  const base = loadScenarioText(text);
  const kept = loadScenarioText(text, { overrides: ["practitioners[trainee-2].endDate=2026-03-02", "practitioners[trainee-2].refill=false"] });
  const refilled = loadScenarioText(text, { overrides: ["practitioners[trainee-2].endDate=2026-03-02"] });

  it("leaves every other post's vacancies and refills unchanged under common random numbers", () => {
    expect(kept.workforce.refill).toBe(true);
    let otherVacancies = 0;
    for (const r of [0, 1, 2, 3]) {
      const a = posts(refilled, r);
      const b = posts(kept, r);
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      for (const [id, p] of a) {
        if (id === "trainee-2") continue;
        expect(b.get(id)!.vacant, `${id}, replication ${r}`).toEqual(p.vacant);
        otherVacancies += p.vacant.filter((v) => v > 0).length;
      }
    }
    // The other posts do fall vacant and refill in these runs (turnover, trainees leaving, sc-3's end date, a late start).
    expect(otherVacancies).toBeGreaterThan(50);
  });

  it("keeps the post vacant from its holder's last day to the end of the run; refilled, it comes back after the lag", () => {
    // 2026-03-02 is day 182 of a run from 2025-09-01, the first day of week 26.
    for (const r of [0, 1, 2, 3]) {
      const a = posts(refilled, r).get("trainee-2")!;
      const b = posts(kept, r).get("trainee-2")!;
      const weeks = a.vacant.length;
      // Before anyone leaves the two runs hold the post alike.
      const left = b.vacant.findIndex((v) => v > 0);
      // A trainee does not leave before qualifying except on the end date (turnover acts on qualified holders).
      expect(left, `replication ${r}`).toBe(26);
      expect(b.vacant.slice(0, left)).toEqual(a.vacant.slice(0, left));
      // Not refilled: no slot worked after the week the holder left, to the end of the run.
      expect(b.working.slice(left + 1).every((s) => s === 0), `replication ${r}`).toBe(true);
      // Term weeks after that lose the post's slots to vacancy (holiday weeks have none to lose).
      expect(b.vacant.slice(left + 1).filter((v) => v > 0).length).toBeGreaterThan(0.6 * (weeks - left - 1));
      // Refilled: the same vacancy ends after the recruitment lag (triangular 13–26 weeks), and the post works again.
      const back = a.working.findIndex((s, w) => w > left && s > 0);
      expect(back, `replication ${r}`).toBeGreaterThan(left + 12);
      // (A summer holiday can put off the first worked week by up to six weeks.)
      expect(back).toBeLessThanOrEqual(left + 27 + 6);
      expect(weeks).toBe(b.vacant.length);
    }
  });

  it("without the field every post refills as workforce.refill says (the default keeps the scenario's results)", () => {
    const same = loadScenarioText(text, { overrides: ["practitioners[trainee-2].refill=true"] });
    expect(same.practitioners.find((p) => p.id === "trainee-2")!.refill).toBe(true);
    expect(base.practitioners.every((p) => p.refill === undefined)).toBe(true);
    expect(simulate(same, { seed: 7, replication: 0 })).toEqual(simulate(base, { seed: 7, replication: 0 }));
    // A post's refill: true refills it where the scenario refills nothing.
    const none = loadScenarioText(text, { overrides: ["workforce.refill=false", "practitioners[sc-3].refill=true"] });
    const sc3 = posts(none, 0).get("sc-3")!;
    const left = sc3.vacant.findIndex((v) => v > 0);
    expect(sc3.vacant.slice(left).some((v) => v === 0)).toBe(true);
  });

  it("warns when the post cannot fall vacant in the run, so the field changes nothing", () => {
    const one = `name: R
calendar: { years: 1 }
teams: [{ id: t }]
clusters: [{ id: a }]
schools: [{ id: s1, pupils: 900, cluster: a }]
practitioners:
  - { id: e1, allocation: { clusters: [a] }, refill: false }
  - { id: e2, allocation: { clusters: [a] }, refill: false, endDate: 2026-01-05 }
`;
    const warnings = scenarioWarnings(loadScenarioText(one, { file: "r.yaml" })).map(formatIssue);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/practitioners\[0\]\.refill: false has no effect: the post does not fall vacant/);
  });

  it("is checked by `scenario check`: a boolean passes, anything else is refused naming the field", async () => {
    let stdout = "";
    let stderr = "";
    const io = { stdout: (s: string) => void (stdout += s), stderr: (s: string) => void (stderr += s), isTTY: false };
    expect(await main(["scenario", "check", "workforce-turnover", "--set", "practitioners[trainee-2].refill=false"], io)).toBe(0);
    expect(stdout).toContain("practitioners");
    expect(await main(["scenario", "check", "workforce-turnover", "--set", "practitioners[trainee-2].refill=sometimes"], io)).toBe(2);
    expect(stderr).toContain('practitioners[1].refill: "sometimes" must be true or false');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(() => loadScenarioText(text.replace("    training: { start: 2025-09-01 }        # domain-figures: September intake\n  - id: trainee-3", "    training: { start: 2025-09-01 }\n    refill: 3\n  - id: trainee-3"))).toThrow(ScenarioError);
  });
});
