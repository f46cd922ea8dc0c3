import Database from "better-sqlite3";
import { join } from "node:path";
import request from "supertest";
import type { Express } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type MhstApp } from "../../server/index.js";
import { gatedEngine, tempDataDir, waitForRun } from "./helpers.js";

type Db = MhstApp["db"];
const count = (db: Db, table: string, id: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${table === "runs" ? "id" : "run_id"} = ?`).get(id) as { n: number }).n;
const rowsOf = (db: Db, id: string) => ({ runs: count(db, "runs", id), results: count(db, "run_results", id), kpis: count(db, "run_kpis", id) });

/** Collects a run's server-sent events as text until the server ends the stream. */
function eventText(app: Express, id: string): Promise<string> {
  return new Promise((resolve, reject) => {
    void request(app)
      .get(`/api/runs/${id}/events`)
      .buffer(true)
      .parse((r, cb) => {
        let text = "";
        r.on("data", (c: Buffer) => (text += c.toString()));
        r.on("end", () => cb(null, text));
      })
      .then((res) => resolve(res.body as string), reject);
  });
}

const until = async (what: () => Promise<boolean>, timeoutMs = 30_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await what())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe("cancelling a run on the worker pool", () => {
  const data = tempDataDir();
  let mhst: MhstApp;
  beforeAll(() => {
    mhst = createApp({ dataDir: data.dir, workersPerRun: 2, log: () => {} });
  });
  afterAll(async () => {
    await mhst.close();
    data.remove();
  });

  it("stops a running run: no more replications, status cancelled, nothing stored, SSE told", async () => {
    const start = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 400, seed: 4 }).expect(202);
    const id = start.body.id as string;
    const events = eventText(mhst.app, id);
    await until(async () => (await request(mhst.app).get(`/api/runs/${id}`)).body.progress.done >= 2);
    const res = await request(mhst.app).post(`/api/runs/${id}/cancel`).expect(200);
    expect(res.body).toMatchObject({ id, status: "cancelled", error: "cancelled while running" });
    expect(res.body.links).not.toHaveProperty("results");
    // The job has let go of its pool by the time the cancel answers.
    expect((await request(mhst.app).get("/api/health").expect(200)).body.runs).toMatchObject({ running: 0, queued: 0 });
    const stopped = (await request(mhst.app).get(`/api/runs/${id}`).expect(200)).body;
    expect(stopped.status).toBe("cancelled");
    expect(stopped.progress.done).toBeLessThan(400);
    await new Promise((r) => setTimeout(r, 400));
    expect((await request(mhst.app).get(`/api/runs/${id}`)).body.progress).toEqual(stopped.progress);
    expect(rowsOf(mhst.db, id)).toEqual({ runs: 1, results: 0, kpis: 0 });
    expect((await request(mhst.app).get(`/api/runs/${id}/results`).expect(409)).body.error).toContain("cancelled");
    await request(mhst.app).get(`/api/runs/${id}/charts/waitlist.svg`).expect(409);
    const text = await events;
    expect(text).toMatch(/event: cancelled\ndata: \{[^\n]*"status":"cancelled"\}\n\nevent: end\ndata: \{"status":"cancelled"\}\n\n$/);
    // Cancelling twice is a conflict naming the status; an unknown run is 404.
    const again = await request(mhst.app).post(`/api/runs/${id}/cancel`).expect(409);
    expect(again.body.error).toContain("is cancelled");
    const unknown = await request(mhst.app).post("/api/runs/no-such-run/cancel").expect(404);
    expect(unknown.body.error).toContain('"no-such-run"');
  });

  it("runs the next run on the same pool to the end, and refuses to cancel a finished run", async () => {
    const start = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 3, seed: 8 }).expect(202);
    expect(await waitForRun(mhst.app, start.body.id)).toMatchObject({ status: "done", progress: { done: 3, total: 3 } });
    const res = await request(mhst.app).post(`/api/runs/${start.body.id}/cancel`).expect(409);
    expect(res.body.error).toBe(`run ${start.body.id} is done: only a queued or running run can be cancelled`);
    expect((await request(mhst.app).get(`/api/runs/${start.body.id}`)).body.status).toBe("done");
  });
});

describe("cancelling and deleting runs (held on a gated engine)", () => {
  const data = tempDataDir();
  const engine = gatedEngine();
  let failDelete = false;
  let mhst: MhstApp;
  beforeAll(() => {
    mhst = createApp({
      dataDir: data.dir,
      engine,
      log: () => {},
      faultHook: (stage) => {
        if (failDelete && stage === "delete-result") throw new Error("disk full (injected)");
      },
    });
  });
  afterAll(async () => {
    await mhst.close();
    data.remove();
  });

  it("takes a queued run off the queue; a going run cannot be deleted", async () => {
    const running = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 2 }).expect(202);
    const queued = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 2 }).expect(202);
    await until(async () => (await request(mhst.app).get(`/api/runs/${running.body.id}`)).body.status === "running");
    expect((await request(mhst.app).get("/api/health")).body.runs).toMatchObject({ running: 1, queued: 1 });
    for (const id of [running.body.id, queued.body.id]) {
      const refused = await request(mhst.app).delete(`/api/runs/${id}`).expect(409);
      expect(refused.body.error).toContain("cancel it first");
    }
    const queuedEvents = eventText(mhst.app, queued.body.id);
    const res = await request(mhst.app).post(`/api/runs/${queued.body.id}/cancel`).expect(200);
    expect(res.body).toMatchObject({ status: "cancelled", error: "cancelled before it started", progress: { done: 0 } });
    expect((await request(mhst.app).get("/api/health")).body.runs).toMatchObject({ running: 1, queued: 0 });
    expect(await queuedEvents).toMatch(/event: cancelled\n[^\n]*\n\nevent: end\ndata: \{"status":"cancelled"\}/);
    expect(engine.started).toBe(1);

    await request(mhst.app).post(`/api/runs/${running.body.id}/cancel`).expect(200);
    expect((await request(mhst.app).get("/api/health")).body.runs).toMatchObject({ running: 0, queued: 0 });
    expect((await request(mhst.app).get(`/api/runs/${running.body.id}`)).body.status).toBe("cancelled");
    // The cancelled run never started, also once the queue is free.
    await new Promise((r) => setTimeout(r, 50));
    expect(engine.started).toBe(1);
    // A stream opened after the cancel ends at once with the same last events.
    expect(await eventText(mhst.app, queued.body.id)).toMatch(/event: cancelled\n[^\n]*\n\nevent: end\ndata: \{"status":"cancelled"\}\n\n$/);
    for (const id of [running.body.id, queued.body.id]) {
      await request(mhst.app).delete(`/api/runs/${id}`).expect(204);
      expect(rowsOf(mhst.db, id)).toEqual({ runs: 0, results: 0, kpis: 0 });
    }
  });

  it("deletes a finished run with its result and KPI rows; its results and charts then 404", async () => {
    engine.release();
    const start = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 2 }).expect(202);
    const id = start.body.id as string;
    expect(await waitForRun(mhst.app, id)).toMatchObject({ status: "done" });
    // Warm the result cache, so a stale cached copy would show.
    await request(mhst.app).get(`/api/runs/${id}/charts/waitlist.csv`).expect(200);
    const before = rowsOf(mhst.db, id);
    expect(before.results).toBe(1);
    expect(before.kpis).toBeGreaterThan(10);
    await request(mhst.app).delete(`/api/runs/${id}`).expect(204);
    expect(rowsOf(mhst.db, id)).toEqual({ runs: 0, results: 0, kpis: 0 });
    for (const path of ["", "/results", "/charts", "/charts/waitlist.svg", "/charts/waitlist.csv", "/report.html", "/report.json", "/events"]) {
      await request(mhst.app).get(`/api/runs/${id}${path}`).expect(404);
    }
    const again = await request(mhst.app).delete(`/api/runs/${id}`).expect(404);
    expect(again.body.error).toContain(id);
    await request(mhst.app).post(`/api/runs/${id}/cancel`).expect(404);
    expect((await request(mhst.app).get("/api/runs")).body.runs.map((r: { id: string }) => r.id)).not.toContain(id);
  });

  it("deletes in one transaction: a failure midway leaves the run whole", async () => {
    const start = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 2 }).expect(202);
    const id = start.body.id as string;
    expect(await waitForRun(mhst.app, id)).toMatchObject({ status: "done" });
    const before = rowsOf(mhst.db, id);
    failDelete = true;
    try {
      await request(mhst.app).delete(`/api/runs/${id}`).expect(500);
    } finally {
      failDelete = false;
    }
    expect(rowsOf(mhst.db, id)).toEqual(before);
    await request(mhst.app).get(`/api/runs/${id}/results`).expect(200);
    await request(mhst.app).delete(`/api/runs/${id}`).expect(204);
    expect(rowsOf(mhst.db, id)).toEqual({ runs: 0, results: 0, kpis: 0 });
  });

  it("deletes a failed run; cancelling a failed run is a conflict", async () => {
    const failing = { experiments: async () => Promise.reject(new Error("worker died")), close: async () => {} };
    const dir = tempDataDir();
    const app = createApp({ dataDir: dir.dir, engine: failing, log: () => {} });
    try {
      const start = await request(app.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 2 }).expect(202);
      expect(await waitForRun(app.app, start.body.id)).toMatchObject({ status: "failed" });
      const res = await request(app.app).post(`/api/runs/${start.body.id}/cancel`).expect(409);
      expect(res.body.error).toContain("is failed");
      await request(app.app).delete(`/api/runs/${start.body.id}`).expect(204);
      expect(rowsOf(app.db, start.body.id)).toEqual({ runs: 0, results: 0, kpis: 0 });
    } finally {
      await app.close();
      dir.remove();
    }
  });
});

describe("cancel and delete across a restart", () => {
  it("keeps done, failed and cancelled runs as they were, forgets deleted ones, marks none interrupted", async () => {
    const data = tempDataDir();
    const engine = gatedEngine();
    const first = createApp({ dataDir: data.dir, engine, log: () => {} });
    const post = () => request(first.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 2 }).expect(202);
    const cancelled = await post();
    await request(first.app).post(`/api/runs/${cancelled.body.id}/cancel`).expect(200);
    engine.release();
    const done = await post();
    const deleted = await post();
    for (const r of [done, deleted]) expect(await waitForRun(first.app, r.body.id)).toMatchObject({ status: "done" });
    await request(first.app).delete(`/api/runs/${deleted.body.id}`).expect(204);
    await first.close();

    const second = createApp({ dataDir: data.dir, engine: gatedEngine(), log: () => {} });
    try {
      expect(second.interrupted).toBe(0);
      expect((await request(second.app).get(`/api/runs/${cancelled.body.id}`).expect(200)).body.status).toBe("cancelled");
      expect((await request(second.app).get(`/api/runs/${done.body.id}`).expect(200)).body.status).toBe("done");
      await request(second.app).get(`/api/runs/${done.body.id}/results`).expect(200);
      await request(second.app).get(`/api/runs/${deleted.body.id}`).expect(404);
      const file = new Database(join(data.dir, "mhst.sqlite"), { readonly: true });
      expect(file.prepare("SELECT id, status FROM runs ORDER BY status").all()).toEqual([
        { id: cancelled.body.id, status: "cancelled" },
        { id: done.body.id, status: "done" },
      ]);
      expect(file.prepare("SELECT COUNT(*) AS n FROM run_results WHERE run_id = ?").get(deleted.body.id)).toEqual({ n: 0 });
      file.close();
    } finally {
      await second.close();
      data.remove();
    }
  });
});
