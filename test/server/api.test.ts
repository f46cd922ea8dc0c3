import Database from "better-sqlite3";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listBuiltinScenarios, loadScenarioText, ScenarioError, scenarioWarnings } from "../../scenarios/index.js";
import { createApp, type MhstApp } from "../../server/index.js";
import { gatedEngine, tempDataDir, waitForRun } from "./helpers.js";

const builtinText = (id: string) => readFileSync(listBuiltinScenarios().find((s) => s.id === id)!.path, "utf8");

describe("dashboard API", () => {
  const data = tempDataDir();
  let mhst: MhstApp;
  let runId = "";

  beforeAll(() => {
    mhst = createApp({ dataDir: data.dir, workersPerRun: 2, log: () => {} });
  });
  afterAll(async () => {
    await mhst.close();
    data.remove();
  });

  it("answers /api/health with the queue state and security headers", async () => {
    const res = await request(mhst.app).get("/api/health").expect(200);
    expect(res.body).toMatchObject({ status: "ok", runs: { running: 0, queued: 0, concurrency: 1 } });
    const csp = res.headers["content-security-policy"];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
  });

  it("uses WAL mode for the database", () => {
    expect(mhst.db.pragma("journal_mode", { simple: true })).toBe("wal");
  });

  it("lists built-in scenarios as read-only and serves one with its text", async () => {
    const list = await request(mhst.app).get("/api/scenarios").expect(200);
    const tb = list.body.scenarios.find((s: { id: string }) => s.id === "trailblazer-team");
    expect(tb).toMatchObject({ source: "builtin", readOnly: true, name: "Trailblazer team" });
    const one = await request(mhst.app).get("/api/scenarios/trailblazer-team").expect(200);
    expect(one.body.text).toContain("name: Trailblazer team");
    await request(mhst.app).get("/api/scenarios/schema.json").expect(200);
  });

  it("404s an unknown scenario and an unknown endpoint as JSON", async () => {
    const a = await request(mhst.app).get("/api/scenarios/nope").expect(404);
    expect(a.body.error).toContain('"nope"');
    const b = await request(mhst.app).get("/api/nothing-here").expect(404);
    expect(b.body.error).toContain("/nothing-here");
  });

  it("validates scenario text: 400 with every issue, in the CLI's words", async () => {
    const bad = builtinText("trailblazer-team").replace("years: 1 ", "years: 0 ").replace("role: emhp, allocation: { clusters: [c4] }", "role: emhp, fte: -2, allocation: { clusters: [c4] }");
    let cli: ScenarioError | undefined;
    try {
      loadScenarioText(bad, { file: "scenario" });
    } catch (e) {
      cli = e as ScenarioError;
    }
    expect(cli).toBeInstanceOf(ScenarioError);
    expect(cli!.issues.length).toBeGreaterThanOrEqual(2);
    const res = await request(mhst.app).post("/api/scenarios/validate").send({ text: bad }).expect(400);
    expect(res.body.error).toBe(cli!.message);
    expect(res.body.issues).toHaveLength(cli!.issues.length);
    expect(res.body.issues.map((i: { message: string }) => i.message)).toEqual(cli!.message.split("\n"));
    for (const i of res.body.issues) expect(i).toHaveProperty("path");
    expect(res.body.issues.some((i: { path: string; value: unknown }) => i.path === "calendar.years" && i.value === 0)).toBe(true);
    const ok = await request(mhst.app).post("/api/scenarios/validate").send({ text: builtinText("trailblazer-team") }).expect(200);
    expect(ok.body).toMatchObject({ valid: true, name: "Trailblazer team", summary: { schools: 20, clusters: 5 } });
    expect(ok.body.warnings).toEqual([]);
  });

  it("answers validation with the warnings `scenario check` gives: each field with no effect, with its line", async () => {
    const text = builtinText("trailblazer-team").replace("groups:\n", "groups:\n  perClusterPerTerm: 2\n");
    const cli = scenarioWarnings(loadScenarioText(text, { file: "scenario" }));
    expect(cli.length).toBe(1);
    const res = await request(mhst.app).post("/api/scenarios/validate").send({ text }).expect(200);
    expect(res.body.warnings).toEqual([{ path: "groups.perClusterPerTerm", line: cli[0]!.line, message: "groups.perClusterPerTerm: 2 has no effect: groups.formation is whenEnough (no termly plan)" }]);
  });

  it("sets form fields in scenario text, keeping comments, and names bad paths", async () => {
    const text = builtinText("trailblazer-team");
    const res = await request(mhst.app).post("/api/scenarios/edit").send({ text, set: ["calendar.years=2", "casework.slotsPerDay=3.5"] }).expect(200);
    expect(res.body.text).toContain("# One 2019 trailblazer");
    expect(res.body.text).toMatch(/years: 2/);
    const v = await request(mhst.app).post("/api/scenarios/validate").send({ text: res.body.text }).expect(200);
    expect(v.body.fields).toMatchObject({ "calendar.years": 2, "casework.slotsPerDay": 3.5 });
    const bad = await request(mhst.app).post("/api/scenarios/edit").send({ text, set: ["casework.slotz=3"] }).expect(400);
    expect(bad.body.issues[0]).toMatchObject({ file: "--set" });
    expect(bad.body.error).toContain("casework.slotz");
    const kpis = await request(mhst.app).get("/api/kpis").expect(200);
    expect(kpis.body.docs.waitWeeksMean.unit).toBe("weeks");
  });

  it("creates, updates and deletes a saved scenario; built-ins are read-only", async () => {
    const text = builtinText("trailblazer-team").replace("name: Trailblazer team", "name: My test team");
    const created = await request(mhst.app).post("/api/scenarios").send({ text }).expect(201);
    expect(created.body).toMatchObject({ id: "my-test-team", source: "saved", readOnly: false, name: "My test team" });
    const dup = await request(mhst.app).post("/api/scenarios").send({ id: "my-test-team", text }).expect(409);
    expect(dup.body.error).toContain("my-test-team");
    const clash = await request(mhst.app).post("/api/scenarios").send({ id: "trailblazer-team", text }).expect(409);
    expect(clash.body.error).toContain("built-in");
    const updated = await request(mhst.app)
      .put("/api/scenarios/my-test-team")
      .send({ text: text.replace("name: My test team", "name: My renamed team") })
      .expect(200);
    expect(updated.body.name).toBe("My renamed team");
    const invalid = await request(mhst.app).put("/api/scenarios/my-test-team").send({ text: text.replace("years: 1 ", "years: -1 ") }).expect(400);
    expect(invalid.body.issues[0].path).toBe("calendar.years");
    await request(mhst.app).put("/api/scenarios/trailblazer-team").send({ text }).expect(403);
    const del403 = await request(mhst.app).delete("/api/scenarios/trailblazer-team").expect(403);
    expect(del403.body.error).toContain("read-only");
    await request(mhst.app).put("/api/scenarios/not-saved").send({ text }).expect(404);
    const badId = await request(mhst.app).post("/api/scenarios").send({ id: "Bad Id!", text }).expect(400);
    expect(badId.body.issues[0]).toMatchObject({ path: "id", value: "Bad Id!" });
    const list = await request(mhst.app).get("/api/scenarios").expect(200);
    expect(list.body.scenarios.map((s: { id: string }) => s.id)).toContain("my-test-team");
    await request(mhst.app).delete("/api/scenarios/my-test-team").expect(204);
    await request(mhst.app).delete("/api/scenarios/my-test-team").expect(404);
  });

  it("rejects bad run requests with every field named (400), unknown scenarios (404), huge runs (422)", async () => {
    const res = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 0, seed: -1, colour: "red" }).expect(400);
    const paths = res.body.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["replications", "seed"]));
    expect(res.body.error).toContain("replications: 0 must be >= 1");
    expect(res.body.error).toContain("seed: -1 must be >= 0");
    expect(res.body.issues).toContainEqual({ path: "colour", value: "red", message: 'colour: "red" is not a field of this request' });
    const notObject = await request(mhst.app).post("/api/runs").set("Content-Type", "text/plain").send("run it").expect(400);
    expect(notObject.body.error).toContain("request body: must be a JSON object");
    const none = await request(mhst.app).post("/api/runs").send({ replications: 2 }).expect(400);
    expect(none.body.error).toContain("scenario");
    const both = await request(mhst.app).post("/api/runs").send({ scenario: "x", text: "y" }).expect(400);
    expect(both.body.issues[0]).toMatchObject({ path: "text", value: "y" });
    expect(both.body.error).toBe('text: "y" must not be given with scenario: give one of them');
    const longWarmup = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", warmup: 1000 }).expect(400);
    expect(longWarmup.body.issues).toEqual([{ path: "warmup", value: 1000, message: "warmup: 1000 weeks must be less than the run's 52 weeks" }]);
    const proto = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", overrides: { "__proto__.x": 1 } }).expect(400);
    expect(proto.body.error).toContain("__proto__ is not a field of the scenario format");
    const typed = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: "ten" }).expect(400);
    expect(typed.body.issues[0]).toMatchObject({ path: "replications", value: "ten" });
    const unknown = await request(mhst.app).post("/api/runs").send({ scenario: "atlantis" }).expect(404);
    expect(unknown.body.error).toContain('"atlantis"');
    const over = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", overrides: ["casework.slotsPerDay=-3"] }).expect(400);
    expect(over.body.issues[0]).toMatchObject({ file: "--set", path: "casework.slotsPerDay", value: -3 });
    const big = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 5000 }).expect(422);
    expect(big.body.error).toMatch(/run size: 100,000 .* must be <= 50,000/);
    const json = await request(mhst.app).post("/api/runs").set("Content-Type", "application/json").send("{not json").expect(400);
    expect(json.body.error).toContain("not valid JSON");
    expect(JSON.stringify(json.body)).not.toMatch(/at .*\.js:\d+/);
    const large = await request(mhst.app).post("/api/runs").send({ text: "x".repeat(3_000_000) }).expect(413);
    expect(large.body.error).toContain("limit");
  });

  it("runs a built-in scenario off the request thread: 202, progress, results, saved whole", async () => {
    const res = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 4, seed: 7 }).expect(202);
    expect(res.body).toMatchObject({ kind: "run", status: "queued", scenarioName: "Trailblazer team", progress: { done: 0, total: 4 } });
    expect(res.headers.location).toBe(`/api/runs/${res.body.id}`);
    runId = res.body.id;
    const early = await request(mhst.app).get(`/api/runs/${runId}/results`);
    if (early.status !== 200) expect(early.status).toBe(409);
    const done = await waitForRun(mhst.app, runId);
    expect(done).toMatchObject({ status: "done", error: null, progress: { done: 4, total: 4 } });
    const results = await request(mhst.app).get(`/api/runs/${runId}/results`).expect(200);
    expect(results.body.kind).toBe("run");
    const exp = results.body.experiment;
    expect(exp).toMatchObject({ format: "mhst-experiment/1", replications: 4, seed: 7 });
    const wait = exp.kpis.find((k: { scope: string; kpi: string }) => k.scope === "service" && k.kpi === "waitWeeksMean");
    expect(wait.lo).toBeLessThanOrEqual(wait.mean);
    expect(wait.hi).toBeGreaterThanOrEqual(wait.mean);
    expect(new Set(exp.weekly.filter((w: { scope: string }) => w.scope === "cluster").map((w: { id: string }) => w.id))).toEqual(new Set(["c1", "c2", "c3", "c4", "c5"]));
    expect(results.body.labels.clusters.c1).toBe("North primaries");
    const kpiRows = mhst.db.prepare("SELECT COUNT(*) AS n FROM run_kpis WHERE run_id = ?").get(runId) as { n: number };
    expect(kpiRows.n).toBe(exp.kpis.length);
    const list = await request(mhst.app).get("/api/runs").expect(200);
    expect(list.body.runs[0].id).toBe(runId);
  });

  it("streams progress as server-sent events, ending with the final status", async () => {
    const start = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 3, seed: 11 }).expect(202);
    const res = await request(mhst.app)
      .get(`/api/runs/${start.body.id}/events`)
      .buffer(true)
      .parse((r, cb) => {
        let text = "";
        r.on("data", (c: Buffer) => (text += c.toString()));
        r.on("end", () => cb(null, text));
      })
      .expect(200);
    expect(res.headers["content-type"]).toContain("text/event-stream");
    const text = res.body as string;
    expect(text).toContain("event: status");
    expect(text).toMatch(/event: end\ndata: \{"status":"done"\}/);
    const progress = [...text.matchAll(/event: progress\ndata: (.*)\n/g)].map((m) => JSON.parse(m[1]!));
    if (progress.length > 0) expect(progress.at(-1)).toEqual({ done: 3, total: 3 });
    // A finished run's stream sends its status and ends at once.
    const again = await request(mhst.app).get(`/api/runs/${runId}/events`).buffer(true).parse((r, cb) => {
      let t = "";
      r.on("data", (c: Buffer) => (t += c.toString()));
      r.on("end", () => cb(null, t));
    });
    expect(again.body).toContain('"status":"done"');
  });

  it("exports every chart as SVG (title inside, xmlns), PNG, CSV and Vega-Lite JSON", async () => {
    const list = await request(mhst.app).get(`/api/runs/${runId}/charts`).expect(200);
    expect(list.body.charts.map((c: { name: string }) => c.name)).toEqual(["waitlist", "throughput", "wait-times", "practitioner-time", "schools"]);
    for (const { name } of list.body.charts) {
      const svg = await request(mhst.app).get(`/api/runs/${runId}/charts/${name}.svg`).buffer(true).parse(textParser).expect(200);
      expect(svg.headers["content-type"]).toContain("image/svg+xml");
      expect(svg.body).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(svg.body).toContain("Trailblazer team · 4 replications · seed 7");
      const png = await request(mhst.app).get(`/api/runs/${runId}/charts/${name}.png`).buffer(true).parse(binaryParser).expect(200);
      expect(png.headers["content-type"]).toBe("image/png");
      expect((png.body as Buffer).subarray(1, 4).toString()).toBe("PNG");
      const csv = await request(mhst.app).get(`/api/runs/${runId}/charts/${name}.csv`).buffer(true).parse(textParser).expect(200);
      expect((csv.body as string).split("\n").length).toBeGreaterThan(2);
      const vl = await request(mhst.app).get(`/api/runs/${runId}/charts/${name}.vl.json`).expect(200);
      expect(vl.body.$schema).toContain("vega-lite");
      expect(vl.body.data?.values?.length ?? vl.body.layer?.[0]?.data?.values?.length).toBeGreaterThan(0);
    }
    const wl = await request(mhst.app).get(`/api/runs/${runId}/charts/waitlist.svg`).buffer(true).parse(textParser);
    expect(wl.body).toContain("Waiting list over time, by cluster");
    expect(wl.body).toContain("North primaries");
    const csv = await request(mhst.app).get(`/api/runs/${runId}/charts/throughput.csv`).buffer(true).parse(textParser);
    expect((csv.body as string).split("\n")[0]).toBe("week,date,measure,perWeek");
    await request(mhst.app).get(`/api/runs/${runId}/charts/pie.svg`).expect(404);
    const fmt = await request(mhst.app).get(`/api/runs/${runId}/charts/waitlist.gif`).expect(404);
    expect(fmt.body.error).toContain("svg, png, csv, vl.json");
    await request(mhst.app).get(`/api/runs/not-a-run/charts/waitlist.svg`).expect(404);
  });

  it("builds the report bundle as one HTML file and as JSON", async () => {
    const html = await request(mhst.app).get(`/api/runs/${runId}/report.html`).expect(200);
    expect(html.text).toContain("<h1>Trailblazer team</h1>");
    expect(html.text).toContain("Mean wait");
    expect((html.text.match(/<svg /g) ?? []).length).toBe(5);
    expect(html.text).not.toContain("<script");
    const json = await request(mhst.app).get(`/api/runs/${runId}/report.json`).expect(200);
    expect(json.body.format).toBe("mhst-report/1");
    expect(Object.keys(json.body.charts[0].files)).toEqual(["waitlist.svg", "waitlist.csv", "waitlist.vl.json"]);
    expect(json.body.kpis.length).toBeGreaterThan(10);
  });

  it("runs a paired comparison and a capacity solve as runs", async () => {
    const cmp = await request(mhst.app)
      .post("/api/compare")
      .send({ a: { scenario: "trailblazer-team" }, b: { scenario: "trailblazer-team", overrides: ["casework.slotsPerDay=5"] }, replications: 3, seed: 3 })
      .expect(202);
    expect(cmp.body.kind).toBe("compare");
    expect(await waitForRun(mhst.app, cmp.body.id)).toMatchObject({ status: "done" });
    const cr = await request(mhst.app).get(`/api/runs/${cmp.body.id}/results`).expect(200);
    expect(cr.body.comparison.find((r: { kpi: string; scope: string }) => r.scope === "service" && r.kpi === "waitWeeksMean")).toHaveProperty("diff");
    expect(cmp.body.scenarioName).toBe("Trailblazer team vs Trailblazer team with casework.slotsPerDay=5");
    const svg = await request(mhst.app).get(`/api/runs/${cmp.body.id}/charts/compare.svg`).buffer(true).parse(textParser).expect(200);
    expect(svg.body).toContain("Paired comparison");
    const badCmp = await request(mhst.app).post("/api/compare").send({ a: { scenario: "trailblazer-team" }, b: { text: "name: [" }, replications: 2 }).expect(400);
    expect(badCmp.body.error).toMatch(/^b: /);

    const solve = await request(mhst.app)
      .post("/api/solve")
      .send({ scenario: "trailblazer-team", parameter: "casework.slotsPerDay", min: 3, max: 6, step: 1, target: "waitWeeksMean <= 6", replications: 3, seed: 5 })
      .expect(202);
    const solved = await waitForRun(mhst.app, solve.body.id, 60_000);
    expect(solved.status).toBe("done");
    const sr = await request(mhst.app).get(`/api/runs/${solve.body.id}/results`).expect(200);
    expect(["solved", "impossible", "unverified"]).toContain(sr.body.solve.status);
    await request(mhst.app).get(`/api/runs/${solve.body.id}/charts/solver.svg`).expect(200);
    const badTarget = await request(mhst.app).post("/api/solve").send({ scenario: "trailblazer-team", parameter: "casework.slotsPerDay", min: 2, max: 5, step: 1, target: "speed >= 3" }).expect(400);
    expect(badTarget.body.issues[0].path).toBe("target");
    const badPath = await request(mhst.app).post("/api/solve").send({ scenario: "trailblazer-team", parameter: "casework.slotz", min: 2, max: 5, step: 1, target: "waitWeeksMean <= 6" }).expect(400);
    expect(badPath.body.error).toContain("casework.slotz");
    // The grid's ends are loaded up front: a value the scenario rules refuse is a 400, not a failed run.
    const lowEnd = await request(mhst.app).post("/api/solve").send({ scenario: "trailblazer-team", parameter: "casework.slotsPerDay", min: 2, max: 5, step: 1, target: "waitWeeksMean <= 6" }).expect(400);
    expect(lowEnd.body.issues[0].path).toBe("groups.slotsPerSession");
    const badRange = await request(mhst.app).post("/api/solve").send({ scenario: "trailblazer-team", parameter: "casework.slotsPerDay", min: 5, max: 2, step: 0, target: "waitWeeksMean <= 6" }).expect(400);
    expect(badRange.body.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(["step", "min"]));
  });

  it("keeps answering /api/health while a run goes on worker threads", async () => {
    const start = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 120, seed: 9 }).expect(202);
    // Not timed: the proof is that health and status requests are answered between the run's
    // replications. A run on the request thread would block them until it ended, so no answer
    // could show it running with progress that later moves on.
    const progressWhileRunning = new Set<number>();
    for (let i = 0; i < 3000; i++) {
      const h = await request(mhst.app).get("/api/health").expect(200);
      const run = await request(mhst.app).get(`/api/runs/${start.body.id}`).expect(200);
      if (h.body.runs.running === 1 && run.body.status === "running") progressWhileRunning.add(run.body.progress.done);
      if (run.body.status !== "queued" && run.body.status !== "running") break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(progressWhileRunning.size).toBeGreaterThanOrEqual(2);
    expect(await waitForRun(mhst.app, start.body.id, 60_000)).toMatchObject({ status: "done" });
  });
});

