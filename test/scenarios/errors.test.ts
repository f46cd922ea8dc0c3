import { describe, expect, it } from "vitest";
import { loadScenarioText, ScenarioError } from "../../scenarios/index.js";
import { errorsOf, MINIMAL } from "./fixtures.js";

/** A catalogue of bad scenario files, each with every message it must give, in order. */
const CATALOGUE: { name: string; text: string; expected: string[] }[] = [
  {
    name: "wrong types",
    text: `name: 12
teams: { id: t }
clusters: [{ id: a }]
schools:
  - { id: s1, pupils: many, cluster: a, phase: nursery }
practitioners:
  - { id: p1, fte: "full", pattern: { mon: 5 } }
casework: { sessions: { kind: triangle, min: 1 }, caseloadCap: 2.5 }
groups: { enabled: yes please }
`,
    expected: [
      "bad.yaml:1: name: 12 must be text",
      'bad.yaml:2: teams: {"id":"t"} must be a list',
      'bad.yaml:5: schools[0].phase: "nursery" must be one of primary, secondary, special, alternativeProvision, college',
      'bad.yaml:5: schools[0].pupils: "many" must be a number',
      'bad.yaml:7: practitioners[0].fte: "full" must be a number',
      "bad.yaml:7: practitioners[0].pattern.mon: 5 must be a cluster or school id, [morning, afternoon] ids, or null",
      'bad.yaml:8: casework.sessions.kind: "triangle" must be one of deterministic, uniform, triangular, exponential, normal, lognormal, gamma, poisson, discrete',
      "bad.yaml:8: casework.caseloadCap: 2.5 must be a whole number",
      'bad.yaml:9: groups.enabled: "yes please" must be true or false',
    ],
  },
  {
    name: "negative rates and shares outside [0, 1]",
    text: `${MINIMAL}referrals:
  ratePer1000PerWeek: -2
  urgentShare: 1.5
triage:
  triageDays: -3
  consentDays: { kind: normal, mean: 3, sd: -1 }
`,
    expected: [
      "bad.yaml:10: referrals.ratePer1000PerWeek: -2 must be >= 0",
      "bad.yaml:11: referrals.urgentShare: 1.5 must be <= 1",
      "bad.yaml:13: triage.triageDays: -3 must be >= 0",
      "bad.yaml:14: triage.consentDays.sd: -1 must be >= 0",
    ],
  },
  {
    name: "a cluster's negative practitionerDays",
    text: MINIMAL.replace("{ id: b }", "{ id: b, practitionerDays: -1 }"),
    expected: ["bad.yaml:3: clusters[1].practitionerDays: -1 must be >= 0"],
  },
  {
    name: "unknown clusters and a cluster without schools",
    text: MINIMAL.replace("cluster: b }", "cluster: c }").replace("clusters: [a, b]", "clusters: [a, z]"),
    expected: [
      'bad.yaml:3: clusters[1]: "b" has no schools',
      'bad.yaml:6: schools[1].cluster: "c" is not a cluster (known: a, b)',
      'bad.yaml:8: practitioners[0].allocation.clusters[1]: "z" is not a cluster',
    ],
  },
  {
    name: "unknown team",
    text: MINIMAL.replace("{ id: b }", "{ id: b, team: north }"),
    expected: ['bad.yaml:3: clusters[1].team: "north" is not a team (known: t)'],
  },
  {
    name: "a practitioner allocated more half-days than the FTE allows",
    text: MINIMAL.replace("- { id: p1, allocation: { clusters: [a, b] } }", `- id: p1
    fte: 0.4
    pattern:
      mon: a
      tue: [a, b]
      wed: b`),
    expected: ["bad.yaml:10: practitioners[0].pattern: allocates 6 half-days, more than fte 0.4 allows (4 = fte x 10)"],
  },
  {
    name: "allocation days beyond the FTE",
    text: MINIMAL.replace("allocation: { clusters: [a, b] }", "fte: 0.5, allocation: { clusters: [a, b], days: 3 }"),
    expected: ["bad.yaml:8: practitioners[0].allocation.days: 3 must be <= fte x 5 = 2.5"],
  },
  {
    name: "empty schools list",
    text: "name: Empty\nteams: [{ id: t }]\nclusters: []\nschools: []\npractitioners: []\n",
    expected: [
      "bad.yaml:4: schools: [] must list at least one school (or use generate)",
      "bad.yaml:5: practitioners: [] must list at least one practitioner",
    ],
  },
  {
    name: "calendar dates out of order",
    text: `${MINIMAL}calendar:
  template: none
  startDate: 2025-09-10
  terms:
    - { name: autumn, start: 2025-09-03, end: 2025-12-19, halfTerm: { start: 2025-12-22, end: 2025-12-26 } }
    - { name: spring, start: 2025-12-01, end: 2025-11-30 }
    - { name: summer, start: 2026-04-30, end: 2026-07-20 }
`,
    expected: [
      "bad.yaml:11: calendar.startDate: \"2025-09-10\" must not be after the first term's start 2025-09-03",
      'bad.yaml:13: calendar.terms[0].halfTerm: "2025-12-22..2025-12-26" must lie inside the term 2025-09-03..2025-12-19',
      "bad.yaml:14: calendar.terms[1].end: \"2025-11-30\" must not be before the term's start 2025-12-01",
      "bad.yaml:14: calendar.terms[1].start: \"2025-12-01\" must be after the previous term's end 2025-12-19 (terms in order, not overlapping)",
    ],
  },
  {
    name: "dates that are not ISO dates",
    text: `${MINIMAL}calendar:
  terms:
    - { name: autumn, start: 2025-09-03, end: 2025-12-19 }
    - { name: summer, start: 2026-04-31, end: 2026-07-20 }
  closures: [2026-5-4]
`,
    expected: [
      'bad.yaml:12: calendar.terms[1].start: "2026-04-31" is not a real calendar date',
      'bad.yaml:13: calendar.closures[0]: "2026-5-4" must be an ISO date (YYYY-MM-DD)',
    ],
  },
  {
    name: "a practitioner's endDate before startDate",
    text: MINIMAL.replace("allocation: { clusters: [a, b] }", "allocation: { clusters: [a, b] }, startDate: 2026-01-05, endDate: 2025-12-19"),
    expected: ['bad.yaml:8: practitioners[0].endDate: "2025-12-19" must not be before startDate 2026-01-05'],
  },
  {
    name: "YAML syntax error",
    text: "name: Broken\nteams: [{ id: t }\nclusters:\n  - { id: a }\n",
    expected: ["bad.yaml:3: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]"],
  },
  {
    name: "YAML syntax errors on several lines",
    text: "name: Broken\n  teams: x\n clusters: y\n",
    expected: [
      "bad.yaml:1: YAML syntax error: Nested mappings are not allowed in compact mappings",
      "bad.yaml:2: YAML syntax error: Nested mappings are not allowed in compact mappings",
    ],
  },
  {
    name: "duplicate keys",
    text: "name: A\nname: B\n",
    expected: ["bad.yaml:2: YAML syntax error: the key \"name\" appears twice in one mapping"],
  },
  {
    name: "not a mapping",
    text: "- a\n- b\n",
    expected: ["bad.yaml:1: (top level): must be a mapping of scenario fields (name: ..., schools: ...)"],
  },
  {
    name: "duplicate ids",
    text: MINIMAL.replace("{ id: s2,", "{ id: s1,").replace("clusters: [{ id: a }, { id: b }]", "clusters: [{ id: a }, { id: b }, { id: a }]"),
    expected: [
      'bad.yaml:3: clusters[2].id: "a" is a duplicate id (also clusters[0])',
      'bad.yaml:6: schools[1].id: "s1" is a duplicate id (also schools[0])',
    ],
  },
  {
    name: "fractional slot counts, and link-meeting mode without meetings",
    text: `${MINIMAL}groups: { slotsPerSession: 2.5 }
meetings: { supervisionSlotsPerWeek: 0.5, linkMeetingsPerTerm: 0 }
referrals: { mode: linkMeeting }
casework: { sessionIntervalDays: 3.5 }
`,
    expected: [
      "bad.yaml:9: groups.slotsPerSession: 2.5 must be a whole number",
      "bad.yaml:10: meetings.supervisionSlotsPerWeek: 0.5 must be a whole number",
      "bad.yaml:10: meetings.linkMeetingsPerTerm: 0 must be >= 1 when referrals.mode is linkMeeting (referrals arrive at those meetings)",
      "bad.yaml:12: casework.sessionIntervalDays: 3.5 must be a whole number",
    ],
  },
  {
    name: "a group session dearer than a practitioner day",
    text: `${MINIMAL}casework: { slotsPerDay: 3 }
groups: { slotsPerSession: 4 }
`,
    expected: ["bad.yaml:10: groups.slotsPerSession: 4 must be <= the slots a day of a role that delivers groups (3, casework.slotsPerDay or roles.*.slotsPerDay) so a session fits in a day"],
  },
  {
    name: "mixes, seasonality, distributions, group sizes, slots and years",
    text: `${MINIMAL}referrals:
  needMix: { lowMood: 0.5, anxiety: 0.5, behaviour: 0.5, sleep: 0 }
  seasonality: { autum: 1.2 }
groups: { minChildren: 9, maxChildren: 4 }
casework: { sessions: { kind: triangular, min: 6, mode: 9, max: 8 }, slotsPerDay: 0 }
waitlist: { patienceWeeks: { kind: uniform, min: 8, max: 4 } }
calendar: { years: 0 }
`,
    expected: [
      "bad.yaml:10: referrals.needMix: shares sum to 1.5; they must sum to 1",
      "bad.yaml:11: referrals.seasonality.autum: 1.2 is not a term name (terms: autumn, spring, summer)",
      "bad.yaml:12: groups.minChildren: 9 must be <= maxChildren (4)",
      "bad.yaml:13: casework.slotsPerDay: 0 must be > 0",
      "bad.yaml:13: casework.sessions.mode: 9 must lie in [min, max] = [6, 8]",
      "bad.yaml:14: waitlist.patienceWeeks.min: 8 must be <= max (4)",
      "bad.yaml:15: calendar.years: 0 must be >= 1",
    ],
  },
  {
    name: "several problems at once: type, range, reference and a misspelt field",
    text: `${MINIMAL.replace("pupils: 300", "pupils: -300").replace("clusters: [a, b]", "clusters: [a, q]")}casework:
  slotsPerDay: -1
  slotPerDay: 3
`,
    expected: [
      "bad.yaml:6: schools[1].pupils: -300 must be >= 1",
      'bad.yaml:8: practitioners[0].allocation.clusters[1]: "q" is not a cluster',
      "bad.yaml:10: casework.slotsPerDay: -1 must be > 0",
      "bad.yaml:11: casework.slotPerDay: 3 is not a known field (did you mean slotsPerDay?)",
    ],
  },
  {
    name: "a team template that cannot be expanded",
    text: "name: Gen\ngenerate: { teams: 0, schoolsPerTeam: 3, clustersPerTeam: 5, phaseMix: { primary: 0.5 }, staff: { emhp: 1, seniorClinician: 0 }, fte: 0.2 }\n",
    expected: [
      "bad.yaml:2: generate.teams: 0 must be >= 1",
      "bad.yaml:2: generate.clustersPerTeam: 5 must be <= schoolsPerTeam (3)",
      "bad.yaml:2: generate.phaseMix: shares sum to 0.8; they must sum to 1",
      "bad.yaml:2: generate.fte: 0.2 gives 2 half-days, fewer than the 5 clusters each practitioner covers",
    ],
  },
  {
    name: "distribution with missing parameters, or not a distribution at all",
    text: `${MINIMAL}casework: { sessions: { kind: triangular, min: 1 } }\ntriage: { triageDays: seven }\n`,
    expected: [
      "bad.yaml:9: casework.sessions.mode: is required",
      "bad.yaml:9: casework.sessions.max: is required",
      'bad.yaml:10: triage.triageDays: "seven" must be a number or a distribution such as {kind: triangular, min: 6, mode: 7, max: 8}',
    ],
  },
  {
    name: "discrete weights that do not match the values",
    text: `${MINIMAL}casework: { sessions: { kind: discrete, values: [6, 7, 8], weights: [1, 1] } }\n`,
    expected: ["bad.yaml:9: casework.sessions.weights: [1,1] must have one weight per value (3 values)"],
  },
  {
    name: "missing name, bad id and a misspelt nested field",
    text: MINIMAL.replace("name: Minimal\n", "").replace("{ id: s1,", "{ id: 's 1',").replace("{ id: p1,", "{ id: p1, ftee: 1,"),
    expected: [
      "bad.yaml:1: name: is required",
      "bad.yaml:4: schools[0].id: \"s 1\" must be an id of letters, digits, '-', '_' or '.'",
      "bad.yaml:7: practitioners[0].ftee: 1 is not a known field (did you mean fte?)",
    ],
  },
  {
    name: "pattern and allocation together, and neither",
    text: MINIMAL.replace("allocation: { clusters: [a, b] } }", "allocation: { clusters: [a, b] }, pattern: { mon: a } }\n  - { id: p2 }"),
    expected: [
      "bad.yaml:8: practitioners[0]: must give either pattern or allocation, not both",
      "bad.yaml:9: practitioners[1]: must give a pattern or an allocation",
    ],
  },
  {
    name: "training for a role that is not a trainee EMHP, with impossible phases",
    text: MINIMAL.replace("allocation: { clusters: [a, b] }", "allocation: { clusters: [a, b] }, role: clinician, training: { start: 2025-09-01, phases: [{ weeks: 0, universityDays: 6 }] }"),
    expected: [
      "bad.yaml:8: practitioners[0].training.phases[0].weeks: 0 must be >= 1",
      "bad.yaml:8: practitioners[0].training.phases[0].universityDays: 6 must be <= 5",
      "bad.yaml:8: practitioners[0].training: is only for trainee EMHPs (role is clinician)",
    ],
  },
  {
    name: "several teams and clusters that do not say which",
    text: MINIMAL.replace("teams: [{ id: t }]", "teams: [{ id: t }, { id: u }]"),
    expected: [
      "bad.yaml:3: clusters[0].team: is required when there are several teams",
      "bad.yaml:3: clusters[1].team: is required when there are several teams",
    ],
  },
  {
    name: "tabs for indentation",
    text: "name: x\n\tteams: []\n",
    expected: ["bad.yaml:2: YAML syntax error: Tabs are not allowed as indentation"],
  },
];

describe("bad scenario files", () => {
  it.each(CATALOGUE)("$name", ({ text, expected }) => {
    expect(errorsOf(text)).toEqual(expected);
  });

  it("gives each issue as structured data too", () => {
    try {
      loadScenarioText(MINIMAL.replace("{ id: b }", "{ id: b, practitionerDays: -1 }"), { file: "trailblazer.yaml" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ScenarioError);
      expect((err as ScenarioError).issues).toEqual([
        { file: "trailblazer.yaml", line: 3, path: "clusters[1].practitionerDays", value: -1, message: "must be >= 0" },
      ]);
    }
  });

  it("every catalogue entry fails without a stack trace in its message", () => {
    for (const { text } of CATALOGUE) for (const line of errorsOf(text)) expect(line).not.toMatch(/\n\s+at /);
  });
});
