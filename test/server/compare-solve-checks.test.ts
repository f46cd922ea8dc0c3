import { readFileSync } from "node:fs";
import request from "supertest";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createApp, type MhstApp } from "../../server/index.js";
import { ScenarioThreads } from "../../server/scenario-threads/index.js";
import { gatedEngine } from "./helpers.js";

/**
 * The status and body of each case below as the server gave them when it loaded and checked
 * comparisons and solves on the event loop: the scenario threads must refuse them alike.
 */
const REFUSALS = JSON.parse(readFileSync(new URL("./compare-solve-refusals.json", import.meta.url), "utf8")) as Record<string, { status: number; body: unknown }>;

const TEAM = { scenario: "trailblazer-team" };
const BAD_TEXT = "name: x\ncalendar: { years: 0 }\n";
const SOLVE = { scenario: "trailblazer-team", parameter: "casework.slotsPerDay", min: 3, max: 6, step: 1, target: "pctStartedWithin4Weeks >= 0.5", replications: 2 };

/** Bad comparisons and solves, each refused before a run is queued. */
const CASES: { what: string; path: string; body: object; limits?: { maxRunSize?: number; maxRunWork?: number } }[] = [
  { what: "compare: b's scenario text is invalid", path: "/api/compare", body: { a: TEAM, b: { text: BAD_TEXT }, replications: 2 } },
  { what: "compare: a's override is invalid", path: "/api/compare", body: { a: { ...TEAM, overrides: ["casework.slotsPerDay=-1"] }, b: TEAM, replications: 2 } },
  { what: "compare: unknown scenario id in b", path: "/api/compare", body: { a: TEAM, b: { scenario: "nowhere" }, replications: 2 } },
  { what: "compare: the warm-up is longer than b's horizon", path: "/api/compare", body: { a: TEAM, b: { ...TEAM, overrides: ["calendar.horizon.weeks=10"] }, replications: 2, warmup: 20 } },
  { what: "compare: b's referrals drive the work over the limit", path: "/api/compare", body: { a: TEAM, b: { ...TEAM, overrides: ["referrals.ratePer1000PerWeek=1e6"] }, replications: 2 }, limits: { maxRunWork: 1e8 } },
  { what: "compare: the replications drive the work over the limit", path: "/api/compare", body: { a: TEAM, b: TEAM, replications: 400 }, limits: { maxRunWork: 1e6 } },
  { what: "compare: the run size is over the limit", path: "/api/compare", body: { a: TEAM, b: TEAM, replications: 30 }, limits: { maxRunSize: 1000 } },
  { what: "compare: the size with a precision cap", path: "/api/compare", body: { a: TEAM, b: TEAM, replications: 5, precision: { kpi: "waitWeeksMean", target: 0.01, maxReps: 40 } }, limits: { maxRunSize: 1000 } },
  { what: "solve: a bad parameter path", path: "/api/solve", body: { ...SOLVE, parameter: "casework.nowhere" } },
  { what: "solve: the scenario refuses the top value", path: "/api/solve", body: { ...SOLVE, parameter: "calendar.years", min: 1, max: 2, step: 1, overrides: ["calendar.horizon.weeks=10"] } },
  { what: "solve: the top value's work is over the limit", path: "/api/solve", body: { ...SOLVE, parameter: "calendar.years", min: 1, max: 80, step: 79 }, limits: { maxRunWork: 1e6 } },
  { what: "solve: the warm-up is longer than the horizon", path: "/api/solve", body: { ...SOLVE, overrides: ["calendar.horizon.weeks=10"], warmup: 20 } },
  { what: "solve: the work is over the limit", path: "/api/solve", body: SOLVE, limits: { maxRunWork: 1e5 } },
  { what: "solve: the run size is over the limit", path: "/api/solve", body: SOLVE, limits: { maxRunSize: 100 } },
];

describe("bad comparisons and solves, checked on the scenario threads, are refused as before", () => {
  const apps = new Map<string, MhstApp>();
  const appFor = (limits: { maxRunSize?: number; maxRunWork?: number } = {}) => {
    const key = JSON.stringify(limits);
    if (!apps.has(key)) apps.set(key, createApp({ dataDir: ":memory:", engine: gatedEngine(), scenarioThreads: 1, log: () => {}, ...limits }));
    return apps.get(key)!;
  };
  afterAll(async () => {
    await Promise.all([...apps.values()].map((a) => a.close()));
  });
  it("gives each case the status, message and issues it had when checked on the event loop", async () => {
    expect(Object.keys(REFUSALS).sort()).toEqual(CASES.map((c) => c.what).sort());
    for (const c of CASES) {
      const res = await request(appFor(c.limits).app).post(c.path).send(c.body);
      expect({ what: c.what, status: res.status, body: res.body }).toEqual({ what: c.what, ...REFUSALS[c.what] });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
    }
  });

  it("loads no scenario onto the event loop: each side is prepared (and packed) on a thread", async () => {
    const load = vi.spyOn(ScenarioThreads.prototype, "load");
    const side = vi.spyOn(ScenarioThreads.prototype, "prepareSide");
    try {
      const mhst = appFor();
      await request(mhst.app).post("/api/compare").send({ a: TEAM, b: { ...TEAM, overrides: ["casework.slotsPerDay=5"] }, replications: 2, seed: 1 }).expect(202);
      await request(mhst.app).post("/api/solve").send(SOLVE).expect(202);
      expect(load).not.toHaveBeenCalled();
      // A and B; the solve's two ends.
      expect(side.mock.calls.map(([r]) => [r.field, r.overrides])).toEqual([
        ["a.", []],
        ["b.", ["casework.slotsPerDay=5"]],
        ["", ["casework.slotsPerDay=3"]],
        ["", ["casework.slotsPerDay=6"]],
      ]);
    } finally {
      load.mockRestore();
      side.mockRestore();
    }
  });
});