describe("run storage", () => {
  it("marks a run failed, with the engine's message, when a replication fails", async () => {
    const data = tempDataDir();
    const failing = { experiments: async () => Promise.reject(new Error("replication 3: worker died")), close: async () => {} };
    const mhst = createApp({ dataDir: data.dir, engine: failing, log: () => {} });
    try {
      const res = await request(mhst.app).post("/api/runs").send({ text: builtinText("trailblazer-team"), replications: 4 }).expect(202);
      const run = await waitForRun(mhst.app, res.body.id);
      expect(run).toMatchObject({ status: "failed", error: "the run failed: replication 3: worker died" });
      const list = await request(mhst.app).get("/api/runs").expect(200);
      expect(list.body.runs[0].request.text).toBe("(scenario text)");
      await request(mhst.app).get(`/api/runs/${res.body.id}/charts/waitlist.svg`).expect(409);
    } finally {
      await mhst.close();
      data.remove();
    }
  });

  it("saves a result whole or not at all (failure injected inside the transaction)", async () => {
    const data = tempDataDir();
    const mhst = createApp({
      dataDir: data.dir,
      workersPerRun: 1,
      log: () => {},
      faultHook: (stage) => {
        if (stage === "kpis") throw new Error("disk full (injected)");
      },
    });
    try {
      const res = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 2 }).expect(202);
      const run = await waitForRun(mhst.app, res.body.id);
      expect(run.status).toBe("failed");
      expect(run.error).toContain("disk full (injected)");
      const db = mhst.db;
      expect(db.prepare("SELECT COUNT(*) AS n FROM run_results WHERE run_id = ?").get(res.body.id)).toEqual({ n: 0 });
      expect(db.prepare("SELECT COUNT(*) AS n FROM run_kpis WHERE run_id = ?").get(res.body.id)).toEqual({ n: 0 });
      const results = await request(mhst.app).get(`/api/runs/${res.body.id}/results`).expect(409);
      expect(results.body.error).toContain("failed");
    } finally {
      await mhst.close();
      data.remove();
    }
  });

  it("after a restart shows runs that were going as interrupted and loses nothing else", async () => {
    const data = tempDataDir();
    const first = createApp({ dataDir: data.dir, engine: gatedEngine(), queueLimit: 1, log: () => {} });
    const text = builtinText("trailblazer-team").replace("name: Trailblazer team", "name: Kept team");
    await request(first.app).post("/api/scenarios").send({ text }).expect(201);
    // One finished run (the gate opens for it), then one left running and one queued.
    const doneEngine = gatedEngine();
    doneEngine.release();
    const finished = createApp({ dataDir: data.dir, engine: doneEngine, log: () => {} });
    const ok = await request(finished.app).post("/api/runs").send({ scenario: "kept-team", replications: 2 }).expect(202);
    expect(await waitForRun(finished.app, ok.body.id)).toMatchObject({ status: "done" });
    await finished.close();
    const running = await request(first.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 2 }).expect(202);
    const queued = await request(first.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 2 }).expect(202);
    const full = await request(first.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 2 }).expect(503);
    expect(full.body.error).toContain("queue is full");
    expect(full.headers["retry-after"]).toBe("10");
    await new Promise((r) => setTimeout(r, 50));
    expect((await request(first.app).get(`/api/runs/${running.body.id}`)).body.status).toBe("running");
    // Crash: the process dies without closing anything (the file handle is dropped).
    first.queue.close();
    first.db.close();

    const second = createApp({ dataDir: data.dir, engine: gatedEngine(), log: () => {} });
    try {
      expect(second.interrupted).toBe(2);
      for (const id of [running.body.id, queued.body.id]) {
        const r = await request(second.app).get(`/api/runs/${id}`).expect(200);
        expect(r.body.status).toBe("interrupted");
        expect(r.body.error).toContain("server stopped");
      }
      const kept = await request(second.app).get(`/api/runs/${ok.body.id}/results`).expect(200);
      expect(kept.body.experiment.scenario).toBe("Kept team");
      await request(second.app).get("/api/scenarios/kept-team").expect(200);
      const file = new Database(join(data.dir, "mhst.sqlite"), { readonly: true });
      expect(file.prepare("SELECT COUNT(*) AS n FROM runs").get()).toEqual({ n: 3 });
      file.close();
    } finally {
      await second.close();
      data.remove();
    }
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function textParser(res: any, cb: (err: Error | null, body: any) => void): void {
  let text = "";
  res.on("data", (c: Buffer) => (text += c.toString()));
  res.on("end", () => cb(null, text));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function binaryParser(res: any, cb: (err: Error | null, body: any) => void): void {
  const chunks: Buffer[] = [];
  res.on("data", (c: Buffer) => chunks.push(c));
  res.on("end", () => cb(null, Buffer.concat(chunks)));
}
