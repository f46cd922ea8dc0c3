import type { Worker } from "node:worker_threads";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, createExperimentEngine, type Engine, type MhstApp } from "../../server/index.js";
import type { Db } from "../../server/storage/database.js";
import { tempDataDir, waitForRun } from "./helpers.js";

/** What a run stored: its result JSON text and KPI rows, read straight from the database. */
function stored(db: Db, id: string): { text: string | undefined; kpis: unknown[] } {
  const row = db.prepare("SELECT result_json FROM run_results WHERE run_id = ?").get(id) as { result_json: string } | undefined;
  return { text: row?.result_json, kpis: db.prepare("SELECT scope, kpi, mean, lo, hi FROM run_kpis WHERE run_id = ? ORDER BY scope, kpi").all(id) };
}

/** Starts a run (POST `path` with `body`) and waits until it has ended; its id and final state. */
async function finished(mhst: MhstApp, path: string, body: object): Promise<{ id: string; status: string; error: string | null }> {
  const res = await request(mhst.app).post(path).send(body).expect(202);
  return { id: res.body.id as string, ...(await waitForRun(mhst.app, res.body.id, 60_000)) };
}

/** The result thread's worker (a test reaches in to stop it as a crash would). */
const workerOf = (mhst: MhstApp): Worker => (mhst.results as unknown as { live: { worker: Worker } }).live.worker;

const RUN = { scenario: "trailblazer-team", replications: 3, seed: 11, warmup: 4 };
const COMPARE = { a: { scenario: "trailblazer-team" }, b: { scenario: "trailblazer-team", overrides: ["casework.slotsPerDay=5"] }, replications: 3, seed: 3, warmup: 4 };

describe("results saved on the result thread", () => {
  const data = tempDataDir();
  let thread: MhstApp;
  let loop: MhstApp;
  // Whether the event loop's connection was inside the save's transaction (it is when the
  // result is saved on the event loop), and whether the event loop knew the thread held the lock.
  const seen: { app: string; inTransaction: boolean; writing: boolean | undefined }[] = [];
  beforeAll(() => {
    thread = createApp({ dataDir: data.dir, workersPerRun: 1, log: () => {}, faultHook: (stage) => void (stage === "kpis" && seen.push({ app: "thread", inTransaction: thread.db.inTransaction, writing: thread.results?.writing })) });
    loop = createApp({ dataDir: ":memory:", workersPerRun: 1, log: () => {}, faultHook: (stage) => void (stage === "kpis" && seen.push({ app: "loop", inTransaction: loop.db.inTransaction, writing: loop.results?.writing })) });
  });
  afterAll(async () => {
    await Promise.all([thread.close(), loop.close()]);
    data.remove();
  });

  /** Runs `body` (POST `path`) on both apps; both are done, and the thread stored the event loop's JSON and KPI rows. */
  async function storedAlike(path: string, body: object): Promise<ReturnType<typeof stored>> {
    const a = await finished(thread, path, body);
    const b = await finished(loop, path, body);
    expect([a.status, b.status]).toEqual(["done", "done"]);
    const [sa, sb] = [stored(thread.db, a.id), stored(loop.db, b.id)];
    expect(sa.text).toBeDefined();
    expect(sa.text).toBe(sb.text);
    expect(sa.kpis).toEqual(sb.kpis);
    return sa;
  }

  it("stores a run's result JSON byte for byte, and its KPI rows, as the event loop does (same seed)", async () => {
    const sa = await storedAlike("/api/runs", RUN);
    // Both paths were taken: the thread's save ran outside the event loop's connection.
    expect(seen.splice(0)).toEqual([
      { app: "thread", inTransaction: false, writing: true },
      { app: "loop", inTransaction: true, writing: undefined },
    ]);
    // The result carries what the thread gathered: per-school results and one KPI row per KPI.
    const result = JSON.parse(sa.text!);
    expect(result.kind).toBe("run");
    const schools = result.fairness.rows.filter((r: { kind: string }) => r.kind === "school");
    expect(schools).toHaveLength(20);
    expect(schools[0].measures.referrals.values).toHaveLength(3);
    expect(sa.kpis.length).toBe(result.experiment.kpis.length);
    expect(sa.kpis.length).toBeGreaterThan(0);
  });

  it("stores a comparison's result JSON byte for byte, and its paired-difference rows, as the event loop does", async () => {
    const sa = await storedAlike("/api/compare", COMPARE);
    expect(seen.splice(0).map((s) => s.app)).toEqual(["thread", "loop"]);
    const result = JSON.parse(sa.text!);
    expect(result.kind).toBe("compare");
    expect(result.fairnessDiff).toBeDefined();
    expect(sa.kpis.every((k) => (k as { scope: string }).scope.startsWith("diff:"))).toBe(true);
    expect(sa.kpis.length).toBe(result.comparison.length);
  });

  it("stores a precision run's result (replications added in batches) byte for byte as the event loop does", async () => {
    // A tight target on a noisy KPI: the first batch of 2 is not enough, so batches (2, then 1) are added up to the cap.
    const body = { ...RUN, replications: 2, seed: 21, precision: { kpi: "completed", target: "0.1%", maxReps: 5 } };
    const sa = await storedAlike("/api/runs", body);
    expect(seen.splice(0).map((s) => s.app)).toEqual(["thread", "loop"]);
    const result = JSON.parse(sa.text!);
    expect(result.precision).toMatchObject({ kpi: "completed", n: 5, met: false, maxReps: 5 });
    expect(result.experiment.replications).toBe(5);
    const row = result.experiment.kpis.find((k: { scope: string; kpi: string }) => k.scope === "service" && k.kpi === "completed");
    expect(row.values).toHaveLength(5);
    expect(result.fairness.rows.find((r: { kind: string }) => r.kind === "school").measures.referrals.values).toHaveLength(5);
  });

  it("answers the result GET with the run and the stored text as saved, read on the thread or on the event loop", async () => {
    for (const mhst of [thread, loop]) {
      const a = await finished(mhst, "/api/runs", { ...RUN, seed: 12 });
      const res = await request(mhst.app).get(`/api/runs/${a.id}/results`).expect(200).expect("content-type", /application\/json/);
      const { run, ...rest } = res.body as { run: { id: string; status: string } };
      expect(run).toMatchObject({ id: a.id, status: "done" });
      const text = stored(mhst.db, a.id).text!;
      expect(res.text).toBe(`{"run":${JSON.stringify(run)},${text.slice(1)}`);
      expect(JSON.stringify(rest)).toBe(text);
      if (mhst.results) expect(Buffer.from((await mhst.results.resultBytes(a.id))!).toString("utf8")).toBe(text);
      // A saved result never changes: asked again with its ETag, it is not sent again.
      await request(mhst.app).get(`/api/runs/${a.id}/results`).set("If-None-Match", res.headers.etag).expect(304);
    }
    seen.splice(0);
  });
});

