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

  it("with --by service sets the service rate and removes the schools' own rates, keeping every comment", () => {
    const c = calibration("service", [est({ kind: "referralRate", unit: "service", value: 2.5, lo: 2.2, hi: 2.8, n: 300 }), est({}), est({ kind: "dnaShare", fitted: false, value: null, lo: null, hi: null, n: 3 })]);
    const { edits } = fieldEdits(c, doc, "x.csv");
    const { text, model } = writeCalibrated(FILE, "mine.yaml", edits);
    expect(text).toContain("# My service\n");
    expect(text).toContain("{id: a, phase: primary, pupils: 300, cluster: c} # the small one\n");
    expect(text).toContain("  ratePer1000PerWeek: 2.5 # calibrated from x.csv: 2.5 [2.2, 2.8], n = 300\n");
    expect(text).toContain("  signpostShare: 0.3 # calibrated from x.csv: 0.3 [0.25, 0.35], n = 200\n");
    expect(model.schools.map((s) => s.referralRate)).toEqual([undefined, undefined, undefined]);
    expect(model.referrals.ratePer1000PerWeek).toBe(2.5);
    // The unfitted DNA share left the default.
    expect(model.casework.dnaShare).toBe(0.1);
    expect(text).not.toContain("dnaShare");
  });

  it("writes a distribution as the observed whole numbers and creates missing sections", () => {
    const c = calibration("service", [est({ kind: "sessions", unit: "oneToOne", value: 6.2, lo: 6, hi: 6.4, n: 40, distribution: { values: [5, 6, 7], weights: [8, 16, 16] } }), est({ kind: "patienceWeeks", value: 9.5, lo: 7, hi: 13, n: 80 })]);
    const { text, model } = writeCalibrated(FILE, "mine.yaml", fieldEdits(c, doc, "x.csv").edits);
    expect(text).toContain("casework:\n  sessions:\n    # calibrated from x.csv: mean 6.2 [6, 6.4], n = 40\n    {kind: discrete, values: [5, 6, 7], weights: [8, 16, 16]}\n");
    expect(model.casework.sessions).toEqual({ kind: "discrete", values: [5, 6, 7], weights: [8, 16, 16] });
    expect(model.waitlist.patienceWeeks).toEqual({ kind: "exponential", mean: 9.5 });
  });
});
