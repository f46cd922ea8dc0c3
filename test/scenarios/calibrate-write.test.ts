import { describe, expect, it } from "vitest";
import { fieldEdits, pathText, writeCalibrated } from "../../scenarios/calibrate/index.js";
import { parseScenario } from "../../scenarios/index.js";
import type { Calibration, Estimate } from "../../sim/calibrate/index.js";

const FILE = `# My service
name: Mine
teams: [{ id: t }]
clusters: [{ id: c }]
schools:
  - { id: a, phase: primary, pupils: 300, cluster: c }   # the small one
  - { id: b, phase: secondary, pupils: 900, cluster: c, referralRate: 4 }
  - { id: d, phase: primary, pupils: 350, cluster: c }
practitioners:
  - { id: e, allocation: { clusters: [c] } }
referrals:
  ratePer1000PerWeek: 1.5   # assumption
triage:
  signpostShare: 0.2        # assumption
`;

const est = (o: Partial<Estimate>): Estimate => ({ kind: "signpostShare", unit: null, label: "", value: 0.3, lo: 0.25, hi: 0.35, n: 200, fitted: true, note: "", ...o });
const calibration = (by: Calibration["by"], estimates: Estimate[]): Calibration => ({ by, byReason: "given", estimates, rows: 200, period: { fromDay: 0, toDay: 364 } });
const doc = parseScenario(FILE, "mine.yaml").doc.toJS();

