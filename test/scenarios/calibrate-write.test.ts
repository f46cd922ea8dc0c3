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
  it("with --by phase gives every listed school of the phase its phase's rate", () => {
    const { edits, unmapped } = fieldEdits(calibration("phase", [est({ kind: "referralRate", unit: "primary", value: 2.345678, lo: 2, hi: 2.7, n: 90 }), est({ kind: "referralRate", unit: "special", value: 1, n: 12 })]), doc, "x.csv");
    expect(edits.map((e) => [pathText(e.path), e.value])).toEqual([["schools[0].referralRate", 2.346], ["schools[2].referralRate", 2.346]]);
    expect(edits[0].comment).toBe("calibrated from x.csv: 2.346 [2, 2.7], n = 90 (phase primary)");
    expect(unmapped.map((u) => u.reason)).toEqual(["no school of phase special is listed in the file"]);
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

  it("adds fields to one-line schools and new sections at the end, each with its comment", () => {
    const c = calibration("phase", [
      est({ kind: "referralRate", unit: "primary", value: 2.3, lo: 2, hi: 2.7, n: 90 }),
      est({ kind: "referralRate", unit: "secondary", value: 3.1, lo: 2.5, hi: 3.7, n: 50 }),
      est({ kind: "seasonality", unit: "autumn", value: 1.2, lo: 1.1, hi: 1.3, n: 100 }),
      est({ kind: "sessions", unit: "oneToOne", value: 6.2, lo: 6, hi: 6.4, n: 40, distribution: { values: [5, 6, 7], weights: [8, 16, 16] } }),
      est({ kind: "patienceWeeks", value: 9.5, lo: 7, hi: 13, n: 80 }),
    ]);
    const { text, model } = writeCalibrated(FILE, "mine.yaml", fieldEdits(c, doc, "x.csv").edits);
    expect(text).toBe(`# My service
name: Mine
teams: [{ id: t }]
clusters: [{ id: c }]
schools:
  - { id: a, phase: primary, pupils: 300, cluster: c, referralRate: 2.3 } # the small one; calibrated from x.csv: 2.3 [2, 2.7], n = 90 (phase primary)
  - { id: b, phase: secondary, pupils: 900, cluster: c, referralRate: 3.1 } # calibrated from x.csv: 3.1 [2.5, 3.7], n = 50 (phase secondary)
  - { id: d, phase: primary, pupils: 350, cluster: c, referralRate: 2.3 } # calibrated from x.csv: 2.3 [2, 2.7], n = 90 (phase primary)
practitioners:
  - { id: e, allocation: { clusters: [c] } }
referrals:
  ratePer1000PerWeek: 1.5   # assumption
  seasonality:
    autumn: 1.2 # calibrated from x.csv: autumn 1.2 [1.1, 1.3], n = 100
triage:
  signpostShare: 0.2        # assumption

casework:
  sessions: { kind: discrete, values: [5, 6, 7], weights: [8, 16, 16] } # calibrated from x.csv: mean 6.2 [6, 6.4], n = 40

waitlist:
  patienceWeeks: { kind: exponential, mean: 9.5 } # calibrated from x.csv: 9.5 [7, 13] weeks, n = 80
`);
    expect(model.schools.map((s) => s.referralRate)).toEqual([2.3, 3.1, 2.3]);
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
