/**
 * A small service with known inputs, all different from the defaults, for calibration tests:
 * data made by the simulator from it should calibrate back to these values.
 */

/** The known inputs of {@link TRUE_SCENARIO}. */
export const TRUTH = {
  rate: 3,
  seasonality: { autumn: 1.3, spring: 1, summer: 0.7 } as Record<string, number>,
  signpostShare: 0.35,
  declineShare: 0.12,
  /** Means of the rounded draws: triangular 3/6/12 and uniform 2..8 days, triangular 4/6/9 sessions. */
  triageDaysMean: 7,
  consentDaysMean: 5,
  sessionsMean: 19 / 3,
  groupWeeks: 5,
  dnaShare: 0.18,
  stepUpShare: 0.12,
  patienceWeeks: 8,
};

/** Scenario YAML of the known service (one year, two clusters, four schools, one EMHP and a part-time clinician). */
export const TRUE_SCENARIO = `# A small service with known inputs
name: Known service
calendar: { years: 1 }
teams: [{ id: t }]
clusters: [{ id: north }, { id: south }]
schools:
  - { id: p1, phase: primary, pupils: 420, cluster: north }
  - { id: p2, phase: primary, pupils: 380, cluster: north }
  - { id: s1, phase: secondary, pupils: 950, cluster: south }
  - { id: sp, phase: special, pupils: 150, cluster: south }
practitioners:
  - { id: emhp-1, allocation: { clusters: [north, south] } }
  - { id: cl-1, role: clinician, fte: 0.4, allocation: { clusters: [south] } }
referrals:
  ratePer1000PerWeek: 3        # known
  seasonality: { autumn: 1.3, spring: 1, summer: 0.7 }
triage:
  signpostShare: 0.35
  declineShare: 0.12
  triageDays: { kind: triangular, min: 3, mode: 6, max: 12 }
  consentDays: { kind: uniform, min: 2, max: 8 }
waitlist:
  initialPerCluster: 4
  patienceWeeks: { kind: exponential, mean: 8 }
casework:
  sessions: { kind: triangular, min: 4, mode: 6, max: 9 }
  dnaShare: 0.18
  stepUpShare: 0.12
groups:
  weeks: 5
`;