describe("the field map and the calibrated file", () => {
  it("with --by phase writes each phase's rate as its referrals.phaseRate multiplier of the service rate", () => {
    const { edits, unmapped } = fieldEdits(calibration("phase", [est({ kind: "referralRate", unit: "primary", value: 2.345678, lo: 2, hi: 2.7, n: 90 }), est({ kind: "referralRate", unit: "special", value: 1, lo: 0.5, hi: 1.7, n: 12 })]), doc, "x.csv", { serviceRate: 1.5 });
    // 2.345678 / 1.5 = 1.5638, 2 / 1.5 = 1.3333, 2.7 / 1.5 = 1.8; 1 / 1.5 = 0.6667.
    expect(edits.map((e) => [pathText(e.path), e.value])).toEqual([["referrals.phaseRate.primary", 1.564], ["referrals.phaseRate.special", 0.6667]]);
    expect(edits[0].comment).toBe("calibrated from x.csv: 1.564 [1.333, 1.8], n = 90 (2.346 [2, 2.7] per 1,000 pupils per term week over the service's 1.5)");
    expect(unmapped).toEqual([]);
    // Without a service rate above 0 there is nothing to be a multiplier of.
    expect(fieldEdits(calibration("phase", [est({ kind: "referralRate", unit: "primary", value: 2, n: 90 })]), doc, "x.csv", { serviceRate: 0 }).unmapped.map((u) => u.reason)).toEqual(["referrals.ratePer1000PerWeek is 0: a phase multiplier needs a service rate > 0"]);
  });

  it("with --by service sets the service rate and removes the schools' own rates, changing only those lines", () => {
    const c = calibration("service", [est({ kind: "referralRate", unit: "service", value: 2.5, lo: 2.2, hi: 2.8, n: 300 }), est({}), est({ kind: "dnaShare", fitted: false, value: null, lo: null, hi: null, n: 3 })]);
    const { text, model } = writeCalibrated(FILE, "mine.yaml", fieldEdits(c, doc, "x.csv").edits);
    expect(text).toBe(
      FILE.replace(", referralRate: 4 }", " }")
        .replace("ratePer1000PerWeek: 1.5   # assumption", "ratePer1000PerWeek: 2.5 # calibrated from x.csv: 2.5 [2.2, 2.8], n = 300")
        .replace("signpostShare: 0.2        # assumption", "signpostShare: 0.3 # calibrated from x.csv: 0.3 [0.25, 0.35], n = 200"),
    );
    expect(model.schools.map((s) => s.referralRate)).toEqual([undefined, undefined, undefined]);
    expect(model.referrals.ratePer1000PerWeek).toBe(2.5);
    // The unfitted DNA share left the default.
    expect(model.casework.dnaShare).toBe(0.1);
  });

  it("adds nested fields and new sections at the end, each with its comment", () => {
    const c = calibration("phase", [
      est({ kind: "referralRate", unit: "primary", value: 2.3, lo: 2, hi: 2.7, n: 90 }),
      est({ kind: "referralRate", unit: "secondary", value: 3.1, lo: 2.5, hi: 3.7, n: 50 }),
      est({ kind: "seasonality", unit: "autumn", value: 1.2, lo: 1.1, hi: 1.3, n: 100 }),
      est({ kind: "sessions", unit: "oneToOne", value: 6.2, lo: 6, hi: 6.4, n: 40, distribution: { values: [5, 6, 7], weights: [8, 16, 16] } }),
      est({ kind: "patienceWeeks", value: 9.5, lo: 7, hi: 13, n: 80 }),
    ]);
    const { text, model } = writeCalibrated(FILE, "mine.yaml", fieldEdits(c, doc, "x.csv", { serviceRate: 1.5 }).edits);
    expect(text).toBe(`# My service
name: Mine
teams: [{ id: t }]
clusters: [{ id: c }]
schools:
  - { id: a, phase: primary, pupils: 300, cluster: c }   # the small one
  - { id: b, phase: secondary, pupils: 900, cluster: c }
  - { id: d, phase: primary, pupils: 350, cluster: c }
practitioners:
  - { id: e, allocation: { clusters: [c] } }
referrals:
  ratePer1000PerWeek: 1.5   # assumption
  phaseRate:
    primary: 1.533 # calibrated from x.csv: 1.533 [1.333, 1.8], n = 90 (2.3 [2, 2.7] per 1,000 pupils per term week over the service's 1.5)
    secondary: 2.067 # calibrated from x.csv: 2.067 [1.667, 2.467], n = 50 (3.1 [2.5, 3.7] per 1,000 pupils per term week over the service's 1.5)
  seasonality:
    autumn: 1.2 # calibrated from x.csv: autumn 1.2 [1.1, 1.3], n = 100
triage:
  signpostShare: 0.2        # assumption

casework:
  sessions: { kind: discrete, values: [5, 6, 7], weights: [8, 16, 16] } # calibrated from x.csv: mean 6.2 [6, 6.4], n = 40

waitlist:
  patienceWeeks: { kind: exponential, mean: 9.5 } # calibrated from x.csv: 9.5 [7, 13] weeks, n = 80
`);
    // School b's own rate is gone, so that every school takes its phase's: 1.5 × 1.533 and 1.5 × 2.067.
    expect(model.schools.map((s) => s.referralRate)).toEqual([undefined, undefined, undefined]);
    expect([model.referrals.phaseRate?.primary, model.referrals.phaseRate?.secondary]).toEqual([1.533, 2.067]);
    expect(model.casework.sessions).toEqual({ kind: "discrete", values: [5, 6, 7], weights: [8, 16, 16] });
    expect(model.waitlist.patienceWeeks).toEqual({ kind: "exponential", mean: 9.5 });
  });

  it("writes the whole document again when a changed value spreads over lines, keeping the comments", () => {
    const file = "name: Mine\nteams: [{ id: t }]\nclusters: [{ id: c }]\nschools: [{ id: a, pupils: 300, cluster: c }]\npractitioners: [{ id: e, allocation: { clusters: [c] } }]\ncasework:\n  # how long a course is\n  sessions:\n    kind: triangular\n    min: 6\n    mode: 7\n    max: 8\n";
    const c = calibration("service", [est({ kind: "sessions", unit: "oneToOne", value: 6.2, lo: 6, hi: 6.4, n: 40, distribution: { values: [5, 6, 7], weights: [8, 16, 16] } })]);
    const { text, model } = writeCalibrated(file, "mine.yaml", fieldEdits(c, parseScenario(file, "mine.yaml").doc.toJS(), "x.csv").edits);
    expect(text).toContain("# how long a course is\n");
    expect(text).toContain("# calibrated from x.csv: mean 6.2 [6, 6.4], n = 40\n");
    expect(model.casework.sessions).toEqual({ kind: "discrete", values: [5, 6, 7], weights: [8, 16, 16] });
  });
});