/**
 * The real engine, except that an experiment's end is held until `release()`: the test acts
 * (cancels the run, stops the result thread) between the last replication and the save.
 */
function heldEngine(): Engine & { reached: Promise<void>; release: () => void } {
  const real = createExperimentEngine({ slots: 1, workersPerSlot: 1 });
  let reach: () => void = () => {};
  let open: () => void = () => {};
  const reached = new Promise<void>((r) => (reach = r));
  const gate = new Promise<void>((r) => (open = r));
  let held = true;
  return {
    reached,
    release: () => open(),
    experiments: (models, options, hooks) => real.experiments(models, options, hooks),
    async experimentsInto(models, options, hooks, sinkOf) {
      const out = await real.experimentsInto!(models, options, hooks, sinkOf);
      if (held) {
        held = false;
        reach();
        await gate;
      }
      return out;
    },
    close: () => real.close(),
  };
}

describe("a run's end on the result thread: cancels and crashes", () => {
  it("keeps no result of a run cancelled as its last replication finished, and runs the next one", async () => {
    const data = tempDataDir();
    const engine = heldEngine();
    const mhst = createApp({ dataDir: data.dir, engine, log: () => {} });
    try {
      const start = await request(mhst.app).post("/api/runs").send(RUN).expect(202);
      const id = start.body.id as string;
      await engine.reached;
      const cancel = request(mhst.app).post(`/api/runs/${id}/cancel`).then((r) => r);
      for (;;) {
        if ((await request(mhst.app).get(`/api/runs/${id}`)).body.status === "cancelled") break;
        await new Promise((r) => setTimeout(r, 10));
      }
      engine.release();
      expect((await cancel).status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      expect(await waitForRun(mhst.app, id)).toMatchObject({ status: "cancelled", error: "cancelled while running" });
      expect(stored(mhst.db, id)).toEqual({ text: undefined, kpis: [] });
      const next = await finished(mhst, "/api/runs", RUN);
      expect(next.status).toBe("done");
      expect(stored(mhst.db, next.id).text).toContain('"kind":"run"');
    } finally {
      await mhst.close();
      data.remove();
    }
  });

  it("answers while the thread holds the write lock; a cancel, a scenario save and a new run then wait for it", async () => {
    const data = tempDataDir();
    let id = "";
    const got: { writes?: Promise<request.Response[]>; health?: number; writing?: boolean } = {};
    const mhst: MhstApp = createApp({
      dataDir: data.dir,
      workersPerRun: 1,
      log: () => {},
      // The thread stays inside its transaction until the promise settles.
      faultHook: async (stage) => {
        if (stage !== "kpis" || got.writes) return;
        const text = (await request(mhst.app).get("/api/scenarios/trailblazer-team")).body.text.replace("name: Trailblazer team", "name: Saved during a save");
        got.writes = Promise.all([request(mhst.app).post(`/api/runs/${id}/cancel`).then((r) => r), request(mhst.app).post("/api/scenarios").send({ text }).then((r) => r), request(mhst.app).post("/api/runs").send(RUN).then((r) => r)]);
        got.health = (await request(mhst.app).get("/api/health")).status;
        // Time for the writes to reach their handlers while the lock is held.
        await new Promise((r) => setTimeout(r, 300));
        got.writing = mhst.results!.writing;
      },
    });
    try {
      const start = await request(mhst.app).post("/api/runs").send(RUN).expect(202);
      id = start.body.id;
      expect(await waitForRun(mhst.app, id)).toMatchObject({ status: "done" });
      expect(got.health).toBe(200);
      expect(got.writing).toBe(true);
      const [cancel, scenario, next] = await got.writes!;
      expect(cancel.status).toBe(409);
      expect(cancel.body.error).toBe(`run ${id} is done: only a queued or running run can be cancelled`);
      expect(scenario.status).toBe(201);
      expect(next.status).toBe(202);
      expect(stored(mhst.db, id).text).toContain('"kind":"run"');
      expect(await waitForRun(mhst.app, next.body.id)).toMatchObject({ status: "done" });
    } finally {
      await mhst.close();
      data.remove();
    }
  });

  it("marks the run failed in one line when the save fails inside the thread's transaction; the next run is saved", async () => {
    const data = tempDataDir();
    let fail = true;
    const mhst = createApp({
      dataDir: data.dir,
      workersPerRun: 1,
      log: () => {},
      faultHook: (stage) => {
        if (fail && stage === "result") {
          fail = false;
          throw new Error("disk I/O error (injected)");
        }
      },
    });
    try {
      const bad = await finished(mhst, "/api/runs", RUN);
      expect(bad).toMatchObject({ status: "failed", error: "the run failed: disk I/O error (injected)" });
      expect(stored(mhst.db, bad.id)).toEqual({ text: undefined, kpis: [] });
      expect((await request(mhst.app).get("/api/health").expect(200)).body.runs).toMatchObject({ running: 0, queued: 0 });
      const next = await finished(mhst, "/api/runs", RUN);
      expect(next.status).toBe("done");
      expect(stored(mhst.db, next.id).kpis.length).toBeGreaterThan(0);
    } finally {
      await mhst.close();
      data.remove();
    }
  });

  it("marks the run failed in one line when the thread stops before the save; a new thread saves the next run", async () => {
    const data = tempDataDir();
    const engine = heldEngine();
    const mhst = createApp({ dataDir: data.dir, engine, log: () => {} });
    try {
      const start = await request(mhst.app).post("/api/runs").send(RUN).expect(202);
      await engine.reached;
      const first = workerOf(mhst);
      await first.terminate();
      engine.release();
      const run = await waitForRun(mhst.app, start.body.id);
      expect(run).toMatchObject({ status: "failed", error: "the run failed: the result thread stopped (exit code 1)" });
      expect(stored(mhst.db, start.body.id)).toEqual({ text: undefined, kpis: [] });
      await request(mhst.app).get("/api/health").expect(200);
      const next = await finished(mhst, "/api/runs", RUN);
      expect(next.status).toBe("done");
      expect(workerOf(mhst)).not.toBe(first);
      expect(stored(mhst.db, next.id).text).toContain('"kind":"run"');
    } finally {
      await mhst.close();
      data.remove();
    }
  });

  it("rolls back a save whose thread stops inside its transaction; the lock is let go and the server goes on", async () => {
    const data = tempDataDir();
    let stop = true;
    const mhst: MhstApp = createApp({
      dataDir: data.dir,
      workersPerRun: 1,
      log: () => {},
      faultHook: (stage) => {
        // The thread waits for this hook inside its transaction, holding the write lock.
        if (stop && stage === "kpis") {
          stop = false;
          void workerOf(mhst).terminate();
        }
      },
    });
    try {
      const bad = await finished(mhst, "/api/runs", RUN);
      expect(bad).toMatchObject({ status: "failed", error: "the run failed: the result thread stopped (exit code 1)" });
      expect(stored(mhst.db, bad.id)).toEqual({ text: undefined, kpis: [] });
      expect(mhst.results!.writing).toBe(false);
      // The event loop's connection writes at once (a scenario saved), and the next run is saved.
      const text = (await request(mhst.app).get("/api/scenarios/trailblazer-team").expect(200)).body.text.replace("name: Trailblazer team", "name: Saved after a crash");
      await request(mhst.app).post("/api/scenarios").send({ text }).expect(201);
      const next = await finished(mhst, "/api/runs", RUN);
      expect(next.status).toBe("done");
      expect(stored(mhst.db, next.id).text).toContain('"kind":"run"');
    } finally {
      await mhst.close();
      data.remove();
    }
  });
});
