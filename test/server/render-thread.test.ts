import JSZip from "jszip";
import type { Worker } from "node:worker_threads";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp, type MhstApp } from "../../server/index.js";
import { tempDataDir, waitForRun } from "./helpers.js";

/** GET `url`: status, the headers a client reads, and the body's bytes. */
async function fetched(app: MhstApp["app"], url: string) {
  const res = await request(app)
    .get(url)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on("data", (c: Buffer) => chunks.push(c));
      r.on("end", () => cb(null, Buffer.concat(chunks)));
    });
  const h = res.headers as Record<string, string | undefined>;
  const headers = Object.fromEntries(["content-type", "content-length", "content-disposition", "cache-control", "etag", "content-security-policy"].map((k) => [k, h[k]]));
  return { status: res.status, headers, body: res.body as Buffer };
}

/**
 * An Office file's parts (name → text), those of the workbooks embedded in it (a chart's data)
 * under their own name, the document properties (their creation times) left out.
 */
async function parts(file: Buffer | Uint8Array, prefix = ""): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(file);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir && n !== "docProps/core.xml").sort();
  const out = new Map<string, string>();
  for (const n of names) {
    if (n.endsWith(".xlsx")) for (const [inner, text] of await parts(await zip.file(n)!.async("uint8array"), `${prefix}${n}/`)) out.set(inner, text);
    else out.set(`${prefix}${n}`, await zip.file(n)!.async("string"));
  }
  return out;
}

/** The render thread's worker (a test reaches in to stop it as a crash would). */
const workerOf = (mhst: MhstApp): Worker => (mhst.renders as unknown as { live: { worker: Worker } }).live.worker;

const RUN = { scenario: "trailblazer-team", replications: 2, seed: 7 };
// A tiny scenario with an uncertainty block, for a one-at-a-time analysis whose chart the report adds.
const TINY = `name: Tiny
calendar: { years: 1 }
generate: { teams: 1, schoolsPerTeam: 4, pupilsPerTeam: 2400, clustersPerTeam: 2, staff: { emhp: 2, seniorClinician: 1 } }
referrals: { ratePer1000PerWeek: 3 }
uncertainty:
  - { path: casework.dnaShare, range: [0.05, 0.3] }
`;

