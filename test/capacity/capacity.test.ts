import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenarioText } from "../../scenarios/index.js";
import { analyseCapacity, type CapacityRow } from "../../sim/capacity/index.js";
import { mhst, oneLine } from "../experiment/cli-harness.js";

const dir = mkdtempSync(join(tmpdir(), "mhst-capacity-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One term of exactly 16 weeks (Mon 1 Sep to Fri 19 Dec 2025), one school, one full-time EMHP. */
const TINY = `name: Tiny
calendar:
  template: none
  terms: [{ name: autumn, start: "2025-09-01", end: "2025-12-19" }]
  closures: []
teams: [{ id: t }]
clusters: [{ id: c }]
schools: [{ id: s, pupils: 1000, cluster: c }]
practitioners:
  - { id: e, pattern: { mon: c, tue: c, wed: c, thu: c, fri: c } }
referrals: { ratePer1000PerWeek: 2 }
triage: { signpostShare: 0.25, declineShare: 0 }
waitlist: { initialPerCluster: 40 }
casework: { slotsPerDay: 4, sessions: 6, dnaShare: 0.2 }
groups: { enabled: false }
`;

describe("analytic capacity", () => {
  it("matches the figures worked by hand on a tiny service", () => {
    const a = analyseCapacity(loadScenarioText(TINY, { file: "tiny.yaml" }), 12);
    expect(a.termWeeks).toBe(16);
    const [cluster, team] = a.rows;
    // Referrals 2 a term week (1,000 pupils × 2 per 1,000); accepted 2 × 0.75 = 1.5.
    // A case: 1 + (6 − 1) / (1 − 0.2) = 7.25 slots; demand 1.5 × 7.25 = 10.875.
    // Capacity: 10 half-days × 2 slots = 20, less 1 supervision and 2 admin a week, less the
    // term's 1 link-meeting + 2 cluster-meeting + 2 + 2 training slots over 16 weeks (0.4375): 16.5625.
    // Standard list: 1.5 × 4 weeks = 6. Extra: 10.875 − 16.5625 + (40 − 6) × 7.25 / 12 = 14.854…
    const want: Omit<CapacityRow, "scope" | "id"> = {
      referrals: 2,
      accepted: 1.5,
      demandSlots: 10.875,
      schoolWorkSlots: 0,
      capacitySlots: 16.5625,
      ratio: 10.875 / 16.5625,
      slotsPerChild: 7.25,
      standardList: 6,
      currentList: 40,
      extraSlots: 10.875 - 16.5625 + (34 * 7.25) / 12,
    };
    for (const row of [cluster, team]) {
      for (const [k, v] of Object.entries(want)) expect(row[k as keyof CapacityRow], `${row.scope} ${k}`).toBeCloseTo(v as number, 10);
    }
    expect([cluster.scope, cluster.id, team.scope, team.id]).toEqual(["cluster", "c", "team", "t"]);
    // Within a year the list is cleared with what is spare: no extra capacity needed.
    expect(analyseCapacity(loadScenarioText(TINY, { file: "tiny.yaml" }), 52).rows[0].extraSlots).toBe(0);
  });

  it("counts a phase's referral multiplier, and consultations in demand and (their referral share) in referrals", () => {
    const text = TINY.replace("schools: [{ id: s, pupils: 1000, cluster: c }]", "schools: [{ id: s, phase: alternativeProvision, pupils: 1000, cluster: c }]") + "consultations: { ratePerSchoolPerWeek: 0.5, slots: 2, referralShare: 0.2 }\n";
    const [cluster, team] = analyseCapacity(loadScenarioText(text, { file: "tiny-ap.yaml" }), 12).rows;
    // Referrals: 2 per 1,000 × 2 (alternative provision's default multiplier) + 0.5 × 0.2 from consultations = 4.1.
    // Accepted 4.1 × 0.75 = 3.075; demand 3.075 × 7.25 + 0.5 consultations × 2 slots = 23.29375.
    for (const row of [cluster, team]) {
      expect(row.referrals).toBeCloseTo(4.1, 10);
      expect(row.accepted).toBeCloseTo(3.075, 10);
      expect(row.schoolWorkSlots).toBeCloseTo(1, 10);
      expect(row.demandSlots).toBeCloseTo(23.29375, 10);
      expect(row.ratio).toBeCloseTo(23.29375 / 16.5625, 10);
      expect(row.standardList).toBeCloseTo(3.075 * 4, 10);
    }
  });

  it("with an intervention catalogue, a child takes its route's slots: brief courses, phone sessions, the fallback for needs without routes", () => {
    const text = TINY.replace("casework: { slotsPerDay: 4, sessions: 6, dnaShare: 0.2 }", "casework: { slotsPerDay: 4, sessions: 6, dnaShare: 0 }").replace("referrals: { ratePer1000PerWeek: 2 }\n", "") + `referrals: { ratePer1000PerWeek: 2, urgentShare: 0, needMix: { lowMood: 0.5, anxiety: 0.5, behaviour: 0, sleep: 0 } }
interventions:
  catalogue:
    - { id: liCbt, sessions: 6 }
    - { id: brief, sessions: 2 }
    - { id: parentLed, sessions: 8, phoneSessions: 4, phoneSlots: 0.5 }
  routes:
    lowMood: { liCbt: 0.5, brief: 0.5 }
    behaviour: { parentLed: 1 }
`;
    const [cluster] = analyseCapacity(loadScenarioText(text, { file: "tiny-iv.yaml" }), 12).rows;
    // lowMood: half LI-CBT (6 slots), half brief (2): 4; anxiety has no route: the fallback LI-CBT, 6.
    // Slots per child 0.5 × 4 + 0.5 × 6 = 5; accepted 1.5 a term week, demand 7.5.
    expect(cluster.slotsPerChild).toBeCloseTo(5, 10);
    expect(cluster.demandSlots).toBeCloseTo(7.5, 10);
    // Parent-led CBT: 4 face-to-face slots and 4 phone sessions at half a slot: 6 slots a child.
    const behaviour = analyseCapacity(loadScenarioText(text.replace("needMix: { lowMood: 0.5, anxiety: 0.5, behaviour: 0, sleep: 0 }", "needMix: { lowMood: 0, anxiety: 0, behaviour: 1, sleep: 0 }"), { file: "tiny-iv.yaml" }), 12).rows[0];
    expect(behaviour.slotsPerChild).toBeCloseTo(6, 10);
  });

  it("mhst capacity prints the table and --json the same rows", async () => {
    const file = join(dir, "tiny.yaml");
    writeFileSync(file, TINY);
    const text = await mhst("capacity", file);
    expect(text.code).toBe(0);
    expect(text.stdout.split("\n")[3]).toMatch(/^cluster\s+c\s+2\s+1\.50\s+10\.88\s+16\.56\s+0\.657\s+6\s+40\s+14\.85$/);
    const json = await mhst("capacity", file, "--json", "--clear-weeks", "24");
    const out = JSON.parse(json.stdout) as { format: string; clearWeeks: number; rows: CapacityRow[] };
    expect(out.format).toBe("mhst-capacity/1");
    expect(out.rows[1].extraSlots).toBeCloseTo(10.875 - 16.5625 + (34 * 7.25) / 24, 10);
    const bad = await mhst("capacity", file, "--clear-weeks", "0");
    expect(bad.code).toBe(2);
    expect(oneLine(bad.stderr)).toMatch(/--clear-weeks <weeks>' argument '0' is invalid\. "0" must be a number > 0/);
  });
});
