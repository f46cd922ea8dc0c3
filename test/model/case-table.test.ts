import { describe, expect, it } from "vitest";
import { loadScenario } from "../../scenarios/index.js";
import { MAX_HORIZON_DAYS } from "../../sim/model/calendar.js";
import { CaseTable, FAR, upToFar } from "../../sim/model/cases.js";
import { computeKpis, computeKpisByScope, dropSpareBuffers, releaseRecords, simulate } from "../../sim/model/index.js";
import { COLUMNS, type RunColumns } from "../../sim/model/run-records.js";
import { bigService } from "./fixtures.js";

const bufferOf = (run: object) => (run as { [COLUMNS]: RunColumns })[COLUMNS].cases.school.buffer;

describe("CaseTable", () => {
  it("starts every case with no events (-1) and zero counts", () => {
    dropSpareBuffers();
    const t = new CaseTable(3);
    expect([...t.firstDay, ...t.endDay, ...t.practitioner, ...t.renege]).toEqual(Array(12).fill(-1));
    expect([...t.sessions, ...t.state, ...t.dnas]).toEqual(Array(9).fill(0));
    expect(new CaseTable(3, false).renege.length).toBe(0);
  });

  it("reuses a released table's buffer, starting afresh (columns the referrals write for every case aside)", () => {
    dropSpareBuffers();
    const a = new CaseTable(20_000);
    a.firstDay.fill(7);
    a.sessions.fill(3);
    a.state.fill(4);
    a.due.fill(5);
    a.decline.fill(1);
    a.renege.fill(1.5);
    a.release();
    const b = new CaseTable(19_000);
    expect(b.school.buffer).toBe(a.school.buffer);
    expect(b.firstDay.every((v) => v === -1) && b.renege.every((v) => v === -1)).toBe(true);
    expect(b.sessions.every((v) => v === 0) && b.state.every((v) => v === 0)).toBe(true);
    expect(b.due.every((v) => v === 0) && b.decline.every((v) => v === 0)).toBe(true);
    // Each array is its own stretch of the buffer.
    b.outcome[b.n - 1] = 9;
    expect(b.route[b.n - 1]).toBe(0);
    expect(b.due.length).toBe(19_000);
  });

  it("does not reuse a buffer too small, or more than twice the size needed", () => {
    dropSpareBuffers();
    const a = new CaseTable(100);
    a.release();
    expect(new CaseTable(200).school.buffer).not.toBe(a.school.buffer);
    const big = new CaseTable(50_000);
    big.release();
    expect(new CaseTable(1_000).school.buffer).not.toBe(big.school.buffer);
  });
});

describe("releaseRecords", () => {
  const model = bigService(3, 1);

  it("leaves the next runs' results as they are", () => {
    dropSpareBuffers();
    const fresh = [0, 1].map((r) => {
      dropSpareBuffers();
      const run = simulate(model, { seed: 4, replication: r });
      return { kpis: computeKpisByScope(run), cases: run.cases };
    });
    dropSpareBuffers();
    const buffers = new Set<ArrayBufferLike>();
    for (const r of [0, 1, 0]) {
      const run = simulate(model, { seed: 4, replication: r });
      buffers.add(bufferOf(run));
      expect(run.cases).toEqual(fresh[r].cases);
      expect(computeKpisByScope(run)).toEqual(fresh[r].kpis);
      releaseRecords(run);
    }
    // All three runs shared one buffer.
    expect(buffers.size).toBe(1);
    dropSpareBuffers();
  });

  it("makes a later read of the released run fail instead of reading another run's cases", () => {
    const run = simulate(model, { seed: 4, replication: 0 });
    releaseRecords(run);
    expect(() => computeKpis(run)).toThrow(/read after releaseRecords/);
    expect(() => run.cases).toThrow(/read after releaseRecords/);
    releaseRecords(run);
    dropSpareBuffers();
  });
});

describe("16-bit days and counts", () => {
  it("take 80 bytes a case (seven 32-bit, eighteen 16-bit and sixteen 8-bit columns), and 8 more for withdrawals", () => {
    dropSpareBuffers();
    // A new table has 5 % room and 64 cases to spare.
    expect(new CaseTable(1000, false).school.buffer.byteLength).toBe((1050 + 64) * 80);
    dropSpareBuffers();
    expect(new CaseTable(1000, true).school.buffer.byteLength).toBe((1050 + 64) * 88);
    expect(FAR).toBe(32767);
    expect([upToFar(-364), upToFar(FAR - 1), upToFar(FAR + 1), upToFar(1e12)]).toEqual([-364, FAR - 1, FAR, FAR]);
  });

  // A value past 16 bits is kept as FAR, past every horizon: the run is the one a value just past
  // the horizon gives. (Wrapped to 16 bits, the values below would become 100 days, 5 days,
  // 10 days and 4 sessions.) The interval is a second intervention's, so that the weekly one's
  // sessions make each caseload's list be read while the slow one's cases are on it.
  const one = (set: string) => simulate(loadScenario("trailblazer-team", { overrides: ["calendar.years=1", set] }), { seed: 3, replication: 0 }).cases;
  const half = "{weekly: 0.5, slow: 0.5}";
  const slow = (days: number) => `interventions={catalogue: [{id: weekly}, {id: slow, intervalDays: ${days}}], routes: {lowMood: ${half}, anxiety: ${half}, behaviour: ${half}, sleep: ${half}}}`;
  it.each([
    ["triage.triageDays", "triage.triageDays=400", "triage.triageDays=65636"],
    ["waitlist.patienceWeeks", "waitlist.patienceWeeks=60", "waitlist.patienceWeeks=9363"],
    ["an intervention's intervalDays", slow(400), slow(65_546)],
    ["casework.sessions", "casework.sessions=400", "casework.sessions=65540"],
  ])("%s: past the horizon and past 16 bits give the same run", (_, past, far) => {
    const a = one(past);
    const b = one(far);
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(100);
  });

  it("holds every day of the longest horizon, 80 school years, and refuses a longer one", () => {
    expect(MAX_HORIZON_DAYS).toBe(29_120);
    expect(MAX_HORIZON_DAYS + 364).toBeLessThan(FAR);
    expect(() => loadScenario("trailblazer-team", { overrides: ["calendar.years=81"] })).toThrow("calendar.years: 81 must be at most 80, the longest horizon (29120 days)");
    // A model made in code is refused by the simulation itself.
    const base = loadScenario("trailblazer-team");
    const model = { ...base, calendar: { ...base.calendar, years: 81 } };
    expect(() => simulate(model, { seed: 1, replication: 0 })).toThrow("calendar: a horizon of 81 school years (29484 days) is longer than the longest, 80 school years (29120 days)");
  });
});
