import { createHash } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadScenario } from "../../scenarios/index.js";
import { createApp, createExperimentEngine, type Engine, type MhstApp } from "../../server/index.js";
import { PackedModel, packModel, wholeModel } from "../../server/packed-model.js";
import { runShapeOf } from "../../server/run-shape.js";
import { ScenarioThreads } from "../../server/scenario-threads/index.js";
import type { Db } from "../../server/storage/database.js";
import { tempDataDir, waitForRun } from "./helpers.js";

/** Whole models, and scenarios' result parts, deserialised on this thread (the event loop of the apps below). */
const unpacked = vi.hoisted(() => ({ models: 0, parts: 0 }));
vi.mock("node:v8", async (importOriginal) => {
  const v8 = await importOriginal<typeof import("node:v8")>();
  const deserialize = (bytes: NodeJS.TypedArray): unknown => {
    const value = v8.deserialize(bytes) as unknown;
    if (value !== null && typeof value === "object" && "practitioners" in value && "calendar" in value) unpacked.models++;
    if (value !== null && typeof value === "object" && "labels" in value && "axis" in value) unpacked.parts++;
    return value;
  };
  return { ...v8, deserialize, default: { ...v8, deserialize } };
});

/** SHA-256 (first 16 hex digits) of a run's stored result JSON. */
const hashOf = (db: Db, id: string): string => {
  const row = db.prepare("SELECT result_json FROM run_results WHERE run_id = ?").get(id) as { result_json: string };
  return createHash("sha256").update(row.result_json).digest("hex").slice(0, 16);
};

async function finished(mhst: MhstApp, path: string, body: object): Promise<string> {
  const res = await request(mhst.app).post(path).send(body).expect(202);
  expect((await waitForRun(mhst.app, res.body.id, 120_000)).status).toBe("done");
  return res.body.id as string;
}

const RUN = { scenario: "trailblazer-team", replications: 3, seed: 11, warmup: 4 };
// 1,180 schools: more than per-school results are kept for.
const WAVE = { scenario: "trailblazer-wave", replications: 1, seed: 2, warmup: 4, overrides: ["calendar.horizon.weeks=12"] };
const COMPARE = { a: { scenario: "trailblazer-team" }, b: { scenario: "trailblazer-team", overrides: ["casework.slotsPerDay=5"] }, replications: 3, seed: 3, warmup: 4 };
const SOLVE = { scenario: "trailblazer-team", parameter: "casework.slotsPerDay", min: 3, max: 6, step: 1, target: "pctStartedWithin4Weeks >= 0.5", replications: 2, seed: 4 };

/**
 * The stored results of these requests when the event loop unpacked each run's model (and
 * loaded comparisons' and solves' scenarios itself), on the result thread and on the event loop alike.
 */
const GOLDEN = { run: "e1b4b78896016ced", wave: "12d702bd8840024a", compare: "7adb0d375de49476", solve: "30244b9c8c4f22a3" };

describe("a run's start: no model on the event loop", () => {
  const data = tempDataDir();
  let thread: MhstApp;
  let loop: MhstApp;
  /** The models the engine of the result thread's app was given. */
  const given: object[] = [];
  beforeAll(() => {
    const real = createExperimentEngine({ slots: 1, workersPerSlot: 1 });
    const engine: Engine = {
      experiments: (models, options, hooks) => (given.push(...models), real.experiments(models, options, hooks)),
      experimentsInto: (models, options, hooks, sinkOf) => (given.push(...models), real.experimentsInto!(models, options, hooks, sinkOf)),
      close: () => real.close(),
    };
    thread = createApp({ dataDir: data.dir, engine, log: () => {} });
    loop = createApp({ dataDir: ":memory:", workersPerRun: 1, log: () => {} });
  });
  afterAll(async () => {
    await Promise.all([thread.close(), loop.close()]);
    data.remove();
  });

  it("stores runs, comparisons and solves byte for byte as when the event loop unpacked the models", async () => {
    const load = vi.spyOn(ScenarioThreads.prototype, "load");
    try {
      const cases = [["run", "/api/runs", RUN], ["wave", "/api/runs", WAVE], ["compare", "/api/compare", COMPARE], ["solve", "/api/solve", SOLVE]] as const;
      for (const [name, path, body] of cases.slice(0, 3)) expect({ name, thread: hashOf(thread.db, await finished(thread, path, body)) }).toEqual({ name, thread: GOLDEN[name] });
      // Runs and comparisons saved by the result thread: their scenarios' result parts too stay packed here.
      expect(unpacked.parts).toBe(0);
      expect({ name: "solve", thread: hashOf(thread.db, await finished(thread, "/api/solve", SOLVE)) }).toEqual({ name: "solve", thread: GOLDEN.solve });
      for (const [name, path, body] of cases) expect({ name, loop: hashOf(loop.db, await finished(loop, path, body)) }).toEqual({ name, loop: GOLDEN[name] });
      // A solve's result is built here (its labels unpacked), as is every result without the result thread.
      expect(unpacked.parts).toBe(1 + 5);
      // No scenario was loaded onto the event loop, and no model unpacked there (the scenario
      // threads and the simulation threads are others: their deserialising is not seen here).
      expect(load).not.toHaveBeenCalled();
      expect(unpacked.models).toBe(0);
      // Run, wave, A and B, and the solve's evaluations: each given packed.
      expect(given.length).toBeGreaterThanOrEqual(5);
      for (const m of given) expect(m).toBeInstanceOf(PackedModel);
    } finally {
      load.mockRestore();
    }
  });

  it("sees a model unpacked where a path needs it whole (as the Redis engine does)", () => {
    const model = loadScenario("trailblazer-team");
    const before = unpacked.models;
    const packed = new PackedModel(runShapeOf(model), packModel(model));
    expect(packed.teams.map((t) => t.id)).toEqual(model.teams.map((t) => t.id));
    expect(unpacked.models).toBe(before);
    expect(wholeModel(packed)).toEqual(model);
    expect(unpacked.models).toBe(before + 1);
  });

  it("keeps no school rows in the shape of a model beyond per-school results", () => {
    const shape = runShapeOf(loadScenario("trailblazer-wave"));
    expect({ schoolCount: shape.schoolCount, schools: shape.schools }).toEqual({ schoolCount: 1180, schools: null });
    const packed = new PackedModel(shape, new Uint8Array(0));
    expect(() => packed.schools).toThrow(/rows of 1180 schools are not kept/);
  });
});
