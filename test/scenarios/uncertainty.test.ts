import { describe, expect, it } from "vitest";
import { listBuiltinScenarios, scenarioUncertainty, uncertaintyOf } from "../../scenarios/index.js";
import { errorsOf, MINIMAL } from "./fixtures.js";

const withBlock = (block: string, extra = "") => `${MINIMAL}${extra}uncertainty:\n${block}`;

describe("the uncertainty block", () => {
  it("resolves ranges and distributions into factors with the scenario's own values", () => {
    const factors = scenarioUncertainty(withBlock(`  - { path: casework.dnaShare, range: [0.05, 0.2] }
  - { path: "practitioners[p1].fte", distribution: { kind: triangular, min: 0.5, mode: 1, max: 1 } }
  - { path: groups.minChildren, distribution: { kind: normal, mean: 4, sd: 1 } }
  - { path: "schools[s1].referralRate", range: [0.5, 2] }
`));
    expect(factors).toEqual([
      { path: "casework.dnaShare", low: 0.05, high: 0.2, integer: false, law: { kind: "uniform" }, base: 0.1 },
      { path: "practitioners[p1].fte", low: 0.5, high: 1, integer: false, law: { kind: "triangular", mode: 1 }, base: 1 },
      // A whole-number field: the normal's central 95 % (4 ± 1.96) widened to whole numbers.
      { path: "groups.minChildren", low: 2, high: 6, integer: true, law: { kind: "normal", mean: 4, sd: 1 }, base: 4 },
      // An optional field the scenario leaves unset has no base value.
      { path: "schools[s1].referralRate", low: 0.5, high: 2, integer: false, law: { kind: "uniform" } },
    ]);
  });

  it("is optional: a scenario without it has no factors and loads as before", () => {
    expect(scenarioUncertainty(MINIMAL)).toEqual([]);
    expect(errorsOf(MINIMAL)).toEqual([]);
  });

  it("follows --set overrides before resolving", () => {
    const [f] = scenarioUncertainty(withBlock("  - { path: casework.dnaShare, range: [0.05, 0.2] }\n"), { overrides: ["casework.dnaShare=0.15"] });
    expect(f.base).toBe(0.15);
  });

  it("gives one line per problem naming the field, the value and the rule", () => {
    const errors = errorsOf(withBlock(`  - { path: casework.dnaShare, range: [0.05, 0.2] }
  - { path: casework.dnaShare, range: [0.1, 0.3] }
  - { path: casework.dnaShar, range: [0.05, 0.2] }
  - { path: referrals.ratePer1000PerWeek, range: [2, 1] }
  - { path: groups.minChildren, range: [2, 5.5] }
  - { path: "practitioners[p9].fte", range: [0.5, 1] }
  - { path: casework.sessions, range: [5, 9] }
  - { path: calendar.template, range: [5, 9] }
  - { path: casework.stepUpShare, range: [0, 1.2] }
  - { path: casework.sessions.mode, distribution: { kind: exponential, mean: 3 } }
  - { path: casework.slotsPerDay, range: [3, 5], distribution: { kind: uniform, min: 3, max: 5 } }
  - { path: casework.sessions.mode, distribution: { kind: triangular, min: 6, mode: 9, max: 8 } }
`, "casework: { sessions: { kind: triangular, min: 6, mode: 7, max: 8 } }\n"));
    expect(errors).toEqual([
      "bad.yaml:12: uncertainty[1].path: \"casework.dnaShare\" names the same field as uncertainty[0]",
      "bad.yaml:13: uncertainty[2].path: \"casework.dnaShar\" is not a field of the scenario format (did you mean dnaShare?)",
      "bad.yaml:14: uncertainty[3].range: [2,1] low 2 must be < high 1",
      "bad.yaml:15: uncertainty[4].range: [2,5.5] high 5.5 is not a value groups.minChildren takes (must be a whole number)",
      "bad.yaml:16: uncertainty[5].path: \"practitioners[p9].fte\" practitioners has no item with id \"p9\"",
      "bad.yaml:17: uncertainty[6].path: \"casework.sessions\" holds {\"kind\":\"triangular\",\"min\":6,\"mode\":7,\"max\":8}, not a number; name one of its parameters, e.g. casework.sessions.mode",
      "bad.yaml:18: uncertainty[7].path: \"calendar.template\" is not a numeric field",
      "bad.yaml:19: uncertainty[8].range: [0,1.2] high 1.2 is not a value casework.stepUpShare takes (must be <= 1)",
      "bad.yaml:20: uncertainty[9].distribution: {\"kind\":\"exponential\",\"mean\":3} must be a uniform, triangular or normal distribution",
      "bad.yaml:21: uncertainty[10].range: [3,5] give either range [low, high] or distribution, not both and not neither",
      "bad.yaml:22: uncertainty[11].distribution: {\"kind\":\"triangular\",\"min\":6,\"mode\":9,\"max\":8} mode 9 must lie in [min, max] = [6, 8]",
    ]);
  });

  it("gives every built-in scenario documented ranges that load", () => {
    for (const b of listBuiltinScenarios()) {
      const factors = uncertaintyOf(b.id);
      expect(factors.length, b.id).toBeGreaterThanOrEqual(3);
      for (const f of factors) expect(f.low, `${b.id} ${f.path}`).toBeLessThan(f.high);
    }
  });
});