describe("charts and reports drawn on the render thread", () => {
  const data = tempDataDir();
  /** The server as it runs: charts and reports on the render thread (each request's kind recorded as the thread begins it). */
  let thread: MhstApp;
  /** The same database with the drawing on the event loop. */
  let loop: MhstApp;
  const drawn: string[] = [];
  let runId = "";
  let analysisId = "";
  let names: string[] = [];

  beforeAll(async () => {
    thread = createApp({ dataDir: data.dir, workersPerRun: 1, log: () => {}, renderHook: (op) => void drawn.push(op) });
    const started = await request(thread.app).post("/api/runs").send(RUN).expect(202);
    runId = started.body.id;
    expect(await waitForRun(thread.app, runId, 60_000)).toMatchObject({ status: "done" });
    const analysis = await request(thread.app).post("/api/sensitivity").send({ text: TINY, method: "oat", replications: 1 }).expect(202);
    analysisId = analysis.body.id;
    for (let i = 0; i < 600; i++) {
      const a = await request(thread.app).get(`/api/sensitivity/${analysisId}`).expect(200);
      if (a.body.status === "done") break;
      expect(a.body.status).not.toBe("failed");
      await new Promise((r) => setTimeout(r, 50));
    }
    // Opened once the run is done, so that it marks nothing interrupted.
    loop = createApp({ dataDir: data.dir, renderThread: false, log: () => {} });
    names = ((await request(loop.app).get(`/api/runs/${runId}/charts`).expect(200)).body.charts as { name: string }[]).map((c) => c.name);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([thread.close(), loop.close()]);
    data.remove();
  });

  it("gives the event loop's bytes and headers: chart list, every chart's SVG, PNG, CSV and spec, report.json and report.html", async () => {
    expect(loop.renders).toBeUndefined();
    expect(names).toEqual(["waitlist", "throughput", "wait-times", "practitioner-time", "schools"]);
    const base = `/api/runs/${runId}`;
    const urls = [
      `${base}/charts`,
      ...names.flatMap((n) => ["svg", "png", "csv", "vl.json"].map((f) => `${base}/charts/${n}.${f}`)),
      `${base}/charts/waitlist.png?scale=3`,
      `${base}/charts/waitlist.svg?download`,
      `${base}/report.json`,
      `${base}/report.html`,
      `${base}/report.html?download`,
      `${base}/report.html?sensitivity=${analysisId}`,
      // A sensitivity analysis's own chart exports (the analysis is the server's, not a run's).
      ...["svg", "png", "csv", "vl.json"].map((f) => `/api/sensitivity/${analysisId}/charts/tornado.${f}`),
      `/api/sensitivity/${analysisId}/charts/tornado.png?scale=1&download`,
    ];
    drawn.splice(0);
    for (const url of urls) {
      const [a, b] = [await fetched(thread.app, url), await fetched(loop.app, url)];
      expect(a.status, url).toBe(200);
      expect(a.headers, url).toEqual(b.headers);
      expect(a.body.equals(b.body), `${url}: same bytes`).toBe(true);
    }
    // Every one of them was drawn on the thread.
    expect(drawn).toEqual(["list", ...urls.slice(1, -9).map(() => "file"), "report", "report", "report", "report", "chart", "chart", "chart", "chart", "chart"]);
    const tornado = await fetched(thread.app, `/api/sensitivity/${analysisId}/charts/tornado.png?download`);
    expect(tornado.headers["content-disposition"]).toBe('attachment; filename="sensitivity-oat-tornado.png"');
    expect(tornado.body.subarray(1, 4).toString("latin1")).toBe("PNG");
    const svg = await fetched(thread.app, `${base}/charts/waitlist.svg`);
    expect(svg.headers["content-type"]).toBe("image/svg+xml; charset=utf-8");
    expect(svg.headers["content-disposition"]).toBe('inline; filename="trailblazer-team-waitlist.svg"');
    expect(svg.body.toString("utf8")).toMatch(/^<svg role="img" aria-label="Waiting list over time, by cluster" xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const png = await fetched(thread.app, `${base}/charts/waitlist.png`);
    expect(png.headers["content-type"]).toBe("image/png");
    expect(png.body.subarray(1, 4).toString("latin1")).toBe("PNG");
    const html = (await fetched(thread.app, `${base}/report.html?sensitivity=${analysisId}`)).body.toString("utf8");
    expect(html.match(/<svg /g)).toHaveLength(names.length + 1);
    expect(html).toContain("One at a time: ");
  });

  it("gives Word and PowerPoint files whose parts match the event loop's, the document properties aside", async () => {
    for (const ext of ["docx", "pptx"]) {
      const url = `/api/runs/${runId}/report.${ext}?sensitivity=${analysisId}`;
      const [a, b] = [await fetched(thread.app, url), await fetched(loop.app, url)];
      expect(a.status).toBe(200);
      expect({ ...a.headers, "content-length": undefined, etag: undefined }).toEqual({ ...b.headers, "content-length": undefined, etag: undefined });
      expect(a.headers["content-disposition"]).toBe(`attachment; filename="mhst-report-${runId}.${ext}"`);
      const [pa, pb] = [await parts(a.body), await parts(b.body)];
      expect([...pa.keys()]).toEqual([...pb.keys()]);
      expect(pa.size).toBeGreaterThan(5);
      for (const [name, text] of pa) expect(text, `${ext} ${name}`).toBe(pb.get(name));
    }
  });

  it("answers with the event loop's statuses and messages: unknown chart 404, bad file 404, bad scale 400, unknown run 404, run not done 409", async () => {
    const queued = thread.runs.create({ id: "not-done", kind: "run", scenarioName: "Queued", request: RUN, total: 2 });
    const cases: [string, number][] = [
      [`/api/runs/${runId}/charts/nope.svg`, 404],
      [`/api/runs/${runId}/charts/waitlist.gif`, 404],
      [`/api/runs/${runId}/charts/waitlist.png?scale=0.0001`, 400],
      ["/api/runs/unknown/charts", 404],
      ["/api/runs/unknown/report.html", 404],
      [`/api/runs/${queued.id}/charts`, 409],
      [`/api/runs/${queued.id}/charts/waitlist.svg`, 409],
      [`/api/runs/${queued.id}/report.html?sensitivity=nope`, 409],
      [`/api/runs/${queued.id}/report.docx`, 409],
      [`/api/runs/${runId}/report.html?sensitivity=nope`, 404],
      [`/api/runs/${runId}/report.pptx?sensitivity=nope`, 404],
    ];
    for (const [url, status] of cases) {
      const [a, b] = await Promise.all([request(thread.app).get(url), request(loop.app).get(url)]);
      expect(a.status, url).toBe(status);
      expect(a.headers["content-type"], url).toMatch(/^application\/json/);
      expect(a.body, url).toEqual(b.body);
      expect(b.status, url).toBe(status);
    }
    expect((await request(thread.app).get(`/api/runs/${runId}/charts/nope.svg`)).body.error).toBe('chart: "nope" is not a chart of this run (charts: waitlist, throughput, wait-times, practitioner-time, schools)');
    expect((await request(thread.app).get(`/api/runs/${runId}/charts/waitlist.png?scale=0.0001`)).body.error).toBe('scale: "0.0001" must be a number from 1 to 4');
    expect((await request(thread.app).get(`/api/runs/${queued.id}/charts`)).body.error).toBe("run not-done is queued: results exist only when its status is done");
  });

  it("makes the thread forget a deleted run", async () => {
    const started = await request(thread.app).post("/api/runs").send({ ...RUN, seed: 8 }).expect(202);
    const id = started.body.id as string;
    expect(await waitForRun(thread.app, id, 60_000)).toMatchObject({ status: "done" });
    await request(thread.app).get(`/api/runs/${id}/charts/waitlist.svg`).expect(200);
    const forget = vi.spyOn(thread.renders!, "forget");
    await request(thread.app).delete(`/api/runs/${id}`).expect(204);
    expect(forget).toHaveBeenCalledWith(id);
    forget.mockRestore();
    await request(thread.app).get(`/api/runs/${id}/charts`).expect(404);
  });
});

describe("the render thread holds no request up", () => {
  const data = tempDataDir();
  let mhst: MhstApp;
  let runId = "";
  /** Set by a test: the hook waits for it as the thread begins a request. */
  let gate: Promise<void> | undefined;
  let reached: () => void = () => {};

  beforeAll(async () => {
    mhst = createApp({ dataDir: data.dir, workersPerRun: 1, log: () => {}, renderHook: () => (reached(), gate), renderQueueLimit: 2 });
    const started = await request(mhst.app).post("/api/runs").send(RUN).expect(202);
    runId = started.body.id;
    expect(await waitForRun(mhst.app, runId, 60_000)).toMatchObject({ status: "done" });
  }, 120_000);
  afterAll(async () => {
    await mhst.close();
    data.remove();
  });

  /** Holds the thread at the start of its next request: resolves once it is there; `release` lets it go on. */
  function hold(): { there: Promise<void>; release: () => void } {
    let release: () => void = () => {};
    gate = new Promise<void>((r) => (release = r));
    const there = new Promise<void>((r) => (reached = r));
    return { there, release: () => ((gate = undefined), release()) };
  }

  it("answers /api/health while the thread draws a report", async () => {
    const held = hold();
    let answered = false;
    const report = request(mhst.app).get(`/api/runs/${runId}/report.html`).then((r) => ((answered = true), r));
    await held.there;
    const health = await request(mhst.app).get("/api/health").expect(200);
    expect(health.body.status).toBe("ok");
    await request(mhst.app).get(`/api/runs/${runId}`).expect(200);
    expect(answered).toBe(false);
    held.release();
    const res = await report;
    expect(res.status).toBe(200);
    expect(res.text).toContain("<svg ");
  });

  it("refuses a request beyond RENDER_QUEUE_LIMIT with a 503 and Retry-After, and takes requests again once one is answered", async () => {
    const held = hold();
    const first = request(mhst.app).get(`/api/runs/${runId}/charts/waitlist.csv`).then((r) => r);
    await held.there;
    const second = request(mhst.app).get(`/api/runs/${runId}/charts/throughput.csv`).then((r) => r);
    // The second is posted (the thread is held at the first), the third finds two waiting.
    await vi.waitFor(() => expect(mhst.renders!.waiting).toBe(2));
    const third = await request(mhst.app).get(`/api/runs/${runId}/charts/wait-times.csv`);
    expect(third.status).toBe(503);
    expect(third.headers["retry-after"]).toBe("5");
    expect(third.headers["content-type"]).toMatch(/^application\/json/);
    expect(third.body).toEqual({ error: "the chart thread is busy (2 charts or reports being drawn, limit 2): try again shortly" });
    held.release();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(mhst.renders!.waiting).toBe(0);
    await request(mhst.app).get(`/api/runs/${runId}/charts/wait-times.csv`).expect(200);
  });

  it("answers a request whose thread stopped with a one-line 503, and the next request on a new thread", async () => {
    await request(mhst.app).get(`/api/runs/${runId}/charts`).expect(200);
    const first = workerOf(mhst);
    const held = hold();
    const pending = request(mhst.app).get(`/api/runs/${runId}/charts/throughput.svg`).then((r) => r);
    await held.there;
    await first.terminate();
    held.release();
    const res = await pending;
    expect(res.status).toBe(503);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.body).toEqual({ error: "the chart thread stopped while drawing this (exit code 1): try again" });
    const again = await fetched(mhst.app, `/api/runs/${runId}/charts/throughput.svg`);
    expect(again.status).toBe(200);
    expect(again.body.toString("utf8")).toMatch(/^<svg /);
    expect(workerOf(mhst)).not.toBe(first);
    expect(mhst.renders!.started).toBe(true);
  });
});
