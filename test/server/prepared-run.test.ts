import { readFileSync } from "node:fs";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenarioText } from "../../scenarios/index.js";
import { ExperimentPool, runExperimentsParallel } from "../../sim/experiment/index.js";
import { buildCalendar, type ServiceModel } from "../../sim/model/index.js";
import { createApp, timeAxisOf, type Engine } from "../../server/index.js";
import { HttpError } from "../../server/http/errors.js";
import { PackedModel, unpackModel, wholeModel } from "../../server/packed-model.js";
import { runShapeOf } from "../../server/run-shape.js";
import { unpackParts } from "../../server/scenario-parts.js";
import { checkRun, type RunChecks } from "../../server/run-checks.js";
import { labelsOf } from "../../server/scenario-catalog.js";
import { ScenarioThreads } from "../../server/scenario-threads/index.js";
import { gatedEngine, waitForRun } from "./helpers.js";

const TEAM = readFileSync(new URL("../../scenarios/builtin/trailblazer-team.yaml", import.meta.url), "utf8");
const LIMITS = { maxRunSize: 50_000, maxRunWork: 5e9 };
const checks = (over: Partial<RunChecks> = {}): RunChecks => ({ replications: 10, precisionCap: false, warmup: undefined, limits: LIMITS, ...over });
const rejection = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a rejection"); }, (err: unknown) => err as HttpError);
/** What a check on the event loop throws for the model (the route's checks before they moved). */
const thrown = (model: ServiceModel, c: RunChecks) => {
  try {
    checkRun(model, c);
  } catch (err) {
    return err as HttpError;
  }
  throw new Error("expected the check to throw");
};

