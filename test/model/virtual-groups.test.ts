/**
 * Virtual groups run out of term: a practitioner's out-of-term virtual slots are gathered
 * across days, so a session runs whenever enough time has gathered, even when no single day
 * holds groups.slotsPerSession slots.
 */

import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../scenarios/index.js";
import { buildCalendar, simulate, type RunRecords } from "../../sim/model/index.js";
import { weekPatternSlots } from "./helpers.js";

const TEXT = `name: Virtual groups
calendar: { years: 1, virtualOutsideTermShare: 0.2 }
teams: [{ id: t }]
clusters: [{ id: a }]
schools:
  - { id: s1, pupils: 1500, cluster: a }
referrals: { ratePer1000PerWeek: 1.5, urgentShare: 0 }
casework: { caseloadCap: 30 }
groups: { enabled: true, virtual: true, minChildren: 3, slotsPerSession: 3, weeks: 8, maxWaitWeeks: 12, suitableShare: { lowMood: 0.8, anxiety: 0.8, behaviour: 0.8, sleep: 0.8 } }
practitioners:
  - { id: e1, allocation: { clusters: [a], days: 3 } }
`;

const run = (overrides: string[] = []): RunRecords => simulate(loadScenarioText(TEXT, { file: "virtual.yaml", overrides }), { seed: 9, replication: 0 });

/** Group sessions and group slots in weeks with no in-term day. */
function outOfTerm(r: RunRecords) {
  const cal = buildCalendar(loadScenarioText(TEXT).calendar);
  const holiday = (w: number) => cal.termWeek[7 * w] === 0;
  const weeks = r.weeks.filter((w) => holiday(w.week));
  return { sessions: weeks.reduce((s, w) => s + w.groupSessions, 0), slots: weeks.reduce((s, w) => s + w.slots.group, 0), weeks: weeks.length };
}

describe("virtual groups out of term", () => {
  it("hold sessions in the holidays although no day holds a session's 3 slots (0.2 × 4 slots a day)", () => {
    const r = outOfTerm(run());
    expect(r.weeks).toBeGreaterThan(8);
    expect(r.sessions).toBeGreaterThanOrEqual(3);
    // More virtual time gathers a session's slots sooner.
    expect(outOfTerm(run(["calendar.virtualOutsideTermShare=0.6"])).sessions).toBeGreaterThan(r.sessions);
    // Each session held out of term cost its 3 slots, gathered over the days before it
    // (a session in progress at a week's end may have paid part of its slots already).
    expect(r.slots).toBeGreaterThanOrEqual(3 * r.sessions - 3 * 8);
    expect(r.slots).toBeLessThanOrEqual(3 * r.sessions + 3 * 8);
  });

  it("in-school groups hold none out of term", () => {
    const r = outOfTerm(run(["groups.virtual=false"]));
    expect(r.sessions).toBe(0);
    expect(r.slots).toBe(0);
  });

  it("every slot is booked once: a week's slots add up to the pattern's, virtual share included", () => {
    const r = run();
    const m = loadScenarioText(TEXT);
    for (const w of r.practitionerWeeks) {
      const expected = weekPatternSlots(m, 0, w.week);
      const booked = Object.values(w.slots).reduce((a, b) => a + b, 0) + w.vacantSlots + w.universitySlots;
      // Fractions of a slot are carried between days (at most one slot adrift each way).
      expect(Math.abs(booked - expected)).toBeLessThan(1 + 1e-9);
    }
  });
});