describe("a run's scenario prepared on a scenario thread", () => {
  const threads = new ScenarioThreads({ threads: 1 });
  afterAll(() => threads.close());
  const direct = loadScenarioText(TEAM, { file: "request", overrides: ["casework.slotsPerDay=3"] });

  it("comes with its model as bytes in shared memory and its shape only; the bytes unpack to the model a load gives, field for field", async () => {
    const prepared = await threads.prepareRun({ text: TEAM, file: "request", overrides: ["casework.slotsPerDay=3"], capacityWeeks: 12, run: checks() });
    // No model object: the queued run holds these, the model and the result's parts as bytes.
    expect(Object.keys(prepared).sort()).toEqual(["modelBytes", "name", "parts", "shape"]);
    expect(prepared.parts.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(prepared.modelBytes).toBeInstanceOf(Uint8Array);
    expect(prepared.modelBytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(prepared.shape).toEqual(runShapeOf(direct));
    expect(prepared.shape.schoolCount).toBe(20);
    expect(prepared.shape.schools?.map((s) => s.id)).toEqual(direct.schools.map((s) => s.id));
    expect(prepared.modelBytes.byteLength).toBeGreaterThan(1000);
    const model = unpackModel(prepared.modelBytes);
    expect(model).toEqual(direct);
    expect(model.casework.slotsPerDay).toBe(3);
    // Each unpacking is a model of its own.
    expect(unpackModel(prepared.modelBytes)).not.toBe(model);
    expect(prepared.name).toBe(direct.name);
    const parts = unpackParts(prepared.parts);
    expect(parts.labels).toEqual(labelsOf(direct));
    expect(parts.axis).toEqual(timeAxisOf(buildCalendar(direct.calendar)));
    const loaded = await threads.load({ text: TEAM, file: "request", overrides: ["casework.slotsPerDay=3"], capacityWeeks: 12 });
    expect(loaded.capacity).toBeDefined();
    expect(parts.capacity).toEqual(loaded.capacity);
  });

  it("refuses with the run checks' own 400 and 422, as the event loop would", async () => {
    const cases: RunChecks[] = [
      checks({ warmup: 400 }),
      checks({ replications: 10_000, limits: { maxRunSize: 1000, maxRunWork: 5e9 } }),
      checks({ replications: 500, precisionCap: true, limits: { maxRunSize: 1000, maxRunWork: 5e9 } }),
      checks({ limits: { maxRunSize: 50_000, maxRunWork: 1000 } }),
    ];
    for (const c of cases) {
      const err = await rejection(threads.prepareRun({ text: TEAM, file: "request", overrides: ["casework.slotsPerDay=3"], run: c }));
      const here = thrown(direct, c);
      expect(err).toBeInstanceOf(HttpError);
      expect({ status: err.status, message: err.message, issues: err.issues }).toEqual({ status: here.status, message: here.message, issues: here.issues });
    }
    expect(thrown(direct, cases[0]).status).toBe(400);
    expect(thrown(direct, cases[1]).message).toMatch(/^run size: [\d,]+ \(10000 replications × [\d.]+ years × 20 schools\) must be <= 1,000/);
    expect(thrown(direct, cases[2]).message).toContain("500 replications (precision.maxReps)");
    expect(thrown(direct, cases[3]).status).toBe(422);
  });
});

describe("a queued run", () => {
  it("is given to the engine packed (no model on the event loop), as bytes that unpack to the scenario's model", async () => {
    const gated = gatedEngine();
    const seen: object[][] = [];
    const engine: Engine = { ...gated, experiments: (models, options, hooks) => (seen.push([...models]), gated.experiments(models, options, hooks)) };
    const mhst = createApp({ dataDir: ":memory:", engine, scenarioThreads: 1, log: () => {} });
    try {
      const body = { text: TEAM, replications: 2, seed: 5 };
      const first = await request(mhst.app).post("/api/runs").send(body).expect(202);
      const second = await request(mhst.app).post("/api/runs").send({ ...body, seed: 6 }).expect(202);
      await waitFor(() => seen.length === 1);
      expect((await request(mhst.app).get(`/api/runs/${second.body.id}`)).body.status).toBe("queued");
      gated.release();
      expect((await waitForRun(mhst.app, first.body.id)).status).toBe("done");
      expect((await waitForRun(mhst.app, second.body.id)).status).toBe("done");
      expect(seen).toHaveLength(2);
      const direct = loadScenarioText(TEAM, { file: "request" });
      expect(seen[0][0]).toBeInstanceOf(PackedModel);
      expect(seen[1][0]).toBeInstanceOf(PackedModel);
      expect(seen[1][0]).not.toBe(seen[0][0]);
      const [a, b] = [seen[0][0] as PackedModel, seen[1][0] as PackedModel];
      // Its scopes as the model's (an experiment reduced on the event loop reads them).
      expect({ name: a.name, teams: a.teams, clusters: a.clusters, schools: a.schools }).toEqual({
        name: direct.name,
        teams: direct.teams.map((t) => ({ id: t.id })),
        clusters: direct.clusters.map((c) => ({ id: c.id, team: c.team })),
        schools: direct.schools.map((s) => ({ id: s.id, name: s.name, phase: s.phase, pupils: s.pupils, cluster: s.cluster })),
      });
      expect(wholeModel(a)).toEqual(direct);
      expect(wholeModel(b)).toEqual(direct);
    } finally {
      await mhst.close();
    }
  });

  it("gives the same experiment result, bit for bit, as the scenario run directly on a pool", async () => {
    const mhst = createApp({ dataDir: ":memory:", workersPerRun: 1, scenarioThreads: 1, log: () => {} });
    const pool = new ExperimentPool({ workers: 1 });
    try {
      const res = await request(mhst.app).post("/api/runs").send({ text: TEAM, replications: 2, seed: 9, warmup: 4 }).expect(202);
      expect((await waitForRun(mhst.app, res.body.id, 60_000)).status).toBe("done");
      const stored = (await request(mhst.app).get(`/api/runs/${res.body.id}/results`).expect(200)).body;
      const [direct] = await runExperimentsParallel(pool, [loadScenarioText(TEAM, { file: "request" })], { replications: 2, seed: 9, warmup: 4 });
      expect(JSON.stringify(stored.experiment)).toBe(JSON.stringify(direct));
    } finally {
      await Promise.all([mhst.close(), pool.close()]);
    }
  });
});

async function waitFor(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(ok()).toBe(true);
}
